"""Form fields every app's forms use: numbers typed as an office writes them, an uploaded
workbook, and foreign-key choices that say whose they are.

Faktor and bobot are stored as numerator/denominator pairs; a form edits one text field
(``1/12``, ``0,5``, ``0.5``) instead. Amounts accept Indonesian text (``6.780``, ``1.234,5``)
so that a dot is never silently read as a decimal point.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import DecimalValidator
from django.db.models import Model, QuerySet

from dasar.angka import (
    BATAS_BILANGAN,
    AngkaError,
    format_angka,
    format_pecahan,
    parse_angka,
    parse_pecahan,
)


class PecahanField(forms.CharField):
    """A positive fraction typed as ``1/12``, ``0,5`` or ``0.5``; cleans to ``Fraction``."""

    def to_python(self, value: Any) -> Fraction | None:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            pecahan = parse_pecahan(text)
        except AngkaError as exc:
            raise forms.ValidationError(f"Tidak dapat dibaca: {exc}.", code="invalid") from exc
        if pecahan is None:
            return None
        if pecahan <= 0:
            raise forms.ValidationError("Harus lebih dari nol.", code="min_value")
        if pecahan.numerator > BATAS_BILANGAN or pecahan.denominator > BATAS_BILANGAN:
            raise forms.ValidationError(
                "Angka terlalu besar atau terlalu rinci; tulis sebagai pecahan, mis. 1/3.",
                code="max_value",
            )
        return pecahan

    def prepare_value(self, value: Any) -> Any:
        return format_pecahan(value) if isinstance(value, Fraction) else value


class AngkaField(forms.CharField):
    """A non-negative amount in Indonesian notation; cleans to ``Decimal``.

    Accepts the ``max_digits``/``decimal_places`` a model ``DecimalField`` passes through
    ``Meta.field_classes`` and checks them, so the database never rounds silently.
    """

    def __init__(
        self, *, max_digits: int | None = None, decimal_places: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        if max_digits is not None or decimal_places is not None:
            self.validators.append(DecimalValidator(max_digits, decimal_places))
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, Decimal):
            return value
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_angka(text)
        except AngkaError as exc:
            raise forms.ValidationError(f"Tidak dapat dibaca: {exc}.", code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        return format_angka(value) if isinstance(value, Decimal) else value


# Choices that say whose they are. Definitions repeat per year and bidang per organisasi, so
# ``str()`` alone (``PAS02 Jumlah ...``) cannot tell the 2024 row from the 2025 one. Each app
# says how its models read (``daftarkan_pilihan``, from its forms module, loaded by its
# AppConfig.ready()).


@dataclass(frozen=True)
class Pilihan:
    """How a model's objects are labelled in a select, and what the label reads."""

    label: Callable[[Any], str]
    terkait: tuple[str, ...]  # select_related, so that labelling costs no query per option


PILIHAN: dict[type[Model], Pilihan] = {}


def daftarkan_pilihan(
    model: type[Model], label: Callable[[Any], str], terkait: tuple[str, ...]
) -> None:
    """Choices of ``model`` read ``label(obj)``, loading ``terkait`` with them."""
    PILIHAN[model] = Pilihan(label, terkait)


class PilihanBerlabelField(forms.ModelChoiceField):
    """A foreign-key choice labelled with its organisasi (and year), see ``PILIHAN``.

    Whatever queryset is assigned (admins narrow it later) gets the ``select_related`` the
    label needs.
    """

    def _set_queryset(self, queryset: QuerySet | None) -> None:
        if queryset is not None and queryset.model in PILIHAN:
            queryset = queryset.select_related(*PILIHAN[queryset.model].terkait)
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj: Model) -> str:
        pilihan = PILIHAN.get(type(obj))
        return pilihan.label(obj) if pilihan is not None else super().label_from_instance(obj)


class BerkasXlsxField(forms.FileField):
    """An uploaded .xlsx of at most ``WORKBOOK_MAX_BYTES``; cleans to its bytes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Berkas (.xlsx)")
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(
                attrs={
                    "accept": ".xlsx,application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet"
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> bytes:
        berkas = super().clean(data, initial)
        if not berkas.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                "Berkas harus buku kerja Excel .xlsx (bukan .xls atau .csv).", code="extension"
            )
        batas = settings.WORKBOOK_MAX_BYTES
        if berkas.size > batas:
            raise forms.ValidationError(
                f"Berkas terlalu besar (maksimal {batas // (1024 * 1024)} MB).", code="size"
            )
        return berkas.read()
