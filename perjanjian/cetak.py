"""The Perjanjian Kinerja as a document in the form of Permenpan RB 53/2014 (Lampiran I):
a statement page (letterhead, title, the two parties, the commitment, place and date, the
two signatures: pihak kedua left, pihak pertama right) and the annex (sasaran, indikator,
target with TW I-IV; program and anggaran with a total; the same signatures).

PDF through the shared renderer (``dasar.dokumen``, the letterhead partial of ``laporan``),
and Word (.docx, python-docx) for offices that edit it. The content is ``Tampilan``: what
both print, built once from a ``DokumenPK`` (a draft) or a signed snapshot.
"""

import datetime
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from dasar.angka import format_angka
from dasar.dokumen import berkas_statis, data_uri, kop_organisasi, qr_svg, render_pdf
from dasar.tampilan import format_tanggal
from dasar.tampilan import format_waktu_wib as format_waktu
from laporan.cetak import BlokTanda
from perjanjian.selectors import DokumenPK

CSS = ("css/cetak.css", "css/cetak_perjanjian.css")


@dataclass(frozen=True)
class PihakTampil:
    peran: str  # "PIHAK PERTAMA" / "PIHAK KEDUA"
    nama: str
    jabatan: str
    pangkat: str
    nip: str


@dataclass(frozen=True)
class Tampilan:
    """Every line of the document as text."""

    tahun: int
    organisasi: str
    unit: str  # the position's unit, printed in the annex heading
    pertama: PihakTampil
    kedua: PihakTampil
    tempat_tanggal: str
    label_sasaran: str
    label_anggaran: str
    indikator: list[dict] = field(default_factory=list)  # no, sasaran, nama, target, tw
    anggaran: list[dict] = field(default_factory=list)  # no, kode, program, pagu, keterangan
    total: str = "-"

    @property
    def judul(self) -> str:
        return f"PERJANJIAN KINERJA TAHUN {self.tahun}"

    @property
    def pernyataan(self) -> list[str]:
        return [
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan "
            "akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
        ]

    @property
    def komitmen(self) -> list[str]:
        return [
            "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai "
            "lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah "
            "seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan "
            "kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab kami.",
            "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan "
            "evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan "
            "yang diperlukan dalam rangka pemberian penghargaan dan sanksi.",
        ]


def _rp(nilai) -> str:
    return "-" if nilai is None else format_angka(nilai)


def tempat_tanggal(kota: str, tanggal: datetime.date) -> str:
    return f"{kota}, {format_tanggal(tanggal)}" if kota else format_tanggal(tanggal)


def tampilan(dok: DokumenPK, tanggal: datetime.date) -> Tampilan:
    """A draft (or what is about to be signed) from the plan as it is now."""
    p1, p2 = dok.pihak_pertama, dok.pihak_kedua
    indikator, no, sebelum = [], 0, None
    for b in dok.indikator:
        baru = b.sasaran != sebelum
        if baru:
            no += 1
        indikator.append(
            {
                "no": str(no) if baru else "",
                "sasaran": b.sasaran if baru else "",
                "kode": b.indikator.kode,
                "nama": b.indikator.nama,
                "target": b.target_teks,
                "tw": b.triwulan_teks,
            }
        )
        sebelum = b.sasaran
    anggaran = [
        {"no": str(n), "kode": a.elemen.kode, "program": a.elemen.nama, "pagu": _rp(a.pagu),
         "keterangan": "APBD" if a.pagu is not None else "Pagu belum diisi"}
        for n, a in enumerate(dok.anggaran, start=1)
    ]  # fmt: skip
    return Tampilan(
        tahun=dok.tahun,
        organisasi=dok.organisasi.nama,
        unit=dok.jabatan.nama,
        pertama=PihakTampil("PIHAK PERTAMA", p1.nama, p1.jabatan, p1.pangkat, p1.nip),
        kedua=PihakTampil("PIHAK KEDUA", p2.nama, p2.jabatan, p2.pangkat, p2.nip),
        tempat_tanggal=tempat_tanggal(dok.organisasi.kota, tanggal),
        label_sasaran=dok.label_sasaran,
        label_anggaran=dok.label_anggaran,
        indikator=indikator,
        anggaran=anggaran,
        total=_rp(dok.total_anggaran),
    )


