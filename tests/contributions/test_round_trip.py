"""Issue 13 #1/#2: a helper exports its 配合材料, the lead imports and merges them, the lead's own export shows
the merged text and the record shows where it came from — on SQLite and PostgreSQL, and between two
databases that share nothing but the files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.returns.manifest import manifest_of
from gwr_desktop.domain.returns.package import open_package
from gwr_desktop.services import contribution_merge as cm
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import signoff
from gwr_desktop.services.contribution_import import import_contributions
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.form_scope import FormInputError
from tests.conftest import open_with_plan
from tests.contributions.helpers import HELPER, ITEM, LEAD, NOTE, PLAN, WORK, export, type_contribution


def test_the_exported_contribution_names_plan_items_quarter_helper_and_lead(db: Database, tmp_path: Path) -> None:
    type_contribution(db)
    paths = export(db, tmp_path / "out")
    assert [p.suffix for p in paths] == [".docx", ".xlsx"]
    assert paths[0].name == "2023_市经信局_配合材料_致市商务局_前2季度.docx"
    manifest = manifest_of(open_package(paths[1]))
    assert {k: manifest[k] for k in ("plan", "unit", "lead", "form", "quarter", "items")} == {
        "plan": PLAN, "unit": HELPER, "lead": LEAD, "form": "contribution", "quarter": 2, "items": [ITEM]}
    assert len(manifest["cells"]) == 64 and manifest["exported_at"]
    text = "\n".join(p.text for p in docx.Document(str(paths[0])).paragraphs)
    assert "市经信局关于市商务局牵头事项的配合材料（前2季度）" in text.replace("\n", "")
    cells = [c.text for row in docx.Document(str(paths[0])).tables[0].rows for c in row.cells]
    assert NOTE in cells and "1.组织工业企业参与“乐购武汉”促消费活动" in cells and "5月" in cells


def test_the_lead_imports_merges_and_its_export_shows_the_merged_text(db: Database, tmp_path: Path) -> None:
    fc.set_value(db, PLAN, LEAD, FormKind.PROGRESS, fc.e.item(ITEM), "progress", "开展主题消费活动18场。", quarter=2)
    type_contribution(db)
    export(db, tmp_path / "out")
    outcomes = import_contributions(db, LEAD, [tmp_path / "out"])
    assert [o.status for o in outcomes] == ["accepted", "refused"]  # the .xlsx is the same content
    assert outcomes[1].duplicate
    found = cm.received(db, PLAN, LEAD, item_key=ITEM, quarter=2)
    assert [(r.helper, r.note, r.work) for r in found] == [(HELPER, NOTE, WORK)]
    cm.merge_note(db, PLAN, LEAD, found[0].id, 2)
    cm.merge_work(db, PLAN, LEAD, found[0].id)
    progress = fc.load_content(db, PLAN, LEAD, FormKind.PROGRESS, 2)
    assert next(i for i in progress.items if i.key == ITEM).get("progress") == "开展主题消费活动18场。\n" + NOTE
    (tmp_path / "lead").mkdir()
    exported = signoff.export_form(db, PLAN, LEAD, FormKind.PROGRESS, tmp_path / "lead", quarter=2, formats=("xlsx",))
    sheet = openpyxl.load_workbook(exported[0]).active
    assert "开展主题消费活动18场。\n" + NOTE in [c.value for row in sheet.iter_rows() for c in row]
    plan = fc.load_content(db, PLAN, LEAD, FormKind.PLAN)
    entries = next(i for i in plan.items if i.key == ITEM).entries
    assert [(w.get("content"), w.get("period")) for w in entries] == [(w.content, w.period) for w in WORK]
    records = cm.provenance(db, PLAN, LEAD, ITEM)
    assert [(r.helper, r.file_name, r.kind, r.quarter, r.target, r.mode) for r in records] == [
        (HELPER, "2023_市经信局_配合材料_致市商务局_前2季度.docx", FormKind.PROGRESS, 2, "完成情况", "append"),
        (HELPER, "2023_市经信局_配合材料_致市商务局_前2季度.docx", FormKind.PLAN, None, "具体工作内容第1-2条",
         "entries")]
    assert all(abs((r.merged_at - dt.datetime.now()).total_seconds()) < 120 for r in records)


def test_a_merge_is_undone_by_its_inverse_edits_and_is_not_repeated(db: Database, tmp_path: Path) -> None:
    type_contribution(db)
    import_contributions(db, LEAD, export(db, tmp_path / "out", formats=("xlsx",)))
    found = cm.received(db, PLAN, LEAD, item_key=ITEM)[0]
    result = cm.merge_note(db, PLAN, LEAD, found.id, 2, mode=cm.COPY)
    with pytest.raises(FormInputError, match="已包含"):
        cm.merge_note(db, PLAN, LEAD, found.id, 2, mode=cm.COPY)
    fc.apply_edits(db, PLAN, LEAD, result.inverses)
    progress = fc.load_content(db, PLAN, LEAD, FormKind.PROGRESS, 2)
    assert next(i for i in progress.items if i.key == ITEM).get("progress") == ""
    with pytest.raises(FormInputError, match="前2季度的配合情况，不能并入前3季度"):
        cm.merge_note(db, PLAN, LEAD, found.id, 3)


def test_a_newer_file_from_the_same_helper_replaces_the_older_and_says_so(db: Database, tmp_path: Path) -> None:
    type_contribution(db)
    first = export(db, tmp_path / "v1", when=dt.datetime(2023, 7, 1, 9), formats=("docx",))
    type_contribution(db, note="更新后的配合情况：组织重点企业参与20场。")
    second = export(db, tmp_path / "v2", when=dt.datetime(2023, 7, 5, 9), formats=("docx",))
    assert [o.status for o in import_contributions(db, LEAD, first)] == ["accepted"]
    outcome = import_contributions(db, LEAD, second)[0]
    assert outcome.status == "replaced" and "2023-07-01 09:00" in outcome.reason
    found = cm.received(db, PLAN, LEAD, item_key=ITEM)
    assert [(r.note, r.replaced) for r in found] == [("更新后的配合情况：组织重点企业参与20场。", 1)]
    older = import_contributions(db, LEAD, first)[0]
    assert older.status == "refused" and older.duplicate


def test_an_older_file_after_a_newer_one_is_refused(db: Database, tmp_path: Path) -> None:
    type_contribution(db)
    old = export(db, tmp_path / "v1", when=dt.datetime(2023, 7, 1, 9), formats=("docx",))
    type_contribution(db, note="较新的配合情况。")
    new = export(db, tmp_path / "v2", when=dt.datetime(2023, 7, 5, 9), formats=("docx",))
    import_contributions(db, LEAD, new)
    outcome = import_contributions(db, LEAD, old)[0]
    assert outcome.status == "refused" and "较旧" in outcome.reason and not outcome.duplicate
    assert [r.note for r in cm.received(db, PLAN, LEAD)] == ["较新的配合情况。"]


def test_two_databases_that_share_only_the_files(tmp_path: Path, plan_template: Path) -> None:
    helper_db = open_with_plan(f"sqlite:///{tmp_path / 'helper.db'}", plan_template)
    lead_db = open_database(f"sqlite:///{tmp_path / 'lead.db'}")
    try:
        from gwr_desktop.services.plan_import import ensure_bundled_plan

        ensure_bundled_plan(lead_db)
        type_contribution(helper_db)
        outcomes = import_contributions(lead_db, LEAD, export(helper_db, tmp_path / "mail"))
        assert [o.status for o in outcomes] == ["accepted", "refused"]
        assert cm.received(lead_db, PLAN, LEAD)[0].note == NOTE
        assert cm.received(helper_db, PLAN, LEAD) == []
    finally:
        helper_db.close()
        lead_db.close()
