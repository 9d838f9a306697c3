"""Commands for official files: `export` writes a form as it stands, `signoff` freezes it as the next version
and writes that version's files, `versions` lists the signed versions, `reexport` writes one again."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwr_desktop.cli.common import add_form_arguments, database, form_plan_key
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.naming import UnsafePathError
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.exports.writer import FORMATS, UnknownFormatError, parse_formats
from gwr_desktop.os_errors import os_error_text
from gwr_desktop.services import signoff
from gwr_desktop.services.catalogue import UnknownPlanError, UnknownUnitError
from gwr_desktop.services.form_content import FormInputError

_FAILURES = (UnknownUnitError, UnknownPlanError, FormInputError, UnknownFormatError, ExportWriteError,
             UnsafePathError, signoff.IncompleteFormError, signoff.UnchangedSinceSignoffError,
             signoff.UnknownVersionError)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="导出附表为 Word/Excel/PDF（按当前内容，不定稿）")
    add_form_arguments(parser)
    parser.add_argument("--format", default=",".join(FORMATS), help="docx、xlsx、pdf，逗号分隔（默认三种都导出）")
    parser.add_argument("--out", required=True, type=Path, help="输出文件夹")
    parser.set_defaults(handler=run_export)

    parser = subparsers.add_parser("signoff", help="定稿：检查完整性，冻结为新版本并导出 Word/Excel/PDF")
    add_form_arguments(parser)
    parser.add_argument("--format", default=",".join(FORMATS), help="docx、xlsx、pdf，逗号分隔（默认三种）")
    parser.add_argument("--out", required=True, type=Path, help="本单位的报送文件夹")
    parser.set_defaults(handler=run_signoff)

    parser = subparsers.add_parser("versions", help="列出某附表已定稿的各版本")
    add_form_arguments(parser)
    parser.set_defaults(handler=run_versions)

    parser = subparsers.add_parser("reexport", help="按定稿时冻结的内容重新导出某一版本")
    add_form_arguments(parser)
    parser.add_argument("--version", required=True, type=int, help="版本号（见 versions）")
    parser.add_argument("--format", default=",".join(FORMATS))
    parser.add_argument("--out", required=True, type=Path)
    parser.set_defaults(handler=run_reexport)


def _out_folder(path: Path) -> Path:
    from gwr_desktop.cli import CommandError

    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"无法创建输出文件夹“{path}”：{os_error_text(error)}。") from error
    return path


def _quarter(args: argparse.Namespace) -> int | None:
    return args.quarter if args.form == FormKind.PROGRESS.value else None


def _print_warnings(db, plan_key: str, args: argparse.Namespace) -> None:  # noqa: ANN001 - Database
    """What the export will not print as typed (characters taken out, characters no font here has), on stderr."""
    from gwr_desktop.exports.checks import export_warnings
    from gwr_desktop.services.form_content import load_content

    content = load_content(db, plan_key, args.unit, FormKind(args.form), _quarter(args))
    for line in export_warnings(signoff.layout_for(db, content)[0]):
        print(f"注意：{line}", file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            formats = parse_formats(args.format)
            _print_warnings(db, form_plan_key(db, args), args)
            paths = signoff.export_form(db, form_plan_key(db, args), args.unit, FormKind(args.form),
                                        _out_folder(args.out), quarter=_quarter(args), formats=formats)
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    for path in paths:
        print(path)
    return 0


def run_signoff(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            formats = parse_formats(args.format)
            plan_key = form_plan_key(db, args)
            if not args.out.is_dir():  # checked before creating anything: an incomplete form leaves no folder
                signoff.check_complete(db, plan_key, args.unit, FormKind(args.form), _quarter(args))
            _print_warnings(db, plan_key, args)
            signed, paths = signoff.sign_off(db, plan_key, args.unit, FormKind(args.form), _out_folder(args.out),
                                             quarter=_quarter(args), formats=formats)
            label = signoff.frozen_layout(db, signed.id).label
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    when = f"{signed.signed_at:%Y-%m-%d %H:%M}"
    print(f"已定稿：{signed.unit} {label} 第 {signed.version} 版（{when}）", file=sys.stderr)
    for path in paths:
        print(path)
    return 0


def run_versions(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            history = signoff.versions(db, form_plan_key(db, args), args.unit, FormKind(args.form), _quarter(args))
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    for version in history:
        print(f"第 {version.version} 版\t{version.signed_at:%Y-%m-%d %H:%M}\t{version.digest[:12]}\t"
              f"{'、'.join(version.files)}")
    print(f"共 {len(history)} 个定稿版本。")
    return 0


def run_reexport(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            history = signoff.versions(db, form_plan_key(db, args), args.unit, FormKind(args.form), _quarter(args))
            match = [v for v in history if v.version == args.version]
            if not match:
                raise signoff.UnknownVersionError(f"没有第 {args.version} 版定稿。")
            paths = signoff.reexport(db, match[0].id, _out_folder(args.out), parse_formats(args.format))
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    for path in paths:
        print(path)
    return 0
