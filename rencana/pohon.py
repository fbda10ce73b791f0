"""The performance tree (pohon kinerja) as a picture: a tidy left-to-right layout and its SVG.

``tata_letak`` is pure (no database): it takes the nodes of a plan (SimpulPohon or anything
with the same attributes) and places them. Level = column; leaves are stacked top to bottom
in the tree's order; a parent is centred on the block of its children (or, for a picture
cut over several printed pages, level with the top of its first child, so that a subtree's
head is where its band begins); a subtree owns a horizontal band that no other subtree
enters, so boxes never overlap. Text is wrapped here to a fixed width (an estimate of
DejaVu Sans glyph widths), so box heights are known without a browser and the same picture
prints in the PDF. Work and memory are O(n).

``svg_pohon`` draws a layout: one box per node (title, indicator "IK: ...", target, jabatan,
and a status line), coloured by the capaian status of its indicator when it has one,
neutral grey with "belum ada data" otherwise; linked nodes are wrapped in ``<a href>``.
Every piece of text is XML-escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from dasar.angka import format_persen
from rencana.models import LEVEL_POHON
from rencana.pita import warna_sah

# Geometry (SVG user units = CSS px on screen).
LEBAR_KOTAK = 260
JARAK_KOLOM = 60  # horizontal room for the elbow connectors
JARAK_DAUN = 12  # between sibling leaves
JARAK_CABANG = 26  # between sibling subtrees that have children
TEPI = 16  # outer margin
TINGGI_KEPALA = 46  # the level headers
JARAK_KEPALA = 18  # between the headers and the first box
PAD_X = 10
PAD_Y = 9
TINGGI_STATUS = 22  # the status line at the bottom of a box

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


@dataclass(frozen=True)
class GayaBaris:
    ukuran: float  # font size
    tinggi: float  # line height
    tebal: bool = False
    warna: str = "#1b1f24"
    miring: bool = False


GAYA = {
    "judul": GayaBaris(11.5, 14.5, tebal=True),
    "ik": GayaBaris(10, 13, warna="#2f3640"),
    "target": GayaBaris(10, 13, warna="#2f3640"),
    "elemen": GayaBaris(9.5, 12.5, warna="#5b3f99"),
    "jabatan": GayaBaris(9.5, 12.5, warna="#5b6470", miring=True),
}
# At most this many lines per part: longer text ends with "…" (the full text is in <title>).
MAKS_BARIS = {"judul": 7, "ik": 5, "target": 2, "elemen": 3, "jabatan": 4}

# Approximate advance widths of DejaVu Sans, in em (bold ~8% wider).
_SEMPIT = set("iljtfrI.,:;'|!()[]/ ")
_LEBAR = set("mwMW@%")


def _lebar_huruf(c: str) -> float:
    if c == " ":
        return 0.32
    if c in _SEMPIT:
        return 0.36
    if c in _LEBAR:
        return 0.9
    if c.isupper():
        return 0.72
    if c.isdigit():
        return 0.64
    return 0.58


def lebar_teks(teks: str, ukuran: float, tebal: bool = False) -> float:
    """Estimated width of ``teks`` in px at font size ``ukuran``."""
    return sum(_lebar_huruf(c) for c in teks) * ukuran * (1.08 if tebal else 1.0)


def bungkus(teks: str, lebar: float, ukuran: float, tebal: bool = False, maks: int = 0):
    """Greedy word wrap of ``teks`` to ``lebar`` px; over-long words are cut; at most
    ``maks`` lines (0 = no limit), the last one ending with "…" when text was dropped."""
    kata = teks.split()
    baris: list[str] = []
    kini = ""
    for k in kata:
        calon = f"{kini} {k}" if kini else k
        if lebar_teks(calon, ukuran, tebal) <= lebar:
            kini = calon
            continue
        if kini:
            baris.append(kini)
        kini = k
        while lebar_teks(kini, ukuran, tebal) > lebar and len(kini) > 1:
            # cut an over-long word at the last character that fits
            potong = 1
            while potong < len(kini) and lebar_teks(kini[: potong + 1], ukuran, tebal) <= lebar:
                potong += 1
            baris.append(kini[:potong])
            kini = kini[potong:]
        if maks and len(baris) > maks:
            break
    if kini:
        baris.append(kini)
    if maks and len(baris) > maks:
        akhir = baris[maks - 1]
        while akhir and lebar_teks(akhir + " …", ukuran, tebal) > lebar:
            akhir = akhir[:-1]
        baris = [*baris[: maks - 1], akhir.rstrip() + " …"]
    return baris


class Simpul(Protocol):
    pk: int
    induk_id: int | None
    level: int
    nama: str
    indikator_teks: str
    target_teks: str
    jabatan: str
    indikator_id: int | None


@dataclass(frozen=True)
class Baris:
    jenis: str  # judul | ik | target | elemen | jabatan
    teks: str


@dataclass
class KotakSimpul:
    """A placed node: its box (x, y top-left), column and wrapped lines."""

    simpul: Any
    kolom: int
    x: float
    y: float
    lebar: float
    tinggi: float
    baris: list[Baris]
    anak: list[KotakSimpul] = field(default_factory=list)

    @property
    def tengah_y(self) -> float:
        return self.y + self.tinggi / 2

    @property
    def bawah(self) -> float:
        return self.y + self.tinggi


@dataclass(frozen=True)
class Garis:
    """An elbow connector from a parent's right edge to a child's left edge."""

    induk: KotakSimpul
    anak: KotakSimpul

    @property
    def jalur(self) -> str:
        x1 = self.induk.x + self.induk.lebar
        y1 = self.induk.tengah_y
        x2 = self.anak.x
        y2 = self.anak.tengah_y
        xm = x1 + JARAK_KOLOM / 2
        if abs(y2 - y1) < 0.5:
            return f"M{x1:.1f} {y1:.1f}H{x2:.1f}"
        r = min(6.0, abs(y2 - y1) / 2)
        arah = 1 if y2 > y1 else -1
        return (
            f"M{x1:.1f} {y1:.1f}H{xm - r:.1f}"
            f"Q{xm:.1f} {y1:.1f} {xm:.1f} {y1 + arah * r:.1f}"
            f"V{y2 - arah * r:.1f}"
            f"Q{xm:.1f} {y2:.1f} {xm + r:.1f} {y2:.1f}H{x2:.1f}"
        )


@dataclass
class TataLetak:
    kotak: list[KotakSimpul]  # in tree order (depth first)
    garis: list[Garis]
    kolom: int  # number of columns
    lebar: float
    tinggi: float
    lebar_kotak: float = LEBAR_KOTAK
    kolom_awal: int = 0  # the level of the leftmost column drawn (a branch printed alone)

    def x_kolom(self, kolom: int) -> float:
        return TEPI + (kolom - self.kolom_awal) * (self.lebar_kotak + JARAK_KOLOM)


def baris_simpul(s: Any, lebar_kotak: float = LEBAR_KOTAK) -> list[Baris]:
    """The wrapped text lines of a node's box."""
    isi = lebar_kotak - 2 * PAD_X

    def bagian(jenis: str, teks: str) -> list[Baris]:
        g = GAYA[jenis]
        return [
            Baris(jenis, b) for b in bungkus(teks, isi, g.ukuran, g.tebal, MAKS_BARIS.get(jenis, 0))
        ]

    baris = bagian("judul", _rapi(s.nama) or "(tanpa nama)")
    if _rapi(s.indikator_teks):
        baris += bagian("ik", "IK: " + _rapi(s.indikator_teks))
    if _rapi(s.target_teks):
        baris += bagian("target", "Target: " + _rapi(s.target_teks))
    elemen = getattr(s, "elemen", None) if getattr(s, "elemen_id", None) else None
    if elemen is not None:
        baris += bagian("elemen", f"{elemen.get_tingkat_display()}: {_rapi(elemen.nama)}")
    jabatan = [_rapi(j) for j in (s.jabatan or "").splitlines() if _rapi(j)]
    for j in jabatan[: MAKS_BARIS["jabatan"]]:
        baris += bagian("jabatan", j)[:2]
    if len(jabatan) > MAKS_BARIS["jabatan"]:
        baris.append(Baris("jabatan", f"(+{len(jabatan) - MAKS_BARIS['jabatan']} jabatan lain)"))
    return baris


