"""`office`: the 督查室's consolidation of every unit's returns, on its own database (--db).

    office import DIR … [--plan KEY] [--received YYYY-MM-DD] [--json]    # accepted / duplicate / set aside
    office ledger --form plan|contacts|progress [--quarter N] [--today YYYY-MM-DD] [--json]
    office items --quarter N [--unit 市商务局] [--json]                    # 完成情况 side by side, checks
    office summary --form progress --quarter N --out FILE.xlsx            # the city-wide 汇总表
    office chase --form … [--quarter N] [--json | --out FILE.xlsx]        # units not yet reported, contacts
    office report --form … [--quarter N] --out FILE.pdf                   # one page: counts, late units
    office confirm ID                                                     # a file matched by name and title
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from gwr_desktop.cli.common import FORM_CHOICES, database, plan_key, print_json, require_existing
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.services import office_exports, office_import, office_ledger
from gwr_desktop.services.catalogue import UnknownPlanError, UnknownUnitError
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.services.office_ledger import Round

_FAILURES = (UnknownPlanError, UnknownUnitError, FormInputError, ExportWriteError)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD，如 2023-07-20（收到“{text}”）") from error


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("office", help="督查室：导入各单位报送文件，台账、汇总、催报")
    commands = parser.add_subparsers(dest="action", metavar="操作", required=True)
    sub = commands.add_parser("import", help="导入一个或多个文件夹中的报送文件（.docx/.xlsx）")
    sub.add_argument("paths", nargs="+", type=Path, metavar="DIR|FILE")
    sub.add_argument("--plan", help="只接受该方案的文件（默认：按文件的导出清单）")
    sub.add_argument("--received", type=_date, help="收到日期（默认：各文件的保存日期）")
    sub.add_argument("--json", action="store_true")
    sub.set_defaults(handler=run_import)
    for name, help_text, handler in (("ledger", "某一轮报送的台账（已报/逾期已报/未报）", run_ledger),
                                     ("chase", "未报单位及其督办联系人（催报名单）", run_chase),
                                     ("report", "一页报送情况汇总（PDF）", run_report),
                                     ("summary", "全市完成情况汇总表（Excel）", run_summary)):
        sub = commands.add_parser(name, help=help_text)
        _round_arguments(sub, summary=name == "summary")
        sub.add_argument("--today", type=_date, help="按这一天判断是否逾期（默认：今天）")
        if name in ("ledger", "chase"):
            sub.add_argument("--json", action="store_true")
        sub.add_argument("--out", type=Path, required=name in ("report", "summary"),
                         help="输出文件（summary/chase：.xlsx，report：.pdf）")
        sub.set_defaults(handler=handler)
    sub = commands.add_parser("items", help="各事项牵头单位各季度的完成情况及检查提示")
    sub.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], required=True)
    sub.add_argument("--unit", help="只看该牵头单位")
    sub.add_argument("--plan", help="方案标识（默认：当前方案）")
    sub.add_argument("--json", action="store_true")
    sub.set_defaults(handler=run_items)
    sub = commands.add_parser("confirm", help="确认一份按单位名称和标题识别的报送文件")
    sub.add_argument("id", type=int, help="报送记录编号（见 ledger --json 的 return_id）")
    sub.set_defaults(handler=run_confirm)


def _round_arguments(parser: argparse.ArgumentParser, *, summary: bool) -> None:
    parser.add_argument("--form", required=True, choices=["progress"] if summary else FORM_CHOICES,
                        help="plan=办理方案，contacts=督办工作人员名单，progress=完成情况")
    parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="完成情况的季度（前N季度）")
    parser.add_argument("--plan", help="方案标识（默认：当前方案）")


def _round(db, args: argparse.Namespace) -> Round:  # noqa: ANN001 - Database
    from gwr_desktop.cli import CommandError

    if args.form == FormKind.PROGRESS.value and args.quarter is None:
        raise CommandError("完成情况（--form progress）需要用 --quarter 指定季度（1～4）。")
    return Round(plan_key(db, args), FormKind(args.form), args.quarter).checked()


def run_import(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    require_existing(args.paths)
    with database(args) as db:
        try:
            outcomes = office_import.import_returns(db, args.paths, plan_key=args.plan, received=args.received)
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    if args.json:
        print_json([o.plain() for o in outcomes])
    else:
        for outcome in outcomes:
            print(f"{outcome.status_name}\t{Path(outcome.file).name}\t{outcome.reason}")
        accepted = sum(o.status == "accepted" for o in outcomes)
        print(f"共 {len(outcomes)} 个文件：已导入 {accepted} 个。", file=sys.stderr)
    return 0


def run_ledger(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            rows = office_ledger.round_ledger(db, _round(db, args), args.today or dt.date.today())
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    if args.json or args.out:
        print_json([r.plain() | {"return_id": r.return_id or None} for r in rows], args.out)
        return 0
    for r in rows:
        received = f"{r.received:%Y-%m-%d}" if r.received else "—"
        version = f"第{r.version}版" if r.version else "—"
        print(f"{r.unit}\t{r.state_name}\t{version}\t{received}\t{'；'.join(r.notes)}")
    return 0


def run_items(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            key = plan_key(db, args)
            rows = office_ledger.progress_by_item(db, key, args.quarter)
            gaps = office_ledger.left_out(db, Round(key, FormKind.PROGRESS, args.quarter))
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    rows = [r for r in rows if not args.unit or r.unit == args.unit]
    if args.json:
        print_json({"items": [{"key": r.key, "unit": r.unit, "texts": {str(q): t for q, t in r.texts.items()},
                               "figures": {str(q): f for q, f in r.figures.items()}, "reached": r.reached,
                               "findings": [{"kind": f.kind, "message": f.message} for f in r.findings]}
                              for r in rows],
                    "left_out": {u: keys for u, keys in gaps.items() if not args.unit or u == args.unit}})
        return 0
    for r in rows:
        marks = "；".join(f.message for f in r.findings)
        print(f"{r.key}\t{r.unit}\t{r.texts.get(args.quarter, '') or '（未报）'}\t{marks}")
    return 0


def _out(write) -> int:  # noqa: ANN001 - a writer returning the path
    from gwr_desktop.cli import CommandError

    try:
        path = write()
    except _FAILURES as error:
        raise CommandError(str(error)) from error
    print(path)
    return 0


def run_summary(args: argparse.Namespace) -> int:
    with database(args) as db:
        round_ = _round(db, args)
        return _out(lambda: office_exports.write_summary(db, round_.plan_key, round_.quarter or 1,
                                                                   args.out, args.today or dt.date.today()))


def run_report(args: argparse.Namespace) -> int:
    with database(args) as db:
        round_ = _round(db, args)
        return _out(lambda: office_exports.write_report(db, round_, args.out,
                                                                  args.today or dt.date.today()))


def run_chase(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        round_ = _round(db, args)
        if args.out is not None:
            return _out(lambda: office_exports.write_chase(db, round_, args.out,
                                                                     args.today or dt.date.today()))
        try:
            rows = office_ledger.chase(db, round_, args.today or dt.date.today())
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    if args.json:
        print_json([r.plain() for r in rows])
        return 0
    for r in rows:
        people = "；".join(f"{c.role} {c.name} {c.office_phone} {c.mobile}".strip() for c in r.contacts)
        print(f"{r.unit}\t{'逾期未报' if r.overdue else '未报'}\t{people or '（未收到督办工作人员名单）'}")
    return 0


def run_confirm(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            office_import.confirm(db, args.id)
        except _FAILURES as error:
            raise CommandError(str(error)) from error
    print(f"已确认报送记录 {args.id}。")
    return 0
