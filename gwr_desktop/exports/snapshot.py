"""Form content snapshots to and from plain JSON, and the digest that identifies a content exactly.

A signed version stores this JSON; re-exporting it rebuilds the very same snapshot, so the files match.
The codec (domain/snapshot_codec.py) follows the dataclasses' own type hints, so a field added to
domain/forms.py is frozen too without a change here (every field, read-only ones such as item texts and
titles included).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from gwr_desktop.domain.forms import ContactsFormContent, PlanFormContent, ProgressFormContent
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.snapshot_codec import from_plain, to_plain

FormContent = PlanFormContent | ContactsFormContent | ProgressFormContent
SNAPSHOT_SCHEMA = 1
_CLASSES = {FormKind.PLAN: PlanFormContent, FormKind.CONTACTS: ContactsFormContent,
            FormKind.PROGRESS: ProgressFormContent}


class SnapshotError(ValueError):
    """A stored snapshot cannot be read back (damaged, or from an unknown schema)."""


def kind_of(content: FormContent) -> FormKind:
    for kind, cls in _CLASSES.items():
        if isinstance(content, cls):
            return kind
    raise TypeError(f"not a form content: {type(content).__name__}")


def quarter_of(content: FormContent) -> int | None:
    return content.quarter if isinstance(content, ProgressFormContent) else None


def to_dict(content: FormContent) -> dict[str, Any]:
    return {"schema": SNAPSHOT_SCHEMA, "kind": kind_of(content).value, "content": to_plain(content)}


def to_json(content: FormContent) -> str:
    """Canonical JSON: sorted keys, no extra spaces, so equal contents give equal text and digest."""
    return json.dumps(to_dict(content), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(content: FormContent) -> str:
    return hashlib.sha256(to_json(content).encode("utf-8")).hexdigest()


def from_json(text: str) -> FormContent:
    try:
        data = json.loads(text)
        if data.get("schema") != SNAPSHOT_SCHEMA:
            raise SnapshotError(f"未知的定稿快照格式：{data.get('schema')!r}")
        return from_plain(_CLASSES[FormKind(data["kind"])], data["content"])
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, SnapshotError):
            raise
        raise SnapshotError(f"定稿快照无法读取：{error}") from error
