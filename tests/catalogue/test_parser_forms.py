"""A plan that numbers items afresh in each section, imported and printed: keys stay unique through storage, the
forms' 序号 is the plan's own number, and each section's heading stands above its items (a bare "1" would be
ambiguous inside one part). Real SQLite files and the PostgreSQL server (db_url)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gwr_desktop.domain.forms import seq_label
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.form_content import load_content
from gwr_desktop.services.plan_import import import_plan
from gwr_desktop.services.signoff import layout_for
from tests.catalogue.test_parser_cities import P1, P2


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.close()


def _import(db: Database, tmp_path: Path, text: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_plan(db, path, make_current=True).plan_key


def test_restarted_numbering_is_stored_and_printed_with_its_sections(db: Database, tmp_path: Path) -> None:
    key = _import(db, tmp_path, P2, "宜昌.txt")
    roles = catalogue.unit_roles(db, key, "市商务局")
    assert set(roles) == {"二-(二)-1", "二-(二)-2"}
    layout, _ = layout_for(db, load_content(db, key, "市商务局", FormKind.PLAN))
    cells = [(row.heading, row.cells[0]) for row in layout.rows]
    assert cells[:3] == [(True, "二、重点工作"), (True, "（二）着力促进消费"), (False, "1")]
    assert (False, "2") in cells
    fagaiwei, _ = layout_for(db, load_content(db, key, "市发改委", FormKind.PLAN))
    printed = [(row.heading, row.cells[0]) for row in fagaiwei.rows]
    assert printed == [(True, "一、主要预期目标"), (False, "(一)"), (True, "二、重点工作"),
                       (True, "（一）着力扩大有效投资"), (False, "1"), (False, "2")]


def test_the_plans_own_number_is_printed_not_a_rule_of_2023(db: Database, tmp_path: Path) -> None:
    """襄阳's 第一部分 numbers its items 1．2．: the 序号 says 1, where the 2023 rule for part 一 said (一)."""
    key = _import(db, tmp_path, P1, "襄阳.txt")
    layout, _ = layout_for(db, load_content(db, key, "市发改委", FormKind.PLAN))
    assert [row.cells[0] for row in layout.rows if not row.heading] == ["1", "4"]


def test_seq_label_reads_the_printed_number() -> None:
    assert [seq_label("一", 3, label) for label in ("（三）", "83.", "①", "（2）", "")] == [
        "(三)", "83", "①", "(2)", "(三)"]
    assert seq_label("二", 83) == "83"


def test_exported_files_carry_the_sections_and_the_printed_numbers(db: Database, tmp_path: Path) -> None:
    """The .xlsx and .docx reopened: section rows between the part heading and its restarted 1, 2."""
    from docx import Document
    from openpyxl import load_workbook

    from gwr_desktop.services.signoff import export_form

    key = _import(db, tmp_path, P2, "宜昌.txt")
    (tmp_path / "out").mkdir()
    paths = export_form(db, key, "市发改委", FormKind.PLAN, tmp_path / "out", formats=("xlsx", "docx"))
    want = ["一、主要预期目标", "(一)", "二、重点工作", "（一）着力扩大有效投资", "1", "2"]
    xlsx = next(p for p in paths if p.suffix == ".xlsx")
    book = load_workbook(xlsx, read_only=True)
    first = [str(row[0]) for row in book.worksheets[0].iter_rows(values_only=True) if row and row[0] is not None]
    book.close()
    assert _in_order(want, first), first
    docx = next(p for p in paths if p.suffix == ".docx")
    cells = [row.cells[0].text for table in Document(str(docx)).tables for row in table.rows]
    assert _in_order(want, cells), cells


def _in_order(wanted: list[str], found: list[str]) -> bool:
    """Each wanted text starts a found cell, in this order and one after another (no row between them)."""
    for start in range(len(found)):
        window = found[start:start + len(wanted)]
        if len(window) == len(wanted) and all(cell.startswith(w) for w, cell in zip(wanted, window, strict=True)):
            return True
    return False


def _seq_cells(db: Database, key: str, unit: str) -> list[str]:
    layout, _ = layout_for(db, load_content(db, key, unit, FormKind.PLAN))
    return [row.cells[0] for row in layout.rows if not row.heading]


def test_items_imported_before_revision_0010_print_as_before(db_url: str, tmp_path: Path,
                                                             seed_path: Path) -> None:
    """Down to 0006 (no label column) and up again: the seed's items have no printed number stored and print the
    2023 rule's 序号, which is the seed's own; 襄阳's print the old rule again, (一) where the plan says 1．."""
    from alembic import command
    from sqlalchemy import inspect, text

    from gwr_desktop.storage import migrate
    from gwr_desktop.storage.engine import make_engine

    database = open_database(db_url)
    seed = import_plan(database, seed_path, make_current=True).plan_key
    xiangyang = _import(database, tmp_path, P1, "襄阳.txt")
    before = {unit: _seq_cells(database, seed, unit) for unit in ("市发改委", "市科技局")}
    assert _seq_cells(database, xiangyang, "市发改委") == ["1", "4"]
    items = len(catalogue.catalogue(database, seed).items)
    database.close()

    engine = make_engine(db_url)
    command.downgrade(migrate._config(engine), "0006")
    with engine.connect() as connection:
        assert "label" not in {column["name"] for column in inspect(connection).get_columns("items")}
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT DISTINCT label FROM items")).scalars().all() == [""]
    engine.dispose()

    database = open_database(db_url)
    assert len(catalogue.catalogue(database, seed).items) == items  # the items and their units are all kept
    assert {unit: _seq_cells(database, seed, unit) for unit in before} == before
    assert _seq_cells(database, xiangyang, "市发改委") == ["(一)", "4"]  # 一-1 and 二-4 by the old rule
    database.close()


def test_the_editors_show_the_sections_the_printed_form_has(db: Database, tmp_path: Path, qtbot, qtmodeltester) -> None:  # noqa: ANN001
    """Issue 9 (left open then): the editors showed part headings only, so a plan numbering afresh in each section
    showed two bare "1" in one part. Now 附表1 and 附表3 have the same heading rows as the printed form."""
    from gwr_desktop.ui.forms.plan_model import PlanFormModel
    from gwr_desktop.ui.forms.progress_model import ProgressFormModel

    key = _import(db, tmp_path, P2, "宜昌.txt")
    layout, _ = layout_for(db, load_content(db, key, "市发改委", FormKind.PLAN))
    printed = [(row.heading, row.cells[0]) for row in layout.rows]
    for model in (PlanFormModel(db, key, "市发改委"), ProgressFormModel(db, key, "市发改委", 1)):
        qtmodeltester.check(model)
        shown = [(model.is_header_row(r), model.index(r, 0).data()) for r in range(model.rowCount())]
        assert shown == printed, type(model).__name__
    seed = PlanFormModel(db, _import(db, tmp_path, P1, "襄阳.txt"), "市发改委")  # numbered through its parts
    assert not seed.section_titles and [seed.is_header_row(r) for r in range(seed.rowCount())].count(True) == 2
