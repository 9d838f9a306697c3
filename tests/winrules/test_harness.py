"""The harness itself: each Windows rule holds under it, and outside its folder nothing changes.

The last tests replay the patterns of the code before the Windows fixes (fsync of a descriptor opened
read-only, the fsync of a folder) to show the harness fails them as Windows would.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from tests.winrules.harness import SHARING_VIOLATION, WindowsRules, name_problem, windows_length

# The harness imitates Windows on Linux; on Windows the real rules apply (and CON really is the console).
pytestmark = pytest.mark.skipif(os.name == "nt", reason="imitates Windows on Linux")


def test_fsync_needs_a_descriptor_opened_for_writing(rules: WindowsRules, tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    with open(path, "wb") as handle:
        handle.write(b"data")
        handle.flush()
        os.fsync(handle.fileno())  # the handle the data was written with: fine
    descriptor = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(OSError) as caught:
            os.fsync(descriptor)
        assert caught.value.errno == errno.EBADF
    finally:
        os.close(descriptor)


def test_a_folder_cannot_be_opened(rules: WindowsRules, tmp_path: Path) -> None:
    with pytest.raises(PermissionError):
        os.open(tmp_path, os.O_RDONLY)


def test_an_open_file_cannot_be_replaced_renamed_or_deleted(rules: WindowsRules, tmp_path: Path) -> None:
    target, other = tmp_path / "报表.xlsx", tmp_path / "new.tmp"
    target.write_bytes(b"old")
    other.write_bytes(b"new")
    with open(target, "rb"):
        for action in (lambda: os.replace(other, target), lambda: os.replace(target, tmp_path / "x"),
                       target.unlink, lambda: os.rename(tmp_path, tmp_path.with_name("moved"))):
            with pytest.raises(PermissionError) as caught:
                action()
            assert caught.value.winerror == 32 and SHARING_VIOLATION in str(caught.value)
    os.replace(other, target)  # closed again: replacing works
    assert target.read_bytes() == b"new"


def test_rename_onto_an_existing_file_fails_as_on_windows(rules: WindowsRules, tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"a")
    (tmp_path / "b").write_bytes(b"b")
    with pytest.raises(FileExistsError):
        os.rename(tmp_path / "a", tmp_path / "b")


def test_sqlite_holds_the_database_and_its_companions(rules: WindowsRules, tmp_path: Path) -> None:
    path = tmp_path / "gwr.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE t (x)")
    assert {str(path), f"{path}-wal", f"{path}-shm"} <= rules.open_paths()
    with pytest.raises(PermissionError):
        os.replace(path, tmp_path / "aside.db")
    connection.close()
    os.replace(path, tmp_path / "aside.db")


def test_a_descriptor_closed_through_a_file_object_is_no_longer_open(rules: WindowsRules, tmp_path: Path) -> None:
    descriptor = os.open(tmp_path / "f", os.O_WRONLY | os.O_CREAT)
    os.fdopen(descriptor, "wb").close()
    os.unlink(tmp_path / "f")


@pytest.mark.parametrize("name", ["CON", "nul.txt", "Aux.docx", "com1.db", "LPT9", "a:b.txt", "why?.pdf",
                                  "ends.", "ends ", "tab\there"])
def test_names_windows_refuses(rules: WindowsRules, tmp_path: Path, name: str) -> None:
    assert name_problem(name) is not None
    with pytest.raises(OSError) as caught:
        (tmp_path / name).write_bytes(b"x")
    assert caught.value.errno == errno.EINVAL
    with pytest.raises(OSError):
        (tmp_path / name).mkdir()


@pytest.mark.parametrize("name", ["CONSOLE.txt", "null.db", "com10", "附表1.docx", ".~gwr-1-a.tmp"])
def test_names_windows_accepts(rules: WindowsRules, tmp_path: Path, name: str) -> None:
    assert name_problem(name) is None
    (tmp_path / name).write_bytes(b"x")


def test_the_260_character_limit(rules: WindowsRules, tmp_path: Path) -> None:
    folder = tmp_path / ("文件夹" * 20) / ("d" * 60)
    folder.mkdir(parents=True)
    room = 259 - windows_length(str(folder)) - 1
    fits = folder / ("f" * room)
    fits.write_bytes(b"x")
    assert fits.exists()
    too_long = folder / ("f" * (room + 1))
    with pytest.raises(FileNotFoundError):
        too_long.write_bytes(b"x")
    assert not too_long.exists()
    with pytest.raises(FileNotFoundError):  # a folder: 248 already
        (folder / ("d" * (room - 11))).mkdir()
    assert windows_length("😀") == 2  # outside the BMP: two UTF-16 units


def test_names_are_case_insensitive(rules: WindowsRules, tmp_path: Path) -> None:
    (tmp_path / "Report.DOCX").write_bytes(b"first")
    assert (tmp_path / "report.docx").read_bytes() == b"first"
    (tmp_path / "new.tmp").write_bytes(b"second")
    os.replace(tmp_path / "new.tmp", tmp_path / "REPORT.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Report.DOCX"]
    assert (tmp_path / "Report.DOCX").read_bytes() == b"second"


def test_a_hidden_file_cannot_be_truncated(rules: WindowsRules, tmp_path: Path) -> None:
    from gwr_desktop.safety import durable

    path = tmp_path / ".~gwr-1-a.tmp"
    path.write_bytes(b"")
    durable.set_hidden(path, True)
    with pytest.raises(PermissionError, match="Access is denied"):
        path.write_bytes(b"PK")  # CreateFile(CREATE_ALWAYS) on a hidden file
    with open(path, "r+b") as handle:  # opening it in place is allowed
        handle.write(b"PK")
    os.replace(path, tmp_path / "moved.tmp")
    with pytest.raises(PermissionError):  # the attribute moved with it
        (tmp_path / "moved.tmp").write_bytes(b"x")
    durable.set_hidden(tmp_path / "moved.tmp", False)
    (tmp_path / "moved.tmp").write_bytes(b"x")


def test_paths_outside_the_folder_are_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    WindowsRules(inside).install(monkeypatch)
    (outside / "NUL.txt").write_bytes(b"fine here")
    with open(outside / "NUL.txt", "rb"):
        os.replace(outside / "NUL.txt", outside / "moved.txt")


def test_the_old_read_only_fsync_fails_under_the_rules(rules: WindowsRules, tmp_path: Path) -> None:
    """exports/safe_write._fsync_file and safety/sqlite_files.fsync_path before the fix, replayed."""
    path = tmp_path / "export.docx"
    path.write_bytes(b"PK")
    fd = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(OSError, match="Bad file descriptor"):
            os.fsync(fd)
    finally:
        os.close(fd)
    with pytest.raises(PermissionError):  # the folder fsync that guarded only on os.name
        os.open(tmp_path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
