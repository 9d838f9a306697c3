"""Helpers shared by command modules: opening the database, printing JSON or tables, reading JSON files.

Output on Chinese Windows: a console gets Unicode, but output redirected to a file or a pipe is encoded in the
console's code page (GBK), and PowerShell 5 decodes it as such before writing its own UTF-16 file. So stdout
keeps the console's encoding; a character GBK lacks goes out as a JSON `\\uXXXX` escape (lossless) or as `?` in
plain text, never as a crash. `--out FILE` writes UTF-8 straight to a file; `read_json_file` reads what any of
these produced (UTF-8 with or without BOM, UTF-16/32 with BOM or without, GBK/GB18030).
"""

from __future__ import annotations

import codecs
import json
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database, DatabaseDamagedError, DatabaseError, open_database

FORM_CHOICES = [kind.value for kind in FormKind]
MAX_JSON_BYTES = 20 * 1024 * 1024
# Commands whose own work is to bring a plan in: the first-run plan is not imported before them.
_BRINGS_ITS_OWN_PLAN = frozenset({"import-plan"})
OUT_HELP = "把 JSON 以 UTF-8 编码写入这个文件（不经控制台，中文 Windows 上也不会乱码）"


@contextmanager
def database(args) -> Iterator[Database]:  # noqa: ANN001 - argparse.Namespace
    """The database of --db for the command's body; any DatabaseError, at open or inside, becomes its message."""
    from gwr_desktop.cli import CommandError

    try:
        db = open_database(args.db)
    except DatabaseError as error:
        raise CommandError(database_message(error)) from error
    try:
        if getattr(args, "command", None) not in _BRINGS_ITS_OWN_PLAN:
            _ensure_first_run_plan(db)
        yield db
    except DatabaseError as error:  # raised by a service inside the command: locked, full, read-only …
        raise CommandError(database_message(error)) from error
    finally:
        db.close()


def database_message(error: DatabaseError) -> str:
    """The error's own message, plus where to go next when a backup is the way out."""
    text = str(error)
    if isinstance(error, DatabaseDamagedError) and "restore" not in text:
        text += "\n可用命令 check 查看最近的完好备份，用 restore 恢复。"
    return text


def _ensure_first_run_plan(db: Database) -> None:
    """A new database gets the bundled plan on first use, from the command line as from the window."""
    if catalogue.has_plans(db):
        return
    from gwr_desktop.services.plan_import import PlanImportError, ensure_bundled_plan

    try:
        result = ensure_bundled_plan(db)
    except PlanImportError as error:
        print(f"提示：未能导入内置方案（{error}），可用 import-plan 导入方案文件。", file=sys.stderr)
        return
    if result is not None:
        print(f"首次使用：已导入内置方案 {result.plan_key}（共 {result.items} 项）。", file=sys.stderr)


def print_json(value: object, out: Path | None = None) -> None:
    """JSON to stdout in the console's encoding (unencodable characters escaped), or to `out` as UTF-8."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n"
    if out is not None:
        write_text_file(out, text)
        return
    sys.stdout.write(json_for_stream(text, getattr(sys.stdout, "encoding", None) or "utf-8"))


def json_for_stream(text: str, encoding: str) -> str:
    """Characters the stream's encoding cannot carry, as JSON escapes (valid: they only occur inside strings)."""
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    parts = []
    for character in text:
        try:
            character.encode(encoding)
            parts.append(character)
        except (UnicodeEncodeError, LookupError):
            parts.append(json.dumps(character)[1:-1])  # "\\ud83d\\ude00" for a character outside the BMP
    return "".join(parts)


def write_text_file(path: Path, text: str) -> None:
    from gwr_desktop.cli import CommandError
    from gwr_desktop.exports.safe_write import ExportWriteError, write_bytes

    try:
        write_bytes(path, text.encode("utf-8"))
    except ExportWriteError as error:
        raise CommandError(str(error)) from error


def decode_text(data: bytes) -> str | None:
    """The text of a file in whatever encoding it was saved in; None when none fits."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decoded(data, encoding)
    if b"\x00" in data[:64]:  # UTF-16 without a BOM: every ASCII character has a zero byte beside it
        return _decoded(data, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    text = _decoded(data, "utf-8")
    return text if text is not None else _decoded(data, "gb18030")  # redirected output on Chinese Windows


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def read_json_file(path: Path) -> object:
    """A JSON file a person saved or redirected; a clear Chinese CommandError for anything else."""
    from gwr_desktop.cli import CommandError

    text = decode_text(_read_small_file(path))
    if text is None:
        raise CommandError(f"无法识别文件 {path} 的文字编码（支持 UTF-8、UTF-16 和 GBK）。")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        place = f"第{error.lineno}行第{error.colno}列"
        raise CommandError(f"文件 {path} 不是有效的 JSON：{place}，{error.msg}。") from error
    except RecursionError as error:
        raise CommandError(f"文件 {path} 的 JSON 嵌套层数过多，不像是表格内容。") from error
    except ValueError as error:  # e.g. a number with thousands of digits
        raise CommandError(f"文件 {path} 中有无法读取的数值（位数过多）。") from error


def _read_small_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_JSON_BYTES; never blocks on a pipe or a device."""
    from gwr_desktop.cli import CommandError
    from gwr_desktop.os_errors import os_error_text

    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise CommandError(f"“{path}”不是一个普通文件（是文件夹或设备），请指定 JSON 文件。")
        if info.st_size > MAX_JSON_BYTES:
            raise CommandError(f"文件 {path} 过大（超过 20 MB），不像是表格内容。")
        with path.open("rb") as handle:
            return handle.read(MAX_JSON_BYTES + 1)
    except FileNotFoundError as error:
        raise CommandError(f"找不到文件 {path}。") from error
    except OSError as error:
        raise CommandError(f"无法读取文件 {path}：{os_error_text(error)}。") from error


def require_existing(paths: list[Path]) -> None:
    """Files or folders a command takes in must exist: all missing ones named at once, before anything is read."""
    from gwr_desktop.cli import CommandError

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CommandError(f"找不到：{'、'.join(missing)}")


def add_form_arguments(parser) -> None:  # noqa: ANN001 - argparse.ArgumentParser
    """--unit, --form, --quarter and --plan: which form of which unit, for every form command."""
    parser.add_argument("--unit", required=True, help="单位名称（可用简称或曾用名）")
    parser.add_argument("--form", required=True, choices=FORM_CHOICES,
                        help="plan=办理方案，contacts=督办工作人员名单，progress=完成情况（表号以方案的设置为准）")
    parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="完成情况的季度（前N季度）")
    parser.add_argument("--plan", help="方案标识（默认：最新导入的方案）")


def plan_key(db: Database, args) -> str:  # noqa: ANN001 - argparse.Namespace
    """--plan, or the newest plan; a clear message when the database has none."""
    from gwr_desktop.cli import CommandError

    key = args.plan or catalogue.default_plan_key(db)
    if key is None:
        raise CommandError("数据库中还没有方案，请先用 import-plan 导入。")
    return key


def form_plan_key(db: Database, args) -> str:  # noqa: ANN001 - argparse.Namespace
    """plan_key, after checking that a progress form names its quarter."""
    from gwr_desktop.cli import CommandError

    if args.form == FormKind.PROGRESS.value and args.quarter is None:
        raise CommandError("完成情况（--form progress）需要用 --quarter 指定季度（1～4）。")
    return plan_key(db, args)