def ke_data(t: Tampilan) -> dict:
    """The printed text, kept in a signed version's snapshot."""
    return {
        "tahun": t.tahun, "organisasi": t.organisasi, "unit": t.unit,
        "pertama": t.pertama.__dict__, "kedua": t.kedua.__dict__,
        "tempat_tanggal": t.tempat_tanggal, "label_sasaran": t.label_sasaran,
        "label_anggaran": t.label_anggaran, "indikator": t.indikator,
        "anggaran": t.anggaran, "total": t.total,
    }  # fmt: skip


def dari_data(data: dict) -> Tampilan:
    return Tampilan(
        **{
            **{k: v for k, v in data.items() if k not in ("pertama", "kedua")},
            "pertama": PihakTampil(**data["pertama"]),
            "kedua": PihakTampil(**data["kedua"]),
        }
    )


# --- PDF ----------------------------------------------------------------------------------


def html(
    t: Tampilan, organisasi, *, draf: bool = True, tanda: BlokTanda | None = None,
    penyetuju: str = "",
) -> str:  # fmt: skip
    konteks = {
        "t": t,
        "pihak": [t.kedua, t.pertama],  # left, right
        "organisasi": organisasi,
        "kop": kop_organisasi(organisasi),
        "css": mark_safe("\n".join(berkas_statis(n).decode("utf-8") for n in CSS)),
        "draf": draf,
        "tanda": tanda,
        "penyetuju": penyetuju,
    }
    if tanda is not None:
        konteks["tanda_qr"] = qr_svg(tanda.url_verifikasi)
        konteks["tanda_waktu"] = format_waktu(tanda.ditandatangani_pada)
        if tanda.gambar:
            konteks["tanda_gambar"] = data_uri("image/png", tanda.gambar)
    return render_to_string("perjanjian/cetak.html", konteks)


def pdf(t: Tampilan, organisasi, **kw) -> bytes:
    """A4 portrait; "DRAF" on every page unless ``draf=False``."""
    return render_pdf(html(t, organisasi, **kw))


# --- Word ---------------------------------------------------------------------------------


