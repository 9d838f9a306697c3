"""Where things live: shipped resources (source tree or frozen bundle) and per-user data folders.

Nothing here creates directories at import time; callers ask for a folder and it is made then.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from gwr_desktop import APP_NAME

_ROOT = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))


def project_root() -> Path:
    return _ROOT


def resource_path(*parts: str) -> Path:
    return _ROOT.joinpath("resources", *parts)


def migrations_path() -> Path:
    return _ROOT / "db" / "migrations"


def forms_path() -> Path:
    return _ROOT / "forms"


def bundled_plan() -> Path:
    return resource_path("plans", "wuhan_2023.txt")


def registry_path() -> Path:
    return resource_path("units.json")


def user_data_dir() -> Path:
    """Per-user data folder; GWR_DATA_DIR overrides it (tests, portable installs)."""
    override = os.environ.get("GWR_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_log_dir() -> Path:
    override = os.environ.get("GWR_DATA_DIR")
    if override:
        path = Path(override) / "logs"
    else:
        import platformdirs

        path = platformdirs.user_log_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    return f"sqlite:///{user_data_dir() / 'gwr.db'}"
