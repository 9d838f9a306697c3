"""`contribution`: a helping unit's 配合材料 to its lead units, and the lead unit taking them in.

    contribution set --unit 市经信局 --item 二-5 --quarter 2 --text "…" [--work "内容|5月" …]   # the helper types
    contribution export --unit 市经信局 --lead 市商务局 [--quarter 2] --out DIR            # .docx and .xlsx
    contribution import FILE|DIR … --unit 市商务局 [--quarter 2] [--json]                 # accepted/replaced/refused
    contribution list --unit 市商务局 [--item 二-5] [--json]                              # taken in, and merged where
    contribution merge --unit 市商务局 --id N (--quarter 2 [--mode copy|append] | --work)  # into the lead's form
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwr_desktop.cli.common import database, plan_key, print_json, require_existing
from gwr_desktop.domain.contribution import WorkProposal
from gwr_desktop.exports.naming import UnsafePathError
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.exports.writer import UnknownFormatError, parse_formats
from gwr_desktop.services import contribution_drafts, contribution_merge
from gwr_desktop.services.catalogue import UnknownPlanError, UnknownUnitError
from gwr_desktop.services.contribution_export import export_contribution
from gwr_desktop.services.contribution_import import REFUSED, import_contributions
from gwr_desktop.services.form_scope import FormInputError

_FAILURES = (UnknownUnitError, UnknownPlanError, FormInputError, UnknownFormatError, ExportWriteError,
             UnsafePathError)
_QUARTER = {"type": int, "choices": [1, 2, 3, 4]}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("contribution", help="配合材料：参与单位报送牵头单位，牵头单位导入并入")
    commands = parser.add_subparsers(dest="action", metavar="操作", required=True)
    _register_set(commands)
    _register_export(commands)
    _register_import(commands)
    _register_list(commands)
    _register_merge(commands)


def _common(parser: argparse.ArgumentParser, unit_help: str) -> None:
    parser.add_argument("--unit", required=True, help=unit_help)
    parser.add_argument("--plan", help="方案标识（默认：当前方案）")


def _register_set(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("set", help="填写某事项的配合情况和拟配合开展的工作（参与单位）")
    _common(parser, "参与（配合）单位")
    parser.add_argument("--item", required=True, help="事项编号，如 二-5")
    parser.add_argument("--quarter", **_QUARTER, help="配合情况的季度（与 --text 一起用）")
    parser.add_argument("--text", help="配合情况（空字符串清除）")
    parser.add_argument("--work", action="append", metavar="内容|完成时间",
                        help="拟配合开展的工作，可多次给出；给出时替换该事项已有的全部工作")
    parser.add_argument("--no-work", action="store_true", help="清除该事项的全部拟配合开展的工作")
    parser.set_defaults(handler=run_set)


def _register_export(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help="导出报送某牵头单位的配合材料（Word 和 Excel）")
    _common(parser, "参与（配合）单位")
    parser.add_argument("--lead", required=True, help="牵头单位")
    parser.add_argument("--quarter", **_QUARTER, help="包含该季度的配合情况（不给出则只含拟配合开展的工作）")
    parser.add_argument("--format", default="docx,xlsx", help="docx、xlsx，逗号分隔（默认两种）")
    parser.add_argument("--out", required=True, type=Path, help="输出文件夹")
    parser.set_defaults(handler=run_export)


def _register_import(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help="导入参与单位报来的配合材料（文件或文件夹，牵头单位）")
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE|DIR")
    _common(parser, "牵头单位（本单位）")
    parser.add_argument("--quarter", **_QUARTER, help="只接受该季度的配合材料")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出每个文件的结果")
    parser.set_defaults(handler=run_import)


def _register_list(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("list", help="列出已导入的配合材料及其并入记录（牵头单位）")
    _common(parser, "牵头单位（本单位）")
    parser.add_argument("--item", help="只列该事项")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_list)


def _register_merge(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("merge", help="把一份配合材料并入本单位的完成情况或办理方案（牵头单位）")
    _common(parser, "牵头单位（本单位）")
    parser.add_argument("--id", required=True, type=int, help="配合材料编号（见 contribution list）")
    parser.add_argument("--quarter", **_QUARTER, help="并入该季度的完成情况")
    parser.add_argument("--mode", choices=["append", "copy"], default="append",
                        help="append=接在本单位文字之后（默认），copy=替换本单位文字")
    parser.add_argument("--work", action="store_true", help="把提出的工作添加为办理方案的具体工作内容")
    parser.set_defaults(handler=run_merge)


def _work(values: list[str] | None) -> list[WorkProposal]:
    rows = []
    for value in values or []:
        content, _, period = value.partition("|")
        rows.append(WorkProposal(content.strip(), period.strip()))
    return rows


def run_set(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    if args.text is None and args.work is None and not args.no_work:
        raise CommandError("请用 --text 给出配合情况，或用 --work / --no-work 给出拟配合开展的工作。")
    if args.text is not None and args.quarter is None:
        raise CommandError("配合情况（--text）需要用 --quarter 指定季度（1～4）。")
    with database(args) as db:
        try:
            key = plan_key(db, args)
            if args.text is not None:
                contribution_drafts.set_note(db, key, args.unit, args.item, args.quarter, args.text)
            if args.work is not None or args.no_work:
                contribution_drafts.set_work(db, key, args.unit, args.item, _work(args.work))
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    print(f"已保存 {args.item} 的配合材料。", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError
    from gwr_desktop.cli.export_cmds import _out_folder

    with database(args) as db:
        try:
            formats = tuple(f for f in parse_formats(args.format) if f != "pdf") or ("docx", "xlsx")
            paths = export_contribution(db, plan_key(db, args), args.unit, args.lead, _out_folder(args.out),
                                        quarter=args.quarter, formats=formats)
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    for path in paths:
        print(path)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    require_existing(args.paths)
    with database(args) as db:
        try:
            outcomes = import_contributions(db, args.unit, args.paths, plan_key=plan_key(db, args),
                                            quarter=args.quarter)
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    if args.json:
        print_json([o.plain() for o in outcomes])
    else:
        for outcome in outcomes:
            print(f"{_STATUS[outcome.status]}\t{Path(outcome.file).name}\t{outcome.reason}")
    if not outcomes:
        print("没有找到 .docx 或 .xlsx 文件。", file=sys.stderr)
    return 1 if outcomes and all(o.status == REFUSED and not o.duplicate for o in outcomes) else 0


_STATUS = {"accepted": "已导入", "replaced": "已替换", "refused": "未导入"}


def run_list(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            key = plan_key(db, args)
            found = contribution_merge.received(db, key, args.unit, item_key=args.item)
            merged = contribution_merge.provenance(db, key, args.unit, args.item)
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    if args.json:
        print_json({"contributions": [_plain(r) for r in found], "merges": [r.plain() for r in merged]})
        return 0
    for r in found:
        print(f"[{r.id}] {r.item_key}\t{r.helper}\t导出于 {r.exported_at:%Y-%m-%d %H:%M}\t{r.file_name}")
        if r.note:
            print(f"    配合情况：{r.note}")
        for work in r.work:
            print(f"    拟配合工作：{work.content}（{work.period}）")
    for record in merged:
        when = f"{record.merged_at:%Y-%m-%d %H:%M}"
        print(f"并入：{record.item_key} {record.target} ← {record.helper}（{record.file_name}，{when}）")
    return 0


def _plain(found: contribution_merge.Received) -> dict:
    return {"id": found.id, "helper": found.helper, "item": found.item_key, "quarter": found.quarter,
            "note": found.note, "work": [{"content": w.content, "period": w.period} for w in found.work],
            "file": found.file_name, "exported_at": found.exported_at.isoformat(),
            "imported_at": found.imported_at.isoformat(), "replaced": found.replaced,
            "merges": [m.plain() for m in found.merges]}


def run_merge(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    if not args.work and args.quarter is None:
        raise CommandError("请用 --quarter 指定并入哪个季度的完成情况，或用 --work 添加到办理方案。")
    with database(args) as db:
        try:
            key = plan_key(db, args)
            if args.work:
                result = contribution_merge.merge_work(db, key, args.unit, args.id)
            else:
                result = contribution_merge.merge_note(db, key, args.unit, args.id, args.quarter, args.mode)
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    print(f"已{result.label}。")
    return 0
