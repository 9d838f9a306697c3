"""Year to year (issue 9 #7, editor half): 去年类似事项 beside the editors, copied in one undoable step, and the
附表2 contacts carried over after a new plan is imported — on the seed (2023) and its derived 2024 plan."""

from __future__ import annotations

import json

import pytest
from pytestqt.qtbot import QtBot

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.contacts_carry import contacts_to_carry, copy_contacts
from gwr_desktop.services.database import Database
from gwr_desktop.services.last_year import LastYear
from gwr_desktop.services.plan_import import import_plan
from gwr_desktop.services.preferences import PLAN_KEY, set_setting
from gwr_desktop.ui.forms.editors import PlanEditor, ProgressEditor
from tests.forms.sample_content import PEOPLE, PLAN, UNIT, WORK, fill_sample
from tests.plan_import.second_year import TEXT_FILE

ORIGINS = json.loads(TEXT_FILE.with_suffix(".map.json").read_text(encoding="utf-8"))
NEW_KEY = {origin[0]: key for key, origin in ORIGINS.items() if origin and origin[0]}


@pytest.fixture
def two_years(db: Database) -> Database:
    fill_sample(db)
    import_plan(db, TEXT_FILE)
    return db


def test_last_years_items_come_with_what_was_written(two_years: Database) -> None:
    offers = LastYear(two_years, UNIT, "2024")
    assert offers.previous == PLAN
    [best, *_] = offers.for_item(NEW_KEY["二-5"])
    assert best.key == "二-5" and best.score > 0.9
    assert [(w["content"], w["period"]) for w in best.entries] == list(WORK["二-5"][2])
    assert dict(best.values) == {"leader": "李红梅", "department": "商贸服务业处"}
    assert best.progress_for(2).startswith("已新增品牌连锁便利店") and best.progress_for(1)
    assert LastYear(two_years, UNIT, PLAN).previous is None


def test_contacts_are_carried_over_once(two_years: Database) -> None:
    previous, people = contacts_to_carry(two_years, "2024", UNIT)
    assert previous == PLAN and len(people) == len(PEOPLE)
    assert copy_contacts(two_years, "2024", UNIT, PLAN) == len(PEOPLE)
    carried = fc.load_content(two_years, "2024", UNIT, FormKind.CONTACTS).people
    assert [(p.role, p.get("name")) for p in carried] == [(role, name) for role, name, *_ in PEOPLE]
    assert contacts_to_carry(two_years, "2024", UNIT) is None  # filled now: nothing to offer
    with pytest.raises(fc.FormInputError, match="已经填写"):
        copy_contacts(two_years, "2024", UNIT, PLAN)


def test_the_plan_editor_copies_a_similar_item_in_one_step(qtbot: QtBot, two_years: Database) -> None:
    editor = PlanEditor(two_years, "2024", UNIT)
    qtbot.addWidget(editor)
    editor.show()
    pane = editor.last_year
    assert pane.isVisibleTo(editor) and "2023" in pane.title.text()
    key = NEW_KEY["二-5"]
    editor.table.go_to(editor.model.row_of(key, 0), 2)
    assert pane.suggestions[0].key == "二-5" and "摸排全市便利店" in pane.detail.toPlainText()
    assert pane.copy_button.isEnabled()
    pane.copy_button.click()
    item = next(i for i in fc.load_content(two_years, "2024", UNIT, FormKind.PLAN).items if i.key == key)
    assert [(w.get("content"), w.get("period")) for w in item.entries] == list(WORK["二-5"][2])
    assert item.get("leader") == "李红梅"
    editor.undo_action.trigger()
    item = next(i for i in fc.load_content(two_years, "2024", UNIT, FormKind.PLAN).items if i.key == key)
    assert item.entries == () and item.get("leader") == ""


def test_the_progress_editor_offers_last_years_text_of_the_quarter(qtbot: QtBot, two_years: Database) -> None:
    editor = ProgressEditor(two_years, "2024", UNIT, quarter=1)
    qtbot.addWidget(editor)
    editor.show()
    key = NEW_KEY["二-5"]
    editor.table.go_to(next(n for n, r in enumerate(editor.model.rows) if r.item and r.item.key == key), 2)
    last_year = fc.load_content(two_years, PLAN, UNIT, FormKind.PROGRESS, 1)
    text = next(i.get("progress") for i in last_year.items if i.key == "二-5")
    assert text in editor.last_year.detail.toPlainText()
    editor.last_year.copy_button.click()
    stored = fc.load_content(two_years, "2024", UNIT, FormKind.PROGRESS, 1)
    assert next(i.get("progress") for i in stored.items if i.key == key) == text
    assert not editor.last_year.copy_button.isEnabled()  # copied once: nothing more to add


def test_importing_the_next_plan_offers_the_contacts(make_window, qtbot: QtBot, sqlite_db: Database) -> None:  # noqa: ANN001
    fill_sample(sqlite_db)
    window = make_window(UNIT)
    import_plan(sqlite_db, TEXT_FILE)  # what 导入 in the review does; the window hears the catalogue change
    set_setting(sqlite_db, PLAN_KEY, "2024")
    qtbot.waitUntil(lambda: window.contacts_offer.question is not None and window.contacts_offer.question.isVisible())
    question = window.contacts_offer.question
    assert "沿用 2023 方案" in question.text() and "张志强" in question.text()
    question.button(question.StandardButton.Yes).click()
    assert len(fc.load_content(sqlite_db, "2024", UNIT, FormKind.CONTACTS).people) == len(PEOPLE)


def test_with_last_year_and_contributions_beside_it_the_window_still_fits_a_laptop(
        make_window, qtbot: QtBot, sqlite_db: Database) -> None:  # noqa: ANN001
    """Regression (merge of issues 13 and 16): the 配合材料 pane and the 去年类似事项 pane together made the side
    column, and so the main window, 792 px tall at least — taller than a 1366×768 screen."""
    fill_sample(sqlite_db)
    import_plan(sqlite_db, TEXT_FILE)
    set_setting(sqlite_db, PLAN_KEY, "2024")
    window = make_window(UNIT)
    window.show_page(window.forms_page)
    workspace = window.forms_page.workspace
    workspace.open_form(FormKind.PROGRESS, 2)
    editor = workspace.progress_editor
    assert editor.contributions is not None and editor.last_year is not None  # both panes are there
    assert window.minimumSizeHint().height() <= 768
