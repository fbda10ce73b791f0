"""Signing a report PDF (PAdES) with the organisasi's key, and checking a signed PDF.

Keys
    Each organisasi's ``KonfigurasiTandaTangan`` names files on disk: an encrypted PKCS#12
    (``.p12``/``.pfx``, as a certificate authority such as BSrE or a PSrE issues it, usually
    with its chain inside) or an encrypted PEM/DER private key plus its certificate, and
    optionally a chain file (PEM/DER, intermediates and root) and an RFC 3161 timestamp server.
    The key's passphrase comes from a file (``berkas_sandi``) or an environment variable
    (``variabel_sandi``); neither the key nor the passphrase is ever stored in the database.
    Relative paths are taken relative to ``settings.TANDA_TANGAN_DIR``. ``buat_sertifikat_demo``
    writes a self-signed certificate for demos; a real certificate is configured in the admin
    the same way, without code changes.

Signing
    ``tandatangani`` adds one invisible signature field ``TandaTanganKepalaDinas`` as an
    incremental update: PAdES baseline (SubFilter ETSI.CAdES.detached), SHA-256, with a
    signature timestamp (PAdES B-T) when the configuration names a TSA. A certificate that is
    expired, not yet valid, not matching the key or not meant for signing is refused when it
    is loaded (``muat_penanda``).

Checking (the trust rule)
    ``periksa_tanda_tangan`` accepts a PDF only if all of these hold:

    1. it contains exactly one signature (a second signature or a document timestamp is
       refused), of type /Sig;
    2. the signature covers the entire file: its /ByteRange starts at 0, skips exactly the
       /Contents string and ends at the end of the file, and the bytes of /Contents after the
       CMS structure are all zero padding. Anything appended after signing (an incremental
       update, an annotation, a second signature, trailing bytes) is refused;
    3. the CMS signature is intact (the digest matches the signed bytes) and cryptographically
       valid, and an embedded signature timestamp, if any, is intact and valid;
    4. the signing certificate is one we trust: its SHA-256 fingerprint (``sidik``, over the
       certificate's DER) is that of a certificate in ``sertifikat_dipercaya``. For a
       published report that is the ``sertifikat_sidik`` stored with the version at signing
       time (``laporan.verifikasi``): the certificate is pinned per version, so renewing or
       replacing the organisasi's certificate never invalidates older versions;
    5. the certificate was valid (not before/not after) at the moment of signing (``waktu``:
       the time recorded with the version; otherwise the signature timestamp's time, otherwise
       the signing time the signature itself claims) and allows signing (key usage
       digitalSignature or nonRepudiation);
    6. additionally, when chain certificates are given (``akar``: the organisasi's
       ``berkas_rantai``) and the signing certificate is issued by a CA (not self-signed),
       its certificate path must validate to one of them at that moment. A self-signed (demo)
       certificate is trusted by its pin alone, so versions signed with the demo certificate
       still verify after the organisasi switches to a real CA.

    Revocation (CRL/OCSP) is not fetched: checking never goes to the network. The timestamp
    token is checked for integrity, not for its TSA's chain of trust.

Timings (RSA 3072 demo key, 98 KB PDF, best of 3 on the development machine): signing about
26 ms (without TSA), checking about 20 ms. Loading the key (``muat_penanda``) validates the RSA
key once (about 0.2 s); the signer keeps the loaded key, so signing does not parse it again.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import os
import secrets
import stat
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asn1crypto import parser as asn1_parser
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import timezone
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from dasar.tampilan import format_waktu_wib as teks_waktu
from laporan.models import FormatKunci, KonfigurasiTandaTangan

if TYPE_CHECKING:
    from organisasi.models import Organisasi

logger = logging.getLogger(__name__)

NAMA_FIELD = "TandaTanganKepalaDinas"
BERKAS_P12 = "kepala-dinas.p12"
BERKAS_SANDI = "kepala-dinas.sandi"
BERKAS_SERTIFIKAT = "kepala-dinas.crt"
# A signing certificate must allow one of these (RFC 5280 key usage names).
PENGGUNAAN_KUNCI = {"digital_signature", "non_repudiation"}
BATAS_WAKTU_TSA = 15  # seconds
_TOLERANSI_WAKTU = timedelta(seconds=1)


class TandaTanganError(Exception):
    """Signing cannot proceed; the message (Indonesian) names the file or setting at fault."""


class TandaTanganBelumDiatur(TandaTanganError):
    """The organisasi has no signing configuration yet."""


@dataclass(frozen=True)
class Penanda:
    """A loaded signing key with its certificate, ready for ``tandatangani``."""

    signer: signers.Signer
    subjek: str
    sidik: str
    url_tsa: str
    gambar: bytes | None
    sertifikat: asn1_x509.Certificate

    @property
    def berlaku_sampai(self) -> datetime:
        return self.sertifikat.not_valid_after


@dataclass(frozen=True)
class HasilPeriksa:
    """The outcome of ``periksa_tanda_tangan``."""

    sah: bool
    pesan: str
    penanda: str = ""
    sidik: str = ""
    waktu_tanda_tangan: datetime | None = None
    jumlah_tanda_tangan: int = 0
    # The single signature is intact, valid and covers the whole file (trust aside).
    utuh: bool = False


# --- helpers ---------------------------------------------------------------------------------


def sidik_sertifikat(sertifikat: asn1_x509.Certificate | x509.Certificate | bytes) -> str:
    """SHA-256 (hex) of the certificate's DER encoding."""
    if isinstance(sertifikat, x509.Certificate):
        der = sertifikat.public_bytes(serialization.Encoding.DER)
    elif isinstance(sertifikat, bytes | bytearray | memoryview):
        der = bytes(sertifikat)
    else:
        der = sertifikat.dump()
    return hashlib.sha256(der).hexdigest()


