"""A light command line (issue 15): each command imports its own module and what it uses, not every command's
services — `tasks` loads neither the exporters, the forms, the plan readers and parser, nor Qt."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gwr_desktop import cli

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

RUN_AND_LIST = """
import json, sys
from gwr_desktop.cli import main
status = main(sys.argv[1:])
sys.stdout.flush()
print("\\nMODULES", json.dumps(sorted(sys.modules)))
models = sys.modules.get("gwr_desktop.storage.models")
print("\\nCONFIGURED", json.dumps(models is not None and any(
    mapper.configured for mapper in models.Base.registry.mappers)))
sys.exit(status)
"""
NOT_FOR_TASKS = ("gwr_desktop.cli.form_cmds", "gwr_desktop.cli.export_cmds", "gwr_desktop.cli.safety_cmds",
                 "gwr_desktop.cli.plan_settings_cmds", "gwr_desktop.services.plan_import",
                 "gwr_desktop.services.plan_preview", "gwr_desktop.domain.plan_parser", "gwr_desktop.domain.reading",
                 "gwr_desktop.services.signoff", "gwr_desktop.exports", "alembic", "openpyxl", "docx", "PySide6")


def registered(module: str) -> set[str]:
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers()
    importlib.import_module(f"gwr_desktop.cli.{module}").register(subparsers)
    return set(subparsers.choices)


def test_every_command_is_listed_with_the_module_that_registers_it() -> None:
    listed = {module: {name for name, owner in cli.COMMANDS.items() if owner == module} for module in
              cli.COMMAND_MODULES}
    assert {module: registered(module) for module in cli.COMMAND_MODULES} == listed
    assert set(cli.COMMANDS.values()) == set(cli.COMMAND_MODULES)


@pytest.mark.parametrize(("argv", "command"), [
    (["tasks", "--unit", "x"], "tasks"), (["--db", "a.db", "form", "--unit", "x"], "form"),
    (["--db=a.db", "check"], "check"), (["--help"], None), (["--db", "a.db"], None), ([], None),
    (["--db", "tasks", "units"], "units"),  # a database file named like a command is still the database
])
def test_the_command_is_found_on_the_line(argv: list[str], command: str | None) -> None:
    assert cli.command_named(argv) == command


def test_an_unknown_command_still_gets_every_command_in_its_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.build_parser(command="no-such-command").parse_args(["no-such-command"])
    message = capsys.readouterr().err
    assert "tasks" in message and "export" in message and "backup" in message


def test_tasks_imports_only_what_it_uses(tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    generate.build_database(db, 1, tmp_path)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "GWR_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, "--db", str(db), "tasks", "--unit", "市商务局",
                           "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    output, modules = done.stdout.rsplit("\nMODULES ", 1)
    modules, configured = modules.rsplit("\nCONFIGURED ", 1)
    # Its reads are SQLAlchemy Core: the ORM's configuration of all 26 mappers (~30 ms) never runs.
    assert json.loads(configured) is False
    assert len(json.loads(output)) == 44  # the unit's items, as ever
    loaded = set(json.loads(modules))
    assert "gwr_desktop.cli.catalogue_cmds" in loaded
    early = sorted(name for name in loaded if any(name == banned or name.startswith(banned + ".")
                                                   for banned in NOT_FOR_TASKS))
    assert early == []
