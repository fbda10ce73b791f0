"""Writes of the quarter's evaluation, one transaction each, each with its audit entry
(``dasar.jejak``: chained in capaian's trail).

- ``simpan_analisis``: optimistic concurrency like the monthly entry: the page sends back the
  ``versi`` it showed; a row changed since is not touched and ``AnalisisBentrok`` names who
  changed it and when.
- ``unggah_bukti`` / ``tautkan_bukti`` / ``hapus_bukti``: evidence files (sniffed by
  ``evaluasi.berkas``, stored in ``default_storage`` under a random name) and links.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from dasar.jejak import kirim, objek, potret, selisih
from dasar.tampilan import format_waktu, nama_orang
from evaluasi.berkas import BerkasDitolak, HasilPeriksa, jalur_acak
from evaluasi.models import ROMAWI, AnalisisTriwulan, BuktiDukung, JenisBerkas, JenisSasaran
from indikator.models import Rumus
from rencana.models import AksiRencana, IndikatorRencana

MAKS_TEKS = 5000
KOLOM_ANALISIS = (
    ("pendorong", "Faktor pendorong"),
    ("penghambat", "Faktor penghambat"),
    ("tindak_lanjut", "Tindak lanjut"),
)


class AnalisisBentrok(Exception):
    """The analysis changed since the page was opened; nothing was saved."""

    def __init__(self, tersimpan: AnalisisTriwulan | None) -> None:
        self.tersimpan = tersimpan
        if tersimpan is None:
            pesan = (
                "Tidak disimpan: analisis ini dihapus orang lain sejak halaman Anda dibuka. "
                "Periksa lalu simpan lagi."
            )
        else:
            siapa = tersimpan.nama_pengubah or nama_orang(tersimpan.diubah_oleh)
            pesan = (
                f"Tidak disimpan: analisis ini sudah diubah oleh {siapa} pada "
                f"{format_waktu(tersimpan.diubah_pada)} sejak halaman Anda dibuka. Isian Anda "
                "masih ada di bawah dan analisis tersimpan ditampilkan di sampingnya; simpan "
                "lagi bila isian Anda yang benar (analisis tersimpan akan ditimpa)."
            )
        super().__init__(pesan)


def label_periode(tahun: int, triwulan: int) -> str:
    return f"Triwulan {ROMAWI[triwulan]} {tahun}"


def baca_analisis(data) -> tuple[dict[str, str], list[str]]:
    """The three texts of a posted form (line ends normalised, ends trimmed) and what is
    wrong with them."""
    nilai, galat = {}, []
    for nama, label in KOLOM_ANALISIS:
        teks = (data.get(nama) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(teks) > MAKS_TEKS:
            galat.append(f"{label}: paling banyak {MAKS_TEKS:,} karakter.".replace(",", "."))
        nilai[nama] = teks
    return nilai, galat


def _nama(pengguna: AbstractBaseUser | None) -> str:
    if pengguna is None or not getattr(pengguna, "is_authenticated", False):
        return "sistem"
    lengkap = pengguna.get_full_name().strip()
    return f"{lengkap} ({pengguna.get_username()})" if lengkap else pengguna.get_username()


@transaction.atomic
def simpan_analisis(
    *,
    pengguna: AbstractBaseUser | None,
    indikator: IndikatorRencana,
    tahun: int,
    triwulan: int,
    versi: int,
    nilai: dict[str, str],
    sumber: str = "entri",
) -> AnalisisTriwulan | None:
    """Save the analysis if ``versi`` (0: the page showed none) is still the stored one;
    ``AnalisisBentrok`` otherwise. Returns the row (None when nothing was typed and nothing
    was stored); an unchanged save writes nothing."""
    ada = (
        AnalisisTriwulan.objects.select_for_update()
        .filter(indikator=indikator, tahun=tahun, triwulan=triwulan)
        .first()  # no join: PostgreSQL locks no outer join's nullable side
    )
    if (ada.versi if ada else 0) != versi:
        raise AnalisisBentrok(ada)
    if ada is None and not any(nilai.values()):
        return None
    baru = ada is None
    if baru:
        ada = AnalisisTriwulan(indikator=indikator, tahun=tahun, triwulan=triwulan, versi=0)
    lama = {} if baru else potret(ada)
    if not baru and all(getattr(ada, k) == v for k, v in nilai.items()):
        return ada
    for k, v in nilai.items():
        setattr(ada, k, v)
    ada.diubah_oleh = pengguna if getattr(pengguna, "is_authenticated", False) else None
    ada.nama_pengubah = _nama(pengguna)
    ada.versi += 1
    try:
        with transaction.atomic():  # two first saves at once: the second one loses, told so
            ada.save()
    except IntegrityError as exc:
        lain = (
            AnalisisTriwulan.objects.filter(indikator=indikator, tahun=tahun, triwulan=triwulan)
            .select_related("diubah_oleh")
            .first()
        )
        raise AnalisisBentrok(lain) from exc
    sebelum, sesudah = selisih(lama, potret(ada))
    kirim(pengguna=pengguna, organisasi_id=indikator.renstra.organisasi_id, tahun=tahun,
          objek=objek(ada), label=f"{indikator.kode} {label_periode(tahun, triwulan)}",
          aksi="buat" if baru else "ubah", sumber=sumber, lama=sebelum or None, baru=sesudah,
          catatan="Analisis triwulan (pendorong, penghambat, tindak lanjut).")  # fmt: skip
    return ada


# -- evidence ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sasaran:
    """What evidence is attached to: an indicator's quarter or a monthly row."""

    jenis: str
    organisasi_id: int
    tahun: int
    indikator: IndikatorRencana | None = None
    triwulan: int | None = None
    rumus: Rumus | None = None
    bulan: int | None = None
    aksi: AksiRencana | None = None

    @classmethod
    def indikator_triwulan(cls, ind: IndikatorRencana, tahun: int, triwulan: int) -> "Sasaran":
        return cls(JenisSasaran.INDIKATOR, ind.renstra.organisasi_id, tahun, ind, triwulan)

    @classmethod
    def bulanan(cls, rumus: Rumus, bulan: int) -> "Sasaran":
        return cls(JenisSasaran.BULANAN, rumus.organisasi_id, rumus.tahun, rumus=rumus,
                   bulan=bulan)  # fmt: skip

    @classmethod
    def aksi_rencana(cls, aksi: AksiRencana) -> "Sasaran":
        return cls(JenisSasaran.AKSI, aksi.renstra.organisasi_id, aksi.tahun, aksi=aksi)

    def medan(self) -> dict:
        return dict(organisasi_id=self.organisasi_id, jenis=self.jenis, tahun=self.tahun,
                    indikator=self.indikator, triwulan=self.triwulan, rumus=self.rumus,
                    bulan=self.bulan, aksi=self.aksi)  # fmt: skip

    @property
    def label(self) -> str:
        if self.jenis == JenisSasaran.INDIKATOR:
            return f"{self.indikator.kode} {label_periode(self.tahun, self.triwulan)}"
        if self.jenis == JenisSasaran.AKSI:
            return f"Rencana aksi {self.tahun} no. {self.aksi.nomor}"
        return f"{self.rumus.kode} bulan {self.bulan}/{self.tahun}"


