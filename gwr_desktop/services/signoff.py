"""Exporting forms and signing them off (定稿): frozen numbered versions, their files, and their history.

Sign-off checks completeness (nothing is written when something is missing), freezes the content as version
N (snapshot JSON, time, digest), writes the files into the unit's submission folder, then records it all in
one transaction. A signed version never changes; editing afterwards simply makes the next sign-off N+1, and
any version can be re-exported from its frozen snapshot, byte-for-byte the same content.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwr_desktop.domain.completeness import missing_fields
from gwr_desktop.domain.form_defs import load_definition
from gwr_desktop.domain.plan import FormKind, FormSetting
from gwr_desktop.exports import snapshot
from gwr_desktop.exports.layout import FormLayout, build_layout
from gwr_desktop.exports.mail import mail_body, mail_subject
from gwr_desktop.exports.snapshot import FormContent
from gwr_desktop.exports.writer import FORMATS, file_names, write_form
from gwr_desktop.services.catalogue import UnknownPlanError, find_unit, plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_content import load_content
from gwr_desktop.storage import models as m
from gwr_desktop.storage.signoff_models import FormSubmission, FormVersion

log = logging.getLogger(__name__)


class IncompleteFormError(ValueError):
    """The form lacks required values; `missing` lists them in Chinese. Nothing was written."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("表格尚未填写完整，不能定稿：\n" + "\n".join(f"  · {line}" for line in missing))
        self.missing = missing


class UnchangedSinceSignoffError(ValueError):
    """The content equals the last signed version; re-export that version instead of signing again."""


class UnknownVersionError(LookupError):
    """No such signed version. The message is for the user."""


@dataclass(frozen=True)
class SignedVersion:
    id: int
    plan_key: str
    unit: str
    kind: FormKind
    quarter: int | None
    version: int
    digest: str
    signed_at: dt.datetime
    files: tuple[str, ...] = ()  # names written at sign-off
    folder: str = ""


@dataclass(frozen=True)
class DraftState:
    last: SignedVersion | None
    next_version: int
    changed: bool  # the current content differs from the last signed version (True when none is signed)


@dataclass(frozen=True)
class FormContext:
    year: int
    setting: FormSetting
    part_titles: dict[str, str]


def form_context(db: Database, plan_key: str, kind: FormKind) -> FormContext:
    """The plan's year, its numbering/title of this form and its part titles ("二、重点工作")."""
    with db.reading() as session:
        plan = plan_row(session, plan_key)
        row = session.scalars(select(m.PlanForm).where(m.PlanForm.plan_id == plan.id,
                                                       m.PlanForm.kind == FormKind(kind).value)).first()
        if row is None:
            raise UnknownPlanError(f"方案 {plan_key} 没有“{FormKind(kind).value}”表格的设置。")
        parts = {p.numeral: f"{p.numeral}、{p.title}" for p in plan.parts}
        return FormContext(plan.year, FormSetting(FormKind(row.kind), row.label, row.title_pattern), parts)


def layout_for(db: Database, content: FormContent, version: int | None = None) -> tuple[FormLayout, FormContext]:
    kind = snapshot.kind_of(content)
    context = form_context(db, content.plan_key, kind)
    layout = build_layout(content, context.setting, load_definition(kind), part_titles=context.part_titles,
                          version=version)
    return layout, context


