"""Workbook import (upload -> preview -> confirm) and export views for the admin.

The uploaded bytes stay on the server between preview and confirm: a file named by a random
token (mode 0600, in a directory only this process's user may enter), the token kept in the
user's session with the parameters and a fingerprint of the previewed plan. Confirm re-runs
the import inside a transaction and keeps it only if the plan is still the one the user saw;
otherwise it rolls back and shows the new plan. A database error while applying or
committing (e.g. a concurrent import removed a rumus) saves nothing and says so.

An organisasi admin is offered, and may import into or export, only their own organisasi
(the forms' ``organisasi_lingkup``; ``akun.lingkup_admin``). Each app defines its kinds of
import (``JenisImpor``) with its own form and import function; the workbook reading, the plan
and the one transaction are ``dasar.impor``'s.

Also here: autocomplete answers and selects that name each object's organisasi and year
(``PilihanBerlabelAdmin``, labels from ``dasar.formulir.PILIHAN``), since definitions
repeat every year.
"""

import contextlib
import hashlib
import logging
import os
import re
import secrets
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ForeignKey, Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from akun.lingkup_admin import akses_admin, batasi_pilihan_organisasi
from dasar.formulir import PILIHAN, PilihanBerlabelField
from dasar.impor import HasilImpor, ImporError, Kesalahan, Perubahan, catat_impor
from organisasi.models import Organisasi

logger = logging.getLogger(__name__)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MASA_SIMPAN = 60 * 60  # seconds an uploaded workbook waits for its confirmation
MAKS_UNGGAHAN_PER_SESI = 5
BATAS_TAMPIL = 200  # changes listed per objek on the preview; the counts are always complete
BATAS_KESALAHAN = 200  # problems listed on the form page
KUNCI_SESI = "impor_buku_kerja"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
URUTAN_OBJEK = ("organisasi", "bidang", "program", "indikator", "rumus", "realisasi")
LABEL_JENIS = {"baru": "baru", "ubah": "diubah", "hapus": "dihapus"}
PESAN_DATA_BERUBAH = (
    "Data berubah selama impor; tidak ada yang disimpan. Unggah ulang untuk melihat pratinjau baru."
)
PESAN_DIREKTORI_TIDAK_AMAN = (
    "Tempat penyimpanan sementara unggahan tidak aman atau tidak dapat dipakai, sehingga impor "
    "dihentikan; tidak ada yang disimpan. Hubungi pengelola aplikasi (rinciannya ada di log)."
)
PESAN_ORGANISASI_LAIN = (
    "Impor ini untuk organisasi lain; Anda hanya dapat mengimpor untuk organisasi Anda sendiri "
    "({nama}). Tidak ada yang disimpan."
)


# The upload and export forms: each kind of import subclasses ImporForm.


def tahun_field() -> forms.IntegerField:
    return forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)


def _batasi_organisasi(form: forms.Form, organisasi: Organisasi | None) -> None:
    if organisasi is not None and isinstance(form.fields.get("organisasi"), forms.ModelChoiceField):
        batasi_pilihan_organisasi(form.fields["organisasi"], organisasi)


