"""A database at revision 0004 with real content and signed versions (tests/fixtures/legacy_0004), on either
back-end: the SQLite file as the 0004 app wrote it, or the same rows loaded into PostgreSQL at 0004."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from sqlalchemy import MetaData, create_engine, text

from gwr_desktop.storage.engine import make_engine, sqlite_file

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "legacy_0004"


def expected_versions() -> list[dict]:
    """Per signed version: unit, kind, quarter, version, digest, file names, and the files' text at sign-off."""
    with gzip.open(FIXTURE / "expected.json.gz", "rt", encoding="utf-8") as source:
        return json.load(source)


def legacy_database(url: str, scratch: Path) -> None:
    """Put the 0004 database at `url` (an empty SQLite path or an empty PostgreSQL database)."""
    unpacked = scratch / "gwr_0004.db"
    with gzip.open(FIXTURE / "gwr_0004.db.gz", "rb") as source, open(unpacked, "wb") as target:
        shutil.copyfileobj(source, target)
    target_file = sqlite_file(url)
    if target_file is not None:
        shutil.copyfile(unpacked, target_file)
        return
    _load_into_server(f"sqlite:///{unpacked}", url)


def _load_into_server(source_url: str, url: str) -> None:
    from alembic import command

    from gwr_desktop.storage.migrate import _config

    engine = make_engine(url)
    command.upgrade(_config(engine), "0004")
    source = create_engine(source_url)
    tables = MetaData()
    tables.reflect(source)
    with source.connect() as reading, engine.begin() as writing:
        for table in tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [dict(row._mapping) for row in reading.execute(table.select())]
            if rows:
                writing.execute(table.insert(), rows)
            if "id" in table.c:
                writing.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                     f"(SELECT coalesce(max(id), 1) FROM {table.name}))"))
    source.dispose()
    engine.dispose()


def files_text(paths: list[Path]) -> dict:
    """The text and layout of exported files, read back as the fixture recorded them at sign-off."""
    import re
    import subprocess
    import unicodedata

    from docx import Document
    from openpyxl import load_workbook

    by_ext = {path.suffix.lstrip("."): path for path in paths}
    document = Document(str(by_ext["docx"]))
    sheet = load_workbook(str(by_ext["xlsx"])).active
    raw = subprocess.run(["pdftotext", str(by_ext["pdf"]), "-"], check=True, capture_output=True, text=True).stdout
    return {
        "docx": {"paragraphs": [p.text for p in document.paragraphs],
                 "table": [["\n".join(p.text for p in cell.paragraphs) for cell in row.cells]
                           for row in document.tables[0].rows]},
        "xlsx": {"cells": [[cell.value for cell in row] for row in sheet.iter_rows()],
                 "widths": {key: round(dim.width, 2) for key, dim in sheet.column_dimensions.items() if dim.width},
                 "merged": sorted(str(r) for r in sheet.merged_cells.ranges)},
        "pdf": re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)),
    }