def tinggi_kotak(baris: Sequence[Baris]) -> float:
    tinggi = 2 * PAD_Y + TINGGI_STATUS
    jenis_sebelum = None
    for b in baris:
        tinggi += GAYA[b.jenis].tinggi
        if jenis_sebelum is not None and b.jenis != jenis_sebelum:
            tinggi += 3  # a little air between title, indicator, target and jabatan
        jenis_sebelum = b.jenis
    return tinggi


def tata_letak(
    simpul: Sequence[Any],
    lebar_kotak: float = LEBAR_KOTAK,
    *,
    rata_atas: bool = False,
    rapat: bool = False,
) -> TataLetak:
    """Places every node once. Roots are nodes without a parent in ``simpul`` (or caught in
    a cycle); children keep the order of ``simpul``. A node's column is its level, pushed
    right of its parent's column when the data says otherwise. ``lebar_kotak``: the boxes'
    width (the PDF uses wider, shorter boxes for the landscape page). ``rata_atas``: a
    parent level with its first child's top instead of centred on its children. ``rapat``:
    no empty columns left of the shallowest node (a branch of the tree drawn on its own)."""
    per_pk = {s.pk: s for s in simpul}
    anak: dict[int, list[Any]] = {}
    akar: list[Any] = []
    for s in simpul:
        if s.induk_id is not None and s.induk_id in per_pk and s.induk_id != s.pk:
            anak.setdefault(s.induk_id, []).append(s)
        else:
            akar.append(s)

    kotak: list[KotakSimpul] = []
    dikunjungi: set[int] = set()

    def bangun(mulai: Any, kolom_induk: int) -> KotakSimpul:
        """Builds the subtree of ``mulai`` (iteratively: any depth), columns assigned."""
        k0 = _kotak(mulai, max(_level(mulai), kolom_induk + 1), lebar_kotak)
        dikunjungi.add(mulai.pk)
        tumpukan = [k0]
        while tumpukan:
            k = tumpukan.pop()
            for a in anak.get(k.simpul.pk, ()):
                if a.pk in dikunjungi:
                    continue
                dikunjungi.add(a.pk)
                ka = _kotak(a, max(_level(a), k.kolom + 1), lebar_kotak)
                k.anak.append(ka)
                tumpukan.append(ka)
        return k0

    pohon = [bangun(a, -1) for a in akar]
    # Nodes in a cycle have no root: the first of each cycle becomes one.
    for s in simpul:
        if s.pk not in dikunjungi:
            pohon.append(bangun(s, -1))

    # Extents: post-order, each subtree as (above, below) its root's centre, and each
    # child's centre relative to its parent's; then pre-order placement. Both iterative.
    naik: dict[int, float] = {}  # id(kotak) -> extent above the centre
    turun: dict[int, float] = {}  # id(kotak) -> extent below the centre
    relatif: dict[int, float] = {}  # id(kotak) -> centre minus its parent's centre
    for akar_k in pohon:
        urutan: list[KotakSimpul] = []
        tumpukan = [akar_k]
        while tumpukan:
            k = tumpukan.pop()
            urutan.append(k)
            tumpukan.extend(k.anak)
        for k in reversed(urutan):  # children before parents
            setengah = k.tinggi / 2
            if not k.anak:
                naik[id(k)] = turun[id(k)] = setengah
                continue
            # children stacked, centres relative to the first child's centre
            pusat = [0.0]
            for j in range(1, len(k.anak)):
                sebelum, ini = k.anak[j - 1], k.anak[j]
                pusat.append(pusat[-1] + turun[id(sebelum)] + _jarak(sebelum, ini) + naik[id(ini)])
            if rata_atas:
                # the parent's top: its first child's top
                tengah = pusat[0] - k.anak[0].tinggi / 2 + setengah
            else:
                # the parent's centre: the middle of the children's boxes
                tengah = (pusat[0] - k.anak[0].tinggi / 2 + pusat[-1] + k.anak[-1].tinggi / 2) / 2
            atas, bawah = setengah, setengah
            for a, c in zip(k.anak, pusat, strict=True):
                r = c - tengah
                relatif[id(a)] = r
                atas = max(atas, naik[id(a)] - r)
                bawah = max(bawah, r + turun[id(a)])
            naik[id(k)], turun[id(k)] = atas, bawah

    y = TEPI + TINGGI_KEPALA + JARAK_KEPALA
    kolom_maks = 0
    # a child's column is always right of its parent's: the roots hold the leftmost one
    kolom_awal = min(k.kolom for k in pohon) if rapat and pohon else 0
    for i, akar_k in enumerate(pohon):
        if i:
            y += JARAK_CABANG * 2
        tumpukan_pos = [(akar_k, y + naik[id(akar_k)])]
        while tumpukan_pos:
            k, pusat_k = tumpukan_pos.pop()
            kotak.append(k)
            kolom_maks = max(kolom_maks, k.kolom)
            k.x = TEPI + (k.kolom - kolom_awal) * (lebar_kotak + JARAK_KOLOM)
            k.y = pusat_k - k.tinggi / 2
            # reversed: the first child is placed next (depth-first, tree order)
            tumpukan_pos.extend((a, pusat_k + relatif[id(a)]) for a in reversed(k.anak))
        y += naik[id(akar_k)] + turun[id(akar_k)]

    garis = [Garis(k, a) for k in kotak for a in k.anak]
    kolom = kolom_maks - kolom_awal + 1 if kotak else 0
    lebar = 2 * TEPI + max(kolom, 1) * lebar_kotak + max(kolom - 1, 0) * JARAK_KOLOM
    return TataLetak(kotak, garis, kolom, lebar, y + TEPI, lebar_kotak, kolom_awal)


