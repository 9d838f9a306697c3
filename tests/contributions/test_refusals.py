"""Issue 13 #2: every file that must not be merged is refused with a Chinese reason, and changes nothing —
no manifest, another lead, plan or quarter, a table edited after export, items the unit does not lead, a
form instead of a contribution, hostile files."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import docx
import openpyxl
import pytest
from sqlalchemy import func, select

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import signoff
from gwr_desktop.services.contribution_import import import_contributions
from gwr_desktop.services.database import Database
from gwr_desktop.storage import contribution_models as cm
from tests.contributions.helpers import LEAD, export, rewrite_manifest, type_contribution
from tests.plan_import import hostile


def counts(db: Database) -> tuple[int, ...]:
    with db.reading() as session:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0
                     for model in (cm.ContributionFile, cm.ContributionItem, cm.ContributionMerge))


@pytest.fixture
def sent(db: Database, tmp_path: Path) -> dict[str, Path]:
    type_contribution(db)
    docx_path, xlsx_path = export(db, tmp_path / "out")
    return {"docx": docx_path, "xlsx": xlsx_path}


def refused(db: Database, path: Path, *, lead: str = LEAD, **options: object) -> str:
    before = counts(db)
    outcome = import_contributions(db, lead, [path], **options)[0]  # type: ignore[arg-type]
    assert outcome.status == "refused", outcome
    assert counts(db) == before
    return outcome.reason


def test_a_file_without_a_manifest(db: Database, tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "责任事项", "配合情况"), strict=True):
        cell.text = text
    document.save(str(tmp_path / "手写的配合材料.docx"))
    assert "没有导出清单" in refused(db, tmp_path / "手写的配合材料.docx")


def test_a_file_for_another_lead(db: Database, sent: dict[str, Path]) -> None:
    assert "是报送市商务局的，不是本单位（市发改委）的" in refused(db, sent["docx"], lead="市发改委")


def test_a_file_of_another_plan(db: Database, sent: dict[str, Path], tmp_path: Path) -> None:
    other = rewrite_manifest(sent["xlsx"], tmp_path / "2022.xlsx", plan="2022")
    assert "本数据库中没有这个方案" in refused(db, other)
    assert "属于 2022 年度方案，当前方案是 2023" in refused(db, other, plan_key="2023")


def test_a_file_of_another_quarter(db: Database, sent: dict[str, Path]) -> None:
    assert "前2季度的，当前导入的是前3季度" in refused(db, sent["docx"], quarter=3)


def test_items_the_unit_does_not_lead(db: Database, sent: dict[str, Path], tmp_path: Path) -> None:
    other = rewrite_manifest(sent["docx"], tmp_path / "to_fgw.docx", lead="市发改委")
    assert "二-2 不是本单位（市发改委）牵头的事项" in refused(db, other, lead="市发改委")


def test_a_manifest_that_lies_about_its_items(db: Database, sent: dict[str, Path], tmp_path: Path) -> None:
    other = rewrite_manifest(sent["docx"], tmp_path / "items.docx", items=["二-3"])
    assert "事项与导出清单不一致" in refused(db, other)


def test_a_table_edited_after_export_in_excel(db: Database, sent: dict[str, Path], tmp_path: Path) -> None:
    copy = tmp_path / "edited.xlsx"
    shutil.copyfile(sent["xlsx"], copy)
    book = openpyxl.load_workbook(copy)
    for row in book.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "12场" in cell.value:
                cell.value = cell.value.replace("12场", "20场")
    book.save(copy)
    assert "导出后被修改过" in refused(db, copy)


def test_a_table_edited_after_export_in_word(db: Database, sent: dict[str, Path], tmp_path: Path) -> None:
    copy = tmp_path / "edited.docx"
    shutil.copyfile(sent["docx"], copy)
    document = docx.Document(str(copy))
    document.tables[0].rows[-1].cells[3].paragraphs[0].runs[0].text = "1.改过的工作内容"
    document.save(str(copy))
    assert "导出后被修改过" in refused(db, copy)


def test_a_form_instead_of_a_contribution(db: Database, tmp_path: Path) -> None:
    (tmp_path / "form").mkdir()
    path = signoff.export_form(db, "2023", LEAD, FormKind.CONTACTS, tmp_path / "form", formats=("docx",))[0]
    assert "不是配合材料" in refused(db, path)


@pytest.mark.parametrize("make, message", [
    (lambda folder: hostile.zip_bomb(folder, 200), "压缩炸弹"),
    (hostile.xml_entities, "实体"),
    (hostile.pdf_named_docx, "PDF"),
])
def test_hostile_files_are_refused_quickly(db: Database, tmp_path: Path, make, message: str) -> None:  # noqa: ANN001
    started = time.monotonic()
    assert message in refused(db, make(tmp_path))
    assert time.monotonic() - started < 20


def test_the_same_file_twice_changes_nothing(db: Database, sent: dict[str, Path]) -> None:
    import_contributions(db, LEAD, [sent["docx"]])
    before = counts(db)
    outcome = import_contributions(db, LEAD, [sent["docx"]])[0]
    assert outcome.duplicate and counts(db) == before
