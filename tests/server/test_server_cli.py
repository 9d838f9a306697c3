"""Issue 14 #1: `server init`, `server add-user`, `server list-users` from the command line, as IT runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.server.conftest import Server, _drop_roles, on_server
from tests.storage.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]


def _stdin(monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(line))


@on_server
def test_init_add_list_and_the_printed_url_works(server: Server, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    again = cli("server", "init", "--url", server.owner_url)
    assert again.code == 0 and "行级权限" in again.out and "form_rows" in again.out  # idempotent
    _stdin(monkeypatch, "correct-horse-1\n")
    added = cli("server", "add-user", "--url", server.owner_url, "--login", "cli_shangwu", "--unit", "市商务局",
                "--password-stdin")
    server.logins["cli_shangwu"] = ""  # dropped after the test
    assert added.code == 0, added.err
    url = added.out.strip().splitlines()[-1]
    assert url.startswith("postgresql+psycopg://cli_shangwu@") and "correct-horse" not in added.out
    _stdin(monkeypatch, "correct-horse-1\n")
    office = cli("server", "add-user", "--url", server.owner_url, "--login", "cli_ducha", "--office",
                 "--password-stdin")
    server.logins["cli_ducha"] = ""
    assert office.code == 0, office.err
    listed = cli("server", "list-users", "--url", server.owner_url)
    assert "cli_ducha\t督查室（只读）" in listed.out and "cli_shangwu\t市商务局" in listed.out
    form = subprocess.run([sys.executable, "main.py", "--db", url, "form", "--unit", "市商务局", "--form", "plan",
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert form.returncode == 0, form.stderr
    assert json.loads(form.stdout)["unit"] == "市商务局"
    other = subprocess.run([sys.executable, "main.py", "--db", url, "set-deadline", "--kind", "progress",
                            "--quarter", "2", "--due", "2023-07-15"], cwd=ROOT, capture_output=True, text=True,
                           timeout=120)
    assert other.returncode == 2 and "权限" in other.stderr and "Traceback" not in other.stderr


@on_server
@pytest.mark.parametrize(("args", "message"), [
    (["--login", "Bad-Name", "--unit", "市商务局"], "登录名"),
    (["--login", "okname", "--unit", "没有这个单位"], "单位名录中没有"),
])
def test_bad_requests_are_refused_in_chinese(server: Server, cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                             args: list[str], message: str) -> None:
    _stdin(monkeypatch, "correct-horse-1\n")
    outcome = cli("server", "add-user", "--url", server.owner_url, *args, "--password-stdin")
    assert outcome.code == 2 and message in outcome.err


@on_server
def test_a_short_password_and_a_unit_login_cannot_set_up(server: Server, cli: Cli,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, "short\n")
    outcome = cli("server", "add-user", "--url", server.owner_url, "--login", "shorty", "--unit", "市商务局",
                  "--password-stdin")
    assert outcome.code == 2 and "密码太短" in outcome.err
    unit_url = server.add("setup_unit", unit="市商务局")
    refused = cli("server", "init", "--url", unit_url)
    assert refused.code == 2 and "所有者" in refused.err


def test_sqlite_needs_no_server_setup(cli: Cli, tmp_path: Path) -> None:
    outcome = cli("server", "init", "--url", str(tmp_path / "local.db"))
    assert outcome.code == 2 and "SQLite" in outcome.err
    assert not (tmp_path / "local.db").exists()


@on_server
def test_a_table_with_a_unit_column_must_be_classified(server: Server, cli: Cli) -> None:
    """The guard for the list in row_security.py: a new table holding unit rows is not readable by accident."""
    engine = create_engine(server.owner_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE contributions (id serial PRIMARY KEY, owner_unit_id int)"))
    engine.dispose()
    outcome = cli("server", "init", "--url", server.owner_url)
    assert outcome.code == 2 and "contributions" in outcome.err and "UNIT_OWNED" in outcome.err


@on_server
def test_roles_are_dropped_after_the_tests(server: Server) -> None:
    server.add("dropped_later", unit="市商务局")
    _drop_roles(server.owner_url, ["dropped_later"])
    server.logins.pop("dropped_later")
    with server.engine().connect() as connection:
        assert connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = 'dropped_later'")).first() is None