def export_form(db: Database, plan_key: str, unit: str, kind: FormKind, folder: Path, *,
                quarter: int | None = None, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write the form as it stands now (an unsigned draft: no version in the name)."""
    content = load_content(db, plan_key, unit, FormKind(kind), quarter)
    layout, context = layout_for(db, content)
    paths = write_form(layout, folder, file_names(layout, context.year, load_definition(kind).name, formats))
    log.info("导出（草稿）%s %s：%s", content.unit, FormKind(kind).value, "、".join(str(p) for p in paths))
    return paths


def draft_state(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None) -> DraftState:
    return draft_state_of(db, load_content(db, plan_key, unit, FormKind(kind), quarter))


def draft_state_of(db: Database, content: FormContent) -> DraftState:
    """draft_state for content already loaded (the dashboard has it in hand)."""
    kind, quarter = snapshot.kind_of(content), getattr(content, "quarter", None)
    history = versions(db, content.plan_key, content.unit, kind, quarter)
    last = history[-1] if history else None
    changed = last is None or last.digest != snapshot.digest(content)
    return DraftState(last=last, next_version=(last.version + 1) if last else 1, changed=changed)


def check_complete(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None) -> None:
    """Raise IncompleteFormError listing what the form still lacks."""
    missing = missing_fields(load_content(db, plan_key, unit, FormKind(kind), quarter))
    if missing:
        raise IncompleteFormError(missing)


def sign_off(db: Database, plan_key: str, unit: str, kind: FormKind, folder: Path, *,
             quarter: int | None = None, formats: Sequence[str] = FORMATS) -> tuple[SignedVersion, list[Path]]:
    """Check, freeze as the next version, write the files, record. Raises IncompleteFormError (nothing written),
    UnchangedSinceSignoffError, or ExportWriteError (no file left behind, nothing recorded)."""
    kind = FormKind(kind)
    content = load_content(db, plan_key, unit, kind, quarter)
    missing = missing_fields(content)
    if missing:
        raise IncompleteFormError(missing)
    state = draft_state(db, plan_key, content.unit, kind, quarter)
    if not state.changed:
        raise UnchangedSinceSignoffError(
            f"内容与已定稿的第 {state.last.version} 版相同，无需再次定稿；如需文件，请在定稿记录中重新导出该版本。")
    layout, context = layout_for(db, content, version=state.next_version)
    names = file_names(layout, context.year, load_definition(kind).name, formats)
    paths = write_form(layout, folder, names)
    try:
        signed = _record(db, content, state.next_version, folder, paths)
    except BaseException:
        for path in paths:  # the record failed: take the files back so nothing claims a version that is not there
            path.unlink(missing_ok=True)
        raise
    log.info("定稿 %s %s 第 %d 版：%s", content.unit, kind.value, signed.version, "、".join(str(p) for p in paths))
    db.hub.emit(Change("signoff", plan_key, content.unit, {"kind": kind.value, "quarter": quarter,
                                                           "version": signed.version}))
    return signed, paths


def _record(db: Database, content: FormContent, version: int, folder: Path, paths: list[Path]) -> SignedVersion:
    now = dt.datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        plan = plan_row(session, content.plan_key)
        unit = find_unit(session, content.unit)
        row = FormVersion(plan_id=plan.id, unit_id=unit.id, kind=snapshot.kind_of(content).value,
                          quarter=snapshot.quarter_of(content) or 0, version=version,
                          content_json=snapshot.to_json(content), digest=snapshot.digest(content), signed_at=now)
        session.add(row)
        session.flush()
        session.add(_submission(row.id, "signoff", folder, paths, now))
        session.flush()
        return _snapshot(row, plan.key, unit.name, paths, folder)


def versions(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None) -> list[SignedVersion]:
    """Signed versions of one form, oldest first."""
    with db.reading() as session:
        plan = plan_row(session, plan_key)
        unit_row = find_unit(session, unit)
        rows = session.scalars(select(FormVersion).where(
            FormVersion.plan_id == plan.id, FormVersion.unit_id == unit_row.id,
            FormVersion.kind == FormKind(kind).value, FormVersion.quarter == (quarter or 0),
        ).order_by(FormVersion.version)).all()
        return [_snapshot(row, plan.key, unit_row.name) for row in rows]


def frozen_content(db: Database, version_id: int) -> FormContent:
    with db.reading() as session:
        return snapshot.from_json(_version(session, version_id).content_json)


def reexport(db: Database, version_id: int, folder: Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write a signed version again from exactly its frozen content, and note it in the record."""
    content = frozen_content(db, version_id)
    with db.reading() as session:
        number = _version(session, version_id).version
    layout, context = layout_for(db, content, version=number)
    paths = write_form(layout, folder, file_names(layout, context.year, load_definition(
        snapshot.kind_of(content)).name, formats))
    with db.transaction() as session:
        session.add(_submission(version_id, "reexport", folder, paths, dt.datetime.now().replace(microsecond=0)))
    log.info("重新导出 %s 第 %d 版：%s", content.unit, number, "、".join(str(p) for p in paths))
    return paths


def mail_text(db: Database, signed: SignedVersion, paths: Sequence[Path]) -> tuple[str, str]:
    """Subject and body of the e-mail to the 督查室 for the files of a signed version."""
    context = form_context(db, signed.plan_key, signed.kind)
    name = load_definition(signed.kind).name
    subject = mail_subject(context.year, signed.unit, context.setting.label, name, quarter=signed.quarter,
                           version=signed.version)
    body = mail_body(signed.unit, context.setting.label, name, paths, quarter=signed.quarter,
                     version=signed.version)
    return subject, body


def default_submission_root() -> Path:
    """Where submissions go unless the user picks another folder: 文档/政府工作报告报送."""
    import platformdirs

    return platformdirs.user_documents_path() / "政府工作报告报送"


def signed_count(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(FormVersion)) or 0


def _submission(version_id: int, occasion: str, folder: Path, paths: list[Path], when: dt.datetime) -> FormSubmission:
    return FormSubmission(version_id=version_id, occasion=occasion, written_at=when, folder=str(Path(folder).resolve()),
                          files=json.dumps([p.name for p in paths], ensure_ascii=False))


def _snapshot(row: FormVersion, plan_key: str, unit: str, paths: Sequence[Path] = (),
              folder: Path | str = "") -> SignedVersion:
    if not paths and row.submissions:
        first = row.submissions[0]
        names, folder = tuple(json.loads(first.files)), first.folder
    else:
        names = tuple(p.name for p in paths)
    return SignedVersion(id=row.id, plan_key=plan_key, unit=unit, kind=FormKind(row.kind),
                         quarter=row.quarter or None, version=row.version, digest=row.digest,
                         signed_at=row.signed_at, files=names, folder=str(folder))


def _version(session: Session, version_id: int) -> FormVersion:
    row = session.get(FormVersion, version_id)
    if row is None:
        raise UnknownVersionError(f"没有编号为 {version_id} 的定稿记录。")
    return row
