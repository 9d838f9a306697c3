"""Commands over a unit's forms: `form` prints one, `fill` sets one from the same JSON (all or nothing).

Columns, their names and the form's label come from the plan's own form definitions (`form --json` lists
them under "columns"). A fill file must name the form, plan and unit it is for and hold the whole form.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from gwr_desktop.cli.common import OUT_HELP, add_form_arguments, database, form_plan_key, print_json, read_json_file
from gwr_desktop.domain.clean_input import invisible_characters, removal_note
from gwr_desktop.domain.completeness import missing_fields
from gwr_desktop.domain.form_defs import Level
from gwr_desktop.domain.form_json import from_json, to_json
from gwr_desktop.domain.forms import FormContent
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
    for line in text_lines(content):
        print(line)
    gaps = missing_fields(content)
    print(f"尚缺 {len(gaps)} 项。" if gaps else "已填写完整。")
    return 0


def text_lines(content: FormContent) -> list[str]:
    """The form as plain lines: header values, then each item (or person) with its values by column name."""
    definition = content.definition
    lines = [f"{spec.display_name}：{content.header_value(spec.key)}" for spec in definition.editable_header_fields()]
    if content.kind is FormKind.CONTACTS:
        fields = definition.fields_at(Level.PERSON)
        for person in content.people:
            spec = definition.role(person.role)
            lines.append("\t".join([spec.label if spec else person.role, *(person.get(f.key) for f in fields)]))
        return lines
    item_fields, entry_fields = definition.fields_at(Level.ITEM), definition.fields_at(Level.ENTRY)
    for item in content.items:
        lines.append(f"{item.key}\t{item.text}")
        for number, entry in enumerate(item.entries, 1):
            lines.append(f"\t{number}. " + "\t".join(entry.get(f.key) for f in entry_fields))
        if item_fields:
            lines.append("\t" + "\t".join(f"{f.label}：{item.get(f.key)}" for f in item_fields))
    return lines


def run_fill(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError

    data = _read_json(args.source)
    with database(args) as db:
        try:
            plan_key = form_plan_key(db, args)
            current = form_content.load_content(db, plan_key, args.unit, FormKind(args.form), args.quarter)
        except (UnknownUnitError, UnknownPlanError, FormInputError) as error:  # the form, not the file
            raise CommandError(str(error)) from error
        try:
            content, problems = from_json(data, current, lambda name: _same_unit(db, name, current.unit))
            if content is None:
                raise FormInputError(problems)
            form_content.replace_content(db, content, backup=True)
        except FormInputError as error:
            lines = "\n".join(f"  {n}. {problem}" for n, problem in enumerate(error.problems, 1))
            raise CommandError(f"文件中有 {len(error.problems)} 处问题，数据库未作任何改动：\n{lines}") from error
        except (UnknownUnitError, UnknownPlanError) as error:
            raise CommandError(str(error)) from error
    quarter = f" 第{args.quarter}季度" if args.quarter else ""
    print(f"已填写：{content.unit} {content.definition.display_name}{quarter}。")
    note = removal_note(_invisible_in(data))
    if note:
        print(note)
    return 0


def _same_unit(db, name: str, unit: str) -> bool:  # noqa: ANN001 - Database
    try:
        return catalogue.canonical_unit(db, name) == unit
    except UnknownUnitError:
        return False


def _invisible_in(value: object) -> int:
    """Zero-width characters anywhere in the file's texts (removed when stored), to tell the user."""
    if isinstance(value, str):
        return invisible_characters(value)
    if isinstance(value, dict):
        return sum(_invisible_in(v) for v in value.values())
    if isinstance(value, list):
        return sum(_invisible_in(v) for v in value)
    return 0


def _read_json(path: Path) -> object:
    return read_json_file(path)  # any encoding it was saved in (a redirect on Chinese Windows writes GBK)
