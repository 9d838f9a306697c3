"""`import-form`: take a filled 附表1/附表3 (.docx/.xlsx: an export of any year, or made by hand) into a unit's
form, matched to its items by 序号 and text — all matched rows in one transaction, or nothing; and
`set-office-email`: the 督查室's address the window's 报送 pre-addresses its e-mail to."""

from __future__ import annotations

import argparse
from pathlib import Path

from gwr_desktop.cli.common import database, plan_key, print_json
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services.catalogue import UnknownPlanError, UnknownUnitError
from gwr_desktop.services.form_content import FormInputError
from gwr_desktop.services.form_intake import FormIntakeError, IntakePreview, apply_preview, preview_file


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import-form", help="从 Word/Excel 导入已填写的附表1或附表3（按序号和文字对应事项）")
    parser.add_argument("--unit", required=True, help="单位名称（可用简称或曾用名）")
    parser.add_argument("--form", required=True, choices=[FormKind.PLAN.value, FormKind.PROGRESS.value],
                        help="plan=办理方案，progress=完成情况")
    parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="完成情况的季度（默认：文件中写明的季度）")
    parser.add_argument("--plan", help="方案标识（默认：当前方案）")
    parser.add_argument("--dry-run", action="store_true", help="只显示对应结果，不写入")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出对应结果")
    parser.add_argument("file", type=Path, help="已填写的表格（.docx 或 .xlsx）")
    parser.set_defaults(handler=run_import_form)

    parser = subparsers.add_parser("set-office-email", help="设置市政府督查室的报送邮箱（报送时预填收件人）")
    parser.add_argument("--plan", help="方案标识（默认：当前方案）")
    parser.add_argument("address", help="邮箱地址；空字符串表示清除")
    parser.set_defaults(handler=run_set_office_email)


def run_import_form(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError
    from gwr_desktop.safety.backup import BackupError, backup_before

    with database(args) as db:
        try:
            key = plan_key(db, args)  # a progress form may take its quarter from the file
            preview = preview_file(db, key, args.unit, FormKind(args.form), args.quarter, args.file)
            applied = False
            if not args.dry_run and preview.applicable:
                backup_before(db.url, "import_form")
                apply_preview(db, preview)
                applied = True
        except (UnknownUnitError, UnknownPlanError, FormIntakeError, FormInputError) as error:
            raise CommandError(str(error)) from error
        except BackupError as error:
            raise CommandError(f"导入前无法备份当前数据，为安全起见没有导入：{error}") from error
    if args.json:
        print_json(preview_json(preview, applied))
    else:
        _print_text(preview, applied, args.dry_run)
    return 2 if preview.problems or not preview.landed else 0


def preview_json(preview: IntakePreview, applied: bool) -> dict:
    return {
        "plan": preview.plan_key, "unit": preview.unit, "form": preview.kind.value, "quarter": preview.quarter,
        "source": preview.source, "applied": applied, "edits": len(preview.edits) if applied else 0,
        "matched": [{"key": item.key, "by": item.by, "score": item.score, "rows": item.rows, "source": item.source,
                     "changes": list(item.changes), "replaces": item.replaces} for item in preview.landed],
        "unmatched": [{"rows": row.rows, "text": row.text, "reason": row.reason} for row in preview.unmatched],
        "notes": list(preview.notes), "problems": list(preview.problems),
    }


def _print_text(preview: IntakePreview, applied: bool, dry_run: bool) -> None:
    for note in preview.notes:
        print(f"注意：{note}")
    print(f"已对应 {len(preview.landed)} 项：")
    for item in preview.landed:
        change = "；".join(item.changes) if item.changes else "内容相同，无需修改"
        print(f"  {item.key}（{item.by}，{item.rows}）{change}")
    if preview.unmatched:
        print(f"未对应 {len(preview.unmatched)} 处：")
        for row in preview.unmatched:
            print(f"  {row.rows} {row.text}：{row.reason}")
    if preview.problems:
        print("以下内容不能接受，没有导入任何内容：")
        for problem in preview.problems:
            print(f"  {problem}")
    elif applied:
        print(f"已导入：{preview.changed_items} 项有修改（共 {len(preview.edits)} 处）。")
    elif dry_run:
        print("（--dry-run：未写入）")
    elif preview.landed:
        print("内容与表中相同，没有修改。")


def run_set_office_email(args: argparse.Namespace) -> int:
    from gwr_desktop.cli import CommandError
    from gwr_desktop.services.handover import HandoverError, set_office_email

    with database(args) as db:
        try:
            key = plan_key(db, args)
            stored = set_office_email(db, key, args.address)
        except (UnknownPlanError, HandoverError) as error:
            raise CommandError(str(error)) from error
    print(f"已设置方案 {key} 的督查室邮箱：{stored or '（未设置）'}")
    return 0