def subjek_sertifikat(sertifikat: asn1_x509.Certificate) -> str:
    """Human-readable subject: common name and organisation, e.g. "Kepala Dinas, Dinas Sosial"."""
    nama = sertifikat.subject.native
    bagian = [nama.get("common_name"), nama.get("organization_name")]
    bagian = [b if isinstance(b, str) else ", ".join(b) for b in bagian if b]
    return ", ".join(bagian) or sertifikat.subject.human_friendly


def _jalur(teks: str) -> Path:
    jalur = Path(teks).expanduser()
    return jalur if jalur.is_absolute() else Path(settings.TANDA_TANGAN_DIR) / jalur


def _baca(teks: str, apa: str) -> bytes:
    jalur = _jalur(teks)
    try:
        return jalur.read_bytes()
    except FileNotFoundError:
        raise TandaTanganError(f"Berkas {apa} tidak ditemukan: {jalur}.") from None
    except IsADirectoryError:
        raise TandaTanganError(f"Berkas {apa} {jalur} adalah direktori, bukan berkas.") from None
    except OSError as exc:
        raise TandaTanganError(
            f"Berkas {apa} {jalur} tidak dapat dibaca: {exc.strerror or exc}."
        ) from None


def _sandi(konfigurasi: KonfigurasiTandaTangan) -> bytes:
    if konfigurasi.berkas_sandi:
        jalur = _jalur(konfigurasi.berkas_sandi)
        isi = _baca(konfigurasi.berkas_sandi, "sandi kunci").rstrip(b"\r\n")
        if not isi:
            raise TandaTanganError(f"Berkas sandi kunci {jalur} kosong.")
        try:
            if jalur.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                logger.warning("Berkas sandi %s dapat dibaca pengguna lain; ubah ke 0600.", jalur)
        except OSError:
            pass
        return isi
    if konfigurasi.variabel_sandi:
        nilai = os.environ.get(konfigurasi.variabel_sandi)
        if not nilai:
            raise TandaTanganError(
                f"Variabel lingkungan {konfigurasi.variabel_sandi} (sandi kunci) belum diisi "
                "pada server."
            )
        return nilai.encode("utf-8")
    raise TandaTanganError(
        "Sandi kunci belum diatur: isi 'berkas sandi kunci' atau 'variabel lingkungan sandi' "
        f"pada konfigurasi tanda tangan {konfigurasi.organisasi}."
    )


def _muat_sertifikat_data(data: bytes, apa: str, jalur: str) -> list[x509.Certificate]:
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise TandaTanganError(
            f"Berkas {apa} {_jalur(jalur)} bukan sertifikat X.509 (PEM atau DER) yang sah."
        ) from None


