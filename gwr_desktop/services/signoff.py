"""Exporting forms and signing them off (定稿): frozen numbered documents, their files, and their history.

Sign-off checks completeness (nothing is written when something is missing), freezes the whole document as
version N — the layout as rendered (label, title, header fields, columns and widths, rows, part headings, the
unit's name as printed, notes, page) with the parts of its file names — writes the files into the unit's
submission folder, then records it all in one transaction. A signed version never changes; editing afterwards
makes the next sign-off N+1, and any version re-exports from its frozen document: the same text, layout and
file names whatever changed since (form definitions, labels, the unit registry, the app).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwr_desktop.domain.completeness import missing_fields
from gwr_desktop.domain.forms import FormContent
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports import snapshot
from gwr_desktop.exports.fonts import default_fonts
from gwr_desktop.exports.layout import FormLayout, build_layout, document_digest
from gwr_desktop.exports.mail import mail_body, mail_subject
from gwr_desktop.exports.snapshot import SignedDocument
from gwr_desktop.exports.writer import FORMATS, file_names, write_form
from gwr_desktop.services.catalogue import find_unit, plan_row, plan_section_titles
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.form_content import load_content
from gwr_desktop.storage.signoff_models import FormSubmission, FormVersion

log = logging.getLogger(__name__)


class IncompleteFormError(ValueError):
    """The form lacks required values; `missing` lists them in Chinese. Nothing was written."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("表格尚未填写完整，不能定稿：\n" + "\n".join(f"  · {line}" for line in missing))
        self.missing = missing


class UnchangedSinceSignoffError(ValueError):
    """The document equals the last signed version; re-export that version instead of signing again."""


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
    changed: bool  # the document as it stands differs from the last signed one (True when none is signed)


@dataclass(frozen=True)
class FormContext:
    year: int
    part_titles: dict[str, str]
    # Where the plan numbers items afresh in each section: key prefix → the section as printed
    # ({"二-(二)": "（二）着力促进消费"}), printed above the section's items.
    section_titles: dict[str, str] = field(default_factory=dict)


def form_context(db: Database, plan_key: str) -> FormContext:
    """The plan's year, its part titles ("二、重点工作") in order, and its sections where keys name them."""
    with db.reading() as session:
        plan = plan_row(session, plan_key)
        return FormContext(plan.year, {p.numeral: f"{p.numeral}、{p.title}" for p in plan.parts},
                           plan_section_titles(session, plan))


def layout_for(db: Database, content: FormContent, version: int | None = None) -> tuple[FormLayout, FormContext]:
    context = form_context(db, content.plan_key)
    layout = build_layout(content, part_titles=context.part_titles, version=version,
                          section_titles=context.section_titles)
    # An unsigned layout prints 草稿; the fonts are part of what a signed version freezes.
    return replace(layout, draft=version is None, fonts=layout.fonts or default_fonts()), context


def document_for(db: Database, content: FormContent, version: int | None = None) -> SignedDocument:
    layout, context = layout_for(db, content, version)
    return SignedDocument(layout=layout, year=context.year, form_name=content.definition.name)


def _names(document: SignedDocument, formats: Sequence[str]) -> dict[str, str]:
    return file_names(document.layout, document.year, document.form_name, formats)


