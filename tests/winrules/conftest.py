"""Fixtures for the Windows-rules tests: the rules installed over the test's folder, then a database in it.

On Windows itself (.github/workflows/windows-bundle.yml) nothing is imitated: the real rules apply.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from gwr_desktop.services.database import Database, open_database
from tests.winrules.harness import WindowsRules


@pytest.fixture
def rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WindowsRules:
    """Windows' file rules for everything under tmp_path (the per-user folder included)."""
    if os.name == "nt":
        return WindowsRules(tmp_path)  # not installed: Windows enforces them
    return WindowsRules(tmp_path).install(monkeypatch)


@pytest.fixture
def win_db(rules: WindowsRules, tmp_path: Path, plan_template: Path) -> Iterator[Database]:
    """The bundled plan in a SQLite file opened under the rules, so its handles count as open files."""
    path = tmp_path / "数据" / "gwr.db"
    path.parent.mkdir()
    shutil.copyfile(plan_template, path)
    db = open_database(f"sqlite:///{path}")
    yield db
    db.close()
