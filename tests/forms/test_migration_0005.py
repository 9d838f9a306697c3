"""Revision 0005 on a database the 0004 app filled and signed: contents move to values by column key, and every
signed version re-exports the very document signed then (text, layout, file names), on both back-ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.manifest import read_manifest
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import signoff
from gwr_desktop.services.catalogue import catalogue
from gwr_desktop.services.database import Database, open_database
from tests.exports.text_check import every_cell_in_order
from tests.forms.legacy import expected_versions, files_text, legacy_database


@pytest.fixture
def migrated(db_url: str, tmp_path: Path, qapp) -> Database:  # noqa: ANN001 - qapp: the PDF needs Qt
    legacy_database(db_url, tmp_path)
    database = open_database(db_url)
    yield database
    database.close()


def test_contents_survive_with_their_values(migrated: Database) -> None:
    plan = fc.load_content(migrated, "2023", "市商务局", FormKind.PLAN)
    five = next(i for i in plan.items if i.key == "二-5")
    assert [w.values for w in five.entries][:2] == [
        {"content": "摸排全市便利店网点布局，制定品牌连锁便利店年度发展计划", "period": "2月"},
        {"content": "新增品牌连锁便利店100家、智慧商店500家", "period": "4-6月"}]
    owner = (five.get("leader"), five.get("department"), plan.header["principal"])
    assert owner == ("李红梅", "商贸服务业处", "刘明远")
    contacts = fc.load_content(migrated, "2023", "市商务局", FormKind.CONTACTS)
    assert [(p.role, p.get("name")) for p in contacts.people] == [
        ("leader", "张志强"), ("office", "周丽"), ("handler", "陈静"), ("handler", "吴昊")]
    q2 = fc.load_content(migrated, "2023", "市发改委", FormKind.PROGRESS, 2)
    assert q2.print_optional and q2.items[1].get("status") and q2.items[0].get("figure") == "1项"
    q1 = fc.load_content(migrated, "2023", "市商务局", FormKind.PROGRESS, 2)
    five = next(i for i in q1.items if i.key == "二-5")
    assert five.previous["progress"] == "已新增品牌连锁便利店62家、智慧商店230家。"


def test_forms_keep_their_later_labels(migrated: Database) -> None:
    forms = {f.kind: (f.label, f.title_pattern) for f in catalogue(migrated, "2023").forms}
    assert forms[FormKind.PROGRESS] == ("附表2", "{unit}{quarter}重点工作完成情况")
    assert forms[FormKind.CONTACTS] == ("附表3", "{unit}督办工作人员名单")
    title = fc.load_content(migrated, "2023", "市发改委", FormKind.PROGRESS, 2).title
    assert title == "市发改委前2季度重点工作完成情况"


def test_every_signed_version_reexports_the_document_signed(migrated: Database, tmp_path: Path) -> None:
    for expected in expected_versions():
        kind, quarter = FormKind(expected["kind"]), expected["quarter"]
        signed = next(v for v in signoff.versions(migrated, "2023", expected["unit"], kind, quarter)
                      if v.version == expected["version"])
        folder = tmp_path / f"{expected['unit']}-{kind.value}-{expected['version']}"
        folder.mkdir()
        paths = signoff.reexport(migrated, signed.id, folder)
        assert [p.name for p in paths] == expected["files"]  # 附表3 as signed, though the form is 附表2 now
        got = files_text(paths)
        assert got["docx"] == expected["docx"]
        assert got["xlsx"] == expected["xlsx"]
        # The app's PDF renderer was corrected after these versions were signed (a true text layer instead of
        # Kangxi look-alikes, long rows continued instead of cut), so its pages are drawn anew from the frozen
        # document: every text of it must print, in order.
        assert every_cell_in_order(paths[2], signoff.frozen_layout(migrated, signed.id)) == []
        manifest = read_manifest(paths[0])
        assert (manifest.version, manifest.digest, manifest.label) == (
            expected["version"], expected["digest"], expected["docx"]["paragraphs"][0])


def test_an_unchanged_form_is_still_signed(migrated: Database) -> None:
    """The migrated document equals what the form prints now (where the printed layout did not change)."""
    state = signoff.draft_state(migrated, "2023", "市发改委", FormKind.CONTACTS)
    assert state.last.version == 1 and state.changed  # relabelled 附表3 since: the document differs
    state = signoff.draft_state(migrated, "2023", "市商务局", FormKind.PLAN)
    assert state.last.version == 1 and not state.changed


def test_repeated_labels_move_to_a_free_one_with_a_problem(db_url: str, tmp_path: Path) -> None:
    """The 0004 app let two forms of a plan share a label; 0005 makes labels unique and says what it changed."""
    from sqlalchemy import text

    from gwr_desktop.storage.engine import make_engine

    legacy_database(db_url, tmp_path)
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE plan_forms SET label = '附表1' WHERE kind = 'contacts'"))
    engine.dispose()
    database = open_database(db_url)
    try:
        forms = {f.kind: f.label for f in catalogue(database, "2023").forms}
        assert forms == {FormKind.PLAN: "附表1", FormKind.CONTACTS: "附表3", FormKind.PROGRESS: "附表2"}
        problems = [p.text for p in catalogue(database, "2023").problems if p.kind == "form_settings"]
        assert problems == ["督办工作人员名单与另一张表同为“附表1”，已改为“附表3”；请用 set-form 核对。"]
    finally:
        database.close()
