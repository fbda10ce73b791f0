"""How a month's results are named for the reader (the entry page and the report)."""

from capaian import engine


def label_indikator(hasil: engine.HasilIndikator) -> str:
    bidang = {h.baris.bidang for h in hasil.rumus}
    if len(bidang) == 1:
        return f"Persentase Realisasi Bidang {bidang.pop()}"
    return f"Persentase Realisasi {hasil.indikator.nama}"
