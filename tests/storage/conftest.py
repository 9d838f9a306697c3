"""Fixtures for the database-failure tests: a plan database in its own folder, the CLI in-process, lock holders."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from gwr_desktop.cli import main
from gwr_desktop.domain.forms import FormContent
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content
from gwr_desktop.services.database import Database

ROOT = Path(__file__).resolve().parents[2]
UNIT = "市商务局"


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


Cli = Callable[..., Outcome]


@pytest.fixture
def plan_file(tmp_path: Path, plan_template: Path) -> Path:
    """A migrated SQLite file holding the bundled plan, alone in its folder; no connection left open."""
    path = tmp_path / "data" / "工作.db"
    path.parent.mkdir()
    shutil.copyfile(plan_template, path)
    return path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run main.py's command line in-process; no exception may escape (a traceback is what users must never see)."""
    def run(*argv: str) -> Outcome:
        code = main(list(argv))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture
def fill_json(tmp_path: Path, plan_file: Path, cli: Cli) -> Path:
    """A complete 附表1 for the unit, as `form --json` prints it and `fill` reads it back."""
    outcome = cli("--db", str(plan_file), "form", "--unit", UNIT, "--form", "plan", "--json")
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    data["principal"] = "张三"
    for number, item in enumerate(data["items"]):
        item.update(leader="李四", department="综合处", entries=[{"content": f"第{number}项工作", "period": "3-6月"}])
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def plan_form(db: Database) -> FormContent:
    """The unit's 附表1 as the services read it."""
    content = form_content.load_content(db, "2023", UNIT, FormKind.PLAN)
    assert content.kind is FormKind.PLAN
    return content


def fill_args(db: Path | str, source: Path) -> list[str]:
    return ["--db", str(db), "fill", "--unit", UNIT, "--form", "plan", "--from", str(source)]


def folder_listing(folder: Path) -> dict[str, int]:
    """Every file in a folder with its size: what 'nothing was written beside it' compares."""
    return {path.name: path.stat().st_size for path in sorted(folder.iterdir())}


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """chattr +i (root on ext4 and similar): not even root may write, rename or create inside (a folder)."""
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@contextmanager
def lock_held(path: Path, mode: str = "write") -> Iterator[subprocess.Popen[str]]:
    """Another process holding the database: "write" (BEGIN IMMEDIATE) or "exclusive" (locking_mode=EXCLUSIVE)."""
    with subprocess.Popen([sys.executable, "-m", "tests.storage.lock_child", str(path), mode],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT) as child:
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "locked"
            yield child
        finally:
            release(child)


def release(child: subprocess.Popen[str]) -> None:
    if child.poll() is None:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=30)
