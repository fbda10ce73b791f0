"""Laporan has no models of its own yet: the report is built from indikator and capaian."""