def export_form(db: Database, plan_key: str, unit: str, kind: FormKind, folder: Path, *,
                quarter: int | None = None, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write the form as it stands now (an unsigned draft: no version in the name)."""
    document = document_for(db, load_content(db, plan_key, unit, FormKind(kind), quarter))
    paths = write_form(document.layout, folder, _names(document, formats))
    log.info("导出（草稿）%s %s：%s", unit, FormKind(kind).value, "、".join(str(p) for p in paths))
    return paths


def draft_state(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None) -> DraftState:
    return draft_state_of(db, load_content(db, plan_key, unit, FormKind(kind), quarter))


def draft_state_of(db: Database, content: FormContent, layout: FormLayout | None = None) -> DraftState:
    """draft_state for content already loaded (the dashboard has it in hand); compares printed documents."""
    history = versions(db, content.plan_key, content.unit, content.kind, content.quarter)
    last = history[-1] if history else None
    if last is None:
        return DraftState(last=None, next_version=1, changed=True)
    current = layout or layout_for(db, content)[0]
    changed = document_digest(current) != document_digest(frozen_document(db, last.id).layout)
    return DraftState(last=last, next_version=last.version + 1, changed=changed)


def check_complete(db: Database, plan_key: str, unit: str, kind: FormKind, quarter: int | None = None) -> None:
    """Raise IncompleteFormError listing what the form still lacks."""
    missing = missing_fields(load_content(db, plan_key, unit, FormKind(kind), quarter))
    if missing:
        raise IncompleteFormError(missing)


def sign_off(db: Database, plan_key: str, unit: str, kind: FormKind, folder: Path, *,
             quarter: int | None = None, formats: Sequence[str] = FORMATS) -> tuple[SignedVersion, list[Path]]:
    """Check, freeze as the next version, write the files, record. Raises IncompleteFormError (nothing written),
    UnchangedSinceSignoffError, or ExportWriteError (no file left behind, nothing recorded)."""
    content = load_content(db, plan_key, unit, FormKind(kind), quarter)
    missing = missing_fields(content)
    if missing:
        raise IncompleteFormError(missing)
    state = draft_state_of(db, content)
    if not state.changed and state.last is not None:
        raise UnchangedSinceSignoffError(
            f"内容与已定稿的第 {state.last.version} 版相同，无需再次定稿；如需文件，请在定稿记录中重新导出该版本。")
    document = document_for(db, content, version=state.next_version)
    paths = write_form(document.layout, folder, _names(document, formats))
    try:
        signed = _record(db, content, document, folder, paths)
    except BaseException:
        for path in paths:  # the record failed: take the files back so nothing claims a version that is not there
            path.unlink(missing_ok=True)
        raise
    log.info("定稿 %s %s 第 %d 版：%s", content.unit, content.kind.value, signed.version,
             "、".join(str(p) for p in paths))
    db.hub.emit(Change("signoff", plan_key, content.unit, {"kind": content.kind.value, "quarter": quarter,
                                                           "version": signed.version}))
    return signed, paths


def _record(db: Database, content: FormContent, document: SignedDocument, folder: Path,
            paths: list[Path]) -> SignedVersion:
    now = dt.datetime.now().replace(microsecond=0)
    with db.transaction() as session:
        plan = plan_row(session, content.plan_key)
        unit = find_unit(session, content.unit)
        row = FormVersion(plan_id=plan.id, unit_id=unit.id, kind=content.kind.value, quarter=content.quarter or 0,
                          version=document.layout.manifest.version, content_json=snapshot.to_json(content, document),
                          digest=document.layout.manifest.digest, signed_at=now)
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
    """The content as signed in that version."""
    with db.reading() as session:
        return snapshot.content_from_json(_version(session, version_id).content_json)


def frozen_document(db: Database, version_id: int) -> SignedDocument:
    """The document as signed in that version: what its re-export writes and its preview shows."""
    with db.reading() as session:
        return snapshot.document_from_json(_version(session, version_id).content_json)


def frozen_layout(db: Database, version_id: int) -> FormLayout:
    return frozen_document(db, version_id).layout


def reexport(db: Database, version_id: int, folder: Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Write a signed version again from exactly its frozen document, and note it in the record."""
    document = frozen_document(db, version_id)
    paths = write_form(document.layout, folder, _names(document, formats))
    with db.transaction() as session:
        session.add(_submission(version_id, "reexport", folder, paths, dt.datetime.now().replace(microsecond=0)))
    manifest = document.layout.manifest
    log.info("重新导出 %s %s 第 %s 版：%s", manifest.unit, manifest.form, manifest.version,
             "、".join(str(p) for p in paths))
    return paths


def mail_text(db: Database, signed: SignedVersion, paths: Sequence[Path]) -> tuple[str, str]:
    """Subject and body of the e-mail to the 督查室 for the files of a signed version (as it was signed)."""
    document = frozen_document(db, signed.id)
    label, name = document.layout.label, document.form_name
    subject = mail_subject(document.year, signed.unit, label, name, quarter=signed.quarter, version=signed.version)
    body = mail_body(signed.unit, label, name, paths, quarter=signed.quarter, version=signed.version)
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
