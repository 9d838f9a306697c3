"""Where the window keeps its own layout (geometry, splitters, columns): UI state only, never domain data.

An INI file beside the database in the per-user data folder, so GWR_DATA_DIR (tests, portable installs)
moves it too and nothing lands in the Windows registry.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from gwr_desktop.paths import user_data_dir


def ui_state_settings() -> QSettings:
    return QSettings(str(user_data_dir() / "ui_state.ini"), QSettings.Format.IniFormat)
