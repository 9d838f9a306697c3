"""Commands that correct a plan's settings read from its notice: deadlines and form labels/titles."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from gwr_desktop.cli.common import database, plan_key
from gwr_desktop.domain.plan import DeadlineKind, FormKind
from gwr_desktop.services.catalogue import UnknownPlanError
from gwr_desktop.services.database import Database
from gwr_desktop.services.plan_settings import PlanSettingError, set_deadline, set_form_setting


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("set-deadline", help="修改方案的报送截止日期")
    parser.add_argument("--plan", help="方案标识（默认：最新导入的方案）")
    parser.add_argument("--kind", required=True, choices=[k.value for k in DeadlineKind],
                        help="plan_forms=办理方案和督办名单，progress=季度完成情况")
    parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="完成情况的季度（前N季度）")
    parser.add_argument("--due", required=True, type=_date, help="截止日期，如 2023-07-20")
    parser.set_defaults(handler=run_set_deadline)

    parser = subparsers.add_parser("set-form", help="修改方案中某附表的表号和标题")
    parser.add_argument("--plan", help="方案标识（默认：最新导入的方案）")
    parser.add_argument("--form", required=True, choices=[k.value for k in FormKind])
    parser.add_argument("--label", required=True, help="表号，如 附表2")
    parser.add_argument("--title", required=True, help="标题，用 {unit} 代表单位、{quarter} 代表“前N季度”")
    parser.set_defaults(handler=run_set_form)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from error


def run_set_deadline(args: argparse.Namespace) -> int:
    def change(db: Database, key: str) -> None:
        set_deadline(db, key, DeadlineKind(args.kind), args.due, args.quarter)

    return _apply(args, change, f"截止日期：{args.due.isoformat()}")


def run_set_form(args: argparse.Namespace) -> int:
    notes: list[str] = []

    def change(db: Database, key: str) -> None:
        notes.extend(set_form_setting(db, key, FormKind(args.form), args.label, args.title))

    code = _apply(args, change, f"{args.label.strip()}：{args.title.strip()}")
    for note in notes:
        print(note)
    return code


def _apply(args: argparse.Namespace, change: Callable[[Database, str], None], what: str) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            key = plan_key(db, args)
            change(db, key)
        except (PlanSettingError, UnknownPlanError) as error:
            raise CommandError(str(error)) from error
    print(f"已修改方案 {key} 的{what}")
    return 0
