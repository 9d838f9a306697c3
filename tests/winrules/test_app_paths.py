"""The app's writing paths under Windows' file rules: export, sign-off, backup, restore, first-run import.

Before the Windows fixes every one of these failed here as it would on the officers' PCs: exports and
backups fsynced descriptors opened read-only (`[Errno 9] Bad file descriptor`), and the first-run import
died with that error inside its safety backup.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.safety import backup as backups
from gwr_desktop.safety.restore import restore_backup
from gwr_desktop.safety.sqlite_files import verify_file
from gwr_desktop.services import form_content, signoff
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.plan_import import ensure_bundled_plan
from gwr_desktop.storage.engine import sqlite_file
from tests.exports import samples
from tests.winrules.harness import WindowsRules, hidden_temp_files, windows_length

ENGLISH_ERRORS = ("process cannot access", "Bad file descriptor", "Access is denied", "cannot find the path",
                  "syntax is incorrect", "Errno", "WinError")


def _fill(db: Database) -> None:
    for content in (samples.plan_content(), samples.contacts_content()):
        form_content.replace_content(db, content)


def _assert_readable(paths: list[Path]) -> None:
    by_suffix = {path.suffix: path for path in paths}
    assert Document(str(by_suffix[".docx"])).tables
    load_workbook(by_suffix[".xlsx"]).close()
    assert by_suffix[".pdf"].read_bytes().startswith(b"%PDF-")


def _assert_chinese_only(message: str) -> None:
    assert not [fragment for fragment in ENGLISH_ERRORS if fragment in message], message


def test_export_writes_every_format_and_replaces_it_again(qapp, win_db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    _fill(win_db)
    folder = tmp_path / "报送 文件夹"
    folder.mkdir()
    first = signoff.export_form(win_db, "2023", samples.UNIT, FormKind.PLAN, folder)
    _assert_readable(first)
    again = signoff.export_form(win_db, "2023", samples.UNIT, FormKind.PLAN, folder)  # over the first files
    assert again == first
    _assert_readable(again)
    assert list(hidden_temp_files(folder)) == []


def test_sign_off_writes_the_version_and_records_it(qapp, win_db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    _fill(win_db)
    folder = tmp_path / "报送"
    folder.mkdir()
    signed, paths = signoff.sign_off(win_db, "2023", samples.UNIT, FormKind.CONTACTS, folder)
    assert signed.version == 1 and signoff.signed_count(win_db) == 1
    _assert_readable(paths)


def test_a_target_open_in_wps_gets_its_own_message(qapp, win_db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    _fill(win_db)
    folder = tmp_path / "报送"
    folder.mkdir()
    paths = signoff.export_form(win_db, "2023", samples.UNIT, FormKind.PLAN, folder)
    before = {path: path.read_bytes() for path in paths}
    xlsx = next(path for path in paths if path.suffix == ".xlsx")
    with open(xlsx, "rb"), pytest.raises(ExportWriteError) as caught:  # WPS has the workbook open
        signoff.export_form(win_db, "2023", samples.UNIT, FormKind.PLAN, folder)
    message = str(caught.value)
    assert xlsx.name in message and "正被" in message and "关闭" in message
    _assert_chinese_only(message)
    assert {path: path.read_bytes() for path in paths} == before  # every file as it was: all or nothing
    assert list(hidden_temp_files(folder)) == []
    signoff.export_form(win_db, "2023", samples.UNIT, FormKind.PLAN, folder)  # closed in WPS: the retry works


@pytest.mark.skipif(os.name == "nt", reason="a Windows runner may have long paths enabled; officers' PCs do not")
def test_a_path_over_260_characters_is_named_as_such(qapp, win_db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    _fill(win_db)
    folder = tmp_path
    while windows_length(str(folder)) < 200:
        folder /= "很长的文件夹名称" * 5
    folder /= "子" * (240 - windows_length(str(folder)) - 1)  # 240 characters: a folder Windows can still make
    folder.mkdir(parents=True)
    with pytest.raises(ExportWriteError) as caught:
        signoff.export_form(win_db, "2023", samples.UNIT, FormKind.PLAN, folder)
    assert "路径过长" in str(caught.value)
    _assert_chinese_only(str(caught.value))
    assert list(folder.iterdir()) == []


def test_backups_rotated_and_to_a_chosen_file(win_db: Database, tmp_path: Path) -> None:
    db_path = sqlite_file(win_db.url)
    assert db_path is not None
    info = backups.create_backup(db_path, reason="manual")  # the database is open, as in the window
    assert info is not None and verify_file(info.path) == []
    stick = tmp_path / "U盘"
    stick.mkdir()
    summary = backups.export_backup(db_path, stick / "gwr-备份.db")
    assert summary.plans == 1 and verify_file(stick / "gwr-备份.db") == []


def test_a_backup_to_a_reserved_name_is_refused_in_chinese(win_db: Database, tmp_path: Path) -> None:
    db_path = sqlite_file(win_db.url)
    assert db_path is not None
    with pytest.raises(backups.BackupError) as caught:
        backups.export_backup(db_path, tmp_path / "NUL.db")
    assert "NUL.db" in str(caught.value)
    _assert_chinese_only(str(caught.value))


def test_restore_in_place_while_the_database_is_open(win_db: Database, tmp_path: Path) -> None:
    db_path = sqlite_file(win_db.url)
    assert db_path is not None
    info = backups.create_backup(db_path, reason="manual")
    assert info is not None
    _fill(win_db)  # changed since the backup
    outcome = restore_backup(db_path, info.path)
    assert outcome.safety_backup is not None
    restored = form_content.load_content(win_db, "2023", samples.UNIT, FormKind.PLAN)
    assert restored.kind is FormKind.PLAN and restored.header.get("principal", "") == ""  # as before the fill


def test_restore_sets_a_damaged_database_aside(rules: WindowsRules, tmp_path: Path, plan_template: Path) -> None:
    folder = tmp_path / "数据"
    folder.mkdir()
    good = folder / "good.db"
    good.write_bytes(plan_template.read_bytes())
    damaged = folder / "gwr.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8192)
    outcome = restore_backup(damaged, good)
    assert outcome.set_aside is not None and outcome.set_aside.exists()
    assert verify_file(damaged) == []


def test_first_run_import_creates_the_database_from_the_bundled_plan(rules: WindowsRules, tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / '新用户' / 'gwr.db'}")
    try:
        result = ensure_bundled_plan(db)
        assert result is not None and result.items > 300
    finally:
        db.close()


def test_first_command_line_run_lists_the_units_items(rules: WindowsRules, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from gwr_desktop.cli import main

    path = tmp_path / "新 用户" / "gwr.db"
    assert main(["--db", str(path), "tasks", "--unit", "市商务局", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {row["role"] for row in rows} <= {"lead", "responsible"}
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        assert connection.execute("SELECT count(*) FROM plans").fetchone()[0] == 1
    connection.close()
