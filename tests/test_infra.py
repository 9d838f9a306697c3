"""Self-tests of the test infrastructure: both database back-ends and Qt offscreen printing."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, inspect, select
from sqlalchemy.engine import make_url


def test_db_url_gives_a_working_empty_database(db_url: str, request: pytest.FixtureRequest) -> None:
    backend = request.node.callspec.params["db_url"]
    metadata = MetaData()
    units = Table(
        "infra_units",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(100), nullable=False),
    )
    engine = create_engine(db_url)
    try:
        assert engine.dialect.name == backend
        assert inspect(engine).get_table_names() == []  # a fresh database per test
        metadata.create_all(engine)
        with engine.begin() as conn:
            conn.execute(insert(units), [{"name": "市发展改革委"}, {"name": "市财政局"}])
        with engine.connect() as conn:
            rows = conn.execute(select(units.c.id, units.c.name).order_by(units.c.id)).all()
        assert [tuple(r) for r in rows] == [(1, "市发展改革委"), (2, "市财政局")]
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgresql_database_is_a_fresh_one_on_the_test_server(db_url: str) -> None:
    """The database the fixture made is a throwaway UTF8 one on the server the admin URL names."""
    url = make_url(db_url)
    assert url.database is not None and url.database.startswith("gwr_test_")
    assert "host" in url.query  # the unix-socket directory survives the rewrite
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("select current_database()").scalar_one() == url.database
            assert conn.exec_driver_sql("show server_encoding").scalar_one() == "UTF8"
    finally:
        engine.dispose()


def test_qt_offscreen_prints_chinese_pdf(qapp, tmp_path) -> None:
    """PySide6 runs offscreen and prints a PDF whose Chinese text uses an embedded CJK font."""
    from PySide6.QtGui import QPageSize, QTextDocument
    from PySide6.QtPrintSupport import QPrinter

    assert qapp.platformName() == "offscreen"
    pdf = tmp_path / "infra.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    doc = QTextDocument()
    doc.setHtml("<h1>政府工作报告</h1><p>任务分解 联络员</p>")
    doc.print_(printer)
    assert pdf.read_bytes().startswith(b"%PDF")

    pdffonts = shutil.which("pdffonts")
    assert pdffonts, "poppler-utils missing: run bash tools/setup_system.sh"
    out = subprocess.run([pdffonts, str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "CJK" in out, out
