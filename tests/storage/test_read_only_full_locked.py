"""Read-only, foreign-owned, full and locked databases: said as they are, nothing half-written, a retry works.

Root ignores file permissions, so read-only is made with `chattr +i` (not even root may write) and with a
child process that drops to the unprivileged user `nobody`; a full disk is a small tmpfs (root) and a
file-size limit (anyone). Each case is skipped cleanly where the machine cannot make it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gwr_desktop.storage import engine as storage_engine
from tests.safety.conftest import all_rows, file_digests, stored_digests
from tests.storage.conftest import ROOT, UNIT, Cli, fill_args, folder_listing, immutable, lock_held


def principal(path: Path) -> str | None:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT json_extract(values_json, '$.principal') FROM form_heads "
                                 "WHERE kind = 'plan' LIMIT 1").fetchone()
    except sqlite3.OperationalError:
        return None  # no form written yet
    finally:
        connection.close()
    return row[0] if row else None


def integrity(path: Path) -> str:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


# ---- read-only -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_is_read_only_not_damaged(cli: Cli, plan_file: Path, fill_json: Path,
                                                       tmp_path: Path, what: str) -> None:
    backup = tmp_path / "backup.db"
    assert cli("--db", str(plan_file), "backup", "--out", str(backup)).code == 0
    before, rows = file_digests(plan_file), all_rows(plan_file)
    listing = folder_listing(plan_file.parent)
    with immutable(plan_file if what == "file" else plan_file.parent):
        checked = cli("--db", str(plan_file), "check")
        assert checked.code == 0 and "完好" in checked.out and "只读" in checked.out
        assert "不表示数据库已损坏" in checked.out and "已损坏，" not in checked.out
        assert "复制到自己有写入权限的文件夹" in checked.out
        listed = cli("--db", str(plan_file), "units")
        assert listed.code == 0 and UNIT in listed.out  # reading works
        filled = cli(*fill_args(plan_file, fill_json))
        assert filled.code == 2 and "只读" in filled.err and "不能保存修改" in filled.err
        restored = cli("--db", str(plan_file), "restore", str(backup))
        assert restored.code == 2 and "无法恢复" in restored.err and "只读" in restored.err
        imported = cli("--db", str(plan_file), "import-plan", str(ROOT / "resources" / "plans" / "wuhan_2023.txt"))
        assert imported.code == 2 and "只读" in imported.err  # the database's, or its backup folder's
        backed_up = cli("--db", str(plan_file), "backup")
        assert backed_up.code == (0 if what == "file" else 2), backed_up.err  # the backup folder is beside it
        if what == "folder":
            assert folder_listing(plan_file.parent) == listing  # not even a -wal or -shm appeared
    assert file_digests(plan_file) == before and all_rows(plan_file) == rows
    assert cli(*fill_args(plan_file, fill_json)).code == 0  # writable again: the same fill goes through
    assert principal(plan_file) == "张三"


@pytest.fixture
def world_readable_folder() -> Iterator[Path]:
    """A folder another user can reach (pytest's own tmp folders are private to root)."""
    if os.geteuid() != 0:
        pytest.skip("dropping to another user needs root")
    folder = Path(tempfile.mkdtemp(prefix="gwr-foreign-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("folder_mode", [0o755, 0o777], ids=["folder-read-only", "folder-writable"])
def test_a_database_owned_by_someone_else(world_readable_folder: Path, plan_file: Path, fill_json: Path,
                                         folder_mode: int) -> None:
    data = world_readable_folder / "data"
    data.mkdir(mode=folder_mode)
    data.chmod(folder_mode)
    db, warm = data / "gwr.db", world_readable_folder / "warm.db"
    shutil.copyfile(plan_file, db)
    shutil.copyfile(plan_file, warm)
    shutil.copyfile(plan_file, world_readable_folder / "backup.db")
    source = world_readable_folder / "plan.json"
    shutil.copyfile(fill_json, source)
    userdata = world_readable_folder / "userdata"
    userdata.mkdir(mode=0o777)
    userdata.chmod(0o777)
    for path in (db, warm, source, world_readable_folder / "backup.db"):
        path.chmod(0o644)
    before = stored_digests(db)

    def as_nobody(*argv: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "tests.storage.as_user_child", "nobody", str(warm), str(db),
                               *argv], capture_output=True, text=True, cwd=ROOT, timeout=120,
                              env={**os.environ, "GWR_DATA_DIR": str(userdata)})
        assert "Traceback" not in done.stderr, done.stderr
        return done

    checked = as_nobody("check")
    assert checked.returncode == 0 and "只读" in checked.stdout and "不表示数据库已损坏" in checked.stdout
    assert as_nobody("units").returncode == 0
    filled = as_nobody("fill", "--unit", UNIT, "--form", "plan", "--from", str(source))
    assert filled.returncode == 2 and "只读" in filled.stderr and "复制" in filled.stderr
    restored = as_nobody("restore", str(world_readable_folder / "backup.db"))
    assert restored.returncode == 2 and "无法恢复" in restored.stderr and "PermissionError" not in restored.stderr
    assert stored_digests(db) == before  # a reader of a WAL file may leave an empty -wal and the -shm index


# ---- full disk -------------------------------------------------------------------------------------------

@pytest.fixture
def big_fill(fill_json: Path, tmp_path: Path) -> Path:
    """The same 附表1 with many long work entries: a transaction of several hundred KB."""
    data = json.loads(fill_json.read_text(encoding="utf-8"))
    text = "推进重点项目建设，按月调度。" * 20
    for number, item in enumerate(data["items"]):
        item["entries"] = [{"content": f"第{number}项第{n}条：{text}", "period": "3-6月"} for n in range(20)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs (root only), unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_up(disk: Path, leave: int) -> Path:
    """A filler file taking all the free space but `leave` bytes."""
    filler = disk / "filler.bin"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    with filler.open("r+b") as handle:
        handle.truncate(max(filler.stat().st_size - leave, 0))
    return filler


def test_a_full_disk_refuses_the_write_and_a_retry_works(cli: Cli, plan_file: Path, big_fill: Path,
                                                         small_disk: Path) -> None:
    db = small_disk / "gwr.db"
    shutil.copyfile(plan_file, db)
    rows = all_rows(db)
    filler = fill_up(small_disk, leave=96 * 1024)
    outcome = cli(*fill_args(db, big_fill))
    assert outcome.code == 2 and "磁盘" in outcome.err and "满" in outcome.err
    assert "没有生效" in outcome.err and "清理磁盘" in outcome.err
    filler.unlink()
    assert integrity(db) == "ok" and all_rows(db) == rows  # nothing of the refused fill is in the database
    assert cli(*fill_args(db, big_fill)).code == 0
    assert principal(db) == "张三"


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_file_size_limit_refuses_the_write_with_a_message(plan_file: Path, big_fill: Path) -> None:
    rows = all_rows(plan_file)
    done = subprocess.run([sys.executable, "-m", "tests.storage.fsize_child", str(64 * 1024),
                           *fill_args(plan_file, big_fill)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2 and "磁盘" in done.stderr and "没有生效" in done.stderr
    assert integrity(plan_file) == "ok" and all_rows(plan_file) == rows


# ---- locked ----------------------------------------------------------------------------------------------

def test_a_write_waits_for_another_writer_then_says_so(cli: Cli, plan_file: Path, fill_json: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_engine, "WRITE_WAIT_SECONDS", 1.5)  # the real wait is 10 s; the lock is real
    with lock_held(plan_file, "write"):
        started = time.monotonic()
        outcome = cli(*fill_args(plan_file, fill_json))
        waited = time.monotonic() - started
        assert cli("--db", str(plan_file), "units").code == 0  # readers are not held up by a writer
    assert outcome.code == 2 and "数据库正被另一程序写入" in outcome.err and "请稍后重试" in outcome.err
    assert "等待 1.5 秒" in outcome.err and waited >= 1.4
    assert principal(plan_file) in (None, "")
    assert cli(*fill_args(plan_file, fill_json)).code == 0  # the lock is gone: the retry goes through


def test_a_database_held_exclusively_is_busy_not_damaged(cli: Cli, plan_file: Path) -> None:
    with lock_held(plan_file, "exclusive"):
        for command in (["check"], ["units"]):
            outcome = cli("--db", str(plan_file), *command)
            assert outcome.code == 2 and "正被另一程序独占" in outcome.err and "已损坏" not in outcome.err
    assert cli("--db", str(plan_file), "check").code == 0