def _jejak_bukti(bukti: BuktiDukung) -> dict:
    return {
        "sasaran": bukti.label_sasaran,
        "jenis_berkas": bukti.jenis_berkas,
        "nama_berkas": bukti.nama_berkas,
        "tautan": bukti.tautan,
        "ukuran": bukti.ukuran,
        "sha256": bukti.sha256,
        "keterangan": bukti.keterangan,
    }


def _catat(pengguna, bukti: BuktiDukung, aksi: str, lama=None, baru=None) -> None:
    kirim(pengguna=pengguna, organisasi_id=bukti.organisasi_id, tahun=bukti.tahun,
          objek=objek(bukti), label=f"{bukti.label_sasaran}: {bukti}", aksi=aksi,
          sumber="entri", lama=lama, baru=baru,
          catatan="Bukti dukung " + ("diunggah." if aksi == "buat" else "dihapus."))  # fmt: skip


def unggah_bukti(
    *, pengguna, sasaran: Sasaran, berkas: HasilPeriksa, keterangan: str = ""
) -> BuktiDukung:
    """Store a sniffed file (``evaluasi.berkas.periksa``) and its row, audited. The file is
    removed again when the row cannot be saved."""
    nama = default_storage.save(jalur_acak(sasaran.organisasi_id, berkas.jenis),
                                ContentFile(berkas.isi))  # fmt: skip
    try:
        with transaction.atomic():
            bukti = BuktiDukung.objects.create(
                **sasaran.medan(), berkas=nama, jenis_berkas=berkas.jenis,
                nama_berkas=berkas.nama, ukuran=len(berkas.isi), sha256=berkas.sha256,
                keterangan=keterangan[:300], diunggah_oleh=pengguna,
                nama_pengunggah=_nama(pengguna),
            )  # fmt: skip
            _catat(pengguna, bukti, "buat", baru=_jejak_bukti(bukti))
    except Exception:
        default_storage.delete(nama)
        raise
    return bukti


def periksa_tautan(tautan: str) -> str:
    """A link standing in for a file: http or https only, a host, at most 1.000 characters."""
    tautan = tautan.strip()
    if len(tautan) > 1000:
        raise BerkasDitolak("Tautan terlalu panjang (paling banyak 1.000 karakter).")
    bagian = urlsplit(tautan)
    if bagian.scheme.lower() not in ("http", "https") or not bagian.netloc:
        raise BerkasDitolak("Tautan harus alamat web lengkap yang diawali http:// atau https://.")
    try:
        URLValidator(schemes=["http", "https"])(tautan)
    except Exception as exc:
        raise BerkasDitolak("Tautan tidak sah.") from exc
    return tautan


@transaction.atomic
def tautkan_bukti(*, pengguna, sasaran: Sasaran, tautan: str, keterangan: str = "") -> BuktiDukung:
    tautan = periksa_tautan(tautan)
    bukti = BuktiDukung.objects.create(
        **sasaran.medan(), tautan=tautan, jenis_berkas=JenisBerkas.TAUTAN,
        keterangan=keterangan[:300], diunggah_oleh=pengguna, nama_pengunggah=_nama(pengguna),
    )  # fmt: skip
    _catat(pengguna, bukti, "buat", baru=_jejak_bukti(bukti))
    return bukti


@transaction.atomic
def hapus_bukti(*, pengguna, bukti: BuktiDukung) -> None:
    """Delete the row (audited); its file leaves storage once the transaction commits."""
    lama = _jejak_bukti(bukti)
    _catat(pengguna, bukti, "hapus", lama=lama)
    bukti.delete()


@receiver(post_delete, sender=BuktiDukung)
def _hapus_berkas(sender, instance: BuktiDukung, **kwargs) -> None:
    """Whatever deletes a row (this service, a cascade from its indicator or rumus), its file
    goes too, after the commit (a rolled-back delete keeps it)."""
    nama = instance.berkas.name if instance.berkas else ""
    if nama:
        transaction.on_commit(lambda: default_storage.delete(nama))
