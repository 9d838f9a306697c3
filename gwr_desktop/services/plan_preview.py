"""Read a plan document and say what importing it would do — without writing anything.

    preview = preview_plan(db, path)      # parse + what the review dialog shows; the database is only read
    commit_plan(db, preview, make_current=False)   # services/plan_import.py: one transaction

Everything the review shows is computed here from the ParsedPlan, the unit registry and a read-only look at
the database (which units it already knows, whether this document is already imported, which plan is
current), so the window and `import-plan --dry-run` show the same figures.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from gwr_desktop.domain.plan import (
    Assignment,
    Deadline,
    FormSetting,
    LeadRule,
    ParsedPlan,
    PlanItem,
    PlanMeta,
    Problem,
    Role,
)
from gwr_desktop.domain.plan_parser import PlanParseError, parse_plan_file
from gwr_desktop.domain.plan_review import ReviewFlag, UnitCount, UnitCounter, review_flags
from gwr_desktop.domain.plan_source import PlanSourceError
from gwr_desktop.domain.units import UnitRegistry
from gwr_desktop.paths import registry_path
from gwr_desktop.services.database import Database
from gwr_desktop.services.preferences import UNIT_KEY, read_setting, resolve_current_plan
from gwr_desktop.storage import models as m

KNOWN, UNREGISTERED, NEW = "known", "unregistered", "new"  # UnitFound.status


class PlanImportError(ValueError):
    """The plan could not be imported; the database is unchanged. The message is for the user."""


@dataclass(frozen=True)
class UnitFound:
    """A name the plan's clauses use: a registry unit or group, a name met before, or a new name."""

    name: str
    kind: str  # registry kind ("group", "district_government", …; "unknown" for a name it lacks)
    status: str  # KNOWN (in the registry) | UNREGISTERED (met in an earlier plan) | NEW (never seen)
    count: UnitCount


@dataclass(frozen=True)
class PartFound:
    numeral: str
    title: str
    items: int
    expected: int | None = None  # as the notice states it, when it does


@dataclass(frozen=True)
class PlanPreview:
    parsed: ParsedPlan
    registry: UnitRegistry  # the one the parser resolved names with; the commit stores it
    source_name: str
    source_format: str  # "txt" | "docx" | "xlsx" | "pdf"
    parts: tuple[PartFound, ...]
    units: tuple[UnitFound, ...]  # every name the clauses use, in order of first appearance
    counts: dict[str, UnitCount] = field(default_factory=dict)  # any unit (registry or plan) → its count
    officer: str | None = None  # the unit chosen in this database, when it is in the registry
    flags: tuple[ReviewFlag, ...] = ()
    existing_key: str | None = None  # this very document is already imported under that key
    conflict: str | None = None  # why importing would be refused (its 文号 is taken by other content)
    current_key: str | None = None  # the current plan before the import

    @property
    def meta(self) -> PlanMeta:
        return self.parsed.meta

    @property
    def problems(self) -> list[Problem]:
        return self.parsed.problems

    @property
    def deadlines(self) -> list[Deadline]:
        return self.parsed.deadlines

    @property
    def forms(self) -> list[FormSetting]:
        return self.parsed.forms

    @property
    def lead_rule(self) -> LeadRule | None:
        return self.parsed.lead_rule

    @property
    def officer_count(self) -> UnitCount | None:
        return self.counts.get(self.officer, UnitCount()) if self.officer else None

    @property
    def new_units(self) -> list[str]:
        return [unit.name for unit in self.units if unit.status == NEW]

    @property
    def make_current_by_default(self) -> bool:
        """Only the first plan becomes current unasked; otherwise the officer decides (default: no)."""
        return self.current_key is None


def read_plan_file(path: Path, registry: UnitRegistry) -> ParsedPlan:
    """The parser's reading of the file; a refused file raises PlanImportError with the parser's message."""
    try:
        return parse_plan_file(path, registry)
    except (PlanSourceError, PlanParseError) as error:
        raise PlanImportError(str(error)) from error


def preview_plan(db: Database, path: Path, registry: UnitRegistry | None = None) -> PlanPreview:
    registry = registry or UnitRegistry.from_json(registry_path())
    parsed = read_plan_file(path, registry)
    return preview_parsed(db, parsed, registry, path.name, source_format(parsed, path))


