"""Issue 14 #4: PostgreSQL support is the optional extra `.[postgres]`; a server URL on a PC without psycopg gets a
clear Chinese message saying what to install, from the command line and the window alike, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gwr_desktop.services.database import DatabaseDriverMissingError, DatabaseUrlError
from gwr_desktop.storage.translate import translate

ROOT = Path(__file__).resolve().parents[2]
URL = "postgresql+psycopg://shangwu@db.example.invalid:5432/gwr"
# psycopg hidden, as on a PC where only the base package was installed
WITHOUT_PSYCOPG = ("import sys; sys.modules['psycopg'] = None; from gwr_desktop.cli import main; "
                   "sys.exit(main(sys.argv[1:]))")


def test_the_command_line_says_what_to_install() -> None:
    done = subprocess.run([sys.executable, "-c", WITHOUT_PSYCOPG, "--db", URL, "tasks", "--unit", "市商务局"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "psycopg" in done.stderr and 'pip install "gwr-desktop[postgres]"' in done.stderr
    assert "db.example.invalid:5432" in done.stderr


def test_the_window_names_the_missing_part() -> None:
    error = ModuleNotFoundError("No module named 'psycopg'", name="psycopg")
    mapped = translate(error, URL)
    assert isinstance(mapped, DatabaseDriverMissingError) and isinstance(mapped, DatabaseUrlError)
    from gwr_desktop.ui.safety.startup import database_error_title

    assert database_error_title(mapped) == "缺少 PostgreSQL 支持"
    other = translate(ModuleNotFoundError("No module named 'pg8000'", name="pg8000"), URL)
    assert type(other) is DatabaseUrlError
