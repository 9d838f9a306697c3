"""`export`, `signoff`, `versions` and `reexport` on the command line, against a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr_desktop.cli import main
from gwr_desktop.exports.manifest import read_manifest
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database


def _run(db: Database, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_prints_the_paths_it_wrote(filled_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "导出"
    code, stdout, _ = _run(filled_db, capsys, "export", "--unit", "市发改委", "--form", "progress", "--quarter", "2",
                           "--format", "docx,xlsx,pdf", "--out", str(out))
    assert code == 0
    paths = [Path(line) for line in stdout.splitlines()]
    stem = "2023_市发改委_附表3_工作目标完成情况_前2季度_草稿"  # a draft says so in its name (and on every page)
    assert [p.name for p in paths] == [f"{stem}.{ext}" for ext in ("docx", "xlsx", "pdf")]
    assert all(p.is_file() for p in paths)
    manifest = read_manifest(paths[1])
    assert (manifest.form, manifest.quarter, manifest.version) == ("progress", 2, None)


def test_export_errors_are_plain_chinese(filled_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    code, _, err = _run(filled_db, capsys, "export", "--unit", "市发改委", "--form", "plan", "--format", "doc",
                        "--out", str(tmp_path / "x"))
    assert code == 2 and "不支持的格式：doc" in err
    code, _, err = _run(filled_db, capsys, "export", "--unit", "不存在的局", "--form", "plan", "--out", str(tmp_path))
    assert code == 2 and "单位名录中没有" in err
    code, _, err = _run(filled_db, capsys, "export", "--unit", "市发改委", "--form", "progress", "--out", str(tmp_path))
    assert code == 2 and "--quarter" in err


def test_signoff_incomplete_lists_missing_and_writes_nothing(db: Database, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "报送"
    code, stdout, err = _run(db, capsys, "signoff", "--unit", "市发改委", "--form", "contacts", "--out", str(out))
    assert code == 2 and stdout == ""
    assert "不能定稿" in err and "分管领导：未填写姓名" in err and "经办人：未填写手机" in err
    assert not out.exists() and signoff.signed_count(db) == 0


def test_signoff_versions_and_reexport(filled_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "报送"
    form = ("--unit", "市发改委", "--form", "contacts")
    code, stdout, err = _run(filled_db, capsys, "signoff", *form, "--out", str(out))
    assert code == 0 and "第 1 版" in err
    names = [Path(line).name for line in stdout.splitlines()]
    assert names == [f"2023_市发改委_附表2_督办工作人员名单_v1.{ext}" for ext in ("docx", "xlsx", "pdf")]
    code, stdout, _ = _run(filled_db, capsys, "versions", "--unit", "市发改委", "--form", "contacts")
    assert code == 0 and stdout.startswith("第 1 版") and "共 1 个定稿版本" in stdout
    again = tmp_path / "again"
    code, stdout, _ = _run(filled_db, capsys, "reexport", "--unit", "市发改委", "--form", "contacts", "--version", "1",
                           "--format", "xlsx", "--out", str(again))
    assert code == 0 and read_manifest(Path(stdout.strip())).version == 1
    code, _, err = _run(filled_db, capsys, "signoff", "--unit", "市发改委", "--form", "contacts", "--out", str(out))
    assert code == 2 and "无需再次定稿" in err
