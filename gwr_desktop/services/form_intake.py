"""Taking a filled 附表1/附表3 into the unit's form: from a Word or Excel file (文件 → 从Word/Excel导入…,
`import-form`) or from a block pasted into the editor that carries a 序号 or 责任事项 column.

    preview = preview_file(db, "2023", "市商务局", FormKind.PLAN, None, path)   # read, match, nothing written
    preview.landed, preview.unmatched, preview.problems                        # what would land where
    apply_preview(db, preview)                                                  # one transaction, all or nothing

The file is read by the bounded readers of domain/reading (a hostile file is refused within their limits),
the rows are matched to the unit's items by 序号 within their part and by text (domain/intake), and the
edits go through form_content.apply_edits: one change, undoable as one step by the editors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gwr_desktop.domain.form_defs import FormDefinition, quarter_label
from gwr_desktop.domain.forms import FormContent
from gwr_desktop.domain.intake import FormTable, match_items, read_form_table
from gwr_desktop.domain.intake.columns import ITEM, SEQ, find_columns, positional_columns
from gwr_desktop.domain.intake.rows import read_block
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.reading import PlanSourceError, SourceDocument, SourceLine, read_document
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import Database
from gwr_desktop.services.intake_edits import LandedItem, header_edits, item_edits, landed, rows_text

SUFFIXES = (".docx", ".xlsx")
ITEM_FORMS = (FormKind.PLAN, FormKind.PROGRESS)


class FormIntakeError(ValueError):
    """The file or block cannot be taken in; the message is for the user. Nothing was written."""


@dataclass(frozen=True)
class UnmatchedRow:
    rows: str  # "第12行"
    text: str
    reason: str


@dataclass(frozen=True)
class IntakePreview:
    plan_key: str
    unit: str
    kind: FormKind
    quarter: int | None
    source: str  # the file's name, or "粘贴的内容"
    landed: tuple[LandedItem, ...] = ()
    unmatched: tuple[UnmatchedRow, ...] = ()
    notes: tuple[str, ...] = ()  # what to know (another year's file, another unit's, another quarter)
    problems: tuple[str, ...] = ()  # values the form would refuse: nothing is applied while there are any
    edits: tuple[e.Edit, ...] = field(default=(), repr=False)

    @property
    def applicable(self) -> bool:
        return bool(self.edits) and not self.problems

    @property
    def changed_items(self) -> int:
        return sum(1 for item in self.landed if item.changes)


# ---- from a file -------------------------------------------------------------------------------------------

def preview_file(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None,
                 path: Path) -> IntakePreview:
    """Read a filled form from a .docx/.xlsx and say what would land where. Raises FormIntakeError."""
    kind = _item_form(kind)
    document = _read(Path(path))
    notes, same_numbering, file_quarter = _manifest_notes(Path(path), plan_key, unit, kind)
    definitions = fc.definitions(db, plan_key)
    definition = _definition(definitions, kind)
    table = read_form_table(document.lines, definition)
    if table.columns is None or not table.columns.values():
        raise FormIntakeError(_no_table_message(document, definitions, kind, Path(path).name))
    quarter = _quarter(kind, quarter, table.quarter or file_quarter, notes)
    content = fc.load_content(db, plan_key, unit, kind, quarter)
    return _preview(content, table, Path(path).name, notes, same_numbering=same_numbering,
                    row_word=document.line_word)


def _item_form(kind: FormKind) -> FormKind:
    kind = FormKind(kind)
    if kind not in ITEM_FORMS:
        raise FormIntakeError("只能导入办理方案（附表1）或完成情况（附表3）；督办工作人员名单请直接填写。")
    return kind


def _read(path: Path) -> SourceDocument:
    if path.suffix.lower() not in SUFFIXES:
        advice = "（.doc、.wps、.xls、.et 请先在 WPS 或 Office 中另存为 .docx 或 .xlsx）"
        raise FormIntakeError(f"请选择 Word（.docx）或 Excel（.xlsx）文件{advice}：{path.name}")
    try:
        return read_document(path)
    except PlanSourceError as error:  # the readers speak of plans; here the file is a form
        raise FormIntakeError(str(error).replace("方案文件", "文件").replace("一份责任分解方案", "一份表格")) from error


def _definition(definitions: dict[FormKind, FormDefinition], kind: FormKind) -> FormDefinition:
    if kind not in definitions:
        raise FormIntakeError("本方案没有这张表。")
    return definitions[kind]


def _no_table_message(document: SourceDocument, definitions: dict[FormKind, FormDefinition], kind: FormKind,
                      name: str) -> str:
    wanted = definitions[kind]
    for other, definition in definitions.items():
        if other in ITEM_FORMS and other is not kind:
            found = read_form_table(document.lines, definition).columns
            if found is not None and found.values():
                return (f"“{name}”是{definition.display_name}的表格，不是{wanted.display_name}；"
                        f"请在“{definition.tab_name}”中导入。")
    headers = "、".join(c.name for c in wanted.columns)
    return f"“{name}”中没有找到{wanted.display_name}的表格（表头应有 {headers} 等栏目）。"


def _manifest_notes(path: Path, plan_key: str, unit: str, kind: FormKind) -> tuple[list[str], bool, int | None]:
    """What the export's manifest says about the file, when it has one: (notes, same numbering, quarter)."""
    from gwr_desktop.exports.manifest import ManifestError, read_manifest

    try:
        manifest = read_manifest(path)
    except (ManifestError, OSError, ValueError, KeyError, TypeError):
        return [], True, None
    if manifest.form not in (kind.value, ""):
        names = {FormKind.PLAN.value: "办理方案", FormKind.PROGRESS.value: "完成情况",
                 FormKind.CONTACTS.value: "督办名单"}
        raise FormIntakeError(f"“{path.name}”是本程序导出的{manifest.label}{names.get(manifest.form, '')}，"
                              "不是这张表；请在对应的表中导入。")
    notes = []
    if manifest.unit and manifest.unit != unit:
        notes.append(f"这是{manifest.unit}导出的表格，将填入{unit}的表中。")
    same = manifest.plan == plan_key
    if not same:
        notes.append(f"这是 {manifest.plan} 方案的表格：事项按责任事项的文字对应（序号以本方案为准）。")
    return notes, same, manifest.quarter


