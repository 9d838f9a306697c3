"""Operating-system errors reach people in Chinese, named by cause, without strerror's English or error codes."""

from __future__ import annotations

import errno
import re
import sqlite3
from pathlib import Path

import pytest

from gwr_desktop.cli import main
from gwr_desktop.exports.safe_write import describe
from gwr_desktop.os_errors import is_locked, os_error_text, sqlite_error_text

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _windows_error(kind: type[OSError], number: int, winerror: int) -> OSError:
    error = kind(number, "The process cannot access the file because it is being used by another process")
    error.winerror = winerror  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(("error", "expected"), [
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
    (OSError(errno.EROFS, "Read-only file system"), "只读"),
    (OSError(errno.EIO, "Input/output error"), "磁盘读写出错"),
    (OSError(errno.ENOTDIR, "Not a directory"), "不是文件夹"),
    (_windows_error(PermissionError, errno.EACCES, 32), "正被另一个程序使用"),
    (_windows_error(OSError, errno.EINVAL, 123), "语法不正确"),
    (_windows_error(OSError, errno.ENOENT, 21), "设备未就绪"),
])
def test_causes_in_chinese(error: OSError, expected: str) -> None:
    text = os_error_text(error)
    assert expected in text and not LATIN_WORD.search(text)


def test_an_unknown_error_gives_its_code_not_its_english() -> None:
    assert os_error_text(OSError(9999, "Something odd")) == "系统错误（代码 9999）"


def test_sqlite_errors_by_code() -> None:
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("SELECT * FROM nothing")
    except sqlite3.Error as error:
        assert "数据库出错" in sqlite_error_text(error)  # not one of the known causes: SQLite's words, labelled
    connection.close()
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    assert sqlite_error_text(full) == "磁盘空间已满，请清理磁盘空间后重试"


def test_a_locked_file_is_recognised_and_named() -> None:
    locked = _windows_error(PermissionError, errno.EACCES, 32)
    assert is_locked(locked)
    message = describe(locked, Path("/报送/附表1.xlsx"), stage="write")
    assert "正被其他程序打开" in message and "附表1.xlsx" in message


def test_export_into_a_folder_that_cannot_be_made_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           plan_template: Path) -> None:
    db = tmp_path / "gwr.db"
    db.write_bytes(plan_template.read_bytes())
    blocker = tmp_path / "报送"
    blocker.write_text("a file, not a folder")
    status = main(["--db", str(db), "export", "--unit", "市商务局", "--form", "plan", "--out", str(blocker / "sub")])
    err = capsys.readouterr().err
    assert status == 2 and "无法创建输出文件夹" in err and "路径中有一项不是文件夹" in err
    assert "Not a directory" not in err and "Errno" not in err
