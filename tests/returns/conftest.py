"""Exports of 市商务局's sample forms (tests/forms/sample_content.py) to read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_edits import item
from tests.forms.sample_content import PLAN, UNIT, fill_sample

FORMS = ((FormKind.PLAN, None), (FormKind.CONTACTS, None), (FormKind.PROGRESS, 1))
# Long enough that Excel continues it over several rows (409 pt each), with blank lines between paragraphs.
LONG = "\n\n".join(f"第{n}段：" + "推进重点项目建设，强化要素保障，" * 24 for n in range(1, 9))
HEADER_WORDS = ("序号", "责任事项", "具体工作内容", "完成时间(按月)", "分管领导责任部门", "完成情况", "责任人",
                "姓名", "职务", "办公电话", "手机")


def exported(db: Database, folder: Path) -> dict[tuple[FormKind, str], tuple[Path, list[tuple[str, ...]]]]:
    """(form, format) → (file, the layout's printed rows) for the sample content, with one long 完成情况."""
    fill_sample(db)
    fc.set_value(db, PLAN, UNIT, FormKind.PROGRESS, item("二-1"), "progress", LONG, quarter=1)
    found = {}
    for kind, quarter in FORMS:
        layout = signoff.layout_for(db, fc.load_content(db, PLAN, UNIT, kind, quarter))[0]
        for path in signoff.export_form(db, PLAN, UNIT, kind, folder, quarter=quarter, formats=("docx", "xlsx")):
            found[(kind, path.suffix[1:])] = (path, [row.cells for row in layout.rows])
    return found


@pytest.fixture
def sample_files(sqlite_db: Database, tmp_path: Path) -> dict:
    folder = tmp_path / "out"
    folder.mkdir()
    return exported(sqlite_db, folder)
