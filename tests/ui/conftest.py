"""UI fixtures: a real SQLite file with the bundled 2023 plan, the main window over it, and a private data folder.

The plan is imported once per session into a template file; each test gets its own copy in tmp_path,
so tests stay independent without paying for the migration and import every time.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.preferences import UNIT_KEY, set_setting


@pytest.fixture
def db(plan_template: Path, tmp_path: Path) -> Iterator[Database]:
    """An open database on a SQLite file in tmp_path holding the bundled 2023 plan; no unit chosen yet."""
    target = tmp_path / "gwr.db"
    shutil.copyfile(plan_template, target)
    database = open_database(f"sqlite:///{target}")
    yield database
    database.close()


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui_state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(db: Database, ui_settings: QSettings, qtbot):  # noqa: ANN001, ANN201 - pytest-qt fixture
    """Build the main window (optionally with a unit already chosen), shown offscreen."""
    from gwr_desktop.app import build_main_window

    windows = []  # a top-level window lives as long as Python holds it; the test may keep only a child

    def make(unit: str | None = None, *, restore: bool = False):  # noqa: ANN202
        if unit:
            set_setting(db, UNIT_KEY, unit)
        window = build_main_window(db, ui_settings)
        if restore:  # as run_app does: the saved layout first, then show
            window.restore_ui_state()
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def visible_keys(browser) -> list[str]:  # noqa: ANN001 - TaskBrowser
    """Keys of the rows the table shows, in display order."""
    proxy = browser.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def type_text(widget, text: str) -> None:  # noqa: ANN001 - any QWidget taking text input
    """Type Chinese the way an input method does: a commit string per character.

    QTest.keyClicks only knows ASCII, and a Chinese IME delivers text as QInputMethodEvent commits.
    """
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)
