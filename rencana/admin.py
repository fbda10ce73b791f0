"""Admin for the plan (Renstra and what hangs under it), plus the plan and tree workbook
uploads (upload -> preview -> confirm, ``akun.admin_impor``) and the plan export.

Scope follows ``akun.lingkup_admin`` (the rencana models are declared to it below with
``lingkup``): an organisasi admin sees, chooses, imports into and exports
only their own organisasi's plans; another organisasi's rows answer 404.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from akun.admin_impor import ImporAdmin, ImporForm, JenisImpor, nama_aman, unduhan_xlsx
from akun.lingkup_admin import (
    PESAN_PILIHAN_LAIN,
    LingkupAdminMixin,
    lingkup,
)
from dasar.formulir import BerkasXlsxField
from dasar.impor import HasilImpor
from dasar.jejak import JejakAdminMixin
from organisasi.models import Organisasi
from rencana.ekspor import ekspor_rencana
from rencana.impor import impor_rencana
from rencana.impor_pohon import impor_pohon
from rencana.models import (
    AksiRencana,
    Elemen,
    IndikatorRencana,
    PaguAnggaran,
    Pita,
    RealisasiAnggaran,
    RealisasiRencana,
    Renstra,
    SimpulPohon,
    TargetTahunan,
    TargetTriwulan,
)

# The plan: everything, within the organisasi.
lingkup(Renstra, "organisasi")
lingkup(Elemen, "renstra__organisasi")
lingkup(IndikatorRencana, "renstra__organisasi")
lingkup(TargetTahunan, "indikator__renstra__organisasi")
lingkup(RealisasiRencana, "indikator__renstra__organisasi")
lingkup(SimpulPohon, "renstra__organisasi")
lingkup(Pita, "organisasi")
# Rencana Aksi and budgets (issue 15)
lingkup(TargetTriwulan, "indikator__renstra__organisasi")
lingkup(PaguAnggaran, "elemen__renstra__organisasi")
lingkup(RealisasiAnggaran, "elemen__renstra__organisasi")
lingkup(AksiRencana, "renstra__organisasi")


class ImporRencanaForm(ImporForm):
    organisasi = forms.ModelChoiceField(label="Organisasi", queryset=Organisasi.objects.all())
    berkas = BerkasXlsxField()

    def parameter(self) -> dict[str, Any]:
        return {"organisasi": self.cleaned_data["organisasi"].slug}

    @classmethod
    def dari_parameter(cls, parameter: dict[str, Any], **kwargs: Any) -> "ImporRencanaForm":
        org = Organisasi.objects.filter(slug=parameter["organisasi"]).first()
        return cls(initial={"organisasi": org.pk if org else None}, **kwargs)

    @staticmethod
    def dalam_lingkup(parameter: dict[str, Any], organisasi: Organisasi) -> bool:
        return parameter["organisasi"] == organisasi.slug

    @staticmethod
    def uraian_parameter(parameter: dict[str, Any]) -> str:
        org = Organisasi.objects.filter(slug=parameter["organisasi"]).first()
        return org.nama if org else parameter["organisasi"]


class ImporPohonForm(ImporForm):
    renstra = forms.ModelChoiceField(
        label="Rencana", queryset=Renstra.objects.select_related("organisasi")
    )
    berkas = BerkasXlsxField(
        help_text="Tata letak FORM INDIKATOR: Ultimate Outcome_level_0, Indikator_level_0, … "
        "Output_level_5, Indikator_level_5 (boleh ditambah Target_/Kode_/Elemen_/Jabatan_level_N)."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.organisasi_lingkup is not None:
            field = self.fields["renstra"]
            field.queryset = field.queryset.filter(organisasi=self.organisasi_lingkup)
            field.error_messages = {
                **field.error_messages,
                "invalid_choice": PESAN_PILIHAN_LAIN.format(
                    objek="rencana", nama=self.organisasi_lingkup.nama
                ),
            }

    def parameter(self) -> dict[str, Any]:
        return {"renstra": self.cleaned_data["renstra"].pk}

    @staticmethod
    def dalam_lingkup(parameter: dict[str, Any], organisasi: Organisasi) -> bool:
        return Renstra.objects.filter(pk=parameter["renstra"], organisasi=organisasi).exists()

    @staticmethod
    def uraian_parameter(parameter: dict[str, Any]) -> str:
        renstra = Renstra.objects.filter(pk=parameter["renstra"]).first()
        return str(renstra) if renstra else ""

    @staticmethod
    def organisasi_id(parameter: dict[str, Any]) -> int:
        qs = Renstra.objects.filter(pk=parameter["renstra"])
        return qs.values_list("organisasi_id", flat=True).first() or 0


def _impor_rencana(
    data: bytes, parameter: dict[str, Any], *, dry_run: bool, pengguna: Any
) -> HasilImpor:
    return impor_rencana(
        data, organisasi=parameter["organisasi"], dry_run=dry_run, pengguna=pengguna
    )


def _impor_pohon(
    data: bytes, parameter: dict[str, Any], *, dry_run: bool, pengguna: Any
) -> HasilImpor:
    renstra = Renstra.objects.select_related("organisasi").get(pk=parameter["renstra"])
    return impor_pohon(data, renstra=renstra, dry_run=dry_run)


_MODEL_RENCANA = (
    "renstra",
    "elemen",
    "indikatorrencana",
    "targettahunan",
    "realisasirencana",
    "targettriwulan",
    "paguanggaran",
    "realisasianggaran",
    "aksirencana",
)
IMPOR_RENCANA = JenisImpor(
    kunci="rencana",
    judul="Impor buku kerja rencana",
    form_class=ImporRencanaForm,
    jalankan=_impor_rencana,
    izin=(
        *(f"rencana.{a}_{m}" for m in _MODEL_RENCANA for a in ("add", "change", "delete")),
        "rencana.change_simpulpohon",
    ),
    keterangan=(
        "Buku kerja berisi sheet Rencana, Struktur, Indikator dan (boleh) Realisasi, Anggaran "
        "dan Rencana Aksi. Rencana "
        "dengan jenis dan tahun awal yang sama diganti isinya: indikator yang tidak ada di buku "
        "kerja dihapus. Anda akan melihat pratinjau perubahan sebelum apa pun disimpan."
    ),
)
IMPOR_POHON = JenisImpor(
    kunci="pohon",
    judul="Impor pohon kinerja",
    form_class=ImporPohonForm,
    jalankan=_impor_pohon,
    izin=tuple(f"rencana.{a}_simpulpohon" for a in ("add", "change", "delete")),
    keterangan="Pohon kinerja rencana yang dipilih diganti seluruhnya dengan isi buku kerja.",
)


class ImporRencanaAdmin(ImporAdmin):
    """Several imports on one ModelAdmin: URLs ``impor-<kunci>/`` and names
    ``rencana_renstra_<kunci>_impor`` (``_konfirmasi``, ``_batal``)."""

    def nama_url(self, aksi: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{self.jenis.kunci}_{aksi}"

    def get_urls(self) -> list[URLPattern]:
        awalan = f"impor-{self.jenis.kunci}/"
        return [
            path(awalan + str(p.pattern).removeprefix("impor/"), p.callback, name=p.name)
            for p in super().get_urls()
        ]


# Model admins


class ElemenInline(LingkupAdminMixin, admin.TabularInline):
    model = Elemen
    fields = ["urutan", "kode", "tingkat", "induk", "nama"]
    extra = 0


@admin.register(Renstra)
class RenstraAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["organisasi", "jenis", "periode", "nama", "nomor_keputusan", "berkas"]
    list_filter = ["organisasi", "jenis"]
    list_select_related = ["organisasi"]
    search_fields = ["nama", "nomor_keputusan", "organisasi__slug"]
    inlines = [ElemenInline]
    readonly_fields = ["berkas"]
    fieldsets = [
        (None, {"fields": ["organisasi", "jenis", "tahun_awal", "tahun_akhir", "nama", "berkas"]}),
        ("Penetapan", {"fields": ["nomor_keputusan", "tanggal_keputusan", "penetap"]}),
        ("Unit kerja", {"fields": ["unit_kerja", "jabatan", "tugas", "fungsi"]}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Renstra | None = None) -> list[str]:
        # Kind and first year name the plan (its URLs, the workbook import); move it by
        # exporting and importing. The last year may change (Renstra.clean refuses overlaps).
        tetap = ["organisasi", "jenis", "tahun_awal"] if obj is not None else []
        return [*super().get_readonly_fields(request, obj), *tetap]

    @admin.display(description="buku kerja")
    def berkas(self, obj: Renstra) -> str:
        if obj is None or obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">Ekspor .xlsx</a> · <a href="{}">Impor rencana</a> · '
            '<a href="{}">Impor pohon kinerja</a>',
            reverse("admin:rencana_renstra_ekspor", args=[obj.pk]),
            reverse("admin:rencana_renstra_rencana_impor"),
            reverse("admin:rencana_renstra_pohon_impor"),
        )

    def get_urls(self) -> list[URLPattern]:
        return [
            *ImporRencanaAdmin(self, IMPOR_RENCANA).get_urls(),
            *ImporRencanaAdmin(self, IMPOR_POHON).get_urls(),
            path(
                "<path:object_id>/ekspor/",
                self.admin_site.admin_view(self.ekspor_view),
                name="rencana_renstra_ekspor",
            ),
            *super().get_urls(),
        ]

    def ekspor_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        renstra = self.get_object(request, object_id)  # another organisasi's: 404
        nama = f"rencana-{nama_aman(renstra.organisasi.slug)}-{renstra.periode}.xlsx"
        return unduhan_xlsx(ekspor_rencana(renstra), nama)


@admin.register(Elemen)
class ElemenAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["kode", "tingkat", "nama", "renstra"]
    list_filter = ["tingkat", ("renstra", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["renstra__organisasi"]
    search_fields = ["kode", "nama"]


class TargetTahunanInline(LingkupAdminMixin, admin.TabularInline):
    model = TargetTahunan
    fields = ["tahun", "nilai", "teks", "nspk"]
    extra = 0


class TargetTriwulanInline(LingkupAdminMixin, admin.TabularInline):
    model = TargetTriwulan
    fields = ["tahun", "triwulan", "nilai", "teks"]
    extra = 0


@admin.register(IndikatorRencana)
class IndikatorRencanaAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["kode", "nama", "kelompok", "jenis", "renstra"]
    list_display_links = ["kode", "nama"]
    list_filter = ["kelompok", "jenis", ("renstra", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["renstra__organisasi"]
    search_fields = ["kode", "nama"]
    inlines = [TargetTahunanInline, TargetTriwulanInline]
    fieldsets = [
        (None, {"fields": ["renstra", "elemen", "kelompok", "kode", "nama", "urutan",
                           "urutan_ikk"]}),
        ("Pengukuran", {"fields": ["jenis", "polaritas", "sifat_target", "satuan",
                                   "kode_bulanan", "acuan", "acuan_bagian"]}),
        ("Definisi", {"fields": ["definisi", "rumus", "penanggung_jawab", "bidang",
                                 "sumber_data", "layanan_dasar", "keterangan"]}),
    ]  # fmt: skip


@admin.register(RealisasiRencana)
class RealisasiRencanaAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["indikator", "tahun", "triwulan", "nilai", "pembilang", "penyebut", "teks"]
    list_filter = ["tahun", "triwulan"]
    list_select_related = ["indikator"]
    search_fields = ["indikator__kode", "indikator__nama"]
    readonly_fields = ["diisi_oleh", "diubah_pada", "versi"]

    def save_model(self, request: HttpRequest, obj: RealisasiRencana, form, change) -> None:
        obj.diisi_oleh = request.user
        if change:
            obj.versi += 1
        super().save_model(request, obj, form, change)


@admin.register(Pita)
class PitaAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["organisasi", "skala", "batas_bawah", "label", "warna"]
    list_filter = ["organisasi", "skala"]


@admin.register(SimpulPohon)
class SimpulPohonAdmin(LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["level", "nama", "indikator_teks", "indikator", "renstra"]
    list_filter = ["level", ("renstra", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["renstra__organisasi", "indikator"]
    search_fields = ["nama", "indikator_teks", "jabatan"]
    raw_id_fields = ["induk"]


@admin.register(PaguAnggaran)
class PaguAnggaranAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["elemen", "tahun", "pagu"]
    list_filter = ["tahun"]
    list_select_related = ["elemen"]
    search_fields = ["elemen__kode", "elemen__nama"]
    raw_id_fields = ["elemen"]


@admin.register(RealisasiAnggaran)
class RealisasiAnggaranAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["elemen", "tahun", "triwulan", "nilai"]
    list_filter = ["tahun", "triwulan"]
    list_select_related = ["elemen"]
    search_fields = ["elemen__kode", "elemen__nama"]
    raw_id_fields = ["elemen"]


@admin.register(AksiRencana)
class AksiRencanaAdmin(JejakAdminMixin, LingkupAdminMixin, admin.ModelAdmin):
    list_display = ["nomor", "tahun", "rencana_aksi", "bidang", "anggaran", "renstra"]
    list_filter = ["tahun", ("renstra", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["bidang", "renstra__organisasi"]
    search_fields = ["rencana_aksi", "permasalahan", "kegiatan"]
    raw_id_fields = ["indikator"]
    readonly_fields = ["diubah_oleh", "diubah_pada", "versi"]

    def save_model(self, request: HttpRequest, obj: AksiRencana, form, change) -> None:
        obj.diubah_oleh = request.user
        if change:
            obj.versi += 1
        super().save_model(request, obj, form, change)
