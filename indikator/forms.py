"""The admin's forms for the year's definitions (program, indikator, rumus, with faktor and
bobot as one text field each through ``dasar.formulir.PecahanField``), the checks that span
rows (rule 3 of docs/perhitungan.md), and the indicator workbook's upload form. How choices
of program, indikator and rumus read is declared here (``daftarkan_pilihan``)."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django import forms
from django.db.models import Model
from django.utils.text import Truncator

from akun.admin_impor import ImporForm, tahun_field
from akun.lingkup_admin import PESAN_ORGANISASI_LAIN
from dasar.angka import format_pecahan
from dasar.formulir import (
    AngkaField,
    BerkasXlsxField,
    PecahanField,
    PilihanBerlabelField,
    daftarkan_pilihan,
)
from indikator.models import FAKTOR_DEFAULT, Agregasi, Indikator, Program, Rumus, default_faktor
from organisasi.models import Organisasi


def _bantuan_faktor() -> str:
    bawaan = ", ".join(f"{periode} {format_pecahan(f)}" for periode, f in FAKTOR_DEFAULT.items())
    return f"Contoh: 1/12, 0,5 atau 0.5. Kosong = bawaan periode ({bawaan})."


# Choices that say whose they are. Definitions repeat per year and bidang per organisasi, so
# ``str()`` alone (``PAS02 Jumlah ...``) cannot tell the 2024 row from the 2025 one.


def label_program(program: Program) -> str:
    return f"{program.kode} {program.nama} ({program.organisasi.slug}, {program.tahun})"


def label_indikator(indikator: Indikator) -> str:
    program = indikator.program
    nama = Truncator(indikator.nama).chars(60)
    return f"{indikator.kode} {nama} ({program.organisasi.slug}, {program.tahun})"


def label_rumus(rumus: Rumus) -> str:
    return (
        f"{rumus.kode} ({rumus.organisasi.slug}, {rumus.tahun}) {Truncator(rumus.uraian).chars(60)}"
    )


# Rule 3 of docs/perhitungan.md: the rows of a "rasio gabungan" indikator share one periode
# and one effective faktor (the import enforces it for workbooks; these for the admin).


def faktor_efektif(periode: str, faktor: Fraction | None) -> Fraction:
    return faktor if faktor is not None else default_faktor(periode)


def teks_periode_faktor(periode: str, faktor: Fraction) -> str:
    return f"{periode}, {format_pecahan(faktor)}"


PESAN_RASIO_GABUNGAN = (
    "Rumus dalam indikator rasio gabungan harus memakai periode dan faktor tahunan yang sama"
)


def pesan_baris_lain(lain: Iterable[tuple[str, Fraction]]) -> str:
    daftar = "; ".join(teks_periode_faktor(p, f) for p, f in lain)
    return f"{PESAN_RASIO_GABUNGAN} (baris lain: {daftar})."


class _PecahanPairs:
    """Maps a form's fraction text fields onto the model's numerator/denominator pairs."""

    # form field -> (numerator attribute, denominator attribute)
    pecahan_fields: dict[str, tuple[str, str]] = {}

    instance: Model
    initial: dict[str, Any]
    cleaned_data: dict[str, Any]
    fields: dict[str, forms.Field]

    def _init_pecahan(self) -> None:
        for name, (atas, bawah) in self.pecahan_fields.items():
            if name not in self.fields or name in self.initial:
                continue
            pembilang = getattr(self.instance, atas)
            penyebut = getattr(self.instance, bawah)
            if pembilang is not None and penyebut:
                self.initial[name] = format_pecahan(Fraction(pembilang, penyebut))

    def _apply_pecahan(self) -> None:
        for name, (atas, bawah) in self.pecahan_fields.items():
            if name not in self.cleaned_data:
                continue
            pecahan = self.cleaned_data[name]
            setattr(self.instance, atas, None if pecahan is None else pecahan.numerator)
            setattr(self.instance, bawah, None if pecahan is None else pecahan.denominator)


def _bobot_field() -> PecahanField:
    return PecahanField(
        label="Bobot",
        initial="1",
        help_text="Contoh: 1, 1/3, 0,5 atau 0.5.",
        widget=forms.TextInput(attrs={"size": 8}),
    )


class ProgramAdminForm(forms.ModelForm):
    """On an existing program, organisasi and tahun are read-only (its rumus repeat them), so
    the form checks the kode's uniqueness itself: Django skips constraints on fields that are
    not on the form."""

    class Meta:
        model = Program
        fields = [
            "organisasi",
            "tahun",
            "kode",
            "nama",
            "urutan",
            "sasaran",
            "indikator_program",
            "target_teks",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kode = cleaned.get("kode")
        if kode and self.instance.pk and "tahun" not in self.fields:
            program = self.instance
            if (
                Program.objects.filter(
                    organisasi_id=program.organisasi_id, tahun=program.tahun, kode=kode
                )
                .exclude(pk=program.pk)
                .exists()
            ):
                self.add_error("kode", f"Kode program {kode} sudah dipakai pada tahun ini.")
        return cleaned


class IndikatorAdminForm(_PecahanPairs, forms.ModelForm):
    """An indikator with its bobot as text.

    Switching an indikator to ``rasio gabungan`` is refused while its rumus differ in periode
    or faktor. On the indikator page the rumus inline checks the rows as submitted
    (``RumusInlineFormSet``), and the admin sets ``rumus_diperiksa_formset``; elsewhere (the
    program page, or without access to the rumus) this form checks the stored rows.
    """

    bobot_teks = _bobot_field()

    pecahan_fields = {"bobot_teks": ("bobot_pembilang", "bobot_penyebut")}
    rumus_diperiksa_formset = False

    class Meta:
        model = Indikator
        fields = [
            "program",
            "kode",
            "nama",
            "jenis",
            "agregasi",
            "urutan",
            "konsep_definisi",
            "rumus_teks",
            "satuan",
            "regulasi",
            "periode_pengukuran",
            "sifat_target",
            "sumber_data",
        ]
        field_classes = {"program": PilihanBerlabelField}
        widgets = {
            field: forms.Textarea(attrs={"rows": 3, "cols": 80})
            for field in ("konsep_definisi", "rumus_teks", "regulasi")
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_pecahan()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._apply_pecahan()
        kode = cleaned.get("kode")
        # On change the program is read-only (see ProgramAdminForm for why this is needed).
        if (
            kode
            and self.instance.pk
            and "program" not in self.fields
            and Indikator.objects.filter(program_id=self.instance.program_id, kode=kode)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("kode", f"Kode indikator {kode} sudah dipakai pada program ini.")
        self._periksa_rasio_gabungan(cleaned)
        return cleaned

    def _periksa_rasio_gabungan(self, cleaned: dict[str, Any]) -> None:
        if (
            self.rumus_diperiksa_formset
            or not self.instance.pk
            or cleaned.get("agregasi") != Agregasi.RASIO_GABUNGAN
            or "agregasi" not in self.changed_data
        ):
            return
        rumus = list(
            Rumus.objects.filter(indikator_id=self.instance.pk)
            .order_by("urutan", "kode")
            .only("kode", "periode", "faktor_pembilang", "faktor_penyebut")
        )
        nilai = {(r.periode, faktor_efektif(r.periode, r.faktor_diatur)) for r in rumus}
        if len(nilai) > 1:
            rincian = "; ".join(
                f"{r.kode}: "
                + teks_periode_faktor(r.periode, faktor_efektif(r.periode, r.faktor_diatur))
                for r in rumus
            )
            self.add_error(
                "agregasi",
                f"{PESAN_RASIO_GABUNGAN}, padahal rumus indikator ini berbeda ({rincian}). "
                "Samakan dulu periode dan faktor tahunannya.",
            )


class RumusAdminForm(_PecahanPairs, forms.ModelForm):
    """Rumus with faktor/bobot as text. Its organisasi and tahun always follow the
    indikator's program; kode is unique per organisasi and year, checked here because those
    two fields are not on the form."""

    faktor_teks = PecahanField(
        label="Faktor tahunan",
        required=False,
        help_text=_bantuan_faktor(),
        widget=forms.TextInput(attrs={"size": 8}),
    )
    bobot_teks = _bobot_field()

    pecahan_fields = {
        "faktor_teks": ("faktor_pembilang", "faktor_penyebut"),
        "bobot_teks": ("bobot_pembilang", "bobot_penyebut"),
    }

    class Meta:
        model = Rumus
        fields = [
            "indikator",
            "kode",
            "bidang",
            "uraian",
            "penyebut",
            "periode",
            "pembagi_default",
            "urutan",
        ]
        field_classes = {
            "pembagi_default": AngkaField,
            "indikator": PilihanBerlabelField,
            "bidang": PilihanBerlabelField,
        }
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 2, "cols": 40}),
            "penyebut": forms.Textarea(attrs={"rows": 2, "cols": 40}),
        }

    # Set by RumusInlineFormSet: its clean compares the rows as submitted, so this form does
    # not compare with the stored siblings (which the same submission may be changing).
    diperiksa_formset = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._init_pecahan()
        rumus = self.instance
        self.periode_faktor_tersimpan = (
            (rumus.periode, rumus.faktor_diatur) if rumus.pk is not None else None
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._apply_pecahan()
        # In an inline row the foreign-key field cleans to the parent indikator, whose
        # program is already set (even on the add page, where it is not saved yet).
        indikator = cleaned.get("indikator")
        if indikator is not None and indikator.program_id is not None:
            self._follow_program(indikator)
        if indikator is not None and not self.diperiksa_formset:
            self._periksa_rasio_gabungan(indikator, cleaned)
        return cleaned

    def _periksa_rasio_gabungan(self, indikator: Indikator, cleaned: dict[str, Any]) -> None:
        """A row of a pooled indikator must match its siblings' periode and faktor."""
        if (
            indikator.pk is None
            or indikator.agregasi != Agregasi.RASIO_GABUNGAN
            or "periode" not in cleaned
            or "faktor_teks" not in cleaned
        ):
            return
        periode = cleaned["periode"]
        sendiri = (periode, faktor_efektif(periode, cleaned["faktor_teks"]))
        lain = Rumus.objects.filter(indikator_id=indikator.pk).only(
            "periode", "faktor_pembilang", "faktor_penyebut"
        )
        if self.instance.pk is not None:
            lain = lain.exclude(pk=self.instance.pk)
        nilai_lain = sorted(
            {(r.periode, faktor_efektif(r.periode, r.faktor_diatur)) for r in lain},
            key=lambda n: (n[1], n[0]),
        )
        if not nilai_lain or sendiri in nilai_lain:
            return
        kolom = "periode" if periode not in {p for p, _ in nilai_lain} else "faktor_teks"
        self.add_error(kolom, pesan_baris_lain(nilai_lain))

    def _follow_program(self, indikator: Indikator) -> None:
        program = indikator.program
        rumus = self.instance
        if rumus.pk and (rumus.organisasi_id, rumus.tahun) != (
            program.organisasi_id,
            program.tahun,
        ):
            self.add_error(
                "indikator",
                "Rumus tidak dapat dipindahkan ke organisasi atau tahun lain; "
                "buat rumus baru pada tahun tersebut.",
            )
            return
        rumus.organisasi_id = program.organisasi_id
        rumus.tahun = program.tahun
        bidang = self.cleaned_data.get("bidang")
        if bidang is not None and bidang.organisasi_id != program.organisasi_id:
            self.add_error("bidang", "Bidang harus milik organisasi program ini.")
        kode = self.cleaned_data.get("kode")
        if kode and (
            Rumus.objects.filter(
                organisasi_id=program.organisasi_id, tahun=program.tahun, kode=kode
            )
            .exclude(pk=rumus.pk)
            .exists()
        ):
            self.add_error("kode", f"Kode rumus {kode} sudah dipakai pada tahun {program.tahun}.")