def _level(s: Any) -> int:
    return max(0, int(s.level or 0))


def _kotak(s: Any, kolom: int, lebar_kotak: float) -> KotakSimpul:
    baris = baris_simpul(s, lebar_kotak)
    return KotakSimpul(s, kolom, 0.0, 0.0, lebar_kotak, tinggi_kotak(baris), baris)


def _jarak(a: KotakSimpul, b: KotakSimpul) -> float:
    return JARAK_DAUN if not a.anak and not b.anak else JARAK_CABANG


def potong_halaman(
    tata: TataLetak, tinggi_maks: float, tinggi_pertama: float | None = None
) -> list[tuple[float, float]]:
    """Vertical slices ``(y0, y1)`` of the tree for printing: the first at most
    ``tinggi_pertama`` tall (default ``tinggi_maks``), the others ``tinggi_maks``, cut only
    where no box is (a box taller than a page is cut anyway)."""
    batas_halaman = tinggi_pertama if tinggi_pertama is not None else tinggi_maks
    mulai = TEPI + TINGGI_KEPALA + JARAK_KEPALA / 2
    rentang = sorted((k.y, k.bawah) for k in tata.kotak)
    # free y positions between the merged intervals of all boxes
    celah: list[float] = []
    ujung = None
    for a, b in rentang:
        if ujung is not None and a > ujung:
            celah.append((ujung + a) / 2)
        ujung = b if ujung is None else max(ujung, b)
    hasil = []
    i = 0
    while tata.tinggi - mulai > batas_halaman:
        batas = mulai + batas_halaman
        pilih = None
        while i < len(celah) and celah[i] <= batas:
            if celah[i] > mulai:
                pilih = celah[i]
            i += 1
        if pilih is None:
            pilih = batas
        hasil.append((mulai, pilih))
        mulai = pilih
        batas_halaman = tinggi_maks
    hasil.append((mulai, tata.tinggi))
    return hasil


