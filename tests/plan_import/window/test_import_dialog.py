"""文件 → 导入方案… on the real window: read off the UI thread, review, 导入 or 取消, the plan switcher."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database
from gwr_desktop.ui.plan_import.flow import PlanImportFlow
from gwr_desktop.ui.plan_import.menu import plan_import_flow
from tests.plan_import import hostile
from tests.plan_import.conftest import database_state, next_year_text, write_text

WAIT_MS = 60_000  # a loaded CI machine; the reading itself takes well under a second


@pytest.fixture
def next_year(tmp_path: Path, seed_text: str) -> Path:
    """2024's plan: the seed's items, one target raised so the two plans can be told apart."""
    text = next_year_text(seed_text).replace("增长 6.5% 以上", "增长 7% 以上")
    return write_text(tmp_path, "2024年方案.txt", text)


def open_review(qtbot, window, path: Path) -> PlanImportFlow:  # noqa: ANN001 - pytest-qt bot, MainWindow
    flow = plan_import_flow(window)
    flow.start(path)
    qtbot.waitUntil(lambda: flow.review is not None and flow.review.isVisible(), timeout=WAIT_MS)
    return flow


def test_the_menu_offers_the_import(make_window) -> None:  # noqa: ANN001
    window = make_window("市商务局")
    texts = [action.text() for action in window.file_menu.actions() if not action.isSeparator()]
    assert "导入方案…" in texts and texts[-1] == "退出"
    assert window.import_plan_action.isEnabled() and window.import_plan_action.shortcut().toString() == "Ctrl+I"


def test_review_shows_the_counts_then_import_adds_the_plan(qtbot, make_window, db: Database,  # noqa: ANN001
                                                           next_year: Path) -> None:
    window = make_window("市商务局")
    flow = open_review(qtbot, window, next_year)
    review = flow.review
    assert "牵头 23 项、参与 21 项" in review.officer_label.text()
    assert review.summary_labels["文号"].text() == "武政办〔2024〕1号"
    assert "共 322 项" in review.summary_labels["事项"].text()
    assert "2024年2月10日" in review.summary_labels["截止时间"].text()
    assert review.tabs.tabText(2) == "待核对问题（1）" and not review.flags_label.isVisible()
    assert not review.current_box.isChecked()  # 2023 is current: the officer decides, default no
    with qtbot.waitSignal(flow.finished, timeout=WAIT_MS) as done:
        qtbot.mouseClick(review.import_button, _left())
    assert done.args[0].created and not done.args[0].current
    qtbot.waitUntil(lambda: window.plan_combo.count() == 2, timeout=WAIT_MS)
    assert window.plan_combo_action.isVisible() and window.plan_key == "2023"
    assert [p.key for p in catalogue.plans(db)] == ["2024", "2023"]


def test_switching_plans_switches_the_task_browser(qtbot, make_window, db: Database,  # noqa: ANN001
                                                   next_year: Path) -> None:
    window = make_window("市商务局")
    flow = open_review(qtbot, window, next_year)
    with qtbot.waitSignal(flow.finished, timeout=WAIT_MS):
        flow.review.accept()
    qtbot.waitUntil(lambda: window.plan_combo.count() == 2, timeout=WAIT_MS)
    row = window.plan_combo.findData("2024")
    with qtbot.waitSignal(window.context_changed):
        window.plan_combo.activated.emit(row)
    assert window.plan_key == "2024" and "武政办〔2024〕1号" in window.plan_label.text()
    assert window.browser.select_item("一-1")
    assert "增长7%以上" in window.browser.detail.toPlainText().replace(" ", "")


def test_import_made_current_when_the_officer_says_so(qtbot, make_window, next_year: Path) -> None:  # noqa: ANN001
    window = make_window("市商务局")
    flow = open_review(qtbot, window, next_year)
    flow.review.current_box.setChecked(True)
    with qtbot.waitSignal(window.context_changed, timeout=WAIT_MS, check_params_cb=lambda plan, _u: plan == "2024"):
        qtbot.mouseClick(flow.review.import_button, _left())
    assert window.browser.select_item("一-1") and "7%" in window.browser.detail.toPlainText().replace(" ", "")


def test_cancel_leaves_the_database_byte_for_byte_unchanged(qtbot, make_window, db: Database,  # noqa: ANN001
                                                            next_year: Path) -> None:
    window = make_window("市商务局")
    before = database_state(db)
    flow = open_review(qtbot, window, next_year)
    with qtbot.waitSignal(flow.cancelled):
        qtbot.mouseClick(flow.review.cancel_button, _left())
    assert database_state(db) == before and window.plan_combo.count() == 1


def test_cancel_while_reading_drops_the_answer(qtbot, make_window, db: Database,  # noqa: ANN001
                                               next_year: Path) -> None:
    window = make_window("市商务局")
    before = database_state(db)
    flow = plan_import_flow(window)
    flow.start(next_year)
    from PySide6.QtWidgets import QPushButton

    cancel = flow.progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "取消"
    qtbot.mouseClick(cancel, _left())  # before the event loop can deliver the reading's answer
    qtbot.waitUntil(lambda: not flow.busy, timeout=WAIT_MS)
    assert flow.review is None and flow.message is None and database_state(db) == before


def test_a_problem_in_the_review_shows_its_item(qtbot, make_window, next_year: Path) -> None:  # noqa: ANN001
    review = open_review(qtbot, make_window("市商务局"), next_year).review
    review.show_problem(0)
    shown = review.problem_item.toPlainText()
    assert "二-154" in shown and "位:市科技局" in shown  # the stray fragment and the item it follows


def refused_message(qtbot, window, path: Path) -> str:  # noqa: ANN001
    flow = plan_import_flow(window)
    with qtbot.waitSignal(flow.refused, timeout=WAIT_MS):
        flow.start(path)
    assert flow.review is None and flow.message is not None and flow.message.isVisible()
    return flow.message.text()


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_a_doc_chosen_by_mistake_shows_the_readers_message(qtbot, make_window, db: Database,  # noqa: ANN001
                                                           tmp_path: Path, suffix: str) -> None:
    window = make_window("市商务局")
    before = database_state(db)
    old_word = tmp_path / f"方案{suffix}"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)  # an OLE2 header (Word 97, WPS)
    text = refused_message(qtbot, window, old_word)
    assert suffix in text and "另存为" in text and ".docx" in text and "数据库未作改动" in text
    assert database_state(db) == before and window.plan_combo.count() == 1


HOSTILE: dict[str, Callable[[Path, str], Path]] = {
    "zip_bomb": lambda folder, _seed: hostile.zip_bomb(folder),
    "xml_entities": lambda folder, _seed: hostile.xml_entities(folder),
    "truncated_zip": lambda folder, seed: hostile.truncated_zip(folder, _seed_docx(folder, seed)),
    "pdf_named_docx": lambda folder, _seed: hostile.pdf_named_docx(folder),
    "text_100mb": lambda folder, seed: hostile.huge_text(folder, seed),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_documents_are_refused_with_a_message(qtbot, make_window, db: Database, tmp_path: Path,  # noqa: ANN001
                                                      seed_text: str, kind: str) -> None:
    window = make_window("市商务局")
    path = HOSTILE[kind](tmp_path, seed_text)
    before = database_state(db)
    started = time.monotonic()
    text = refused_message(qtbot, window, path)
    assert time.monotonic() - started < WAIT_MS / 1000
    assert text.strip() and "数据库未作改动" in text and "Traceback" not in text
    assert database_state(db) == before and [p.key for p in catalogue.plans(db)] == ["2023"]


def _seed_docx(folder: Path, seed_text: str) -> Path:
    from docx import Document

    document = Document()
    for line in seed_text.splitlines():
        document.add_paragraph(line)
    document.save(str(folder / "seed.docx"))
    return folder / "seed.docx"


def _left():  # noqa: ANN202 - Qt.MouseButton
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


@pytest.mark.parametrize(("name", "printed"), [("docx_table_gaotang", "牵头领导"), ("xlsx_table", "完成时限")])
def test_a_table_layout_imported_through_the_dialog(qtbot, make_window, tmp_path: Path, name: str,  # noqa: ANN001
                                                    printed: str) -> None:
    from tests.fixtures.plans.build import fixtures

    path = next(f for f in fixtures() if f.name == name).write(tmp_path)
    window = make_window("市商务局")
    flow = open_review(qtbot, window, path)
    review = flow.review
    rule = review.preview.lead_rule
    assert (rule.quote in review.summary_labels["牵头规则"].text()) if rule else \
        review.summary_labels["牵头规则"].text().startswith("未说明")
    review.current_box.setChecked(True)
    with qtbot.waitSignal(flow.finished, timeout=WAIT_MS) as done:
        qtbot.mouseClick(review.import_button, _left())
    qtbot.waitUntil(lambda: window.plan_key == done.args[0].plan_key, timeout=WAIT_MS)
    first = review.preview.parsed.items[0]
    assert window.browser.select_item(first.key)
    value = first.leader if printed == "牵头领导" else first.deadline
    assert printed in window.browser.detail.toPlainText() and value in window.browser.detail.toPlainText()
