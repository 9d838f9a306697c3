"""Form content snapshots to and from plain JSON, and the digest that identifies a content exactly.

A signed version stores this JSON; re-exporting it rebuilds the very same snapshot, so the files match.
The codec follows the dataclasses' own type hints, so a field added to domain/forms.py is frozen too
without a change here (every field, read-only ones such as item texts and titles included).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from gwr_desktop.domain.forms import ContactsFormContent, PlanFormContent, ProgressFormContent
from gwr_desktop.domain.plan import FormKind

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
    return {"schema": SNAPSHOT_SCHEMA, "kind": kind_of(content).value, "content": _plain(content)}


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
        return _build(_CLASSES[FormKind(data["kind"])], data["content"])
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, SnapshotError):
            raise
        raise SnapshotError(f"定稿快照无法读取：{error}") from error


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: type, data: dict) -> Any:
    hints = _hints(cls)
    values = {f.name: _decode(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}
    return cls(**values)


def _decode(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(options[0], value)
    if origin is tuple:
        return tuple(_decode(typing.get_args(hint)[0], v) for v in value)
    if origin in (list, dict) or hint in (dict, list, Any):
        return value if origin is not list else [_decode(typing.get_args(hint)[0], v) for v in value]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is Decimal:
        return Decimal(value)
    return value