@dataclass(frozen=True)
class _BarisRumus:
    """A rumus row as it will be after this submission, for the pooled-indikator check."""

    kode: str
    periode: str
    faktor: Fraction
    form: forms.Form | None  # None: a stored row that is not on the page
    diubah: bool  # new, or its periode/faktor edited in this submission

    @property
    def nilai(self) -> tuple[str, Fraction]:
        return (self.periode, self.faktor)


class RumusInlineFormSet(forms.BaseInlineFormSet):
    """Refuses one kode twice in the same submission (the database would refuse it later,
    with a less helpful message), and reads the bidang choices once for all rows.

    For a ``rasio gabungan`` indikator (as the page submits it) the rows that remain, i.e.
    without the ones marked for deletion, must share one periode and effective faktor. An
    edited row that differs gets the error; differences the user did not type (the agregasi
    was switched, or stored rows) are reported above the rows.
    """

    _pilihan_bidang: list | None = None

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.diperiksa_formset = True
        field = form.fields.get("bidang")
        if isinstance(field, forms.ModelChoiceField):
            if self._pilihan_bidang is None:
                self._pilihan_bidang = list(field.choices)
            field.choices = self._pilihan_bidang

    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            kode = form.cleaned_data.get("kode")
            if not kode:
                continue
            if kode in seen:
                form.add_error("kode", f"Kode rumus {kode} muncul lebih dari sekali.")
            seen.add(kode)
        if self.instance.agregasi == Agregasi.RASIO_GABUNGAN:
            self._periksa_rasio_gabungan()

    def _baris(self) -> list[_BarisRumus]:
        baris = []
        di_halaman = set()
        for form in self.forms:
            rumus = form.instance
            if rumus.pk is not None:
                di_halaman.add(rumus.pk)
            if self._should_delete_form(form) or (
                form in self.extra_forms and not form.has_changed()
            ):
                continue
            if form.errors:
                continue  # its values are not known; the row's own errors come first
            # After cleaning, the instance holds the submitted periode and faktor; a view-only
            # row (no change permission) keeps the stored ones.
            tersimpan = getattr(form, "periode_faktor_tersimpan", None)
            diubah = tersimpan is None or tersimpan != (rumus.periode, rumus.faktor_diatur)
            baris.append(
                _BarisRumus(
                    rumus.kode,
                    rumus.periode,
                    faktor_efektif(rumus.periode, rumus.faktor_diatur),
                    form,
                    diubah,
                )
            )
        if self.instance.pk is not None:
            # Rows not on the page (added meanwhile) count too.
            lain = Rumus.objects.filter(indikator_id=self.instance.pk).exclude(pk__in=di_halaman)
            baris.extend(
                _BarisRumus(
                    r.kode, r.periode, faktor_efektif(r.periode, r.faktor_diatur), None, False
                )
                for r in lain.only("kode", "periode", "faktor_pembilang", "faktor_penyebut")
            )
        return baris

    def _periksa_rasio_gabungan(self) -> None:
        baris = self._baris()
        jumlah = Counter(b.nilai for b in baris)
        if len(jumlah) < 2:
            return
        # The rows' common value is the one most rows have, preferring what was not edited
        # now (the user most likely changed the odd one), then the first.
        tetap = Counter(b.nilai for b in baris if not b.diubah)
        urutan = {}
        for n, b in enumerate(baris):
            urutan.setdefault(b.nilai, n)
        acuan = min(jumlah, key=lambda v: (-jumlah[v], -tetap[v], urutan[v]))
        tanpa_form = []
        for b in baris:
            if b.nilai == acuan:
                continue
            kolom = "periode" if b.periode != acuan[0] else "faktor_teks"
            if b.form is not None and b.diubah and kolom in b.form.fields:
                b.form.add_error(kolom, pesan_baris_lain([acuan]))
            else:
                tanpa_form.append(b)
        if tanpa_form:
            berbeda = ", ".join(
                f"{b.kode} ({teks_periode_faktor(b.periode, b.faktor)})" for b in tanpa_form
            )
            raise forms.ValidationError(
                f"{PESAN_RASIO_GABUNGAN}: {berbeda} berbeda dengan baris lain "
                f"({teks_periode_faktor(*acuan)}).",
                code="rasio_gabungan",
            )