def _muat_kunci_pem(data: bytes, sandi: bytes, jalur: str):
    lokasi = _jalur(jalur)
    try:
        if b"-----BEGIN" in data:
            return serialization.load_pem_private_key(data, sandi)
        return serialization.load_der_private_key(data, sandi)
    except TypeError:
        # cryptography: "Password was given but private key is not encrypted".
        raise TandaTanganError(
            f"Kunci privat {lokasi} tidak terenkripsi. Simpan kunci dalam bentuk terenkripsi "
            "(mis. openssl pkcs8 -topk8 -v2 aes-256-cbc) dan atur sandinya."
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise TandaTanganError(
            f"Sandi kunci salah, atau berkas {lokasi} bukan kunci privat PEM/DER yang sah."
        ) from None


def _publik_sama(kunci, sertifikat: x509.Certificate) -> bool:
    def der(publik) -> bytes:
        return publik.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    return der(kunci.public_key()) == der(sertifikat.public_key())


def _periksa_sertifikat(sertifikat: x509.Certificate, sekarang: datetime) -> None:
    mulai, akhir = sertifikat.not_valid_before_utc, sertifikat.not_valid_after_utc
    if sekarang < mulai:
        raise TandaTanganError(
            f"Sertifikat penanda tangan belum berlaku: berlaku mulai {teks_waktu(mulai)}."
        )
    if sekarang > akhir:
        raise TandaTanganError(
            f"Sertifikat penanda tangan sudah kedaluwarsa pada {teks_waktu(akhir)}; "
            "perpanjang sertifikat dan perbarui konfigurasi tanda tangan."
        )
    try:
        penggunaan = sertifikat.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (penggunaan.digital_signature or penggunaan.content_commitment):
        raise TandaTanganError(
            "Sertifikat tidak diterbitkan untuk tanda tangan (key usage tanpa digitalSignature "
            "atau nonRepudiation)."
        )


class _SignerLokal(signers.SimpleSigner):
    """SimpleSigner that keeps the loaded key object: pyHanko's SimpleSigner re-parses the key
    for every signature, which for RSA repeats the key validation (~0.2 s each, twice per PDF)."""

    def __init__(self, *, kunci, **kwargs):
        super().__init__(**kwargs)
        self._kunci = kunci

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mekanisme = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algoritma = mekanisme.signature_algo
        except ValueError:
            algoritma = mekanisme["algorithm"].native
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if algoritma == "rsassa_pkcs1v15" and isinstance(self._kunci, rsa.RSAPrivateKey):
            return self._kunci.sign(data, PKCS1v15(), hash_algo)
        if algoritma == "ecdsa" and isinstance(self._kunci, ec.EllipticCurvePrivateKey):
            return self._kunci.sign(data, ec.ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)


# --- loading ---------------------------------------------------------------------------------


def konfigurasi_untuk(organisasi: Organisasi) -> KonfigurasiTandaTangan:
    konfigurasi = KonfigurasiTandaTangan.objects.filter(organisasi=organisasi).first()
    if konfigurasi is None:
        raise TandaTanganBelumDiatur(
            f"Tanda tangan elektronik untuk {organisasi} belum diatur. Jalankan "
            f"`python manage.py sertifikat_demo --organisasi {organisasi.slug}` (sertifikat "
            "demo) atau isi Konfigurasi tanda tangan di halaman Admin."
        )
    return konfigurasi


def rantai_dipercaya(organisasi: Organisasi) -> list[asn1_x509.Certificate]:
    """The certificates of the organisasi's ``berkas_rantai`` (empty when none is set)."""
    konfigurasi = KonfigurasiTandaTangan.objects.filter(organisasi=organisasi).first()
    return _rantai(konfigurasi) if konfigurasi is not None else []


def _rantai(konfigurasi: KonfigurasiTandaTangan) -> list[asn1_x509.Certificate]:
    if not konfigurasi.berkas_rantai:
        return []
    data = _baca(konfigurasi.berkas_rantai, "rantai sertifikat")
    rantai = _muat_sertifikat_data(data, "rantai sertifikat", konfigurasi.berkas_rantai)
    return [translate_pyca_cryptography_cert_to_asn1(s) for s in rantai]


@functools.lru_cache(maxsize=16)
def _buka_pkcs12(data: bytes, sandi: bytes):
    """The decrypted PKCS#12 (its key derivation costs ~150 ms a time), kept per worker keyed by
    the file's bytes and the passphrase themselves: a changed key file or passphrase is a new
    key, so what is kept can never differ from a fresh load. Failures are not kept."""
    return pkcs12.load_pkcs12(data, sandi)


def muat_penanda(organisasi: Organisasi) -> Penanda:
    """Load the organisasi's key and certificate; raise ``TandaTanganError`` with what is wrong."""
    konfigurasi = konfigurasi_untuk(organisasi)
    sandi = _sandi(konfigurasi)
    lain: list[x509.Certificate] = []
    if konfigurasi.format == FormatKunci.PKCS12:
        if not konfigurasi.berkas_pkcs12:
            raise TandaTanganError(
                f"Berkas PKCS#12 belum diisi pada konfigurasi tanda tangan {organisasi}."
            )
        data = _baca(konfigurasi.berkas_pkcs12, "PKCS#12")
        try:
            isi = _buka_pkcs12(data, sandi)
        except (ValueError, UnsupportedAlgorithm):
            raise TandaTanganError(
                "Sandi kunci salah, atau berkas "
                f"{_jalur(konfigurasi.berkas_pkcs12)} bukan PKCS#12 yang sah."
            ) from None
        if isi.key is None or isi.cert is None:
            raise TandaTanganError(
                f"Berkas PKCS#12 {_jalur(konfigurasi.berkas_pkcs12)} tidak memuat kunci privat "
                "beserta sertifikatnya."
            )
        kunci, sertifikat = isi.key, isi.cert.certificate
        lain = [c.certificate for c in isi.additional_certs]
    elif konfigurasi.format == FormatKunci.PEM:
        if not konfigurasi.berkas_kunci or not konfigurasi.berkas_sertifikat:
            raise TandaTanganError(
                "Format PEM memerlukan 'berkas kunci privat' dan 'berkas sertifikat' pada "
                f"konfigurasi tanda tangan {organisasi}."
            )
        kunci = _muat_kunci_pem(
            _baca(konfigurasi.berkas_kunci, "kunci privat"), sandi, konfigurasi.berkas_kunci
        )
        sertifikat, *lain = _muat_sertifikat_data(
            _baca(konfigurasi.berkas_sertifikat, "sertifikat"),
            "sertifikat",
            konfigurasi.berkas_sertifikat,
        )
    else:
        raise TandaTanganError(f"Format kunci '{konfigurasi.format}' tidak dikenal.")

    if not isinstance(kunci, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise TandaTanganError("Jenis kunci tidak didukung; gunakan kunci RSA atau EC (ECDSA).")
    if not _publik_sama(kunci, sertifikat):
        raise TandaTanganError(
            "Kunci privat tidak cocok dengan sertifikat: keduanya bukan pasangan. Periksa "
            "berkas kunci dan sertifikat pada konfigurasi tanda tangan."
        )
    _periksa_sertifikat(sertifikat, timezone.now())

    sertifikat_asn1 = translate_pyca_cryptography_cert_to_asn1(sertifikat)
    # The chain certificates travel inside each signature, so a reader can build the path.
    akar = _rantai(konfigurasi)
    lain_asn1 = [translate_pyca_cryptography_cert_to_asn1(c) for c in lain] + akar
    if akar and not sertifikat_asn1.self_issued:
        _periksa_rantai(sertifikat_asn1, lain_asn1, akar, timezone.now())

    gambar = None
    if konfigurasi.gambar_tanda_tangan:
        gambar = _baca(konfigurasi.gambar_tanda_tangan, "gambar tanda tangan")
        if not gambar.startswith(b"\x89PNG\r\n\x1a\n"):
            raise TandaTanganError(
                f"Berkas gambar tanda tangan {_jalur(konfigurasi.gambar_tanda_tangan)} bukan PNG."
            )

    registri = SimpleCertificateStore()
    registri.register_multiple(c for c in lain_asn1 if c.sha256 != sertifikat_asn1.sha256)
    signer = _SignerLokal(
        kunci=kunci,
        signing_cert=sertifikat_asn1,
        signing_key=translate_pyca_cryptography_key_to_asn1(kunci),
        cert_registry=registri,
    )
    return Penanda(
        signer=signer,
        subjek=subjek_sertifikat(sertifikat_asn1),
        sidik=sidik_sertifikat(sertifikat_asn1),
        url_tsa=konfigurasi.url_tsa,
        gambar=gambar,
        sertifikat=sertifikat_asn1,
    )


def _jalankan(buat_coroutine):
    """Run one of pyHanko's coroutines to completion. pyHanko's synchronous wrappers call
    ``asyncio.run``, which refuses a thread that already runs an event loop (an ASGI worker,
    Playwright's sync API in the browser tests); there it runs in a short-lived thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(buat_coroutine())
    hasil: dict = {}

    def kerja() -> None:
        try:
            hasil["nilai"] = asyncio.run(buat_coroutine())
        except BaseException as exc:  # handed back to the caller's thread
            hasil["galat"] = exc

    lain = threading.Thread(target=kerja, name="pyhanko")
    lain.start()
    lain.join()
    if "galat" in hasil:
        raise hasil["galat"]
    return hasil["nilai"]


def _periksa_rantai(sertifikat, lain, akar, waktu: datetime) -> None:
    konteks = ValidationContext(
        trust_roots=akar, other_certs=lain, allow_fetching=False, moment=waktu
    )
    try:
        _jalankan(lambda: CertificateValidator(sertifikat, lain, konteks).async_validate_path())
    except Exception as exc:
        raise TandaTanganError(
            "Sertifikat penanda tangan tidak dapat divalidasi ke rantai sertifikat yang diatur "
            f"(berkas rantai): {exc}"
        ) from None


# --- signing ---------------------------------------------------------------------------------


def tandatangani(pdf: bytes, penanda: Penanda, *, nama: str, lokasi: str, alasan: str) -> bytes:
    """Sign ``pdf`` (PAdES, SHA-256, invisible field, TSA timestamp if configured)."""
    meta = signers.PdfSignatureMetadata(
        field_name=NAMA_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=alasan,
        location=lokasi,
        name=nama,
    )
    timestamper = (
        HTTPTimeStamper(penanda.url_tsa, timeout=BATAS_WAKTU_TSA) if penanda.url_tsa else None
    )
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf))
        if writer.prev.embedded_signatures:
            raise TandaTanganError("PDF ini sudah memuat tanda tangan; tidak ditandatangani lagi.")
    except TandaTanganError:
        raise
    except Exception as exc:
        raise TandaTanganError(f"PDF yang akan ditandatangani tidak dapat dibaca: {exc}") from exc
    pdf_signer = signers.PdfSigner(meta, signer=penanda.signer, timestamper=timestamper)
    # Without a TSA the signature's size is known well enough to reserve room for it directly;
    # pyHanko's own estimate builds the whole CMS structure a second time (half the time).
    cadangan = None if timestamper else 2 * (_ukuran_sertifikat(penanda) + 4096)
    try:
        keluaran = _jalankan(
            lambda: pdf_signer.async_sign_pdf(writer, bytes_reserved=cadangan, output=BytesIO())
        )
    except Exception as exc:
        if timestamper is not None and _dari_tsa(exc):
            raise TandaTanganError(
                f"Server cap waktu (TSA) {penanda.url_tsa} tidak dapat dihubungi atau menolak "
                f"permintaan: {exc}"
            ) from exc
        raise TandaTanganError(f"Penandatanganan PDF gagal: {exc}") from exc
    return keluaran.getvalue()


def _ukuran_sertifikat(penanda: Penanda) -> int:
    registri = getattr(penanda.signer, "cert_registry", None) or []
    return len(penanda.sertifikat.dump()) + sum(len(c.dump()) for c in registri)


def _dari_tsa(exc: BaseException) -> bool:
    from pyhanko.sign.timestamps import TimestampRequestError

    while exc is not None:
        if isinstance(exc, TimestampRequestError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


# --- checking --------------------------------------------------------------------------------


def _gagal(pesan: str, **lain: Any) -> HasilPeriksa:
    return HasilPeriksa(sah=False, pesan=pesan, **lain)


def periksa_tanda_tangan(
    pdf: bytes,
    *,
    sertifikat_dipercaya: list,
    akar: list | None = None,
    waktu: datetime | None = None,
) -> HasilPeriksa:
    """Check ``pdf`` by the rule in the module docstring. Never raises on bad input.

    ``sertifikat_dipercaya``: the signing certificates we trust, as asn1crypto or
    cryptography certificates, DER bytes, or their SHA-256 sidik (hex str).
    ``akar``: CA certificates a CA-issued signing certificate must chain to (optional).
    ``waktu``: the moment the certificate must have been valid (default: signing time).
    """
    try:
        return _periksa(pdf, sertifikat_dipercaya, akar or [], waktu)
    except Exception:
        logger.warning("Pemeriksaan tanda tangan gagal dengan galat tak terduga", exc_info=True)
        return _gagal("Tanda tangan digital tidak dapat diperiksa: struktur berkasnya rusak.")


def _sidik_dipercaya(daftar) -> set[str]:
    hasil = set()
    for item in daftar:
        hasil.add(item.lower() if isinstance(item, str) else sidik_sertifikat(item))
    return hasil


def _panjang_der(data: bytes) -> int:
    _, _, _, header, isi, trailer = asn1_parser.parse(data)
    return len(header) + len(isi) + len(trailer)


def _struktur_rapi(data: bytes, kedalaman: int = 0) -> bool:
    """Every constructed element holds exactly its children: definite lengths, no
    end-of-contents markers. Without this, raising the outer length of the CMS structure by a
    few bytes swallows zero padding and still parses to the same, valid signature."""
    if kedalaman > 40:
        return False
    posisi = 0
    while posisi < len(data):
        kelas, metode, tag, header, isi, trailer = asn1_parser.parse(data[posisi:])
        if trailer or (kelas == 0 and tag == 0):
            return False
        if metode == 1 and not _struktur_rapi(isi, kedalaman + 1):
            return False
        posisi += len(header) + len(isi)
    return True


def _sertifikat_token(signer_info) -> list[asn1_x509.Certificate]:
    """Certificates inside the signature timestamp token, if any."""
    atribut = signer_info["unsigned_attrs"]
    if not atribut:
        return []
    hasil = []
    for attr in atribut:
        if attr["type"].native != "signature_time_stamp_token":
            continue
        for token in attr["values"]:
            daftar = token["content"]["certificates"] or []
            hasil += [c.chosen for c in daftar if c.name == "certificate"]
    return hasil


def _periksa(pdf, sertifikat_dipercaya, akar, waktu) -> HasilPeriksa:
    if not isinstance(pdf, bytes | bytearray | memoryview):
        return _gagal("Berkas ini bukan PDF.")
    pdf = bytes(pdf)
    if b"%PDF-" not in pdf[:1024]:
        return _gagal("Berkas ini bukan PDF.")
    try:
        reader = PdfFileReader(BytesIO(pdf))
        if reader.encrypted:
            return _gagal("Berkas PDF ini terenkripsi; dokumen asli tidak terenkripsi.")
        reader.root  # noqa: B018 - the document catalog must be readable
    except Exception:
        return _gagal("Berkas PDF ini rusak atau tidak lengkap sehingga tidak dapat dibaca.")
    try:
        tanda_tangan = reader.embedded_signatures
    except Exception:
        return _gagal("Tanda tangan digital di dalam berkas ini rusak atau tidak dapat dibaca.")
    jumlah = len(tanda_tangan)
    if jumlah == 0:
        return _gagal("Berkas ini tidak memuat tanda tangan digital.")
    if jumlah > 1:
        return _gagal(
            f"Berkas ini memuat {jumlah} tanda tangan digital atau cap waktu; dokumen asli hanya "
            "memuat satu tanda tangan. Ada yang ditambahkan setelah ditandatangani.",
            jumlah_tanda_tangan=jumlah,
        )
    sig = tanda_tangan[0]
    info = {"jumlah_tanda_tangan": 1}
    try:
        sertifikat = sig.signer_cert
        info["sidik"] = sidik_sertifikat(sertifikat)
        info["penanda"] = subjek_sertifikat(sertifikat)
    except Exception:
        return _gagal(
            "Tanda tangan digital rusak: sertifikat penanda tangan tidak terbaca.", **info
        )
    if sig.sig_object_type != "/Sig":
        return _gagal("Satu-satunya tanda tangan di berkas ini bukan tanda tangan dokumen.", **info)

    # The signature must cover the whole file: nothing appended, nothing outside the range.
    rentang = [int(x) for x in sig.byte_range]
    isi = sig.pkcs7_content
    panjang_isi = len(isi) * 2 + 2
    if len(rentang) != 4 or rentang[0] != 0 or rentang[1] <= 0:
        return _gagal("Rentang byte tanda tangan tidak wajar; berkas telah diubah.", **info)
    _, a, b, c = rentang
    if b + c < len(pdf):
        return _gagal(
            "Ada perubahan yang ditambahkan ke berkas setelah ditandatangani (pembaruan "
            "inkremental atau data tambahan); tanda tangan tidak mencakup seluruh berkas.",
            **info,
        )
    if (
        b != a + panjang_isi
        or b + c != len(pdf)
        or pdf[a : a + 1] != b"<"
        or pdf[b - 1 : b] != b">"
    ):
        return _gagal("Rentang byte tanda tangan tidak wajar; berkas telah diubah.", **info)
    try:
        panjang_der = _panjang_der(isi)
        rapi = _struktur_rapi(isi[:panjang_der])
    except Exception:
        return _gagal("Isi tanda tangan digital rusak.", **info)
    if any(isi[panjang_der:]) or not rapi:
        return _gagal("Isi tanda tangan digital telah diubah (data di luar struktur CMS).", **info)

    dipercaya = _sidik_dipercaya(sertifikat_dipercaya)
    swatanda = bool(sertifikat.self_issued)
    momen = waktu or sig.self_reported_timestamp or timezone.now()
    lain = list(sig.other_embedded_certs)
    akar_dipakai = list(akar) if akar and not swatanda else [sertifikat]
    konteks = ValidationContext(
        trust_roots=akar_dipakai,
        other_certs=lain + list(akar),
        allow_fetching=False,
        moment=momen,
    )
    token = _sertifikat_token(sig.signer_info)
    # The timestamp is checked for integrity only (see the module docstring): its own
    # certificates serve as anchors so that path building does not fail noisily.
    konteks_ts = ValidationContext(
        trust_roots=(token + list(akar)) or [sertifikat], allow_fetching=False
    )
    status = _jalankan(
        lambda: async_validate_pdf_signature(
            sig,
            signer_validation_context=konteks,
            ts_validation_context=konteks_ts,
            key_usage_settings=KeyUsageConstraints(key_usage=PENGGUNAAN_KUNCI),
            skip_diff=True,
        )
    )
    ts = status.timestamp_validity
    if ts is not None and ts.intact and ts.valid:
        info["waktu_tanda_tangan"] = ts.timestamp
    else:
        info["waktu_tanda_tangan"] = status.signer_reported_dt

    if not status.intact:
        return _gagal(
            "Isi berkas telah berubah setelah ditandatangani: tanda tangan digital tidak cocok "
            "dengan isinya.",
            **info,
        )
    if not status.valid:
        return _gagal("Tanda tangan digital tidak sah secara kriptografis.", **info)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return _gagal("Tanda tangan tidak mencakup seluruh berkas.", **info)
    if ts is not None and not (ts.intact and ts.valid):
        return _gagal("Cap waktu (timestamp) pada tanda tangan rusak atau tidak sah.", **info)
    info["utuh"] = True

    if info["sidik"] not in dipercaya:
        return _gagal(
            "Tanda tangan digital utuh, tetapi dibuat dengan sertifikat yang bukan sertifikat "
            f"penanda tangan yang tercatat (sidik {info['sidik']}).",
            **info,
        )
    saat = info["waktu_tanda_tangan"] if ts is not None and ts.intact and ts.valid else momen
    mulai, akhir = sertifikat.not_valid_before, sertifikat.not_valid_after
    if saat < mulai - _TOLERANSI_WAKTU or saat > akhir + _TOLERANSI_WAKTU:
        return _gagal(
            "Sertifikat penanda tangan tidak berlaku pada waktu penandatanganan "
            f"({teks_waktu(saat)}; sertifikat berlaku {teks_waktu(mulai)} sampai "
            f"{teks_waktu(akhir)}).",
            **info,
        )
    if not status.trusted:
        if akar and not swatanda:
            pesan = (
                "Sertifikat penanda tangan tidak dapat divalidasi ke rantai sertifikat "
                "penyelenggara yang dipercaya."
            )
        else:
            pesan = "Sertifikat penanda tangan tidak diterbitkan untuk tanda tangan dokumen."
        return _gagal(pesan, **info)
    return HasilPeriksa(
        sah=True,
        pesan=(
            "Tanda tangan digital sah: utuh, mencakup seluruh berkas, dan dibuat dengan "
            "sertifikat yang dipercaya."
        ),
        **info,
    )


# --- demo certificate ------------------------------------------------------------------------


def _direktori_aman(jalur: Path) -> None:
    jalur.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(jalur, 0o700)


def _tulis_rahasia(jalur: Path, data: bytes) -> None:
    fd = os.open(jalur, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, data)
    finally:
        os.close(fd)


def _arsipkan(jalur: Path, cap: str) -> None:
    """Rename an existing file to <stem>-<timestamp><suffix> (never overwrite, never delete)."""
    if not jalur.exists():
        return
    tujuan = jalur.with_name(f"{jalur.stem}-{cap}{jalur.suffix}")
    nomor = 2
    while tujuan.exists():
        tujuan = jalur.with_name(f"{jalur.stem}-{cap}-{nomor}{jalur.suffix}")
        nomor += 1
    jalur.rename(tujuan)


def buat_sertifikat_demo(
    organisasi: Organisasi, *, direktori: Path | None = None, hari: int = 3650
) -> KonfigurasiTandaTangan:
    """A self-signed demo certificate (RSA 3072) for the Kepala Dinas, stored as an encrypted
    PKCS#12 with a random passphrase file, and the organisasi's configuration pointing at them.
    Earlier files are kept, renamed with a timestamp suffix."""
    if hari < 1:
        raise TandaTanganError("Masa berlaku sertifikat minimal 1 hari.")
    dasar = Path(direktori or settings.TANDA_TANGAN_DIR).expanduser().resolve()
    folder = dasar / organisasi.slug
    _direktori_aman(dasar)
    _direktori_aman(folder)

    kunci = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    nama_kepala = organisasi.kepala_nama or f"Kepala {organisasi.nama}"
    subjek = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, nama_kepala[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisasi.nama[:64]),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    sekarang = datetime.now(UTC).replace(microsecond=0)
    publik = kunci.public_key()
    sertifikat = (
        x509.CertificateBuilder()
        .subject_name(subjek)
        .issuer_name(subjek)
        .public_key(publik)
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - timedelta(minutes=5))
        .not_valid_after(sekarang + timedelta(days=hari))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(publik), critical=False)
        .sign(kunci, hashes.SHA256())
    )
    sandi = secrets.token_urlsafe(32)
    enkripsi = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(200_000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(sandi.encode("ascii"))
    )
    p12 = pkcs12.serialize_key_and_certificates(b"kepala-dinas", kunci, sertifikat, None, enkripsi)

    cap = sekarang.astimezone(timezone.get_current_timezone()).strftime("%Y%m%d-%H%M%S")
    jalur_p12, jalur_sandi = folder / BERKAS_P12, folder / BERKAS_SANDI
    jalur_crt = folder / BERKAS_SERTIFIKAT
    sementara = "." + secrets.token_hex(4) + ".baru"
    baru = {j: j.with_name(j.name + sementara) for j in (jalur_p12, jalur_sandi, jalur_crt)}
    _tulis_rahasia(baru[jalur_p12], p12)
    _tulis_rahasia(baru[jalur_sandi], sandi.encode("ascii") + b"\n")
    _tulis_rahasia(baru[jalur_crt], sertifikat.public_bytes(serialization.Encoding.PEM))
    for final, tmp in baru.items():
        _arsipkan(final, cap)
        tmp.rename(final)

    konfigurasi, _ = KonfigurasiTandaTangan.objects.update_or_create(
        organisasi=organisasi,
        defaults={
            "format": FormatKunci.PKCS12,
            "berkas_pkcs12": str(jalur_p12),
            "berkas_sandi": str(jalur_sandi),
            "berkas_kunci": "",
            "berkas_sertifikat": "",
            "berkas_rantai": "",
            "variabel_sandi": "",
        },
    )
    return konfigurasi