class ImporForm(forms.Form):
    """An upload form: a workbook plus the parameters the import needs.

    With ``organisasi_lingkup`` (an organisasi admin's organisasi) the form offers and
    accepts that organisasi only.
    """

    def __init__(
        self, *args: Any, organisasi_lingkup: Organisasi | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisasi_lingkup = organisasi_lingkup
        _batasi_organisasi(self, organisasi_lingkup)

    def parameter(self) -> dict[str, Any]:
        """What the import needs besides the bytes, in a form the session can keep."""
        raise NotImplementedError

    @classmethod
    def dari_parameter(cls, parameter: dict[str, Any], **kwargs: Any) -> "ImporForm":
        """An empty form pre-filled with an earlier upload's parameters."""
        return cls(initial=parameter, **kwargs)

    @staticmethod
    def dalam_lingkup(parameter: dict[str, Any], organisasi: Organisasi) -> bool:
        """Whether the parameters import into ``organisasi`` (and nowhere else)."""
        raise NotImplementedError

    @staticmethod
    def uraian_parameter(parameter: dict[str, Any]) -> str:
        """The parameters as the preview page states them."""
        return ""

    @staticmethod
    def organisasi_id(parameter: dict[str, Any]) -> int:
        """The organisasi the import wrote to, for the audit trail (0 when unknown)."""
        nilai = parameter.get("organisasi")
        if isinstance(nilai, int):
            return nilai
        return Organisasi.objects.filter(slug=nilai or "").values_list("pk", flat=True).first() or 0


class EksporForm(forms.Form):
    organisasi = forms.ModelChoiceField(label="Organisasi", queryset=Organisasi.objects.all())
    tahun = tahun_field()

    def __init__(
        self, *args: Any, organisasi_lingkup: Organisasi | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _batasi_organisasi(self, organisasi_lingkup)


class Importer(Protocol):
    def __call__(
        self, data: bytes, parameter: dict[str, Any], *, dry_run: bool, pengguna: Any
    ) -> HasilImpor: ...


@dataclass(frozen=True)
class JenisImpor:
    """One kind of workbook import as the admin offers it."""

    kunci: str  # "indikator" or "realisasi"; also the session namespace
    judul: str
    form_class: type[ImporForm]
    jalankan: Importer
    # Every permission ("app_label.codename") the import may exercise: it can create, change
    # or remove what these cover, so the user needs all of them to upload or confirm.
    izin: tuple[str, ...]
    keterangan: str = ""
    # Those of ``izin`` needed only to create an organisasi, which an organisasi admin (held
    # to their own organisasi) never does.
    izin_organisasi_baru: tuple[str, ...] = ()

    def boleh(self, request: HttpRequest) -> bool:
        akses = akses_admin(request)
        izin = self.izin
        if akses.terbatas:
            izin = tuple(i for i in izin if i not in self.izin_organisasi_baru)
        return akses.punya_izin(request.user, *izin)


# Server-side storage of uploads


class DirektoriTidakAman(Exception):
    """The upload directory may be read or replaced by another local user (or is missing)."""


def direktori_unggahan() -> Path:
    """The directory for uploads waiting for their confirmation: ``IMPOR_TEMP_DIR``, by
    default ``dinsos-kinerja-impor`` in the system's temporary directory.

    Its name is predictable, so it is created with mode 0700 and refused (``DirektoriTidakAman``,
    logged) when it is a symlink, not a directory, owned by another user, or open to the group
    or others: someone else could then read the uploaded workbooks or plant files.
    """
    default = Path(tempfile.gettempdir()) / "dinsos-kinerja-impor"
    direktori = Path(getattr(settings, "IMPOR_TEMP_DIR", None) or default)
    try:
        direktori.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            direktori.mkdir(mode=0o700)
        info = direktori.lstat()
    except OSError as exc:
        logger.error("Direktori unggahan impor %s tidak dapat dibuat: %s", direktori, exc)
        raise DirektoriTidakAman(str(exc)) from exc
    masalah = None
    if stat.S_ISLNK(info.st_mode):
        masalah = "berupa symlink"
    elif not stat.S_ISDIR(info.st_mode):
        masalah = "bukan direktori"
    elif hasattr(os, "getuid") and info.st_uid != os.getuid():
        masalah = f"dimiliki uid {info.st_uid}, bukan uid proses ini ({os.getuid()})"
    elif info.st_mode & 0o077:
        masalah = f"dapat diakses grup/pengguna lain (mode {stat.S_IMODE(info.st_mode):04o})"
    if masalah is not None:
        logger.error(
            "Direktori unggahan impor %s ditolak: %s. Hapus direktori itu atau atur "
            "IMPOR_TEMP_DIR ke direktori milik pengguna aplikasi dengan mode 0700.",
            direktori,
            masalah,
        )
        raise DirektoriTidakAman(masalah)
    return direktori


def sidik_rencana(hasil: HasilImpor) -> str:
    """A fingerprint of the plan: equal exactly when the same changes would be made.

    It covers both the importer's digest of the full planned values (``HasilImpor.sidik``)
    and the listed changes, so a difference in either means a different plan.
    """
    teks = "\n".join([hasil.sidik, *(str(p) for p in hasil.perubahan)])
    return hashlib.sha256(teks.encode()).hexdigest()


@dataclass(frozen=True)
class Unggahan:
    token: str
    kunci: str
    parameter: dict[str, Any]
    sidik: str
    nama_berkas: str
    data: bytes


class PenyimpananUnggahan:
    """Uploaded workbooks between preview and confirm, scoped to one session."""

    def __init__(self, request: HttpRequest) -> None:
        self.session = request.session
        self.direktori = direktori_unggahan()

    def _entri(self) -> dict[str, dict[str, Any]]:
        return dict(self.session.get(KUNCI_SESI, {}))

    def _simpan_entri(self, entri: dict[str, dict[str, Any]]) -> None:
        self.session[KUNCI_SESI] = entri

    def _berkas(self, token: str) -> Path:
        if not _TOKEN.match(token):
            raise ValueError("token tidak sah")
        return self.direktori / f"{token}.xlsx"

    def simpan(
        self, kunci: str, parameter: dict[str, Any], data: bytes, nama_berkas: str, sidik: str
    ) -> str:
        self.bersihkan()
        entri = self._entri()
        for token in sorted(entri, key=lambda t: entri[t]["waktu"])[: -MAKS_UNGGAHAN_PER_SESI + 1]:
            self._hapus_berkas(token)
            del entri[token]
        token = secrets.token_urlsafe(32)
        berkas = self._berkas(token)
        # A new file only (never an existing one or a symlink), readable by this user only.
        fd = os.open(berkas, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as keluar:
            keluar.write(data)
        entri[token] = {
            "kunci": kunci,
            "parameter": parameter,
            "sidik": sidik,
            "nama_berkas": nama_berkas,
            "waktu": time.time(),
        }
        self._simpan_entri(entri)
        return token

    def ambil(self, kunci: str, token: str) -> Unggahan | None:
        item = self._entri().get(token)
        if item is None or item["kunci"] != kunci or time.time() - item["waktu"] > MASA_SIMPAN:
            return None
        try:
            data = self._berkas(token).read_bytes()
        except (OSError, ValueError):
            return None
        return Unggahan(token, kunci, item["parameter"], item["sidik"], item["nama_berkas"], data)

    def perbarui_sidik(self, token: str, sidik: str) -> None:
        entri = self._entri()
        if token in entri:
            entri[token] = {**entri[token], "sidik": sidik}
            self._simpan_entri(entri)

    def hapus(self, token: str) -> None:
        entri = self._entri()
        entri.pop(token, None)
        self._simpan_entri(entri)
        self._hapus_berkas(token)

    def _hapus_berkas(self, token: str) -> None:
        with contextlib.suppress(ValueError):
            self._berkas(token).unlink(missing_ok=True)

    def bersihkan(self) -> None:
        """Forget this session's expired uploads and delete anyone's files older than the
        limit (sessions that never came back to confirm)."""
        batas = time.time() - MASA_SIMPAN
        entri = self._entri()
        for token in [t for t, item in entri.items() if item["waktu"] < batas]:
            del entri[token]
        self._simpan_entri(entri)
        for berkas in self.direktori.glob("*.xlsx"):
            try:
                if berkas.stat().st_mtime < batas:
                    berkas.unlink(missing_ok=True)
            except OSError:
                continue


# Applying a previewed plan


class RencanaBerubah(Exception):
    """The data changed after the preview: this is the plan now (nothing was written)."""

    def __init__(self, hasil: HasilImpor) -> None:
        super().__init__("rencana impor berubah sejak pratinjau")
        self.hasil = hasil


class DataBerubahSelamaImpor(Exception):
    """The database refused the import while applying or committing it (nothing was
    written), typically because a concurrent change removed a row it refers to."""


def terapkan_rencana(jalankan: Callable[..., HasilImpor], sidik: str) -> HasilImpor:
    """Run the import for real, keeping it only if its plan has fingerprint ``sidik``.

    Raises ``RencanaBerubah`` (rolled back) when the plan differs, ``ImporError`` when the
    workbook is now refused, ``DataBerubahSelamaImpor`` when the database refuses the
    changes, including at COMMIT (deferred foreign keys on PostgreSQL).
    """
    try:
        with transaction.atomic():
            hasil = jalankan(dry_run=False)
            if sidik_rencana(hasil) != sidik:
                raise RencanaBerubah(replace(hasil, dry_run=True))
            # Check the deferred constraints here rather than at the COMMIT of an outer
            # transaction (ATOMIC_REQUESTS, tests), where no one could report them.
            connection.check_constraints()
    except DatabaseError as exc:
        logger.warning("Impor dibatalkan oleh basis data: %s", exc, exc_info=True)
        raise DataBerubahSelamaImpor(str(exc)) from exc
    return hasil


# Preview


@dataclass(frozen=True)
class KelompokPratinjau:
    objek: str
    baru: int
    ubah: int
    hapus: int
    perubahan: list[Perubahan]
    lainnya: int  # changes not listed (beyond BATAS_TAMPIL)


def kelompokkan(hasil: HasilImpor) -> list[KelompokPratinjau]:
    """The plan grouped by objek in definition order, each group listing new, changed, then
    removed objects."""
    per_objek: dict[str, list[Perubahan]] = {}
    for perubahan in hasil.perubahan:
        per_objek.setdefault(perubahan.objek, []).append(perubahan)

    def urutan_objek(objek: str) -> int:
        return URUTAN_OBJEK.index(objek) if objek in URUTAN_OBJEK else len(URUTAN_OBJEK)

    urutan_jenis = {"baru": 0, "ubah": 1, "hapus": 2}
    kelompok = []
    for objek in sorted(per_objek, key=urutan_objek):
        daftar = sorted(per_objek[objek], key=lambda p: urutan_jenis.get(p.jenis, 3))
        kelompok.append(
            KelompokPratinjau(
                objek=objek,
                baru=hasil.hitung("baru", objek),
                ubah=hasil.hitung("ubah", objek),
                hapus=hasil.hitung("hapus", objek),
                perubahan=daftar[:BATAS_TAMPIL],
                lainnya=max(0, len(daftar) - BATAS_TAMPIL),
            )
        )
    return kelompok


def pembagi_default_berubah(hasil: HasilImpor) -> list[str]:
    """Kode of the existing rumus whose pembagi_default the plan changes: months already
    entered with an empty pembagi are computed with the rumus's default, so they change too."""
    return [
        p.kode
        for p in hasil.perubahan
        if p.objek == "rumus"
        and p.jenis == "ubah"
        and any(r.startswith("pembagi_default") for r in p.rincian)
    ]


# Views


def unduhan_xlsx(data: bytes, nama_berkas: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_MIME)
    response["Content-Disposition"] = content_disposition_header(True, nama_berkas)
    response["Cache-Control"] = "no-store"
    return response


def nama_aman(teks: str) -> str:
    """A filename part of letters, digits, ``-`` and ``_`` only."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", teks).strip("-") or "data"


class ImporAdmin:
    """The upload -> preview -> confirm views of one import, mounted on a ModelAdmin."""

    template_form = "admin/indikator/impor_form.html"
    template_pratinjau = "admin/indikator/impor_pratinjau.html"

    def __init__(self, model_admin: admin.ModelAdmin, jenis: JenisImpor) -> None:
        self.model_admin = model_admin
        self.jenis = jenis
        self.opts = model_admin.opts

    def nama_url(self, aksi: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{aksi}"

    def get_urls(self) -> list[URLPattern]:
        wrap = self.model_admin.admin_site.admin_view
        return [
            path("impor/", wrap(self.unggah), name=self.nama_url("impor")),
            path(
                "impor/konfirmasi/",
                wrap(require_POST(self.konfirmasi)),
                name=self.nama_url("impor_konfirmasi"),
            ),
            path("impor/batal/", wrap(require_POST(self.batal)), name=self.nama_url("impor_batal")),
        ]

    def _cek_izin(self, request: HttpRequest) -> None:
        if not self.jenis.boleh(request):
            raise PermissionDenied

    def _jalankan(
        self, request: HttpRequest, data: bytes, parameter: dict[str, Any]
    ) -> Callable[..., HasilImpor]:
        """The import of these bytes by this user, waiting only for ``dry_run``."""
        return partial(self.jenis.jalankan, data, parameter, pengguna=request.user)

    def _form(self, request: HttpRequest, *args: Any) -> ImporForm:
        return self.jenis.form_class(*args, organisasi_lingkup=akses_admin(request).organisasi)

    def _form_dari_parameter(self, request: HttpRequest, parameter: dict[str, Any]) -> ImporForm:
        return self.jenis.form_class.dari_parameter(
            parameter, organisasi_lingkup=akses_admin(request).organisasi
        )

    def unggah(self, request: HttpRequest) -> HttpResponse:
        self._cek_izin(request)
        form = self._form(request, request.POST or None, request.FILES or None)
        if request.method != "POST" or not form.is_valid():
            return self._render_form(request, form)
        data, parameter = form.cleaned_data["berkas"], form.parameter()
        try:
            penyimpanan = PenyimpananUnggahan(request)
        except DirektoriTidakAman:
            return self._render_form(request, form, pesan=PESAN_DIREKTORI_TIDAK_AMAN)
        try:
            hasil = self._jalankan(request, data, parameter)(dry_run=True)
        except ImporError as exc:
            return self._render_form(request, form, exc.kesalahan)
        token = penyimpanan.simpan(
            self.jenis.kunci, parameter, data, request.FILES["berkas"].name, sidik_rencana(hasil)
        )
        return self._render_pratinjau(
            request, hasil, token, request.FILES["berkas"].name, parameter
        )

    def konfirmasi(self, request: HttpRequest) -> HttpResponse:
        self._cek_izin(request)
        try:
            penyimpanan = PenyimpananUnggahan(request)
        except DirektoriTidakAman:
            messages.error(request, PESAN_DIREKTORI_TIDAK_AMAN)
            return redirect(f"admin:{self.nama_url('impor')}")
        unggahan = penyimpanan.ambil(self.jenis.kunci, request.POST.get("token", ""))
        if unggahan is None:
            messages.error(
                request,
                "Pratinjau tidak ditemukan atau sudah kedaluwarsa (lebih dari satu jam). "
                "Unggah ulang berkasnya.",
            )
            return redirect(f"admin:{self.nama_url('impor')}")
        organisasi = akses_admin(request).organisasi
        if organisasi is not None and not self.jenis.form_class.dalam_lingkup(
            unggahan.parameter, organisasi
        ):
            # Previewed before the user's organisasi changed: not theirs to import into now.
            penyimpanan.hapus(unggahan.token)
            form = self._form(request)
            return self._render_form(
                request, form, pesan=PESAN_ORGANISASI_LAIN.format(nama=organisasi.nama)
            )
        try:
            with transaction.atomic():  # the import and its audit entry, all or nothing
                hasil = terapkan_rencana(
                    self._jalankan(request, unggahan.data, unggahan.parameter), unggahan.sidik
                )
                catat_impor(
                    jenis=self.jenis.kunci, data=unggahan.data,
                    nama_berkas=unggahan.nama_berkas, hasil=hasil, pengguna=request.user,
                    sumber="admin",
                    organisasi_id=self.jenis.form_class.organisasi_id(unggahan.parameter),
                    tahun=unggahan.parameter.get("tahun"),
                )  # fmt: skip
        except RencanaBerubah as berubah:
            penyimpanan.perbarui_sidik(unggahan.token, sidik_rencana(berubah.hasil))
            return self._render_pratinjau(
                request,
                berubah.hasil,
                unggahan.token,
                unggahan.nama_berkas,
                unggahan.parameter,
                berubah=True,
            )
        except ImporError as exc:
            penyimpanan.hapus(unggahan.token)
            form = self._form_dari_parameter(request, unggahan.parameter)
            return self._render_form(request, form, exc.kesalahan)
        except (DataBerubahSelamaImpor, IntegrityError):  # IntegrityError: at our commit
            penyimpanan.hapus(unggahan.token)
            form = self._form_dari_parameter(request, unggahan.parameter)
            return self._render_form(request, form, pesan=PESAN_DATA_BERUBAH)
        penyimpanan.hapus(unggahan.token)
        messages.success(request, hasil.ringkasan())
        return self._kembali()

    def batal(self, request: HttpRequest) -> HttpResponse:
        self._cek_izin(request)
        try:
            PenyimpananUnggahan(request).hapus(request.POST.get("token", ""))
        except DirektoriTidakAman:
            messages.error(request, PESAN_DIREKTORI_TIDAK_AMAN)
            return self._kembali()
        messages.info(request, "Impor dibatalkan; tidak ada yang disimpan.")
        return self._kembali()

    def _kembali(self) -> HttpResponseRedirect:
        return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")

    def _context(self, request: HttpRequest, **extra: Any) -> dict[str, Any]:
        return {
            **self.model_admin.admin_site.each_context(request),
            "opts": self.opts,
            "title": self.jenis.judul,
            "jenis": self.jenis,
            "has_view_permission": self.model_admin.has_view_permission(request),
            **extra,
        }

    def _render_form(
        self,
        request: HttpRequest,
        form: forms.Form,
        kesalahan: list[Kesalahan] | None = None,
        *,
        pesan: str = "",
    ) -> TemplateResponse:
        """The upload form; ``kesalahan`` are the workbook's problems, ``pesan`` a problem
        that is not the workbook's."""
        kesalahan = kesalahan or []
        context = self._context(
            request,
            form=form,
            pesan_galat=pesan,
            kesalahan=[str(k) for k in kesalahan[:BATAS_KESALAHAN]],
            jumlah_kesalahan=len(kesalahan),
            kesalahan_lainnya=max(0, len(kesalahan) - BATAS_KESALAHAN),
            form_url=reverse(f"admin:{self.nama_url('impor')}"),
        )
        return TemplateResponse(request, self.template_form, context)

    def _render_pratinjau(
        self,
        request: HttpRequest,
        hasil: HasilImpor,
        token: str,
        nama_berkas: str,
        parameter: dict[str, Any],
        *,
        berubah: bool = False,
    ) -> TemplateResponse:
        context = self._context(
            request,
            uraian_parameter=self.jenis.form_class.uraian_parameter(parameter),
            hasil=hasil,
            kelompok=kelompokkan(hasil),
            jumlah_hapus=hasil.hitung("hapus"),
            pembagi_default_berubah=pembagi_default_berubah(hasil),
            token=token,
            nama_berkas=nama_berkas,
            berubah=berubah,
            batas_tampil=BATAS_TAMPIL,
            konfirmasi_url=reverse(f"admin:{self.nama_url('impor_konfirmasi')}"),
            batal_url=reverse(f"admin:{self.nama_url('impor_batal')}"),
            title=f"Pratinjau: {self.jenis.judul}",
        )
        return TemplateResponse(request, self.template_pratinjau, context)


class EksporAdmin:
    """A form (organisasi, tahun) that downloads an export; and optionally a blank template."""

    template = "admin/indikator/ekspor_form.html"

    def __init__(
        self,
        model_admin: admin.ModelAdmin,
        *,
        judul: str,
        ekspor: Callable[..., bytes],
        awalan_berkas: str,
        form_class: type[forms.Form],
    ) -> None:
        self.model_admin = model_admin
        self.opts = model_admin.opts
        self.judul = judul
        self.ekspor = ekspor
        self.awalan_berkas = awalan_berkas
        self.form_class = form_class

    def get_urls(self) -> list[URLPattern]:
        wrap = self.model_admin.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}_ekspor"
        return [path("ekspor/", wrap(self.unduh), name=name)]

    def unduh(self, request: HttpRequest) -> HttpResponse:
        if not self.model_admin.has_view_permission(request):
            raise PermissionDenied
        form = self.form_class(
            request.GET or None, organisasi_lingkup=akses_admin(request).organisasi
        )
        if not form.is_valid():
            context = {
                **self.model_admin.admin_site.each_context(request),
                "opts": self.opts,
                "title": self.judul,
                "form": form,
                "has_view_permission": True,
            }
            return TemplateResponse(request, self.template, context)
        organisasi, tahun = form.cleaned_data["organisasi"], form.cleaned_data["tahun"]
        data = self.ekspor(organisasi=organisasi, tahun=tahun)
        return unduhan_xlsx(data, f"{self.awalan_berkas}-{nama_aman(organisasi.slug)}-{tahun}.xlsx")


class TombolImporMixin:
    """Tells the changelist template whether to show the import buttons: only to users with
    every permission the import (``jenis_impor``) needs."""

    jenis_impor: JenisImpor

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = {
            "boleh_impor": self.jenis_impor.boleh(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


# Choices that name their organisasi and year (see indikator.forms.PILIHAN)


def nama_url_autocomplete(model: type[Model]) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}_autocomplete"


class AutocompleteBerlabelView(AutocompleteJsonView):
    """The admin's autocomplete answers for one model, labelled as ``PILIHAN`` says instead
    of ``str(obj)``."""

    model_admin_tujuan: admin.ModelAdmin | None = None

    def process_request(self, request: HttpRequest) -> tuple:
        hasil = super().process_request(request)
        if hasil[1] is not self.model_admin_tujuan:
            raise PermissionDenied  # a field pointing to another model
        return hasil

    def get_queryset(self) -> QuerySet:
        qs = super().get_queryset()
        return qs.select_related(*PILIHAN[qs.model].terkait)

    def serialize_result(self, obj: Model, to_field_name: str) -> dict[str, str]:
        return {
            **super().serialize_result(obj, to_field_name),
            "text": PILIHAN[type(obj)].label(obj),
        }


class AutocompleteBerlabel(AutocompleteSelect):
    """An autocomplete select asking the target model's ``AutocompleteBerlabelView``."""

    def get_url(self) -> str:
        model = self.field.remote_field.model
        return reverse(f"{self.admin_site.name}:{nama_url_autocomplete(model)}")


class PilihanBerlabelAdmin:
    """For a ModelAdmin (or inline): foreign keys to a model in ``PILIHAN`` are chosen by
    labels that name organisasi and year, in plain selects and autocompletes alike. A model
    whose admin has this mixin also answers those autocompletes."""

    admin_site: admin.AdminSite
    model: type[Model]

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.remote_field.model in PILIHAN:
            kwargs.setdefault("form_class", PilihanBerlabelField)
            if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
                kwargs["widget"] = AutocompleteBerlabel(
                    db_field, self.admin_site, using=kwargs.get("using")
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self) -> list[URLPattern]:
        urls = super().get_urls()
        if self.model not in PILIHAN:
            return urls
        view = AutocompleteBerlabelView.as_view(admin_site=self.admin_site, model_admin_tujuan=self)
        autocomplete = path(
            "autocomplete/",
            self.admin_site.admin_view(view),
            name=nama_url_autocomplete(self.model),
        )
        return [autocomplete, *urls]
