"""The ground floor: tools that carry no domain of the project.

Numbers, dates and Indonesian formatting (``angka``, ``tampilan``, ``periode``), the guarded
workbook reader and writer (``buku_kerja``), the all-or-nothing import runner (``impor``),
document rendering (``dokumen`` for PDF, ``excel`` for spreadsheet styles and formula-safe
text, ``teks_json`` for exact JSON), form fields (``formulir``) and small HTTP helpers
(``http``). Nothing here imports an app of the project (import-linter holds it so; see
docs/arsitektur.md): every app may build on it.
"""
