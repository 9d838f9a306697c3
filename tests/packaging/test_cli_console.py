"""The command line on Chinese Windows: argparse in Chinese, JSON that survives a GBK console and a redirect,
`fill --from` reading whatever encoding the file was saved in, a closed pipe ending quietly, and the windowed
executable saying where the command line is instead of printing nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gwr_desktop.cli import argparse_zh, main
from gwr_desktop.cli.common import decode_text, json_for_stream, read_json_file

ROOT = Path(__file__).resolve().parents[2]
UNIT = "市商务局"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_argparse_speaks_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(tmp_path / "x.db"), "form", "--unit", UNIT, "--form", "progress", "--quarter", "5"])
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert "错误：参数 --quarter：无效的取值 5（可选：1, 2, 3, 4）" in err and "用法：" in err
    assert "invalid choice" not in err and "usage:" not in err
    with pytest.raises(SystemExit):
        main(["form", "--unit", UNIT, "--form", "plan", "--quarter", "二"])
    assert "无效的取值 '二'（应为整数）" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["tasks"])
    assert "缺少必需的参数：--unit" in capsys.readouterr().err


def test_argparse_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["tasks", "--help"])
    out = capsys.readouterr().out
    assert "用法：" in out and "显示此帮助信息并退出" in out and "选项" in out


def test_every_translated_message_is_one_argparse_uses() -> None:
    import argparse
    import inspect

    source = inspect.getsource(argparse)
    used = [message for message in argparse_zh.MESSAGES if repr(message)[1:-1] in source or message in source]
    assert len(used) >= len(argparse_zh.MESSAGES) - 3  # a few are for other Python versions (3.12–3.14)
    assert "invalid choice: %(value)r (choose from %(choices)s)" in used or "maybe you meant" in source


def test_json_on_a_gbk_console_escapes_what_gbk_lacks() -> None:
    text = json.dumps({"名称": "市商务局 😀 \u2022 镕"}, ensure_ascii=False)
    escaped = json_for_stream(text, "gbk")
    escaped.encode("gbk")  # no UnicodeEncodeError
    assert json.loads(escaped) == json.loads(text)
    assert json_for_stream(text, "utf-8") == text


def test_form_json_redirected_on_chinese_windows_reads_back(filled_contacts: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`form --json > f` on Chinese Windows writes GBK (PowerShell 5: UTF-16); `fill --from f` reads both."""
    gbk_stdout = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    monkeypatch.setattr(sys, "stdout", gbk_stdout)
    assert main(["--db", filled_contacts, "form", "--unit", UNIT, "--form", "contacts", "--json"]) == 0
    gbk_stdout.flush()
    redirected = gbk_stdout.buffer.getvalue()  # type: ignore[attr-defined]
    monkeypatch.undo()
    original = json.loads(redirected.decode("gbk"))
    for name, data in (("gbk.json", redirected), ("utf16.json", "\ufeff".encode("utf-16-le") +
                       redirected.decode("gbk").encode("utf-16-le")),
                       ("utf8-bom.json", b"\xef\xbb\xbf" + redirected.decode("gbk").encode("utf-8")),
                       ("utf16-nobom.json", redirected.decode("gbk").encode("utf-16-le"))):
        path = tmp_path / name
        path.write_bytes(data)
        status, out, err = _run(capsys, "--db", filled_contacts, "fill", "--unit", UNIT, "--form", "contacts",
                                "--from", str(path))
        assert status == 0, err
        assert "已填写" in out
        _, again, _ = _run(capsys, "--db", filled_contacts, "form", "--unit", UNIT, "--form", "contacts", "--json")
        assert json.loads(again) == original


def test_form_json_to_a_file_is_utf8(filled_contacts: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "导出 结果" / "contacts.json"
    out_file.parent.mkdir()
    status, out, _ = _run(capsys, "--db", filled_contacts, "form", "--unit", UNIT, "--form", "contacts",
                          "--out", str(out_file))
    assert status == 0 and out == ""
    data = json.loads(out_file.read_bytes().decode("utf-8"))
    assert data["form"] == "contacts" and data["people"]
    status, _, err = _run(capsys, "--db", filled_contacts, "fill", "--unit", UNIT, "--form", "contacts",
                          "--from", str(out_file))
    assert status == 0, err


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "无效的 JSON"), (b"\xff\xfe\xfd\x00\x81", "编码"), (b"[" * 5000 + b"]" * 5000, "嵌套"),
    (b"1" * 100_000, "位数过多")])
def test_bad_fill_files_get_chinese_messages(tmp_path: Path, content: bytes, expected: str) -> None:
    from gwr_desktop.cli import CommandError

    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        read_json_file(path)
    assert expected in str(caught.value) or (expected == "无效的 JSON" and "不是有效的 JSON" in str(caught.value))


def test_a_folder_or_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    from gwr_desktop.cli import CommandError

    with pytest.raises(CommandError, match="不是一个普通文件"):
        read_json_file(tmp_path)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        with pytest.raises(CommandError, match="不是一个普通文件"):
            read_json_file(fifo)


def test_decoding_prefers_utf8_and_falls_back_to_gbk() -> None:
    assert decode_text("市商务局".encode()) == "市商务局"
    assert decode_text("市商务局".encode("gbk")) == "市商务局"
    assert decode_text("\ufeff市商务局".encode("utf-16-be")) == "市商务局"


@pytest.mark.skipif(os.name == "nt", reason="needs a POSIX shell and head (packaging/smoke_test.py checks the bundle)")
def test_a_closed_pipe_ends_quietly(tmp_path: Path, plan_template: Path) -> None:
    db = tmp_path / "gwr.db"
    db.write_bytes(plan_template.read_bytes())
    env = {**os.environ, "GWR_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    command = f'"{sys.executable}" "{ROOT / "main.py"}" --db "{db}" tasks --unit 江夏区人民政府 | head -n 1'
    done = subprocess.run(command, shell=True, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout.count("\n") == 1 and done.stdout.startswith("一-")
    assert done.stderr == "" and done.returncode == 0


def test_the_windowed_executable_points_to_the_command_line(monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["tasks", "--unit", UNIT]) == 2
    assert shown and "gwr-desktop" in shown[0] and "控制台" in shown[0]


@pytest.fixture
def filled_contacts(tmp_path: Path, plan_template: Path) -> str:
    from gwr_desktop.services import form_content
    from gwr_desktop.services.database import open_database
    from tests.exports import samples

    path = tmp_path / "filled.db"
    path.write_bytes(plan_template.read_bytes())
    db = open_database(f"sqlite:///{path}")
    form_content.replace_content(db, samples.contacts_content(UNIT))
    db.close()
    return str(path)


class _GonePipe(io.TextIOBase):
    """stdout after the reader went away on Windows: every write and flush fails with EINVAL."""

    encoding = "gbk"

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EINVAL, "Invalid argument")

    def flush(self) -> None:
        self.write("")


def test_a_pipe_closed_on_windows_ends_quietly_too(tmp_path: Path, plan_template: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "gwr.db"
    db.write_bytes(plan_template.read_bytes())
    monkeypatch.setattr(sys, "stdout", _GonePipe())
    assert main(["--db", str(db), "tasks", "--unit", UNIT]) == 0