# --- SVG --------------------------------------------------------------------------------

_TIDAK_SAH_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _rapi(teks: str | None) -> str:
    return " ".join(_TIDAK_SAH_XML.sub(" ", teks or "").split())


def esc(teks: object) -> str:
    """Text and attribute values for XML: & < > " ' escaped, invalid characters dropped."""
    return (
        _TIDAK_SAH_XML.sub("", str(teks))
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def warna_muda(hex_warna: str, kadar: float = 0.12) -> str:
    """``hex_warna`` mixed with white (``kadar`` of the colour)."""
    m = re.fullmatch(r"#?([0-9a-fA-F]{6})", hex_warna or "")
    if not m:
        return "#f4f5f7"
    r, g, b = (int(m.group(1)[i : i + 2], 16) for i in (0, 2, 4))
    campur = [round(255 - (255 - c) * kadar) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in campur)


ABU_GARIS = "#9aa3ad"
ABU_ISI = "#f3f4f6"
BIRU = "#12406b"


def nama_kolom(kolom: int) -> str:
    return LEVEL_POHON.get(kolom, "")


def svg_pohon(
    tata: TataLetak,
    hasil: Mapping[int, Any] | None = None,
    tautan: Mapping[int, str] | Callable[[Any], str | None] | None = None,
    *,
    judul: str = "Pohon kinerja",
    rentang: tuple[float, float] | None = None,
) -> str:
    """The layout as a standalone SVG document string.

    ``hasil``: indicator pk -> HasilRencana (``capaian``, ``status.warna``/``label``);
    ``tautan``: indicator pk -> URL (or a callable on the node). ``rentang``: draw only the
    slice ``(y0, y1)`` (with the level headers on top), for printing on several pages.
    """
    hasil = hasil or {}
    bagian: list[str] = []
    if rentang is None:
        y0, y1 = 0.0, tata.tinggi
        y_kepala = TEPI
    else:
        y0 = rentang[0] - TINGGI_KEPALA - JARAK_KEPALA / 2 - TEPI
        y1 = rentang[1]
        y_kepala = y0 + TEPI
    tinggi = y1 - y0
    bagian.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 {y0:.1f} {tata.lebar:.1f} {tinggi:.1f}" '
        f'width="{tata.lebar:.0f}" height="{tinggi:.0f}" class="pohon-svg" role="img" '
        f'aria-label="{esc(judul)}" font-family="{FONT}">'
    )
    bagian.append(f"<title>{esc(judul)}</title>")
    bagian.append('<g class="pohon-kanvas">')
    bagian.append(
        f'<rect x="0" y="{y0:.1f}" width="{tata.lebar:.1f}" height="{tinggi:.1f}" fill="#ffffff"/>'
    )

    if rentang is None:
        bawah_isi, atas_isi = y0, y1
    else:
        # only the slice: what lies above it is on the page before (WeasyPrint does not
        # clip an image to its viewBox, so the slice is clipped here)
        bawah_isi, atas_isi = rentang
        bagian.append(
            f'<defs><clipPath id="pohon-potong"><rect x="0" y="{bawah_isi:.1f}" '
            f'width="{tata.lebar:.1f}" height="{atas_isi - bawah_isi:.1f}"/></clipPath></defs>'
            '<g clip-path="url(#pohon-potong)">'
        )

    def terlihat(atas: float, bawah: float) -> bool:
        return bawah >= bawah_isi and atas <= atas_isi

    # connectors first, boxes over them
    bagian.append(f'<g class="pohon-garis" fill="none" stroke="{ABU_GARIS}" stroke-width="1.3">')
    for g in tata.garis:
        atas = min(g.induk.tengah_y, g.anak.tengah_y)
        bawah = max(g.induk.tengah_y, g.anak.tengah_y)
        if terlihat(atas, bawah):
            bagian.append(f'<path d="{g.jalur}"/>')
    bagian.append("</g>")

    for k in tata.kotak:
        if terlihat(k.y, k.bawah):
            bagian.append(_svg_kotak(k, hasil, tautan))
    if rentang is not None:
        bagian.append("</g>")

    bagian.append(_svg_kepala(tata, y_kepala))
    bagian.append("</g></svg>")
    return "".join(bagian)


