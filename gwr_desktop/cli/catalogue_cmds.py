"""Commands over the plan catalogue: import-plan, tasks, units."""

from __future__ import annotations

import argparse
from pathlib import Path

from gwr_desktop.cli.common import database, plan_key, print_json
from gwr_desktop.domain.catalogue import ImportResult, TaskRow
from gwr_desktop.services import catalogue
from gwr_desktop.services.catalogue import UnknownPlanError, UnknownUnitError
from gwr_desktop.services.plan_import import PlanImportError, import_plan

ROLE_NAMES = {"lead": "牵头", "responsible": "参与"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import-plan", help="导入责任分解方案（.txt 或 .docx）")
    parser.add_argument("file", type=Path)
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser("tasks", help="列出某单位的责任事项")
    parser.add_argument("--unit", required=True, help="单位名称（可用简称或曾用名）")
    parser.add_argument("--role", choices=["lead", "resp", "all"], default="all")
    parser.add_argument("--plan", help="方案标识（默认：最新导入的方案）")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_tasks)

    parser = subparsers.add_parser("units", help="列出单位名录")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_units)


def run_import(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            result = import_plan(db, args.file)
        except PlanImportError as error:
            raise CommandError(f"{error}（数据库未作改动）") from error
    if args.json:
        print_json(import_json(result))
    else:
        state = "已导入" if result.created else "此方案已导入过，未作改动"
        parts = "，".join(f"{part}：{count}项" for part, count in result.per_part.items())
        print(f"{state}：方案 {result.plan_key}，共 {result.items} 项（{parts}），涉及 {result.units} 个单位。")
        for problem in result.problems:
            print(f"  待核对：{problem.location}：{problem.text}")
    return 0


def import_json(result: ImportResult) -> dict:
    return {
        "plan": result.plan_key, "created": result.created, "items": result.items, "per_part": result.per_part,
        "units": result.units,
        "problems": [{"kind": p.kind, "text": p.text, "location": p.location, "line": p.line,
                      "after_item": p.after_item} for p in result.problems],
    }


def run_tasks(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            rows = catalogue.tasks(db, plan_key(db, args), args.unit, args.role)
        except (UnknownUnitError, UnknownPlanError) as error:
            raise CommandError(str(error)) from error
    if args.json:
        print_json([task_json(row) for row in rows])
        return 0
    for row in rows:
        print(f"{row.item.key}\t{ROLE_NAMES[row.role.value]}\t{row.item.text}")
    print(f"共 {len(rows)} 项。")
    return 0


def task_json(row: TaskRow) -> dict:
    item = row.item
    return {
        "key": item.key, "part": item.part, "number": item.number, "text": item.text,
        "lead": item.lead, "responsible": item.responsible, "role": row.role.value,
        "lead_by_rule": item.lead_by_rule,
        "scoped": [{"unit": a.unit, "role": a.effective_role.value, "scope": a.scope}
                   for a in item.assignments if a.scope],
        "section": item.section_title, "heading": item.heading_title,
    }


def run_units(args: argparse.Namespace) -> int:
    with database(args) as db:
        rows = catalogue.units(db)
    if args.json:
        print_json([{"name": r.name, "kind": r.kind, "kind_label": r.kind_label, "registered": r.registered,
                     "aliases": list(r.aliases), "groups": list(r.groups), "host": r.host} for r in rows])
        return 0
    for row in rows:
        flag = "" if row.registered else "（未登记，待核对）"
        print(f"{row.name}\t{row.kind_label}{flag}")
    return 0
