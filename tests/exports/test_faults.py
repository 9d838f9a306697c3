"""Writing faults: a target held open by WPS/Excel, a read-only folder, a full disk. Each gives a Chinese
message naming the file, leaves nothing half-written (no temp file), keeps the database as it was, and a
retry afterwards works."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.safe_write import ExportWriteError, write_bytes
from gwr_desktop.exports.writer import write_form
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database
from gwr_desktop.storage.engine import sqlite_file
from tests.exports import samples

NAMES = {"docx": "附表1.docx", "xlsx": "附表1.xlsx"}


def _lock(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Windows semantics of a file open in WPS/Excel: it can be neither renamed nor replaced."""
    real = os.replace

    def replace(src, dst) -> None:  # noqa: ANN001
        if Path(locked) in (Path(src), Path(dst)):
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~gwr-"))


def test_locked_target_keeps_old_file_and_rolls_back_the_others(tmp_path: Path, plan_layout: FormLayout,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    old_docx = write_bytes(tmp_path / NAMES["docx"], b"old docx")
    old_xlsx = write_bytes(tmp_path / NAMES["xlsx"], b"old xlsx")
    _lock(monkeypatch, old_xlsx)
    with pytest.raises(ExportWriteError) as caught:
        write_form(plan_layout, tmp_path, NAMES)
    assert "附表1.xlsx" in str(caught.value) and "WPS 或 Excel" in str(caught.value)
    assert old_docx.read_bytes() == b"old docx" and old_xlsx.read_bytes() == b"old xlsx"  # docx rolled back
    assert _leftovers(tmp_path) == []
    monkeypatch.undo()
    written = write_form(plan_layout, tmp_path, NAMES)  # closed in WPS: the retry works
    assert [p.read_bytes()[:2] for p in written] == [b"PK", b"PK"] and _leftovers(tmp_path) == []


def test_locked_target_at_sign_off_records_nothing(filled_db: Database, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    name = "2023_市发改委_附表1_办理方案_v1.pdf"
    write_bytes(tmp_path / name, b"%PDF old")
    _lock(monkeypatch, tmp_path / name)
    with pytest.raises(ExportWriteError, match=name):
        signoff.sign_off(filled_db, "2023", samples.UNIT, FormKind.PLAN, tmp_path)
    assert signoff.signed_count(filled_db) == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("test.db")) == [name]
    monkeypatch.undo()
    signed, paths = signoff.sign_off(filled_db, "2023", samples.UNIT, FormKind.PLAN, tmp_path)
    assert signed.version == 1 and paths[2].read_bytes().startswith(b"%PDF-")


def _immutable(folder: Path) -> bool:
    return subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0


def test_read_only_folder(tmp_path: Path, plan_layout: FormLayout, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    if not _immutable(folder):  # without CAP_LINUX_IMMUTABLE: fail the temp file like a read-only folder does
        import tempfile

        def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        with pytest.raises(ExportWriteError) as caught:
            write_form(plan_layout, folder, NAMES)
        assert "没有权限写入文件夹" in str(caught.value) and "附表1.docx" in str(caught.value)
        assert list(folder.iterdir()) == []
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        monkeypatch.undo()
    assert len(write_form(plan_layout, folder, NAMES)) == 2  # writable again: the retry works


@pytest.mark.parametrize("formats", ["docx,xlsx", "pdf"])
def test_full_disk_leaves_nothing_and_records_nothing(filled_db: Database, sqlite_url: str, tmp_path: Path,
                                                      formats: str) -> None:
    if sqlite_file(filled_db.url) is None:
        pytest.skip("the child process reopens the SQLite file")
    out = tmp_path / "out"
    out.mkdir()
    filled_db.close()
    child = subprocess.run([sys.executable, "-m", "tests.exports.fsize_child", filled_db.url, str(out), "10000",
                            formats], capture_output=True, text=True, cwd=Path(__file__).parents[2],
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert child.returncode == 3, child.stderr
    assert "磁盘空间不足" in child.stdout and "2023_市发改委_附表1_办理方案_v1." in child.stdout
    assert list(out.iterdir()) == []
    from gwr_desktop.services.database import open_database

    db = open_database(filled_db.url)
    try:
        assert signoff.signed_count(db) == 0
        signed, paths = signoff.sign_off(db, "2023", samples.UNIT, FormKind.PLAN, out, formats=formats.split(","))
        assert signed.version == 1 and all(p.stat().st_size > 10000 for p in paths)
    finally:
        db.close()