def _svg_kepala(tata: TataLetak, y: float) -> str:
    bagian = [
        f'<g class="pohon-kepala">'
        f'<rect x="0" y="{y - TEPI:.1f}" width="{tata.lebar:.1f}" '
        f'height="{TEPI + TINGGI_KEPALA + JARAK_KEPALA / 2:.1f}" fill="#ffffff"/>'
    ]
    for kolom in range(tata.kolom_awal, tata.kolom_awal + tata.kolom):
        x = tata.x_kolom(kolom)
        nama = nama_kolom(kolom)
        bagian.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{tata.lebar_kotak:.1f}" '
            f'height="{TINGGI_KEPALA}" rx="5" fill="{BIRU}"/>'
            f'<text x="{x + tata.lebar_kotak / 2:.1f}" y="{y + 20:.1f}" text-anchor="middle" '
            f'font-size="12.5" font-weight="bold" fill="#ffffff">{esc(nama)}</text>'
            f'<text x="{x + tata.lebar_kotak / 2:.1f}" y="{y + 36:.1f}" text-anchor="middle" '
            f'font-size="10" fill="#d5e2ef">Level {kolom}</text>'
        )
    bagian.append("</g>")
    return "".join(bagian)


def _svg_kotak(k: KotakSimpul, hasil: Mapping[int, Any], tautan) -> str:
    s = k.simpul
    ind = getattr(s, "indikator_id", None)
    h = hasil.get(ind) if ind is not None else None
    capaian = getattr(h, "capaian", None) if h is not None else None
    status = getattr(h, "status", None) if h is not None else None
    ada_data = capaian is not None
    if ada_data:
        warna = warna_sah(status.warna) if status is not None else "#5b6470"
        isi, garis, tebal = warna_muda(warna, 0.12), warna, 1.8
    else:
        warna, isi, garis, tebal = "#6b7280", ABU_ISI, ABU_GARIS, 1.2
    href = None
    if ind is not None and tautan is not None:
        href = tautan(s) if callable(tautan) else tautan.get(ind)

    kelas = "pohon-simpul" + (" pohon-simpul--data" if ada_data else " pohon-simpul--kosong")
    atribut = f' class="{kelas}" data-simpul="{esc(s.pk)}" data-level="{k.kolom}"'
    keterangan = [_rapi(s.nama)]
    if _rapi(s.indikator_teks):
        keterangan.append("IK: " + _rapi(s.indikator_teks))
    if ada_data:
        label = status.label if status is not None else ""
        keterangan.append(f"Capaian {format_persen(capaian, 1)} {label}".strip())
    bagian = [f"<g{atribut}>"]
    if href:
        bagian.append(f'<a href="{esc(href)}" xlink:href="{esc(href)}" class="pohon-tautan">')
    bagian.append(f"<title>{esc(' — '.join(keterangan))}</title>")
    bagian.append(
        f'<rect x="{k.x:.1f}" y="{k.y:.1f}" width="{k.lebar:.1f}" height="{k.tinggi:.1f}" '
        f'rx="6" fill="{isi}" stroke="{garis}" stroke-width="{tebal}"/>'
    )
    # accent bar on the left edge
    bagian.append(
        f'<rect x="{k.x:.1f}" y="{k.y:.1f}" width="5" height="{k.tinggi:.1f}" rx="2" '
        f'fill="{garis}"/>'
    )
    y = k.y + PAD_Y
    sebelum = None
    for b in k.baris:
        g = GAYA[b.jenis]
        if sebelum is not None and b.jenis != sebelum:
            y += 3
        sebelum = b.jenis
        y += g.tinggi
        gaya = ' font-weight="bold"' if g.tebal else ""
        gaya += ' font-style="italic"' if g.miring else ""
        bagian.append(
            f'<text x="{k.x + PAD_X + 2:.1f}" y="{y - (g.tinggi - g.ukuran) / 2 - 1.5:.1f}" '
            f'font-size="{g.ukuran}" fill="{g.warna}"{gaya}>{esc(b.teks)}</text>'
        )
    # status line
    ys = k.bawah - PAD_Y - TINGGI_STATUS / 2
    bagian.append(
        f'<line x1="{k.x + PAD_X:.1f}" y1="{ys - TINGGI_STATUS / 2 + 1:.1f}" '
        f'x2="{k.x + k.lebar - PAD_X:.1f}" y2="{ys - TINGGI_STATUS / 2 + 1:.1f}" '
        f'stroke="{garis}" stroke-opacity="0.45" stroke-width="0.8"/>'
    )
    if ada_data:
        label = status.label if status is not None else "Capaian"
        teks_badge = format_persen(capaian, 1)
        lebar_badge = lebar_teks(teks_badge, 10.5, True) + 14
        xb = k.x + k.lebar - PAD_X - lebar_badge
        bagian.append(
            f'<text x="{k.x + PAD_X + 2:.1f}" y="{ys + 5.5:.1f}" font-size="10" '
            f'font-weight="bold" fill="{warna}">{esc(label)}</text>'
            f'<rect class="pohon-lencana" x="{xb:.1f}" y="{ys - 8:.1f}" '
            f'width="{lebar_badge:.1f}" height="16" rx="8" fill="{warna}"/>'
            f'<text x="{xb + lebar_badge / 2:.1f}" y="{ys + 4:.1f}" text-anchor="middle" '
            f'font-size="10.5" font-weight="bold" fill="#ffffff">{esc(teks_badge)}</text>'
        )
    else:
        bagian.append(
            f'<text x="{k.x + PAD_X + 2:.1f}" y="{ys + 5.5:.1f}" font-size="10" '
            f'font-style="italic" fill="#6b7280">belum ada data</text>'
        )
    if href:
        bagian.append("</a>")
    bagian.append("</g>")
    return "".join(bagian)
