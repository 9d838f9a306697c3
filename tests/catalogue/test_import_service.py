"""Importing plans through the service layer, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from gwr_desktop.domain.plan import Role
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.events import Change
from gwr_desktop.services.plan_import import PlanImportError, ensure_bundled_plan, import_plan
from gwr_desktop.storage import models as m


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def row_counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table))
                for table in m.Base.metadata.sorted_tables}


def test_first_run_imports_the_bundled_plan(db: Database) -> None:
    changes: list[Change] = []
    db.hub.subscribe(changes.append)
    result = ensure_bundled_plan(db)
    assert result is not None and result.created
    assert (result.plan_key, result.items, result.units) == ("2023", 322, 86)
    assert result.per_part == {"一": 5, "二": 241, "三": 7, "四": 69}
    assert [c.topic for c in changes] == ["catalogue"]
    assert ensure_bundled_plan(db) is None


def test_importing_the_same_document_twice_changes_nothing(db: Database, seed_path: Path, seed_docx: Path) -> None:
    import_plan(db, seed_path)
    before = row_counts(db)
    changes: list[Change] = []
    db.hub.subscribe(changes.append)
    again = import_plan(db, seed_path)
    as_docx = import_plan(db, seed_docx)
    assert not again.created and not as_docx.created
    assert row_counts(db) == before and changes == []


def test_catalogue_snapshot(db: Database, seed_path: Path) -> None:
    import_plan(db, seed_path)
    cat = catalogue.catalogue(db, "2023")
    assert cat.summary.doc_number == "武政办〔2023〕1号" and cat.summary.item_count == 322
    assert cat.per_part() == {"一": 5, "二": 241, "三": 7, "四": 69}
    second = cat.tree[1]
    assert second.label == "二、重点工作" and second.children[0].count == 25
    assert second.children[0].children[0].count == 12  # ——千方百计提振促进消费: 二-1…二-12
    item = next(i for i in cat.items if i.key == "二-1")
    assert item.lead == ["市建设国际消费中心城市工作领导小组办公室"]
    assert item.lead_labels() == ["市建设国际消费中心城市工作领导小组办公室〈市商务局〉"]
    assert item.heading_title == "千方百计提振促进消费"
    no_lead = next(i for i in cat.items if i.key == "三-1")
    assert no_lead.lead_by_rule and no_lead.lead == ["各区人民政府", "市人民政府各部门"]
    assert [(p.kind, p.after_item) for p in cat.problems] == [("stray_fragment", "二-154")]
    assert [d.due.isoformat() for d in cat.deadlines][0] == "2023-02-10"
    assert [f.label for f in cat.forms] == ["附表1", "附表2", "附表3"]
    assert [c.name for c in cat.office_contacts] == ["徐小生", "王璐"]


def test_unit_roles_through_groups_and_hosts(db: Database, seed_path: Path) -> None:
    import_plan(db, seed_path)
    shang = catalogue.unit_roles(db, "2023", "市商务局")
    assert shang["二-1"] is Role.LEAD and shang["三-1"] is Role.LEAD and shang["二-7"] is Role.RESPONSIBLE
    assert sum(r is Role.LEAD for r in shang.values()) == 23
    jiangxia = catalogue.unit_roles(db, "2023", "江夏区")  # a variant of 江夏区人民政府
    assert sum(r is Role.LEAD for r in jiangxia.values()) == 5
    assert jiangxia["四-41"] is Role.RESPONSIBLE and "四-40" not in jiangxia
    zone = catalogue.tasks(db, "2023", "东湖高新区管委会", "lead")
    assert [t.item.key for t in zone][:4] == ["二-52", "二-60", "二-66", "二-168"]


def test_another_year_is_added_beside(db: Database, seed_path: Path, tmp_path: Path) -> None:
    import_plan(db, seed_path)
    next_year = seed_path.read_text(encoding="utf-8").replace("2023", "2024")
    source = tmp_path / "2024.txt"
    source.write_text(next_year, encoding="utf-8")
    result = import_plan(db, source)
    assert result.created and result.plan_key == "2024"
    assert [p.key for p in catalogue.plans(db)] == ["2024", "2023"]
    assert not result.current and catalogue.default_plan_key(db) == "2023"  # newer, but not made current
    assert len(catalogue.catalogue(db, "2023").items) == len(catalogue.catalogue(db, "2024").items) == 322


def test_same_doc_number_with_other_content_is_refused(db: Database, seed_path: Path, tmp_path: Path) -> None:
    import_plan(db, seed_path)
    before = row_counts(db)
    altered = tmp_path / "altered.txt"
    original = seed_path.read_text(encoding="utf-8")
    altered.write_text(original.replace("便利店 200 家", "便利店 300 家"), encoding="utf-8")
    with pytest.raises(PlanImportError, match="武政办〔2023〕1号"):
        import_plan(db, altered)
    assert row_counts(db) == before


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really a zip", b"\x00\x01\x02binary", b"just some notes\n"])
def test_damaged_file_changes_nothing(db: Database, seed_path: Path, tmp_path: Path, content: bytes) -> None:
    import_plan(db, seed_path)
    before = row_counts(db)
    damaged = tmp_path / ("broken.docx" if content.startswith(b"PK") else "broken.txt")
    damaged.write_bytes(content)
    with pytest.raises(PlanImportError):
        import_plan(db, damaged)
    assert row_counts(db) == before


def test_gbk_text_file_is_read(db: Database, seed_path: Path, tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(seed_path.read_text(encoding="utf-8").encode("gb18030"))
    assert import_plan(db, gbk).items == 322


def test_unknown_units_are_added_and_flagged(db: Database, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("2025年市《政府工作报告》目标任务责任分解方案\n一、重点工作\n"
                      "1. 建设新馆。(牵头单位:市新设局;责任单位:江夏区人民政府)\n", encoding="utf-8")
    result = import_plan(db, source)
    assert [p.kind for p in result.problems] == ["unknown_unit"]
    flagged = [u for u in catalogue.units(db) if not u.registered]
    assert [(u.name, u.kind) for u in flagged] == [("市新设局", "unknown")]
    assert catalogue.unit_roles(db, result.plan_key, "市新设局") == {"一-1": Role.LEAD}


def test_unknown_unit_and_plan_messages(db: Database, seed_path: Path) -> None:
    import_plan(db, seed_path)
    with pytest.raises(catalogue.UnknownUnitError, match="单位名录中没有“市火星局”"):
        catalogue.unit_roles(db, "2023", "市火星局")
    with pytest.raises(catalogue.UnknownPlanError, match="1999"):
        catalogue.catalogue(db, "1999")


def test_group_membership_is_stored(db: Database, seed_path: Path) -> None:
    import_plan(db, seed_path)
    rows = {u.name: u for u in catalogue.units(db)}
    assert set(rows["江夏区人民政府"].groups) == {"各区人民政府", "各新城区人民政府", "各区疫情防控指挥部"}
    assert "市自然资源局" in rows["市自然资源规划局"].aliases
    assert rows["市建设国际消费中心城市工作领导小组办公室"].host == "市商务局"


def test_sqlite_pragmas(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    database.close()
