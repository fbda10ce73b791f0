"""The one place that decides what a request may see and change.

Every page, download and JSON endpoint of an organisasi starts with ``lingkup(request,
slug)``; whatever the user may not reach answers 404 (never 403), so that nothing tells an
outsider which organisasi, bidang or month exists.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest

from akun.models import Anggota, Peran
from organisasi.models import Bidang, Organisasi, Wilayah

SUPERUSER = "superuser"
# Not a Peran of an Anggota: a user who reads every organisasi of a wilayah (PemantauWilayah).
PEMANTAU_WILAYAH = "pemantau_wilayah"


@dataclass(frozen=True)
class Lingkup:
    pengguna: AbstractBaseUser
    organisasi: Organisasi
    peran: str  # a Peran value, or SUPERUSER
    bidang_ids: frozenset[int]  # the bidang a staf bidang enters rows for

    @property
    def lihat_semua_bidang(self) -> bool:
        return self.peran != Peran.STAF

    @property
    def boleh_tinjau(self) -> bool:
        """Return and (issue 4) approve a bidang's month: the Kepala Dinas (and a superuser,
        for operations)."""
        return self.peran in (Peran.KEPALA, SUPERUSER)

    @property
    def boleh_admin(self) -> bool:
        return self.peran in (Peran.ADMIN, SUPERUSER)

    @property
    def boleh_lihat_isian(self) -> bool:
        """The workbench behind the report (entry pages, their trail): the organisasi's own
        people. A Pemantau wilayah reads the outputs only: dashboard, reports, plan."""
        return self.peran != PEMANTAU_WILAYAH

    @property
    def label_peran(self) -> str:
        if self.peran == SUPERUSER:
            return "Superuser"
        if self.peran == PEMANTAU_WILAYAH:
            return "Pemantau wilayah"
        return Peran(self.peran).label

    def boleh_lihat(self, bidang: Bidang) -> bool:
        """May open the bidang's entry page and trail (read-only unless ``boleh_isi``)."""
        return (
            self.boleh_lihat_isian
            and bidang.organisasi_id == self.organisasi.pk
            and (self.lihat_semua_bidang or bidang.pk in self.bidang_ids)
        )

    def boleh_isi(self, bidang: Bidang) -> bool:
        """Only a staf bidang of that bidang enters its realisasi."""
        return (
            self.peran == Peran.STAF
            and bidang.organisasi_id == self.organisasi.pk
            and bidang.pk in self.bidang_ids
        )


def organisasi_pengguna(pengguna: AbstractBaseUser) -> list[Organisasi]:
    """The organisasi a user may open: all of them for a superuser, the wilayah's members
    for a Pemantau wilayah."""
    if not pengguna.is_authenticated or not pengguna.is_active:
        return []
    if pengguna.is_superuser:
        return list(Organisasi.objects.order_by("nama"))
    anggota = Anggota.objects.filter(pengguna=pengguna).select_related("organisasi").first()
    if anggota:
        return [anggota.organisasi]
    return list(Organisasi.objects.filter(wilayah__pemantau__pengguna=pengguna).order_by("nama"))


def bukan_anggota(pengguna: AbstractBaseUser) -> bool:
    return not Anggota.objects.filter(pengguna=pengguna).exists()


def wilayah_pengguna(pengguna: AbstractBaseUser) -> list[Wilayah]:
    """The wilayah whose roll-up a user may read: every one for a superuser."""
    if not pengguna.is_authenticated or not pengguna.is_active:
        return []
    if pengguna.is_superuser:
        return list(Wilayah.objects.order_by("nama"))
    return list(Wilayah.objects.filter(pemantau__pengguna=pengguna))


def wilayah_terlihat(request: HttpRequest, slug: str) -> Wilayah:
    """Wilayah ``slug`` if the request's user may read it; Http404 otherwise (as for an
    organisasi out of scope)."""
    pengguna = request.user
    if not pengguna.is_authenticated or not pengguna.is_active:
        raise Http404
    qs = Wilayah.objects.filter(slug=slug)
    if not pengguna.is_superuser:
        qs = qs.filter(pemantau__pengguna=pengguna)
    wilayah = qs.first()
    if wilayah is None:
        raise Http404
    return wilayah


def lingkup_pengguna(pengguna: AbstractBaseUser, slug: str) -> Lingkup:
    """The user's scope in organisasi ``slug``; Http404 when they have none there."""
    if not pengguna.is_authenticated or not pengguna.is_active:
        raise Http404
    if pengguna.is_superuser:
        organisasi = Organisasi.objects.filter(slug=slug).first()
        if organisasi is None:
            raise Http404
        return Lingkup(pengguna, organisasi, SUPERUSER, frozenset())
    anggota = (
        Anggota.objects.filter(pengguna=pengguna, organisasi__slug=slug)
        .select_related("organisasi")
        .first()
    )
    if anggota is None:
        organisasi = Organisasi.objects.filter(
            slug=slug, wilayah__pemantau__pengguna=pengguna
        ).first()
        if organisasi is None:
            raise Http404
        return Lingkup(pengguna, organisasi, PEMANTAU_WILAYAH, frozenset())
    bidang_ids: frozenset[int] = frozenset()
    if anggota.peran == Peran.STAF:
        bidang_ids = frozenset(anggota.bidang.values_list("pk", flat=True))
    return Lingkup(pengguna, anggota.organisasi, anggota.peran, bidang_ids)


def lingkup(request: HttpRequest, slug: str) -> Lingkup:
    """``lingkup_pengguna`` for the request's user, computed once per request."""
    cache = request.__dict__.setdefault("_lingkup", {})
    if slug not in cache:
        cache[slug] = lingkup_pengguna(request.user, slug)
    return cache[slug]


def bidang_terlihat(ling: Lingkup, slug: str) -> Bidang:
    """A bidang of the organisasi the user may see; Http404 otherwise."""
    bidang = Bidang.objects.filter(organisasi=ling.organisasi, slug=slug).first()
    if bidang is None or not ling.boleh_lihat(bidang):
        raise Http404
    return bidang


def wajib_tinjau(ling: Lingkup) -> None:
    if not ling.boleh_tinjau:
        raise Http404
