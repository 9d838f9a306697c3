"""Export temp files: named for their process, hidden on Windows, cleaned on the next write into the folder,
never left behind by a failed export; and a missing program file is named as such, not as a missing folder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gwr_desktop.exports import safe_write
from gwr_desktop.exports.safe_write import TEMP_PREFIX, ExportWriteError, WriteJob, write_bytes, write_files


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    return int(child.stdout)


def test_temp_files_of_dead_processes_are_removed_on_the_next_write(tmp_path: Path) -> None:
    dead = tmp_path / f"{TEMP_PREFIX}{_dead_pid()}-abcd1234.tmp"
    alive = tmp_path / f"{TEMP_PREFIX}{os.getppid()}-efgh5678.tmp"  # pytest's parent: a running process
    old_unowned, new_unowned = tmp_path / f"{TEMP_PREFIX}k2j3h4g5.tmp", tmp_path / f"{TEMP_PREFIX}z9y8x7w6.tmp"
    for path in (dead, alive, old_unowned, new_unowned):
        path.write_bytes(b"")
    hour_ago = time.time() - 3600
    os.utime(old_unowned, (hour_ago, hour_ago))
    write_bytes(tmp_path / "附表1.docx", b"PK")
    assert _temps(tmp_path) == sorted([alive.name, new_unowned.name])  # older versions wrote them loose
    assert (tmp_path / "附表1.docx").read_bytes() == b"PK"


def test_a_renderer_error_leaves_no_temp_file(tmp_path: Path) -> None:
    def bad_text(temp: Path) -> None:
        temp.write_bytes(b"")
        raise ValueError("All strings must be XML compatible")

    with pytest.raises(ValueError, match="XML compatible"):
        write_files([WriteJob(tmp_path / "a.docx", lambda temp: temp.write_bytes(b"PK")),
                     WriteJob(tmp_path / "b.docx", bad_text)])
    assert list(tmp_path.iterdir()) == []  # neither the 0-byte temp file nor the first file


def test_temp_files_live_in_a_hidden_work_folder_that_goes_when_done(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    hidden: list[str] = []
    seen: list[Path] = []
    monkeypatch.setattr(safe_write.durable, "set_hidden", lambda path, flag=True: hidden.append(path.name))

    def produce(temp: Path) -> None:
        seen.append(temp)
        temp.write_bytes(b"PK")

    write_bytes(tmp_path / "附表2.xlsx", b"old")
    safe_write.write_via(tmp_path / "附表2.xlsx", produce)
    assert seen[0].parent == tmp_path / safe_write.WORK_FOLDER
    assert seen[0].name.startswith(f"{TEMP_PREFIX}{os.getpid()}-")
    assert hidden and set(hidden) == {safe_write.WORK_FOLDER}  # the folder is hidden, never a file being written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["附表2.xlsx"]


def test_leftovers_in_the_work_folder_are_cleaned_too(tmp_path: Path) -> None:
    work = tmp_path / safe_write.WORK_FOLDER
    work.mkdir()
    (work / f"{TEMP_PREFIX}{_dead_pid()}-abcd1234.tmp").write_bytes(b"half a PDF")
    write_bytes(tmp_path / "附表3.pdf", b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["附表3.pdf"]


def test_a_missing_program_file_is_not_called_a_missing_folder(qapp, tmp_path: Path,  # noqa: ANN001
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """In a bundle without python-docx's templates the export said 文件夹“…”不存在 about a folder that exists."""
    from docx.parts import hdrftr

    from gwr_desktop.exports.writer import write_form
    from tests.exports.conftest import layout_of
    from tests.exports.samples import FormKind

    monkeypatch.setattr(hdrftr, "__file__", str(tmp_path / "bundle" / "docx" / "parts" / "hdrftr.pyc"))
    with pytest.raises(ExportWriteError) as caught:
        write_form(layout_of(FormKind.CONTACTS), tmp_path, {"docx": "附表2.docx"})
    message = str(caught.value)
    assert "缺少程序自带的文件" in message and "default-footer.xml" in message and "重新安装" in message
    assert "不存在" not in message.split("”")[-1]
    assert _temps(tmp_path) == []
