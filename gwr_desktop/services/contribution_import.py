"""文件 → 导入配合材料…: the lead unit takes in the contribution files its helpers sent.

Each file is checked before anything is kept: it must carry a manifest naming a contribution, for this
plan, addressed to this unit (and to the quarter asked for, when one is), its table must still show what
was exported (the manifest's cells digest — a file edited afterwards is refused, never merged silently),
and every item in it must be one this unit leads. A newer file from the same helper for the same quarter
replaces the older one (kept, marked as replaced); an older file or the same file again changes nothing.
All files of one import are written in one transaction; a refused file writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwr_desktop.domain.contribution import CONTRIBUTION_FORM, NOTE, ContributionEntry, contribution_definition
from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.returns.items import read_items, resolver
from gwr_desktop.domain.returns.manifest import describe
from gwr_desktop.domain.returns.package import candidate_files
from gwr_desktop.domain.returns.reading import ReturnedFile, read_returned
from gwr_desktop.services.catalogue import UnknownPlanError, UnknownUnitError, canonical_unit, find_unit, plan_row
from gwr_desktop.services.contribution_scope import item_texts
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_scope import led_items
from gwr_desktop.storage import contribution_models as cm
from gwr_desktop.storage import models as m

log = logging.getLogger(__name__)
TOPIC = "contributions"
ACCEPTED, REPLACED, REFUSED = "accepted", "replaced", "refused"


@dataclass(frozen=True)
class ImportOutcome:
    file: str
    status: str  # accepted | replaced | refused
    reason: str = ""
    helper: str = ""
    quarter: int | None = None
    items: tuple[str, ...] = ()
    duplicate: bool = False  # refused because it was taken in already: nothing changed

    def plain(self) -> dict:
        return {"file": self.file, "status": self.status, "reason": self.reason, "helper": self.helper,
                "quarter": self.quarter, "items": list(self.items), "duplicate": self.duplicate}


class Refused(Exception):  # noqa: N818 - a control-flow signal inside this module, carrying the reason
    def __init__(self, reason: str, *, duplicate: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.duplicate = reason, duplicate


@dataclass
class _Batch:
    """What the files of one import are checked against, read once."""

    session: Session
    lead: m.Unit
    plan_key: str | None
    quarter: int | None
    now: dt.datetime
    led: dict[str, set[str]] = field(default_factory=dict)  # plan key → items the lead leads


def files_in(paths: Iterable[Path]) -> list[Path]:
    """The files named, folders replaced by the .docx/.xlsx files in them."""
    found: list[Path] = []
    for path in map(Path, paths):
        found += candidate_files(path) if path.is_dir() else [path]
    return found


def import_contributions(db: Database, lead: str, paths: Iterable[Path], *, plan_key: str | None = None,
                         quarter: int | None = None, now: dt.datetime | None = None) -> list[ImportOutcome]:
    """Take in contribution files (or folders of them) for `lead`; one outcome per file, in order."""
    lead = canonical_unit(db, lead)
    words = [c.header for c in contribution_definition().columns]
    returned = [read_returned(path, words) for path in files_in(paths)]
    outcomes = []
    with db.transaction() as session:
        batch = _Batch(session, find_unit(session, lead), plan_key, quarter, (now or dt.datetime.now()).replace(
            microsecond=0))
        for file in returned:
            try:
                outcomes.append(_take(batch, file))
                session.flush()
            except Refused as refusal:
                outcomes.append(ImportOutcome(str(file.path), REFUSED, refusal.reason, duplicate=refusal.duplicate))
    for outcome in outcomes:
        log.info("导入配合材料 %s：%s %s", outcome.file, outcome.status, outcome.reason)
    if any(o.status != REFUSED for o in outcomes):
        db.hub.emit(Change(TOPIC, plan_key, lead, {"imported": sum(o.status != REFUSED for o in outcomes)}))
    return outcomes


def _take(batch: _Batch, file: ReturnedFile) -> ImportOutcome:
    manifest = _manifest(file)
    plan = _plan(batch, manifest)
    helper = _unit(batch.session, manifest.get("unit"), "配合单位")
    _addressed(batch, manifest)
    quarter = _quarter(batch, manifest)
    if file.edited is not False:
        raise Refused(f"文件内容与导出清单不一致（导出后被修改过），为防止误并没有导入：{file.name}。"
                      f"请{helper.name}在程序中修改后重新导出。")
    entries = _entries(batch, plan, file, manifest)
    exported = _exported_at(manifest, file.name)
    current = _current(batch, plan, helper, quarter)
    _not_seen(batch, plan, file, current, helper)
    if current is not None and current.exported_at > exported:
        raise Refused(f"已有{helper.name}导出于 {current.exported_at:%Y-%m-%d %H:%M} 的更新的配合材料，"
                      f"这份（导出于 {exported:%Y-%m-%d %H:%M}）较旧，没有导入：{file.name}")
    row = cm.ContributionFile(plan_id=plan.id, unit_id=batch.lead.id, helper_id=helper.id, quarter=quarter or 0,
                              file_name=file.name, file_sha256=file.sha256, cells_digest=file.digest,
                              exported_at=exported, imported_at=batch.now)
    row.items = [cm.ContributionItem(unit_id=batch.lead.id, item_key=e.key, note=e.note,
                                     work_json=json.dumps([[w.content, w.period] for w in e.work], ensure_ascii=False))
                 for e in entries]
    batch.session.add(row)
    batch.session.flush()
    keys = tuple(e.key for e in entries)
    if current is None:
        return ImportOutcome(str(file.path), ACCEPTED, f"已导入{helper.name}的配合材料（{len(keys)} 项）。",
                             helper.name, quarter, keys)
    current.replaced_by_id = row.id
    return ImportOutcome(str(file.path), REPLACED, f"已用这份更新的配合材料替换{helper.name}导出于 "
                         f"{current.exported_at:%Y-%m-%d %H:%M} 的旧版本。", helper.name, quarter, keys)


def _manifest(file: ReturnedFile) -> dict:
    if file.error:
        raise Refused(file.error)
    manifest = file.manifest
    if manifest is None:
        raise Refused(f"文件中没有导出清单，不是本程序导出的配合材料（或已用其他程序另存）：{file.name}。"
                      "请配合单位在程序中用“导出配合材料”重新导出后发送。")
    if manifest.get("form") != CONTRIBUTION_FORM:
        what = describe(manifest)
        raise Refused(f"这是{manifest.get('unit', '')}的{what}，不是配合材料；报送表格由督查室在“督查室工作台”"
                      f"中导入：{file.name}")
    return manifest


def _plan(batch: _Batch, manifest: dict) -> m.Plan:
    key = str(manifest.get("plan") or "")
    if batch.plan_key and key != batch.plan_key:
        raise Refused(f"这份配合材料属于 {key} 年度方案，当前方案是 {batch.plan_key}，没有导入。")
    try:
        return plan_row(batch.session, key)
    except UnknownPlanError as error:
        raise Refused(f"这份配合材料属于方案“{key}”，本数据库中没有这个方案，没有导入。") from error


def _unit(session: Session, name: object, role: str) -> m.Unit:
    try:
        return find_unit(session, str(name or ""))
    except UnknownUnitError as error:
        raise Refused(f"导出清单中的{role}“{name}”不在单位名录中，没有导入。") from error


def _addressed(batch: _Batch, manifest: dict) -> None:
    lead = str(manifest.get("lead") or "")
    try:
        target = find_unit(batch.session, lead).name
    except UnknownUnitError:
        target = lead
    if target != batch.lead.name:
        raise Refused(f"这份配合材料是报送{target or '（未写明）'}的，不是本单位（{batch.lead.name}）的，没有导入。")


def _quarter(batch: _Batch, manifest: dict) -> int | None:
    quarter = manifest.get("quarter")
    if quarter is not None and (isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4):
        raise Refused(f"导出清单中的季度“{quarter}”无效，没有导入。")
    if batch.quarter is not None and quarter is not None and quarter != batch.quarter:
        raise Refused(f"这份配合材料是{quarter_label(quarter)}的，当前导入的是{quarter_label(batch.quarter)}，"
                      "没有导入。")
    return quarter


def _entries(batch: _Batch, plan: m.Plan, file: ReturnedFile, manifest: dict) -> list[ContributionEntry]:
    from gwr_desktop.domain.contribution import CONTENT, PERIOD, WorkProposal

    texts = item_texts(batch.session, plan).values()
    form = read_items(file.table, contribution_definition(), resolver((t.key, t.part, t.number, t.text) for t in texts))
    if form.unplaced or form.missing_columns or not form.items:
        raise Refused(f"读不出文件中的配合事项（表格不完整），没有导入：{file.name}")
    keys = [item.key for item in form.items]
    if keys != list(manifest.get("items") or []):
        raise Refused(f"文件中的事项与导出清单不一致，没有导入：{file.name}")
    led = batch.led.setdefault(plan.key, set(led_items(batch.session, plan, batch.lead)))
    foreign = [key for key in keys if key not in led]
    if foreign:
        raise Refused(f"事项 {'、'.join(foreign)} 不是本单位（{batch.lead.name}）牵头的事项，没有导入。")
    return [ContributionEntry(item.key, item.values.get(NOTE, ""),
                              tuple(WorkProposal(e.get(CONTENT, ""), e.get(PERIOD, "")) for e in item.entries))
            for item in form.items]


def _exported_at(manifest: dict, name: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(str(manifest.get("exported_at") or "")).replace(tzinfo=None, microsecond=0)
    except ValueError as error:
        raise Refused(f"导出清单中没有有效的导出时间，没有导入：{name}") from error


def _current(batch: _Batch, plan: m.Plan, helper: m.Unit, quarter: int | None) -> cm.ContributionFile | None:
    return batch.session.scalars(select(cm.ContributionFile).where(
        cm.ContributionFile.plan_id == plan.id, cm.ContributionFile.unit_id == batch.lead.id,
        cm.ContributionFile.helper_id == helper.id, cm.ContributionFile.quarter == (quarter or 0),
        cm.ContributionFile.replaced_by_id.is_(None))).first()


def _not_seen(batch: _Batch, plan: m.Plan, file: ReturnedFile, current: cm.ContributionFile | None,
              helper: m.Unit) -> None:
    same_file = batch.session.scalars(select(cm.ContributionFile).where(
        cm.ContributionFile.plan_id == plan.id, cm.ContributionFile.unit_id == batch.lead.id,
        cm.ContributionFile.file_sha256 == file.sha256)).first()
    if same_file is not None or (current is not None and current.cells_digest == file.digest):
        when = (same_file or current).imported_at  # type: ignore[union-attr]
        raise Refused(f"已于 {when:%Y-%m-%d %H:%M} 导入过{helper.name}内容相同的配合材料，没有改动。", duplicate=True)
