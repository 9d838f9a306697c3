"""Official exports of the three forms: layout, Word, Excel, PDF, manifest, naming and safe writing.

Everything here except `pdf.py` is Qt-free; `pdf.py` uses QtGui/QtPrintSupport only (never QtWidgets).
"""