def _quarter(kind: FormKind, asked: int | None, found: int | None, notes: list[str]) -> int | None:
    if kind is not FormKind.PROGRESS:
        return None
    quarter = asked or found
    if quarter is None:
        raise FormIntakeError("文件中没有写明季度，请指定导入到哪个季度（前1～前4季度）。")
    if found and asked and found != asked:
        notes.append(f"文件是{quarter_label(found)}的完成情况，将填入{quarter_label(asked)}。")
    return quarter


# ---- from a pasted block -------------------------------------------------------------------------------------

def keyed_block(content: FormContent, block: Sequence[Sequence[str]], first_column: int) -> FormTable | None:
    """The block as items when it carries a 序号 or 责任事项 column — a header row naming it, the block laid over
    those columns, or (two columns or more) a first column of the unit's item numbers; None for a plain block."""
    definition = content.definition
    header = next((n for n, row in enumerate(block[:3]) if find_columns(row, definition) is not None), None)
    if header is not None:
        lines = [SourceLine(n + 1, "\t".join(row), tuple(row)) for n, row in enumerate(block)]
        return read_form_table(lines, definition)
    width = max((len(row) for row in block), default=0)
    columns = positional_columns(definition, first_column, width)
    if columns.column_of(SEQ) is None and columns.column_of(ITEM) is None:
        if width < 2 or not _numbers_first(block, {item.number for item in content.items}):
            return None
        columns = positional_columns(definition, _seq_position(definition), width)
    if not columns.values():
        return None
    return read_block(block, columns)


def _numbers_first(block: Sequence[Sequence[str]], numbers: set[int]) -> bool:
    """A first column of item numbers ("5", "二-5", "(三)"), most of them the unit's: a block copied with its 序号
    (and not, say, a column of figures pasted into 完成数)."""
    from gwr_desktop.domain.intake.cells import parse_seq

    firsts = [row[0] for row in block if row and row[0].strip()]
    found = [parse_seq(text)[1] for text in firsts]
    mine = [number for number in found if number in numbers]
    return len(set(mine)) >= 2 and len(mine) * 4 >= len(firsts) * 3


def _seq_position(definition: FormDefinition) -> int:
    flat = positional_columns(definition, 0, 64)
    found = flat.column_of(SEQ)
    return found if found is not None else 0


def preview_block(content: FormContent, table: FormTable) -> IntakePreview:
    """What a keyed block would do to the form as loaded (the editor's content)."""
    return _preview(content, table, "粘贴的内容", [], same_numbering=True, row_word="行")


# ---- both ------------------------------------------------------------------------------------------------------

def _preview(content: FormContent, table: FormTable, source: str, notes: list[str], *, same_numbering: bool,
             row_word: str) -> IntakePreview:
    result = match_items(table.items, content.items, same_numbering=same_numbering)
    by_key = {item.key: item for item in content.items}
    quarter = content.quarter or 0
    edits: list[e.Edit] = []
    problems: list[str] = []
    landed_items = []
    for match in result.matches:
        found, item = table.items[match.index], by_key[match.key]
        done = item_edits(content.definition, quarter, item, found, table)
        edits += done.edits
        problems += done.problems
        landed_items.append(landed(match, item, found, done, row_word))
    head = header_edits(content.definition, content, table)
    edits, problems = head.edits + edits, head.problems + problems
    notes = notes + [f"表头 {change}" for change in head.changes]
    unmatched = [UnmatchedRow(rows_text(table.items[u.index], row_word), table.items[u.index].describe(), u.reason)
                 for u in result.unmatched]
    unmatched += [UnmatchedRow(f"第{s.row}{row_word}", s.text, s.reason) for s in table.skipped
                  if not s.reason.startswith("表格下方")]
    return IntakePreview(content.plan_key, content.unit, content.kind, content.quarter, source, tuple(landed_items),
                         tuple(unmatched), tuple(notes), tuple(problems), tuple(edits))


def apply_preview(db: Database, preview: IntakePreview) -> list[e.Edit]:
    """Apply what the preview shows in one transaction; the edits that undo it. Raises FormIntakeError."""
    if preview.problems:
        raise FormIntakeError("文件中有不能接受的内容，没有导入任何内容：\n" + "\n".join(preview.problems))
    if not preview.edits:
        raise FormIntakeError("没有需要导入的内容（没有对应上的事项，或内容与表中相同）。")
    try:
        return fc.apply_edits(db, preview.plan_key, preview.unit, list(preview.edits))
    except fc.FormInputError as error:
        raise FormIntakeError(f"没有导入任何内容：{error}") from error
