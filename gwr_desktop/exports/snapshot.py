"""Form content snapshots to and from plain JSON, and the digest that identifies a content exactly.

A signed version stores this JSON; re-exporting it rebuilds the very same snapshot, so the files match.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from enum import Enum
from typing import Any

from gwr_desktop.domain.forms import (
    ContactPerson,
    ContactRole,
    ContactsFormContent,
    PeriodKind,
    PlanFormContent,
    PlanFormItem,
    ProgressFormContent,
    ProgressFormItem,
    ProgressStatus,
    WorkEntry,
    WorkPeriod,
)
from gwr_desktop.domain.plan import FormKind, OfficeContact

FormContent = PlanFormContent | ContactsFormContent | ProgressFormContent
SNAPSHOT_SCHEMA = 1


def kind_of(content: FormContent) -> FormKind:
    if isinstance(content, PlanFormContent):
        return FormKind.PLAN
    if isinstance(content, ContactsFormContent):
        return FormKind.CONTACTS
    if isinstance(content, ProgressFormContent):
        return FormKind.PROGRESS
    raise TypeError(f"not a form content: {type(content).__name__}")


def quarter_of(content: FormContent) -> int | None:
    return content.quarter if isinstance(content, ProgressFormContent) else None


def to_dict(content: FormContent) -> dict[str, Any]:
    return {"schema": SNAPSHOT_SCHEMA, "kind": kind_of(content).value, "content": _plain(content)}


def to_json(content: FormContent) -> str:
    """Canonical JSON: sorted keys, no extra spaces, so equal contents give equal text and digest."""
    return json.dumps(to_dict(content), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(content: FormContent) -> str:
    return hashlib.sha256(to_json(content).encode("utf-8")).hexdigest()


def from_json(text: str) -> FormContent:
    data = json.loads(text)
    if data.get("schema") != SNAPSHOT_SCHEMA:
        raise ValueError(f"unknown snapshot schema {data.get('schema')!r}")
    builder = _BUILDERS[FormKind(data["kind"])]
    return builder(data["content"])


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _period(data: dict | None) -> WorkPeriod | None:
    if data is None:
        return None
    return WorkPeriod(kind=PeriodKind(data["kind"]), start=data.get("start"), end=data.get("end"))


def _plan(data: dict) -> PlanFormContent:
    items = tuple(
        PlanFormItem(key=i["key"], part=i["part"], number=i["number"], text=i["text"],
                     entries=tuple(WorkEntry(e["content"], _period(e.get("period"))) for e in i.get("entries", ())),
                     leader=i.get("leader", ""), department=i.get("department", ""))
        for i in data.get("items", ())
    )
    return PlanFormContent(plan_key=data["plan_key"], unit=data["unit"], principal=data.get("principal", ""),
                           items=items)


def _contacts(data: dict) -> ContactsFormContent:
    people = tuple(ContactPerson(role=ContactRole(p["role"]), name=p.get("name", ""), title=p.get("title", ""),
                                 office_phone=p.get("office_phone", ""), mobile=p.get("mobile", ""))
                   for p in data.get("people", ()))
    office = tuple(OfficeContact(**c) for c in data.get("office_contacts", ()))
    return ContactsFormContent(plan_key=data["plan_key"], unit=data["unit"], people=people, office_contacts=office)


def _progress(data: dict) -> ProgressFormContent:
    items = tuple(
        ProgressFormItem(key=i["key"], part=i["part"], number=i["number"], text=i["text"],
                         progress=i.get("progress", ""),
                         status=ProgressStatus(i["status"]) if i.get("status") else None,
                         figure=i.get("figure", ""))
        for i in data.get("items", ())
    )
    return ProgressFormContent(plan_key=data["plan_key"], unit=data["unit"], quarter=data["quarter"],
                               principal=data.get("principal", ""), items=items,
                               print_status=bool(data.get("print_status", False)), extra=dict(data.get("extra", {})))


_BUILDERS = {FormKind.PLAN: _plan, FormKind.CONTACTS: _contacts, FormKind.PROGRESS: _progress}