# Workbook import/export


class ImporIndikatorForm(ImporForm):
    organisasi = forms.ModelChoiceField(
        label="Organisasi",
        queryset=Organisasi.objects.all(),
        required=False,
        empty_label="— organisasi baru —",
    )
    organisasi_baru = forms.SlugField(
        label="Slug organisasi baru",
        required=False,
        max_length=60,
        help_text="Isi hanya untuk organisasi yang belum ada; identitasnya dibaca dari "
        "sheet Organisasi pada buku kerja. Mis. dinsos-seruyan.",
    )
    tahun = tahun_field()
    berkas = BerkasXlsxField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.organisasi_lingkup is not None:
            del self.fields["organisasi_baru"]  # an organisasi admin creates no organisasi

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.organisasi_lingkup is not None:
            if str(self.data.get("organisasi_baru", "")).strip():
                raise forms.ValidationError(
                    PESAN_ORGANISASI_LAIN.format(nama=self.organisasi_lingkup.nama),
                    code="organisasi_lain",
                )
            return cleaned
        organisasi = cleaned.get("organisasi")
        baru = cleaned.get("organisasi_baru")
        if organisasi is not None and baru:
            raise forms.ValidationError(
                "Pilih organisasi yang ada atau isi slug organisasi baru, tidak keduanya."
            )
        if organisasi is None and not baru and "organisasi_baru" not in self.errors:
            raise forms.ValidationError("Pilih organisasi, atau isi slug untuk organisasi baru.")
        return cleaned

    def parameter(self) -> dict[str, Any]:
        organisasi = self.cleaned_data["organisasi"]
        slug = organisasi.slug if organisasi is not None else self.cleaned_data["organisasi_baru"]
        return {"organisasi": slug, "tahun": self.cleaned_data["tahun"]}

    @classmethod
    def dari_parameter(cls, parameter: dict[str, Any], **kwargs: Any) -> "ImporIndikatorForm":
        organisasi = Organisasi.objects.filter(slug=parameter["organisasi"]).first()
        initial = {"tahun": parameter["tahun"]}
        if organisasi is not None:
            initial["organisasi"] = organisasi.pk
        else:
            initial["organisasi_baru"] = parameter["organisasi"]
        return cls(initial=initial, **kwargs)

    @staticmethod
    def dalam_lingkup(parameter: dict[str, Any], organisasi: Organisasi) -> bool:
        return parameter["organisasi"] == organisasi.slug

    @staticmethod
    def uraian_parameter(parameter: dict[str, Any]) -> str:
        organisasi = Organisasi.objects.filter(slug=parameter["organisasi"]).first()
        nama = organisasi.nama if organisasi is not None else f"{parameter['organisasi']} (baru)"
        return f"{nama}, tahun {parameter['tahun']}"


# How choices of these models read (see dasar.formulir.PILIHAN).
daftarkan_pilihan(Program, label_program, ("organisasi",))
daftarkan_pilihan(Indikator, label_indikator, ("program__organisasi",))
daftarkan_pilihan(Rumus, label_rumus, ("organisasi",))
