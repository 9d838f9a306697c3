"""Commands over the plan catalogue: import-plan (and its --dry-run preview), catalogue, tasks, units."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gwr_desktop.cli.common import database, plan_key, print_json
from gwr_desktop.cli.plan_json import catalogue_json, item_json, preview_json
from gwr_desktop.domain.catalogue import ImportResult, TaskRow
from gwr_desktop.services import catalogue
from gwr_desktop.services.catalogue import UnknownPlanError, UnknownUnitError

if TYPE_CHECKING:  # the readers and the parser are imported by import-plan alone, not by tasks or units
    from gwr_desktop.services.plan_preview import PlanPreview

ROLE_NAMES = {"lead": "牵头", "responsible": "参与"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import-plan", help="导入责任分解方案（.docx、.pdf、.xlsx 或 .txt）")
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="只预览导入结果，不写入数据库")
    parser.add_argument("--current", action="store_true",
                        help="导入后设为当前方案（默认：只有尚无当前方案时才设为当前方案）")
    parser.add_argument("--unit", help="预览时统计该单位的事项数（默认：本数据库选定的单位）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser(
        "catalogue", help="输出整个方案：通知信息、截止时间、表格、牵头规则、待核对问题和全部事项")
    parser.add_argument("--plan", help="方案标识（默认：当前方案）")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_catalogue)

    parser = subparsers.add_parser("tasks", help="列出某单位的责任事项")
    parser.add_argument("--unit", required=True, help="单位名称（可用简称或曾用名）")
    parser.add_argument("--role", choices=["lead", "resp", "all"], default="all")
    parser.add_argument("--plan", help="方案标识（默认：当前方案）")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_tasks)

    parser = subparsers.add_parser("units", help="列出单位名录")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_units)


def run_import(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError
    from gwr_desktop.services.plan_import import PlanImportError, commit_plan
    from gwr_desktop.services.plan_preview import preview_plan

    with database(args) as db:
        try:
            preview = preview_plan(db, args.file)
            if args.dry_run:
                return _show_preview(preview, args)
            if preview.conflict:
                raise PlanImportError(preview.conflict)
            result = commit_plan(db, preview, make_current=True if args.current else None)
        except PlanImportError as error:
            raise CommandError(f"{error}（数据库未作改动）") from error
    if args.json:
        print_json(import_json(result))
    else:
        state = "已导入" if result.created else "此方案已导入过，未作改动"
        parts = "，".join(f"{part}：{count}项" for part, count in result.per_part.items())
        print(f"{state}：方案 {result.plan_key}，共 {result.items} 项（{parts}），涉及 {result.units} 个单位。")
        if not result.current:
            print("当前方案未改变；要改用此方案，可在窗口中切换，或加 --current 重新导入。")
        for problem in result.problems:
            print(f"  待核对：{problem.location}：{problem.text}")
    return 0


def import_json(result: ImportResult) -> dict:
    return {
        "plan": result.plan_key, "created": result.created, "items": result.items, "per_part": result.per_part,
        "units": result.units, "current": result.current,
        "problems": [{"kind": p.kind, "text": p.text, "location": p.location, "line": p.line,
                      "after_item": p.after_item} for p in result.problems],
    }


def _show_preview(preview: PlanPreview, args: argparse.Namespace) -> int:
    """`--dry-run`: what importing would do; exit 2 when it would be refused (its 文号 is taken)."""
    unit = preview.registry.canonical(args.unit) if args.unit else None
    if args.unit and unit is None:
        from gwr_desktop.cli import CommandError

        raise CommandError(catalogue.unknown_unit_message(args.unit))
    if args.json:
        print_json(preview_json(preview, unit))
    else:
        _print_preview(preview, unit)
    if preview.conflict:
        print(f"错误：{preview.conflict}", file=sys.stderr)
        return 2
    return 0


def _print_preview(preview: PlanPreview, unit: str | None) -> None:
    meta, rule = preview.meta, preview.lead_rule
    print(f"预览（未写入）：{meta.title}（{meta.doc_number or '无文号'}，{meta.issuer}）")
    parts = "，".join(f"{part.numeral}：{part.items}项" for part in preview.parts)
    print(f"共 {len(preview.parsed.items)} 项（{parts}），列名单位（含承办单位）{len(preview.units)} 个，"
          f"其中新名称 {len(preview.new_units)} 个。")
    print(f"牵头规则：{rule.quote if rule else '未说明'}")
    who = unit or preview.officer
    if who:
        count = preview.counts.get(who)
        lead, helping = (count.lead, count.responsible) if count else (0, 0)
        print(f"{who}：牵头 {lead} 项、参与 {helping} 项。")
    if preview.existing_key:
        print(f"此方案已导入（{preview.existing_key}），导入不会改动数据。")
    for flag in preview.flags:
        print(f"注意：{flag.text}")
    for problem in preview.problems:
        print(f"  待核对：{problem.location}：{problem.text}")


def run_catalogue(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            key = plan_key(db, args)
            plan = catalogue.catalogue(db, key)
        except UnknownPlanError as error:
            raise CommandError(str(error)) from error
        current = catalogue.default_plan_key(db) == key
    if args.json:
        print_json(catalogue_json(plan, current=current))
        return 0
    summary = plan.summary
    print(f"{summary.title}（{summary.doc_number}，{summary.issuer}）{'〔当前方案〕' if current else ''}")
    print(f"牵头规则：{plan.lead_rule.quote if plan.lead_rule else '未说明'}")
    for item in plan.items:
        data = item_json(item)
        print(f"{item.key}\t牵头：{'、'.join(data['lead']) or '—'}\t参与：{'、'.join(data['responsible']) or '—'}"
              f"\t{item.text}")
    print(f"共 {len(plan.items)} 项，待核对问题 {len(plan.problems)} 处。")
    return 0


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
