"""The main window over a SQLite copy of the bundled plan, for the officer's window tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from gwr_desktop.services.database import Database
from gwr_desktop.services.preferences import UNIT_KEY, set_setting


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "ui_state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(sqlite_db: Database, ui_settings: QSettings, qtbot):  # noqa: ANN001, ANN201 - pytest-qt fixture
    from gwr_desktop.app import build_main_window

    windows = []

    def make(unit: str | None = None):  # noqa: ANN202
        if unit:
            set_setting(sqlite_db, UNIT_KEY, unit)
        window = build_main_window(sqlite_db, ui_settings)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make
