"""Commands over a unit's forms: `form` prints one, `fill` sets one from the same JSON (all or nothing)."""

from __future__ import annotations

import argparse
from pathlib import Path

from gwr_desktop.cli.common import OUT_HELP, add_form_arguments, database, form_plan_key, print_json, read_json_file
from gwr_desktop.domain.completeness import missing_fields
from gwr_desktop.domain.form_json import from_json, to_json
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import catalogue, form_content
from gwr_desktop.services.catalogue import UnknownPlanError, UnknownUnitError
from gwr_desktop.services.form_content import FormInputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("form", help="查看某单位的附表内容（办理方案、督办名单、完成情况）")
    add_form_arguments(parser)
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（可修改后用 fill 写回）")
    parser.add_argument("--out", type=Path, help=OUT_HELP)
    parser.set_defaults(handler=run_form)

    parser = subparsers.add_parser("fill", help="用 JSON 文件填写某单位的附表（先全部校验，有错则不作任何改动）")
    add_form_arguments(parser)
    parser.add_argument("--from", dest="source", required=True, type=Path, help="JSON 文件（格式同 form --json）")
    parser.set_defaults(handler=run_fill)


def run_form(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    with database(args) as db:
        try:
            key = form_plan_key(db, args)
            content = form_content.load_content(db, key, args.unit, FormKind(args.form), args.quarter)
        except (UnknownUnitError, UnknownPlanError, FormInputError) as error:
            raise CommandError(str(error)) from error
    if args.json or args.out is not None:
        print_json(to_json(content), args.out)
        return 0
    print(f"{content.label} {content.title}")
    for line in _text_lines(content):
        print(line)
    gaps = missing_fields(content)
    print(f"尚缺 {len(gaps)} 项。" if gaps else "已填写完整。")
    return 0


def _text_lines(content: form_content.FormContent) -> list[str]:
    data = to_json(content)
    if data["form"] == "contacts":
        return [f"{p['role_label']}\t{p['name']}\t{p['title']}\t{p['office_phone']}\t{p['mobile']}"
                for p in data["people"]]
    lines = [f"主要负责人：{data['principal']}"]
    for item in data["items"]:
        lines.append(f"{item['key']}\t{item['text']}")
        if data["form"] == "plan":
            lines += [f"\t{n}. {e['content']}\t{e['period']}" for n, e in enumerate(item["entries"], 1)]
            lines.append(f"\t分管领导：{item['leader']}\t责任部门：{item['department']}")
        else:
            lines.append(f"\t{item['progress']}")
    return lines


def run_fill(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    data = _read_json(args.source)
    with database(args) as db:
        try:
            plan_key = form_plan_key(db, args)
            unit = catalogue.canonical_unit(db, args.unit)
            content, problems = from_json(data, FormKind(args.form), plan_key, unit, args.quarter)
            if problems:
                raise FormInputError(problems)
            form_content.replace_content(db, content)
        except FormInputError as error:
            lines = "\n".join(f"  {n}. {problem}" for n, problem in enumerate(error.problems, 1))
            raise CommandError(f"文件中有 {len(error.problems)} 处问题，数据库未作任何改动：\n{lines}") from error
        except (UnknownUnitError, UnknownPlanError) as error:
            raise CommandError(str(error)) from error
    print(f"已填写：{unit} {args.form}" + (f" 第{args.quarter}季度" if args.quarter else "") + "。")
    return 0


def _read_json(path: Path) -> object:
    return read_json_file(path)  # any encoding it was saved in (a redirect on Chinese Windows writes GBK)
