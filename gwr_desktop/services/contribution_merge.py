"""Contributions beside the lead's own cells, and taking one in: one undoable edit through the form services.

A contribution's 配合情况 goes into the lead's 完成情况 for that quarter — copied (in place of the lead's text)
or appended as a new paragraph; its proposed work rows become new 具体工作内容 rows of the lead's 附表1. The
edit goes through form_content.apply_edits (validation, locks, undo inverses, the other branches' checks)
and the provenance row — helper, file, when, which cell — is written in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwr_desktop.domain.contribution import WorkProposal, merged_text
from gwr_desktop.domain.form_defs import FormDefinition, Level, ValueKind, quarter_label
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.catalogue import canonical_unit, find_unit, plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.storage import contribution_models as cm
from gwr_desktop.storage import models as m

COPY, APPEND, ENTRIES = "copy", "append", "entries"


@dataclass(frozen=True)
class MergeRecord:
    helper: str
    file_name: str
    item_key: str
    kind: FormKind
    quarter: int | None
    target: str  # the cell: "完成情况" or "具体工作内容第3-4条"
    mode: str
    merged_at: dt.datetime

    def plain(self) -> dict:
        return {"helper": self.helper, "file": self.file_name, "item": self.item_key, "form": self.kind.value,
                "quarter": self.quarter, "target": self.target, "mode": self.mode,
                "merged_at": self.merged_at.isoformat()}


@dataclass(frozen=True)
class Received:
    """A current contribution for one item, as the side pane shows it."""

    id: int
    helper: str
    item_key: str
    quarter: int | None
    note: str
    work: tuple[WorkProposal, ...]
    file_name: str
    exported_at: dt.datetime
    imported_at: dt.datetime
    replaced: int  # how many older files of this helper it replaced
    merges: tuple[MergeRecord, ...] = ()


@dataclass(frozen=True)
class MergeResult:
    edits: list[e.Edit]
    inverses: list[e.Edit]
    label: str  # for the undo stack: "并入市经信局的配合情况"


def received(db: Database, plan_key: str, lead: str, *, item_key: str | None = None,
             quarter: int | None = None) -> list[Received]:
    """The current contributions taken in by `lead` (for one item, one quarter's 配合情况), newest first."""
    with db.reading() as session:
        plan, unit = plan_row(session, plan_key), find_unit(session, lead)
        query = (select(cm.ContributionItem, cm.ContributionFile, m.Unit.name)
                 .join(cm.ContributionFile, cm.ContributionFile.id == cm.ContributionItem.file_id)
                 .join(m.Unit, m.Unit.id == cm.ContributionFile.helper_id)
                 .where(cm.ContributionFile.plan_id == plan.id, cm.ContributionFile.unit_id == unit.id,
                        cm.ContributionFile.replaced_by_id.is_(None))
                 .order_by(cm.ContributionFile.exported_at.desc(), cm.ContributionItem.id))
        if item_key is not None:
            query = query.where(cm.ContributionItem.item_key == item_key)
        if quarter is not None:
            query = query.where(cm.ContributionFile.quarter.in_((quarter, 0)))
        merges = _merges(session, plan, unit, item_key)
        return [_received(session, item, file, helper, merges) for item, file, helper in session.execute(query)]


def provenance(db: Database, plan_key: str, lead: str, item_key: str | None = None) -> list[MergeRecord]:
    """Every contribution the lead took into its forms, oldest first."""
    with db.reading() as session:
        plan, unit = plan_row(session, plan_key), find_unit(session, lead)
        return [record for records in _merges(session, plan, unit, item_key).values() for record in records]


def merge_note(db: Database, plan_key: str, lead: str, contribution_id: int, quarter: int,
               mode: str = APPEND) -> MergeResult:
    """The helper's 配合情况 into the lead's 完成情况 of `quarter`: copied (mode "copy") or appended."""
    lead = canonical_unit(db, lead)
    found = _one(db, plan_key, lead, contribution_id)
    if not found.note:
        raise FormInputError(f"{found.helper}的这份配合材料没有{found.item_key}的配合情况。")
    if found.quarter not in (None, quarter):
        raise FormInputError(f"这是{quarter_label(found.quarter)}的配合情况，不能并入{quarter_label(quarter)}。")
    content = fc.load_content(db, plan_key, lead, FormKind.PROGRESS, quarter)
    key = _text_key(content.definition, Level.ITEM)
    own = next((item.get(key) for item in content.items if item.key == found.item_key), None)
    if own is None:
        raise FormInputError(f"事项 {found.item_key} 不在{lead}的{content.definition.display_name}中。")
    text = found.note.strip() if mode == COPY else merged_text(own, found.note)
    if text == own:
        raise FormInputError(f"{found.item_key} 的完成情况已包含{found.helper}的这段配合情况。")
    edits: list[e.Edit] = [e.SetValue(FormKind.PROGRESS, quarter, e.item(found.item_key), key, text)]
    column = content.definition.field(key, Level.ITEM)
    target = column.label if column else key
    inverses = _apply(db, plan_key, lead, edits, found, FormKind.PROGRESS, quarter, target, mode)
    verb = "替换为" if mode == COPY else "并入"
    return MergeResult(edits, inverses, f"{verb}{found.helper}的配合情况（{found.item_key}）")


def merge_work(db: Database, plan_key: str, lead: str, contribution_id: int) -> MergeResult:
    """The helper's proposed work rows as new 具体工作内容 rows at the end of the lead's 附表1 item."""
    lead = canonical_unit(db, lead)
    found = _one(db, plan_key, lead, contribution_id)
    content = fc.load_content(db, plan_key, lead, FormKind.PLAN)
    item = next((i for i in content.items if i.key == found.item_key), None)
    if item is None:
        raise FormInputError(f"事项 {found.item_key} 不在{lead}的{content.definition.display_name}中。")
    text_key = _text_key(content.definition, Level.ENTRY)
    periods = content.definition.fields_of_kind(ValueKind.PERIOD, Level.ENTRY)
    present = {entry.get(text_key) for entry in item.entries}
    new = [w for w in found.work if w.content and w.content not in present]
    if not new:
        raise FormInputError(f"{found.helper}为 {found.item_key} 提出的工作已全部在办理方案中（或没有提出工作）。")
    start = len(item.entries)
    edits: list[e.Edit] = []
    for offset, work in enumerate(new):
        values = {text_key: work.content} | ({periods[0].key: work.period} if periods and work.period else {})
        edits.append(e.InsertRow(FormKind.PLAN, 0, e.entry(item.key, start + offset), values))
    column = content.definition.field(text_key, Level.ENTRY)
    target = f"{column.label if column else text_key}第{start + 1}" + (f"-{start + len(new)}" if len(new) > 1 else "") \
        + "条"
    inverses = _apply(db, plan_key, lead, edits, found, FormKind.PLAN, None, target, ENTRIES)
    return MergeResult(edits, inverses, f"添加{found.helper}提出的 {len(new)} 条工作（{found.item_key}）")


def _apply(db: Database, plan_key: str, lead: str, edits: list[e.Edit], found: Received, kind: FormKind,
           quarter: int | None, target: str, mode: str) -> list[e.Edit]:
    def record(session: Session) -> None:
        plan, unit = plan_row(session, plan_key), find_unit(session, lead)
        session.add(cm.ContributionMerge(plan_id=plan.id, unit_id=unit.id, contribution_id=found.id,
                                         helper=found.helper, file_name=found.file_name, item_key=found.item_key,
                                         kind=kind.value, quarter=quarter or 0, target=target, mode=mode,
                                         merged_at=dt.datetime.now().replace(microsecond=0)))

    return fc.apply_edits(db, plan_key, lead, edits, also=record)


def _text_key(definition: FormDefinition, level: Level) -> str:
    fields = definition.fields_of_kind(ValueKind.LONG_TEXT, level)
    if not fields:
        raise FormInputError(f"{definition.display_name}没有可填写文字的栏目，无法并入配合材料。")
    return fields[0].key


def _one(db: Database, plan_key: str, lead: str, contribution_id: int) -> Received:
    found = next((r for r in received(db, plan_key, lead) if r.id == contribution_id), None)
    if found is None:
        raise FormInputError("这份配合材料已被更新的版本替换或不存在，请刷新后再试。")
    return found


def _merges(session: Session, plan: m.Plan, unit: m.Unit, item_key: str | None) -> dict[int | None, list[MergeRecord]]:
    query = (select(cm.ContributionMerge).where(cm.ContributionMerge.plan_id == plan.id,
                                                cm.ContributionMerge.unit_id == unit.id)
             .order_by(cm.ContributionMerge.merged_at, cm.ContributionMerge.id))
    if item_key is not None:
        query = query.where(cm.ContributionMerge.item_key == item_key)
    found: dict[int | None, list[MergeRecord]] = {}
    for row in session.scalars(query):
        found.setdefault(row.contribution_id, []).append(MergeRecord(
            row.helper, row.file_name, row.item_key, FormKind(row.kind), row.quarter or None, row.target, row.mode,
            row.merged_at))
    return found


def _received(session: Session, item: cm.ContributionItem, file: cm.ContributionFile, helper: str,
              merges: dict[int | None, list[MergeRecord]]) -> Received:
    older = session.scalars(select(cm.ContributionFile.id).where(cm.ContributionFile.replaced_by_id == file.id)).all()
    work = tuple(WorkProposal(str(content), str(period)) for content, period in json.loads(item.work_json or "[]"))
    return Received(item.id, helper, item.item_key, file.quarter or None, item.note, work, file.file_name,
                    file.exported_at, file.imported_at, _chain(session, older), tuple(merges.get(item.id, ())))


def _chain(session: Session, ids: Sequence[int]) -> int:
    """How many files a file replaced, directly or through the ones it replaced."""
    count, frontier = 0, list(ids)
    while frontier:
        count += len(frontier)
        frontier = list(session.scalars(select(cm.ContributionFile.id).where(
            cm.ContributionFile.replaced_by_id.in_(frontier))))
    return count
