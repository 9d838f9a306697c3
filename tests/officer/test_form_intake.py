"""Importing a filled 附表1/附表3 through the service, on SQLite and PostgreSQL: our own exports (.docx and .xlsx,
with 3,000-character texts continued over rows), last year's export into next year's plan, a hand-made .docx
with merged cells, a hand-made .xlsx; each lands on the right items, all at once or not at all."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook

from gwr_desktop.domain.forms import FormContent
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_intake import FormIntakeError, apply_preview, preview_file
from gwr_desktop.services.plan_import import import_plan
from tests.exports import long_text
from tests.forms.sample_content import PLAN, UNIT, WORK, fill_sample
from tests.officer import handmade
from tests.plan_import.second_year import TEXT_FILE

pytestmark = pytest.mark.usefixtures("qapp")  # exports measure text with Qt's fonts


def values(content: FormContent, *, optional: bool = False) -> dict[str, tuple]:
    """Per item what the unit typed (without the unprinted optional columns unless asked)."""
    skip = set() if optional else {c.key for c in content.definition.columns if c.optional}
    return {item.key: ({k: v for k, v in item.values.items() if k not in skip and v},
                       [dict(w.values) for w in item.entries]) for item in content.items}


def emptied(db: Database, content: FormContent) -> None:
    fc.replace_content(db, replace(content, header={}, items=tuple(
        replace(item, values={}, entries=()) for item in content.items)))


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_own_export_with_long_texts_comes_back_exactly(db: Database, tmp_path: Path, fmt: str) -> None:
    unit, quarter = long_text.samples.UNIT, long_text.progress_content().quarter
    for content in (long_text.plan_content(), long_text.progress_content()):
        fc.replace_content(db, content)
    for kind, q in ((FormKind.PLAN, None), (FormKind.PROGRESS, quarter)):
        filled = fc.load_content(db, PLAN, unit, kind, q)
        [path] = signoff.export_form(db, PLAN, unit, kind, tmp_path, quarter=q, formats=[fmt])
        emptied(db, filled)
        preview = preview_file(db, PLAN, unit, kind, q, path)
        assert not preview.unmatched and not preview.problems
        assert {item.by for item in preview.landed} == {"序号"} and len(preview.landed) == len(filled.items)
        apply_preview(db, preview)
        again = fc.load_content(db, PLAN, unit, kind, q)
        assert values(again) == values(filled)
        assert again.header == filled.header


def test_last_years_export_lands_on_this_years_items_by_text(db: Database, tmp_path: Path) -> None:
    fill_sample(db)
    [path] = signoff.export_form(db, PLAN, UNIT, FormKind.PLAN, tmp_path, formats=["docx"])
    last_year = fc.load_content(db, PLAN, UNIT, FormKind.PLAN)
    import_plan(db, TEXT_FILE)  # 2024: items dropped, added, renumbered
    preview = preview_file(db, "2024", UNIT, FormKind.PLAN, None, path)
    assert any("2023 方案" in note for note in preview.notes)
    origins = json.loads(TEXT_FILE.with_suffix(".map.json").read_text(encoding="utf-8"))
    expected = {origin[0]: key for key, origin in origins.items() if origin and origin[0] in WORK}
    landed = {item.key: item for item in preview.landed}
    assert {key for key in landed if landed[key].changes} == set(expected.values())
    apply_preview(db, preview)
    now = {item.key: item for item in fc.load_content(db, "2024", UNIT, FormKind.PLAN).items}
    before = {item.key: item for item in last_year.items}
    for old_key, new_key in expected.items():
        assert [w.values for w in now[new_key].entries] == [w.values for w in before[old_key].entries]
        assert now[new_key].get("leader") == before[old_key].get("leader")


def test_handmade_docx_with_merged_cells(db: Database, tmp_path: Path) -> None:
    path = handmade.plan_docx(tmp_path)
    preview = preview_file(db, PLAN, UNIT, FormKind.PLAN, None, path)
    landed = {item.key: item for item in preview.landed}
    assert set(landed) == {"二-1", "二-5", "二-172", "三-1"}
    assert landed["二-172"].by == "序号"  # the shortened 工作任务 still agrees with its number
    assert [row.reason for row in preview.unmatched] == ["本单位牵头的事项中没有序号 99，也没有文字相近的事项"]
    apply_preview(db, preview)
    items = {item.key: item for item in fc.load_content(db, PLAN, UNIT, FormKind.PLAN).items}
    assert [(w.get("content"), w.get("period")) for w in items["二-5"].entries] == [
        ("摸排便利店网点布局", "2月"), ("新增品牌连锁便利店100家", "4-6月"), ("组织验收，形成验收报告", "4-6月")]
    assert (items["二-5"].get("leader"), items["二-5"].get("department")) == ("李红梅", "商贸服务业处")
    assert (items["二-172"].get("leader"), items["二-172"].get("department")) == ("", "对外贸易处")
    assert [w.get("content") for w in items["三-1"].entries] == ["开展理论学习中心组学习12次"]
    assert fc.load_content(db, PLAN, UNIT, FormKind.PLAN).header == {"principal": "刘明远"}


def test_typed_values_are_kept_where_the_file_is_empty_and_entries_are_replaced(db: Database, tmp_path: Path) -> None:
    fill_sample(db)  # 二-172 has 分管领导 陈立新 and two entries; the file has no 分管领导 for it and one entry
    preview = preview_file(db, PLAN, UNIT, FormKind.PLAN, None, handmade.plan_docx(tmp_path))
    landed = {item.key: item for item in preview.landed}
    assert landed["二-172"].replaces and "具体工作内容：1 条（替换原有 2 条）" in landed["二-172"].changes
    apply_preview(db, preview)
    item = next(i for i in fc.load_content(db, PLAN, UNIT, FormKind.PLAN).items if i.key == "二-172")
    assert item.get("leader") == "陈立新" and [w.get("content") for w in item.entries] == ["引进龙头外经贸企业30家"]


def handmade_progress_xlsx(folder: Path, *, bad_status: bool = False) -> Path:
    """A 附表3 made in Excel: title with the quarter, merged 序号 cells over a two-row answer, a heading row."""
    book = Workbook()
    sheet = book.active
    sheet.append(["市商务局前2季度工作目标完成情况"])
    sheet.append(["序号", "责任事项", "进展情况", "进度"])
    sheet.append(["二、重点工作"])
    sheet.merge_cells("A3:D3")
    status = "滞后了" if bad_status else "序时推进"
    sheet.append(["5", "新增品牌连锁便利店200家、智慧商店1000家。", "已新增便利店136家。", status])
    sheet.append(["", "", "智慧商店610家。", ""])
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    sheet.append(["12", "社会消费品零售总额增长10%。", "上半年增长8.1%。", "滞后"])
    path = folder / "完成情况.xlsx"
    book.save(path)
    return path


def test_handmade_xlsx_progress_takes_its_quarter_from_the_title(db: Database, tmp_path: Path) -> None:
    preview = preview_file(db, PLAN, UNIT, FormKind.PROGRESS, None, handmade_progress_xlsx(tmp_path))
    assert preview.quarter == 2 and {item.key for item in preview.landed} == {"二-5", "二-12"}
    apply_preview(db, preview)
    items = {i.key: i for i in fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 2).items}
    assert items["二-5"].get("progress") == "已新增便利店136家。\n智慧商店610家。"
    assert (items["二-5"].get("status"), items["二-12"].get("status")) == ("序时推进", "滞后")


def test_a_bad_value_refuses_the_whole_file(db: Database, tmp_path: Path) -> None:
    preview = preview_file(db, PLAN, UNIT, FormKind.PROGRESS, 2, handmade_progress_xlsx(tmp_path, bad_status=True))
    assert preview.problems and not preview.applicable
    with pytest.raises(FormIntakeError, match="没有导入任何内容"):
        apply_preview(db, preview)
    assert not any(i.values for i in fc.load_content(db, PLAN, UNIT, FormKind.PROGRESS, 2).items)


def test_the_other_forms_file_and_unreadable_files_say_what_to_do(db: Database, tmp_path: Path) -> None:
    fill_sample(db)
    [progress] = signoff.export_form(db, PLAN, UNIT, FormKind.PROGRESS, tmp_path, quarter=1, formats=["docx"])
    with pytest.raises(FormIntakeError, match="附表3"):
        preview_file(db, PLAN, UNIT, FormKind.PLAN, None, progress)
    old = tmp_path / "旧版.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(FormIntakeError, match="另存为"):
        preview_file(db, PLAN, UNIT, FormKind.PLAN, None, old)
    renamed = tmp_path / "改名.docx"
    renamed.write_bytes(old.read_bytes())
    with pytest.raises(FormIntakeError, match="另存为"):
        preview_file(db, PLAN, UNIT, FormKind.PLAN, None, renamed)


def test_hostile_files_are_refused_bounded_and_nothing_is_written(sqlite_db: Database, tmp_path: Path) -> None:
    import time

    from tests.plan_import import hostile
    from tests.plan_import.conftest import database_state

    before = database_state(sqlite_db)
    files = [hostile.zip_bomb(tmp_path, 200), hostile.xml_entities(tmp_path), hostile.pdf_named_docx(tmp_path),
             hostile.truncated_zip(tmp_path, handmade.plan_docx(tmp_path))]
    for path in files:
        started = time.monotonic()
        with pytest.raises(FormIntakeError) as refused:
            preview_file(sqlite_db, PLAN, UNIT, FormKind.PLAN, None, path)
        assert str(refused.value) and "Traceback" not in str(refused.value)
        assert time.monotonic() - started < 20, path.name
    assert database_state(sqlite_db) == before


def without_manifest(path: Path) -> Path:
    """The export as a colleague's "save as" leaves it: the same file without our custom properties."""
    import zipfile

    bare = path.with_name("另存_" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bare, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "docProps/custom.xml":
                target.writestr(info, source.read(info.filename))
    return bare


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_last_years_export_without_its_manifest_lands_on_the_renumbered_items(db: Database, tmp_path: Path,
                                                                               fmt: str) -> None:
    unit = long_text.samples.UNIT  # 市发改委: 46 items, several renumbered in the 2024 plan
    fc.replace_content(db, long_text.samples.plan_content())
    [path] = signoff.export_form(db, PLAN, unit, FormKind.PLAN, tmp_path, formats=[fmt])
    before = {item.key: item for item in fc.load_content(db, PLAN, unit, FormKind.PLAN).items}
    import_plan(db, TEXT_FILE)
    preview = preview_file(db, "2024", unit, FormKind.PLAN, None, without_manifest(path))
    assert all("方案的表格" not in note for note in preview.notes)  # no manifest to say which plan it was
    origins = json.loads(TEXT_FILE.with_suffix(".map.json").read_text(encoding="utf-8"))
    mine = {item.key for item in fc.load_content(db, "2024", unit, FormKind.PLAN).items}
    expected = {key: origin[0] for key, origin in origins.items() if key in mine and origin and origin[0] in before}
    renumbered = {key for key, old in expected.items() if key != old}
    assert renumbered  # the case this test is about
    landed = {item.key: item for item in preview.landed}
    assert set(landed) == set(expected)
    assert all(landed[key].by == "文字相似" for key in renumbered)
    apply_preview(db, preview)
    now = {item.key: item for item in fc.load_content(db, "2024", unit, FormKind.PLAN).items}
    for key, old in expected.items():
        assert [w.values for w in now[key].entries] == [w.values for w in before[old].entries], key