def docx(t: Tampilan, organisasi, *, draf: bool = True) -> bytes:
    """The same document for Word: letterhead text, statement, annex tables, signatures."""
    from docx import Document  # python-docx: imported when a .docx is asked for
    from docx.enum.section import WD_ORIENT  # noqa: F401
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    d = Document()
    sec = d.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin, sec.right_margin = Cm(2.5), Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(1.5), Cm(1.5)
    gaya = d.styles["Normal"]
    gaya.font.name = "Arial"
    gaya.font.size = Pt(10.5)
    gaya.paragraph_format.space_after = Pt(3)

    def par(teks="", *, tebal=False, tengah=False, ukuran=None, garis=False):
        p = d.add_paragraph()
        if tengah:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(teks)
        r.bold = tebal
        r.underline = garis
        if ukuran:
            r.font.size = Pt(ukuran)
        return p

    def kop():
        k = kop_organisasi(organisasi)
        if k["pemerintah"]:
            par(k["pemerintah"], tebal=True, tengah=True, ukuran=13)
        par(k["dinas"], tebal=True, tengah=True, ukuran=15)
        alamat = " · ".join(x for x in (k["alamat"], k["telepon"], k["email"]) if x)
        if alamat:
            par(alamat, tengah=True, ukuran=9)
        par("_" * 78, tengah=True, ukuran=8)

    def tanda_tangan():
        tabel = d.add_table(rows=1, cols=2)
        tabel.alignment = WD_TABLE_ALIGNMENT.CENTER
        for sel, pihak, tempat in (
            (tabel.rows[0].cells[0], t.kedua, ""),
            (tabel.rows[0].cells[1], t.pertama, t.tempat_tanggal),
        ):
            sel.paragraphs[0].text = tempat
            for baris in (f"{pihak.peran},", pihak.jabatan, "", "", ""):
                sel.add_paragraph(baris)
            nama = sel.add_paragraph().add_run(pihak.nama or "……………………………")
            nama.bold, nama.underline = True, True
            if pihak.pangkat:
                sel.add_paragraph(pihak.pangkat)
            if pihak.nip:
                sel.add_paragraph(f"NIP {pihak.nip}")
            for p in sel.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def isi_sel(sel, teks, tebal=False, kanan=False, tengah=False):
        sel.text = ""
        p = sel.paragraphs[0]
        r = p.add_run(teks)
        r.bold = tebal
        r.font.size = Pt(9)
        if kanan:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif tengah:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # The statement page.
    kop()
    if draf:
        par("DRAF — belum disetujui", tebal=True, tengah=True, ukuran=9)
    par(t.judul, tebal=True, tengah=True, ukuran=13)
    par(t.organisasi.upper(), tebal=True, tengah=True)
    par()
    for teks in t.pernyataan:
        par(teks)
    for label, pihak in (("pihak pertama", t.pertama), ("pihak kedua", t.kedua)):
        tabel = d.add_table(rows=2, cols=3)
        for baris, (kunci, nilai) in enumerate((("Nama", pihak.nama), ("Jabatan", pihak.jabatan))):
            sel = tabel.rows[baris].cells
            sel[0].text, sel[1].text, sel[2].text = kunci, ":", nilai
            sel[0].width, sel[1].width, sel[2].width = Cm(3), Cm(0.6), Cm(12.5)
        par(f"selanjutnya disebut {label}.")
    for teks in t.komitmen:
        par(teks)
    par()
    tanda_tangan()

    # The annex.
    d.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    par(t.judul, tebal=True, tengah=True, ukuran=12)
    par(t.unit.upper(), tebal=True, tengah=True)
    par(t.organisasi.upper(), tebal=True, tengah=True)
    kolom = ["No", t.label_sasaran, "Indikator Kinerja", "Target", "TW I", "TW II", "TW III",
             "TW IV"]  # fmt: skip
    tabel = d.add_table(rows=1, cols=len(kolom))
    tabel.style = "Table Grid"
    for sel, teks in zip(tabel.rows[0].cells, kolom, strict=True):
        isi_sel(sel, teks, tebal=True, tengah=True)
    for b in t.indikator:
        sel = tabel.add_row().cells
        for i, teks in enumerate([b["no"], b["sasaran"], b["nama"], b["target"], *b["tw"]]):
            isi_sel(sel[i], teks, tengah=i == 0 or i >= 3)
    lebar = [Cm(0.9), Cm(4.2), Cm(5.0), Cm(1.6), Cm(1.3), Cm(1.3), Cm(1.3), Cm(1.3)]
    for baris in tabel.rows:
        for sel, w in zip(baris.cells, lebar, strict=True):
            sel.width = w
    par()
    tabel = d.add_table(rows=1, cols=4)
    tabel.style = "Table Grid"
    for sel, teks in zip(tabel.rows[0].cells, ["No", t.label_anggaran, "Anggaran (Rp)",
                                               "Keterangan"], strict=True):  # fmt: skip
        isi_sel(sel, teks, tebal=True, tengah=True)
    for a in t.anggaran:
        sel = tabel.add_row().cells
        isi_sel(sel[0], a["no"], tengah=True)
        isi_sel(sel[1], a["program"])
        isi_sel(sel[2], a["pagu"], kanan=True)
        isi_sel(sel[3], a["keterangan"])
    sel = tabel.add_row().cells
    isi_sel(sel[1], "Jumlah", tebal=True)
    isi_sel(sel[2], t.total, tebal=True, kanan=True)
    for baris in tabel.rows:
        for s, w in zip(baris.cells, [Cm(0.9), Cm(8.5), Cm(3.5), Cm(4.0)], strict=True):
            s.width = w
    par()
    tanda_tangan()

    keluaran = io.BytesIO()
    d.core_properties.title = f"{t.judul} {t.unit}"
    d.core_properties.author = t.organisasi
    d.save(keluaran)
    return keluaran.getvalue()
