"""``{% ringkas_evaluasi ling renstra ind tahun %}``: on the plan's indicator page (rencana),
each quarter's analysis (written or not) and evidence count, linking to the quarter's
evaluation page. Two queries. The plan's page names this tag; nothing in rencana imports it."""

from django import template

from evaluasi.models import ROMAWI, AnalisisTriwulan
from evaluasi.selectors import jumlah_bukti_per_triwulan

register = template.Library()


@register.inclusion_tag("evaluasi/_ringkas_indikator.html")
def ringkas_evaluasi(ling, renstra, ind, tahun: int) -> dict:
    bukti = jumlah_bukti_per_triwulan(ind.pk, tahun)
    analisis = {a.triwulan: a for a in AnalisisTriwulan.objects.filter(indikator=ind, tahun=tahun)}
    return {
        "ling": ling,
        "renstra": renstra,
        "ind": ind,
        "tahun": tahun,
        "triwulan": [
            (n, ROMAWI[n], n in analisis and not analisis[n].kosong, bukti.get(n, 0))
            for n in range(1, 5)
        ],
        "jumlah": sum(bukti.values()),
    }
