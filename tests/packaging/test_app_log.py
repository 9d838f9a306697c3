"""The application log: one line per import, export, sign-off, backup and restore, in a rotating file in the
per-user log folder, without what people typed into the forms."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from gwr_desktop import app_log
from gwr_desktop.cli import main
from gwr_desktop.paths import bundled_plan, user_log_dir
from tests.exports import samples


@pytest.fixture(autouse=True)
def _close_the_log() -> Iterator[None]:
    yield
    app_log.shutdown_logging()


def _log_lines() -> list[str]:
    path = user_log_dir() / app_log.LOG_FILE
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_each_user_action_is_one_line(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    db = str(tmp_path / "gwr.db")
    fill = tmp_path / "contacts.json"
    assert main(["--db", db, "import-plan", str(bundled_plan())]) == 0
    assert main(["--db", db, "form", "--unit", samples.UNIT, "--form", "contacts", "--out", str(fill)]) == 0
    data = json.loads(fill.read_text(encoding="utf-8"))
    from gwr_desktop.domain.form_json import to_json

    data = to_json(samples.contacts_content()) | {"unit": data.get("unit", samples.UNIT)}
    fill.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["--db", db, "fill", "--unit", samples.UNIT, "--form", "contacts", "--from", str(fill)]) == 0
    out = tmp_path / "报送"
    assert main(["--db", db, "export", "--unit", samples.UNIT, "--form", "contacts", "--out", str(out)]) == 0
    assert main(["--db", db, "signoff", "--unit", samples.UNIT, "--form", "contacts", "--out", str(out)]) == 0
    assert main(["--db", db, "backup", "--out", str(tmp_path / "U盘" / "备份.db")]) == 0
    assert main(["--db", db, "restore", str(tmp_path / "U盘" / "备份.db")]) == 0
    assert main(["--db", db, "tasks", "--unit", "市火星局"]) == 2
    capsys.readouterr()
    lines = _log_lines()
    text = "\n".join(lines)
    for expected in ("导入方案 wuhan_2023.txt", "导出（草稿）市发改委 contacts", "定稿 市发改委 contacts 第 1 版",
                     "备份到指定位置", "恢复备份：", "命令 tasks 未完成"):
        assert sum(expected in line for line in lines) == 1, (expected, text)
    people = samples.contacts_content().people
    typed = {person.get("name") for person in people} | {person.get("mobile") for person in people}
    assert not [value for value in typed if value and value in text]


def test_the_log_rotates_and_a_second_setup_replaces_the_first(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_log, "MAX_BYTES", 20_000)
    first = app_log.setup_logging(tmp_path / "a")
    second = app_log.setup_logging(tmp_path / "b")
    assert first is not None and second is not None and app_log.log_file() == second
    logger = logging.getLogger("gwr_desktop.test")
    for n in range(2_000):
        logger.info("第 %05d 行：导出完成，文件在报送文件夹中", n)
    assert not first.exists()
    # RotatingFileHandler compares the file's bytes with the next line's characters: a file may pass the limit
    # by what one line's Chinese characters take beyond one byte each.
    assert all(path.stat().st_size <= 20_000 + 200 for path in (tmp_path / "b").iterdir())
    rotated = sorted(p.name for p in (tmp_path / "b").iterdir())
    assert rotated[0] == app_log.LOG_FILE and len(rotated) == app_log.BACKUP_COUNT + 1


def test_a_log_folder_that_cannot_be_written_leaves_logging_off(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert app_log.setup_logging(blocked / "logs") is None
    logging.getLogger("gwr_desktop.test").info("不会失败")


def test_a_log_file_that_cannot_be_opened_later_turns_logging_off_quietly(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The file opens at the first line: if that fails (someone else's file, a full disk), no traceback shows."""
    folder = tmp_path / "logs"
    path = app_log.setup_logging(folder)
    assert path is not None
    path.mkdir()  # a folder where the file should be: opening it fails as a foreign-owned file would
    logging.getLogger("gwr_desktop.test").warning("第一行")
    logging.getLogger("gwr_desktop.test").warning("第二行")
    assert "Traceback" not in capsys.readouterr().err and app_log.log_file() is None