def preview_parsed(db: Database, parsed: ParsedPlan, registry: UnitRegistry, source_name: str,
                   source_format: str) -> PlanPreview:
    """The review of a plan already read (the database is only read)."""
    counter = UnitCounter(parsed.items, registry)
    digest = content_digest(parsed)
    with db.reading() as session:
        stored = dict(session.execute(select(m.Unit.name, m.Unit.registered)).all())
        officer = read_setting(session, UNIT_KEY)
        officer = officer if officer in registry.units else None
        same = same_document(session, parsed, digest)
        conflict = None if same is not None else doc_number_conflict(session, parsed)
        current = resolve_current_plan(session)
    names = counter.named()
    return PlanPreview(
        parsed=parsed, registry=registry, source_name=source_name, source_format=source_format,
        parts=_parts(parsed), units=tuple(_unit_found(name, registry, stored, counter) for name in names),
        counts={name: counter.of(name) for name in dict.fromkeys([*registry.units, *registry.groups, *names])},
        officer=officer, flags=tuple(review_flags(parsed, counter, officer)),
        existing_key=same.key if same is not None else None, conflict=conflict, current_key=current,
    )


def source_format(parsed: ParsedPlan, path: Path) -> str:
    return parsed.source_format or path.suffix.lower().lstrip(".") or "txt"


def content_digest(parsed: ParsedPlan) -> str:
    """A digest of what the importer understood, independent of line breaks and of the file's format.

    Fields the 2023 reader did not have (printed leader and deadline, roles after a rule other than the 2023
    one) enter only when present, so a plan imported before them keeps its digest. The lead rule itself
    enters through the roles it decides: two wordings of the same rule are the same plan.
    """
    payload: dict = {
        "meta": asdict(parsed.meta),
        "items": [[i.key, i.text, i.clause, i.section, i.heading,
                   [[a.role.value, a.unit, a.via, a.scope] for a in i.assignments], *_item_extras(i)]
                  for i in parsed.items],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def _item_extras(item: PlanItem) -> list:
    """Roles after the rule only where they differ from the 2023 rule's (no lead printed: the 责任单位 lead)."""
    extras: dict = {"leader": item.leader, "deadline": item.deadline}
    effective = [a.effective_role for a in item.assignments]
    if effective != _no_lead_rule(item.assignments):
        extras["effective"] = [role.value if role else None for role in effective]
    extras = {key: value for key, value in extras.items() if value}
    return [extras] if extras else []


def _no_lead_rule(assignments: tuple[Assignment, ...]) -> list[Role]:
    """domain.roles.effective_role for every assignment at once (linear: a digest covers every item)."""
    led_scopes = {a.scope for a in assignments if a.role is Role.LEAD}
    return [Role.LEAD if a.role is Role.LEAD or a.scope not in led_scopes and (a.scope is not None or not led_scopes)
            else Role.RESPONSIBLE for a in assignments]


def same_document(session: Session, parsed: ParsedPlan, digest: str) -> m.Plan | None:
    """The plan this document was already imported as: the same understanding, or the very same text."""
    query = select(m.Plan).where(or_(m.Plan.content_digest == digest, m.Plan.source_digest == parsed.source_digest))
    return session.scalars(query.order_by(m.Plan.id)).first()


def doc_number_conflict(session: Session, parsed: ParsedPlan) -> str | None:
    """Another plan holds this 文号 with other content: importing would shift forms already filled in."""
    number = parsed.meta.doc_number
    taken = session.scalars(select(m.Plan).where(m.Plan.doc_number == number)).first() if number else None
    if taken is None:
        return None
    return (f"文号为 {number} 的方案已经导入（{taken.key}），但本文件内容与之不同。"
            "为避免已填写的表格错位，未作任何改动。")


def _parts(parsed: ParsedPlan) -> tuple[PartFound, ...]:
    counts = parsed.per_part()
    return tuple(PartFound(part.numeral, part.title, counts.get(part.numeral, 0),
                           parsed.expected_items.get(part.numeral))
                 for part in parsed.parts)


def _unit_found(name: str, registry: UnitRegistry, stored: dict[str, bool], counter: UnitCounter) -> UnitFound:
    known = name in registry.units or name in registry.groups
    status = KNOWN if known else UNREGISTERED if name in stored else NEW
    return UnitFound(name=name, kind=registry.kind_of(name), status=status, count=counter.of(name))
