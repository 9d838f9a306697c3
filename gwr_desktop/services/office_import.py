"""督查室 → 导入报送文件…: every returned file of a folder taken into the 督查室's own database.

A file with a manifest is placed by it (plan, unit, form, quarter, version); its table is read back and
compared with the manifest's digest, so a file edited after export is marked. A file without one is placed
by what it prints (unit name, title, headers) and waits for confirmation. Contributions, other plans,
unreadable and hostile files are set aside with the reason. The same file (or the same content in its other
format) again is a duplicate and changes nothing; a newer version replaces the unit's current return, an
older one is set aside. The whole import is one transaction, after a verified backup of the database.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.office.matching import Match, match_file
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.returns.items import read_items, read_people, resolver
from gwr_desktop.domain.returns.manifest import describe
from gwr_desktop.domain.returns.reading import ReturnedFile, read_returned
from gwr_desktop.safety.backup import BackupError, backup_before
from gwr_desktop.services.catalogue import UnknownPlanError, plan_row
from gwr_desktop.services.contribution_import import files_in
from gwr_desktop.services.database import Database, DatabaseReadOnlyError
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.services.office_scope import PlanScope, plan_scope, unit_namer
from gwr_desktop.storage import models as m
from gwr_desktop.storage import office_models as om

log = logging.getLogger(__name__)
TOPIC = "office"
ACCEPTED, DUPLICATE, SET_ASIDE = "accepted", "duplicate", "set_aside"
_STATUS_NAMES = {ACCEPTED: "已导入", DUPLICATE: "重复", SET_ASIDE: "已搁置"}


@dataclass(frozen=True)
class OfficeOutcome:
    file: str
    status: str  # accepted | duplicate | set_aside
    reason: str = ""
    unit: str = ""
    form: str = ""
    quarter: int | None = None
    version: int | None = None
    edited_after_export: bool = False
    needs_confirmation: bool = False

    @property
    def status_name(self) -> str:
        return _STATUS_NAMES[self.status]

    def plain(self) -> dict:
        return {"file": self.file, "status": self.status, "reason": self.reason, "unit": self.unit, "form": self.form,
                "quarter": self.quarter, "version": self.version, "edited_after_export": self.edited_after_export,
                "needs_confirmation": self.needs_confirmation}


class SetAside(Exception):  # noqa: N818 - a control-flow signal inside this module, carrying the reason
    def __init__(self, reason: str, status: str = SET_ASIDE) -> None:
        super().__init__(reason)
        self.reason, self.status = reason, status


@dataclass(frozen=True)
class _Placed:
    plan: m.Plan
    scope: PlanScope
    unit: m.Unit
    kind: FormKind
    quarter: int
    version: int | None
    matched: Match | None  # None: placed by its manifest


@dataclass
class _Batch:
    session: Session
    plan_key: str | None
    received: Callable[[Path], dt.date]
    now: dt.datetime
    scopes: dict[int, PlanScope]
    named: Callable[[str], str | None]

    def scope(self, plan: m.Plan) -> PlanScope:
        if plan.id not in self.scopes:
            self.scopes[plan.id] = plan_scope(self.session, plan)
        return self.scopes[plan.id]


_backed_up: set[str] = set()


def import_returns(db: Database, paths: Iterable[Path], *, plan_key: str | None = None,
                   received: dt.date | None = None, now: dt.datetime | None = None) -> list[OfficeOutcome]:
    """Take in returned files (or folders of them). `received`: the day they came (default: each file's
    modification date, i.e. when it was saved from the e-mail)."""
    words = header_words(db, plan_key)
    return take_returns(db, [read_returned(path, words) for path in files_in(paths)], plan_key=plan_key,
                        received=received, now=now)


def take_returns(db: Database, returned: list[ReturnedFile], *, plan_key: str | None = None,
                 received: dt.date | None = None, now: dt.datetime | None = None) -> list[OfficeOutcome]:
    """The files already read (read_returned, e.g. on a worker thread), taken in as one transaction."""
    if not returned:
        return []
    _backup_first(db)
    outcomes: list[OfficeOutcome] = []
    with db.transaction() as session:
        batch = _Batch(session, plan_key, (lambda _path: received) if received else _file_date,
                       (now or dt.datetime.now()).replace(microsecond=0), {}, unit_namer(session))
        for file in returned:
            try:
                outcomes.append(_take(batch, file))
                session.flush()
            except SetAside as aside:
                outcomes.append(OfficeOutcome(str(file.path), aside.status, aside.reason))
    for outcome in outcomes:
        log.info("导入报送文件 %s：%s %s", outcome.file, outcome.status, outcome.reason)
    if any(o.status == ACCEPTED for o in outcomes):
        db.hub.emit(Change(TOPIC, plan_key, None, {"imported": sum(o.status == ACCEPTED for o in outcomes)}))
    return outcomes


def header_words(db: Database, plan_key: str | None) -> list[str]:
    """Every column header the plan's forms (and the bundled ones) print: how a file's header row is found."""
    from gwr_desktop.domain.form_defs import default_definition
    from gwr_desktop.services.form_content import definitions

    words = {c.header for kind in FormKind for c in default_definition(kind).columns}
    try:
        if plan_key:
            words |= {c.header for d in definitions(db, plan_key).values() for c in d.columns}
    except UnknownPlanError:
        pass
    return sorted(words)


def _backup_first(db: Database) -> None:
    if db.read_only is not None:
        raise DatabaseReadOnlyError(db.read_only)
    if db.url in _backed_up:
        return
    try:
        backup_before(db.url, "office-import")
    except BackupError as error:
        raise FormInputError(f"导入前无法备份当前数据，为安全起见没有导入：{error}") from error
    _backed_up.add(db.url)


def _file_date(path: Path) -> dt.date:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.date.today()


def _take(batch: _Batch, file: ReturnedFile) -> OfficeOutcome:
    if file.error:
        raise SetAside(file.error)
    placed = _by_manifest(batch, file) if file.manifest is not None else _by_print(batch, file)
    content = _content(placed, file)
    edited = None if placed.matched else file.edited
    _not_seen(batch, placed, file)
    current = _current(batch.session, placed)
    if current is not None and _older(placed.version, current):
        raise SetAside(f"已收到{placed.unit.name}更新的第 {current.version} 版（{current.file_name}），"
                       f"这份是第 {placed.version if placed.version is not None else '—'} 版，没有替换。")
    row = om.OfficeReturn(
        plan_id=placed.plan.id, unit_id=placed.unit.id, kind=placed.kind.value, quarter=placed.quarter,
        version=placed.version, source="matched" if placed.matched else "manifest", confirmed=placed.matched is None,
        edited=bool(edited), checkable=edited is not None, file_name=file.name, file_sha256=file.sha256,
        cells_digest=file.digest, document_digest=str((file.manifest or {}).get("digest") or ""),
        received_on=batch.received(file.path), imported_at=batch.now, content_json=json.dumps(content,
                                                                                              ensure_ascii=False),
        current=True, note=placed.matched.how if placed.matched else "")
    if current is not None:
        current.current = False
    batch.session.add(row)
    return OfficeOutcome(str(file.path), ACCEPTED, _accepted_reason(placed, edited, current), placed.unit.name,
                         placed.kind.value, placed.quarter or None, placed.version, bool(edited),
                         placed.matched is not None)


def _accepted_reason(placed: _Placed, edited: bool | None, current: om.OfficeReturn | None) -> str:
    round_name = _round_name(placed.kind, placed.quarter, placed.scope)
    parts = [f"{placed.unit.name} {round_name}" + (f" 第 {placed.version} 版" if placed.version else "")]
    if placed.matched:
        parts.append(f"没有导出清单，按{placed.matched.how}识别，请确认")
    if edited:
        parts.append("导出后被修改过")
    if current is not None:
        parts.append(f"替换了此前收到的 {current.file_name}")
    return "；".join(parts) + "。"


def _round_name(kind: FormKind, quarter: int, scope: PlanScope) -> str:
    definition = scope.definitions.get(kind)
    label = definition.display_name if definition else kind.value
    return f"{label}{quarter_label(quarter)}" if kind is FormKind.PROGRESS else label


def _by_manifest(batch: _Batch, file: ReturnedFile) -> _Placed:
    manifest = file.manifest or {}
    form = str(manifest.get("form") or "")
    if form == "contribution":
        raise SetAside(f"这是{manifest.get('unit', '')}报送{manifest.get('lead', '')}的配合材料，应由牵头单位导入，"
                       "不是报送督查室的表格。")
    if form not in {k.value for k in FormKind}:
        raise SetAside(f"导出清单中的表格“{describe(manifest)}”不是附表1/2/3，没有导入。")
    plan = _plan(batch, str(manifest.get("plan") or ""))
    scope = batch.scope(plan)
    kind = FormKind(form)
    if kind not in scope.definitions:
        raise SetAside(f"方案 {plan.key} 没有{describe(manifest)}，没有导入。")
    unit = _unit(batch, str(manifest.get("unit") or ""))
    quarter = manifest.get("quarter") if kind is FormKind.PROGRESS else 0
    if kind is FormKind.PROGRESS and (not isinstance(quarter, int) or isinstance(quarter, bool)
                                      or not 1 <= quarter <= 4):
        raise SetAside(f"导出清单中的季度“{quarter}”无效，没有导入。")
    version = manifest.get("version")
    version = version if isinstance(version, int) and not isinstance(version, bool) and version > 0 else None
    return _Placed(plan, scope, unit, kind, int(quarter or 0), version, None)


def _by_print(batch: _Batch, file: ReturnedFile) -> _Placed:
    plan = _plan(batch, batch.plan_key or _only_plan(batch.session))
    scope = batch.scope(plan)
    found = match_file(file.table.before, file.table.headers, scope.definitions, batch.named)
    if isinstance(found, str):
        raise SetAside(f"{found}：{file.name}")
    return _Placed(plan, scope, _unit(batch, found.unit), found.kind, found.quarter or 0, None, found)


def _only_plan(session: Session) -> str:
    from gwr_desktop.services.preferences import resolve_current_plan

    key = resolve_current_plan(session)
    if key is None:
        raise SetAside("数据库中还没有方案，无法识别报送文件。")
    return key


def _plan(batch: _Batch, key: str) -> m.Plan:
    if batch.plan_key and key != batch.plan_key:
        raise SetAside(f"这份文件属于 {key} 年度方案，当前导入的是 {batch.plan_key} 年度方案，没有导入。")
    try:
        return plan_row(batch.session, key)
    except UnknownPlanError as error:
        raise SetAside(f"这份文件属于方案“{key}”，本数据库中没有这个方案，请先导入该方案。") from error


def _unit(batch: _Batch, name: str) -> m.Unit:
    canonical = batch.named(name)
    row = batch.session.scalars(select(m.Unit).where(m.Unit.name == (canonical or name))).first()
    if row is None:
        raise SetAside(f"报送单位“{name}”不在单位名录中，没有导入。")
    return row


def _content(placed: _Placed, file: ReturnedFile) -> dict:
    definition = placed.scope.definitions[placed.kind]
    if placed.kind is FormKind.CONTACTS:
        people = read_people(file.table, definition)
        if not people.people and not file.table.found:
            raise SetAside(f"读不出文件中的名单表格（找不到表头）：{file.name}")
        return {"people": [{"role": p.role, "values": p.values} for p in people.people]}
    items = placed.scope.items.values()
    form = read_items(file.table, definition, resolver((i.key, i.part, i.number, i.text) for i in items))
    if not file.table.found:
        raise SetAside(f"读不出文件中的表格（找不到“序号”“责任事项”等表头）：{file.name}")
    return {"items": {item.key: {"values": item.values, "entries": item.entries} for item in form.items},
            "unplaced": form.unplaced, "missing_columns": form.missing_columns}


def _not_seen(batch: _Batch, placed: _Placed, file: ReturnedFile) -> None:
    same = batch.session.scalars(select(om.OfficeReturn).where(
        om.OfficeReturn.plan_id == placed.plan.id, om.OfficeReturn.file_sha256 == file.sha256)).first()
    if same is not None:
        raise SetAside(f"这个文件已于 {same.imported_at:%Y-%m-%d %H:%M} 导入过，没有改动。", DUPLICATE)
    twin = batch.session.scalars(select(om.OfficeReturn).where(
        om.OfficeReturn.plan_id == placed.plan.id, om.OfficeReturn.unit_id == placed.unit.id,
        om.OfficeReturn.kind == placed.kind.value, om.OfficeReturn.quarter == placed.quarter,
        om.OfficeReturn.cells_digest == file.digest)).first()
    if twin is not None:
        raise SetAside(f"与已收到的 {twin.file_name} 内容相同（同一份表格的另一种格式或副本），没有改动。", DUPLICATE)


def _current(session: Session, placed: _Placed) -> om.OfficeReturn | None:
    return session.scalars(select(om.OfficeReturn).where(
        om.OfficeReturn.plan_id == placed.plan.id, om.OfficeReturn.unit_id == placed.unit.id,
        om.OfficeReturn.kind == placed.kind.value, om.OfficeReturn.quarter == placed.quarter,
        om.OfficeReturn.current.is_(True))).first()


def _older(version: int | None, current: om.OfficeReturn) -> bool:
    """A file replaces the current return unless the current one is a later signed version."""
    return current.version is not None and (version is None or version < current.version)


def confirm(db: Database, return_id: int) -> None:
    """A person has checked a return placed by its unit name and title: it counts as matched by manifest."""
    with db.transaction() as session:
        row = session.get(om.OfficeReturn, return_id)
        if row is None:
            raise FormInputError(f"没有编号为 {return_id} 的报送记录。")
        row.confirmed = True
        plan = session.get(m.Plan, row.plan_id)
        key = plan.key if plan else None
    db.hub.emit(Change(TOPIC, key, None, {"confirmed": return_id}))
