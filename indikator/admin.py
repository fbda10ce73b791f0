"""Admin for the year-versioned indicator definitions, plus the workbook import/export.

Faktor and bobot are edited as one text field each (``1/12``, ``0,5``); a program's
organisasi and tahun, and an indikator's program, are fixed once created because the rumus
rows repeat them (see ``Rumus``). Choices of bidang, program, indikator and rumus name their
organisasi (and year), and a four-digit search term matches the year.

An organisasi admin sees and chooses only their own organisasi's rows, and may change but
not add or delete the organisasi itself (``akun.lingkup_admin``; the organisasi and its bidang
are in ``akun.admin``).
"""

from fractions import Fraction
from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.text import Truncator

from akun.admin_impor import (
    EksporAdmin,
    EksporForm,
    ImporAdmin,
    JenisImpor,
    PilihanBerlabelAdmin,
    TombolImporMixin,
    unduhan_xlsx,
)
from akun.lingkup_admin import BidangListFilter, LingkupAdminMixin, lingkup
from dasar.angka import format_angka, format_pecahan
from dasar.impor import HasilImpor
from dasar.jejak import JejakAdminMixin
from indikator.forms import (
    ImporIndikatorForm,
    IndikatorAdminForm,
    ProgramAdminForm,
    RumusAdminForm,
    RumusInlineFormSet,
)
from indikator.impor import ekspor_indikator, impor_indikator, templat_indikator
from indikator.models import Indikator, Program, Rumus
from organisasi.models import Bidang

lingkup(Program, "organisasi")
lingkup(Indikator, "program__organisasi")
lingkup(Rumus, "organisasi")


def _impor_indikator(
    data: bytes, parameter: dict[str, Any], *, dry_run: bool, pengguna: Any
) -> HasilImpor:
    return impor_indikator(
        data, organisasi=parameter["organisasi"], tahun=parameter["tahun"], dry_run=dry_run
    )


IMPOR_INDIKATOR = JenisImpor(
    kunci="indikator",
    judul="Impor buku kerja indikator",
    form_class=ImporIndikatorForm,
    jalankan=_impor_indikator,
    # The import syncs a year: it creates, changes and removes program, indikator and rumus,
    # creates bidang, and creates or updates the organisasi (incl. its signer) from its sheet.
    izin=(
        *(
            f"indikator.{aksi}_{model}"
            for model in ("program", "indikator", "rumus")
            for aksi in ("add", "change", "delete")
        ),
        "organisasi.add_bidang",
        "organisasi.add_organisasi",
        "organisasi.change_organisasi",
    ),
    # An organisasi admin imports into their own (existing) organisasi only.
    izin_organisasi_baru=("organisasi.add_organisasi",),
    keterangan=(
        "Buku kerja berisi definisi program, indikator dan rumus satu organisasi untuk satu "
        "tahun. Tahun lain tidak tersentuh. Anda akan melihat pratinjau perubahan sebelum "
        "apa pun disimpan."
    ),
)


def teks_pecahan(pembilang: int | None, penyebut: int | None) -> str:
    if pembilang is None or not penyebut:
        return "-"
    return format_pecahan(Fraction(pembilang, penyebut))


class IndikatorInline(LingkupAdminMixin, admin.TabularInline):
    model = Indikator
    form = IndikatorAdminForm
    fields = ["urutan", "kode", "nama", "agregasi", "bobot_teks"]
    extra = 0
    show_change_link = True


# Search fields ending in ``tahun__exact``: a search term that is a year matches it exactly
# (Django compares the year as text), so "PAS02 2025" finds that year's PAS02.


