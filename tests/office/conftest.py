"""The 90 units' returns, generated once per session (about half a minute: every form filled and signed)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.plan_import import import_plan
from tests.office import returns90
from tests.office.returns90 import Truth


@dataclass(frozen=True)
class Returns:
    plan_file: Path
    mail: Path  # the folder of files as received
    units: list[str]
    truth: Truth


@pytest.fixture(autouse=True)
def _widgets_app_first(qapp) -> None:  # noqa: ANN001, PT004
    """The one-page PDF makes a bare QGuiApplication when none exists (as on the command line); in one pytest
    process that would block pytest-qt's QApplication later, so every test here starts with the widgets one."""


@pytest.fixture(scope="session")
def returns(tmp_path_factory: pytest.TempPathFactory) -> Returns:
    folder = tmp_path_factory.mktemp("returns90")
    plan_file = returns90.write_plan(folder)
    db = open_database(f"sqlite:///{folder / 'units.db'}")
    try:
        import_plan(db, plan_file)
        units = returns90.build_units(db)
        truth = returns90.sign_and_send(db, folder / "mail", units)
    finally:
        db.close()
    return Returns(plan_file, folder / "mail", units, truth)


@pytest.fixture
def office(db_url: str, returns: Returns) -> Iterator[Database]:
    """The 督查室's own database: empty but for the plan the units reported on."""
    database = open_database(db_url)
    import_plan(database, returns.plan_file)
    yield database
    database.close()
