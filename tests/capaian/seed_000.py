"""Seed 000 (Palangka Raya, UB. Maret 2025) as plain engine input: docs/perhitungan.md,
worked example 1."""

from decimal import Decimal
from fractions import Fraction

from capaian.engine import JUMLAH, RATA_RATA, Baris, Indikator, Program

F12 = Fraction(1, 12)


def maret_2025() -> list[Program]:
    def b(kode, bidang, pembagi, realisasi, faktor=F12, bobot=Fraction(1)):
        return Baris(
            kode=kode,
            bidang=bidang,
            pembagi=Decimal(pembagi),
            realisasi=None if realisasi is None else Decimal(realisasi),
            faktor=faktor,
            bobot=bobot,
        )

    sepertiga = Fraction(1, 3)
    return [
        Program(
            "1",
            "Rehabilitasi Sosial",
            [Indikator("1.1", "PPKS", [b("R1", "Rehabilitasi Sosial", 46, 38)])],
        ),
        Program(
            "2",
            "Pemberdayaan Sosial",
            [
                Indikator(
                    "2.1",
                    "PSKS",
                    [
                        b("R2", "Pemberdayaan Sosial", 45, 9, bobot=sepertiga),
                        b("R3", "Pemberdayaan Sosial", 5, None, Fraction(1, 2), sepertiga),
                        b("R4", "Pemberdayaan Sosial", 54, 4, Fraction(1, 2), sepertiga),
                        b("R5", "Pemberdayaan Sosial", 1, 1, bobot=sepertiga),
                    ],
                    agregasi=JUMLAH,
                )
            ],
        ),
        Program(
            "3",
            "Perlindungan dan Jaminan Sosial",
            [
                Indikator(
                    "3.1",
                    "Fakir miskin",
                    [
                        b("R6", "Penanganan Fakir Miskin", 6780, 5980, Fraction(1)),
                        b("R7", "Penanganan Fakir Miskin", 800, None, Fraction(1)),
                        b("R8", "Penanganan Fakir Miskin", 180, None, Fraction(1)),
                    ],
                    agregasi=RATA_RATA,
                ),
                Indikator(
                    "3.2",
                    "PJS",
                    [
                        b("R9", "Perlindungan dan Jaminan Sosial", 27, 27),
                        b("R10", "Perlindungan dan Jaminan Sosial", 4002, 4002),
                    ],
                ),
            ],
        ),
        Program(
            "4",
            "Penanganan Bencana",
            [
                Indikator(
                    "4.1",
                    "Bencana",
                    [
                        b("R11", "Penanganan Bencana", 4, 4),
                        b("R12", "Penanganan Bencana", 22, 22),
                    ],
                )
            ],
        ),
    ]