@admin.register(Program)
class ProgramAdmin(
    JejakAdminMixin, LingkupAdminMixin, TombolImporMixin, PilihanBerlabelAdmin, admin.ModelAdmin
):
    form = ProgramAdminForm
    jenis_impor = IMPOR_INDIKATOR
    list_display = ["organisasi", "tahun", "kode", "nama", "jumlah_indikator"]
    list_display_links = ["kode", "nama"]
    list_filter = ["organisasi", "tahun"]
    list_select_related = ["organisasi"]
    search_fields = [
        "kode",
        "nama",
        "sasaran",
        "indikator_program",
        "organisasi__slug",
        "tahun__exact",
    ]
    inlines = [IndikatorInline]
    fieldsets = [
        (None, {"fields": ["organisasi", "tahun", "kode", "nama", "urutan"]}),
        ("Sasaran dan target", {"fields": ["sasaran", "indikator_program", "target_teks"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Program]:
        # An aggregate drops Meta.ordering; the autocomplete pages through this queryset.
        return (
            super()
            .get_queryset(request)
            .annotate(_jumlah_indikator=Count("indikator"))
            .order_by("organisasi__nama", "organisasi_id", "tahun", "urutan", "kode")
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Program | None = None) -> list[str]:
        # The program's rumus repeat its organisasi and tahun; changing them here would
        # leave those rows (and their realisasi) behind. Use the workbook import for a year.
        return ["organisasi", "tahun"] if obj is not None else []

    @admin.display(description="jumlah indikator", ordering="_jumlah_indikator")
    def jumlah_indikator(self, obj: Program) -> int:
        return obj._jumlah_indikator

    def get_urls(self) -> list[URLPattern]:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        ekspor = EksporAdmin(
            self,
            judul="Ekspor buku kerja indikator",
            ekspor=ekspor_indikator,
            awalan_berkas="indikator",
            form_class=EksporForm,
        )
        return [
            *ImporAdmin(self, IMPOR_INDIKATOR).get_urls(),
            *ekspor.get_urls(),
            path(
                "templat/",
                self.admin_site.admin_view(self.templat_view),
                name=f"{info}_templat",
            ),
            *super().get_urls(),
        ]

    def templat_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return unduhan_xlsx(templat_indikator(), "templat-indikator.xlsx")


class RumusInline(LingkupAdminMixin, PilihanBerlabelAdmin, admin.TabularInline):
    model = Rumus
    form = RumusAdminForm
    formset = RumusInlineFormSet
    fields = [
        "urutan",
        "kode",
        "bidang",
        "uraian",
        "penyebut",
        "periode",
        "faktor_teks",
        "bobot_teks",
        "pembagi_default",
    ]
    extra = 0

    def get_formset(self, request: HttpRequest, obj: Indikator | None = None, **kwargs: Any):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and "bidang" in formset.form.base_fields:
            # Only the program's own bidang, fetched once rather than a choice list per row.
            field = formset.form.base_fields["bidang"]
            field.queryset = Bidang.objects.filter(organisasi_id=obj.program.organisasi_id)
        return formset


@admin.register(Indikator)
class IndikatorAdmin(JejakAdminMixin, LingkupAdminMixin, PilihanBerlabelAdmin, admin.ModelAdmin):
    form = IndikatorAdminForm
    list_display = ["kode", "nama", "program", "agregasi", "bobot", "jumlah_rumus"]
    list_display_links = ["kode", "nama"]
    list_filter = ["program__organisasi", "program__tahun", "agregasi"]
    list_select_related = ["program"]
    search_fields = [
        "kode",
        "nama",
        "program__kode",
        "program__nama",
        "program__organisasi__slug",
        "program__tahun__exact",
    ]
    autocomplete_fields = ["program"]
    inlines = [RumusInline]
    fieldsets = [
        (
            None,
            {"fields": ["program", "kode", "nama", "jenis", "agregasi", "bobot_teks", "urutan"]},
        ),
        (
            "Definisi indikator",
            {
                "fields": [
                    "konsep_definisi",
                    "rumus_teks",
                    "satuan",
                    "regulasi",
                    "periode_pengukuran",
                    "sifat_target",
                    "sumber_data",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Indikator]:
        # An aggregate drops Meta.ordering (UnorderedObjectListWarning when paged, e.g. by
        # the autocomplete), so order explicitly: organisasi, year, program, indikator.
        return (
            super()
            .get_queryset(request)
            .annotate(_jumlah_rumus=Count("rumus"))
            .order_by(
                "program__organisasi__nama",
                "program__organisasi_id",
                "program__tahun",
                "program__urutan",
                "program__kode",
                "urutan",
                "kode",
            )
        )

    def get_form(
        self, request: HttpRequest, obj: Indikator | None = None, change: bool = False, **kwargs
    ) -> type[IndikatorAdminForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        # With the rumus inline on the page, its formset checks a pooled indikator's rows as
        # submitted; without it (no permission on rumus) the form checks the stored rows.
        if obj is not None and any(
            isinstance(inline, RumusInline) for inline in self.get_inline_instances(request, obj)
        ):
            form = type(form.__name__, (form,), {"rumus_diperiksa_formset": True})
        return form

    def get_readonly_fields(self, request: HttpRequest, obj: Indikator | None = None) -> list[str]:
        # Its rumus carry the program's organisasi and tahun; see ProgramAdmin.
        return ["program"] if obj is not None else []

    @admin.display(description="bobot")
    def bobot(self, obj: Indikator) -> str:
        return teks_pecahan(obj.bobot_pembilang, obj.bobot_penyebut)

    @admin.display(description="jumlah rumus", ordering="_jumlah_rumus")
    def jumlah_rumus(self, obj: Indikator) -> int:
        return obj._jumlah_rumus


@admin.register(Rumus)
class RumusAdmin(JejakAdminMixin, LingkupAdminMixin, PilihanBerlabelAdmin, admin.ModelAdmin):
    form = RumusAdminForm
    list_display = [
        "kode",
        "uraian_singkat",
        "bidang",
        "periode",
        "faktor_tahunan",
        "bobot",
        "pembagi_default_teks",
    ]
    list_display_links = ["kode", "uraian_singkat"]
    list_filter = ["organisasi", "tahun", ("bidang", BidangListFilter), "periode"]
    list_select_related = ["bidang"]
    search_fields = ["kode", "uraian", "organisasi__slug", "tahun__exact"]
    autocomplete_fields = ["indikator", "bidang"]
    readonly_fields = ["organisasi", "tahun"]
    fieldsets = [
        (None, {"fields": ["indikator", "organisasi", "tahun", "kode", "bidang", "urutan"]}),
        ("Uraian", {"fields": ["uraian", "penyebut", "pembagi_default"]}),
        ("Periode dan bobot", {"fields": ["periode", "faktor_teks", "bobot_teks"]}),
    ]

    @admin.display(description="uraian", ordering="uraian")
    def uraian_singkat(self, obj: Rumus) -> str:
        return Truncator(obj.uraian).chars(80)

    @admin.display(description="faktor tahunan")
    def faktor_tahunan(self, obj: Rumus) -> str:
        if obj.faktor_diatur is None:
            return f"{format_pecahan(obj.faktor)} (bawaan)"
        return format_pecahan(obj.faktor_diatur)

    @admin.display(description="bobot")
    def bobot(self, obj: Rumus) -> str:
        return teks_pecahan(obj.bobot_pembilang, obj.bobot_penyebut)

    @admin.display(description="pembagi default", ordering="pembagi_default")
    def pembagi_default_teks(self, obj: Rumus) -> str:
        return format_angka(obj.pembagi_default)
