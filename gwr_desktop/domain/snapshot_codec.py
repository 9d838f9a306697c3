"""Domain dataclasses to and from plain JSON values, driven by the dataclasses' own type hints.

One codec for every frozen snapshot: signed form versions (exports/snapshot.py) and the window's start-up
snapshot (services/start_view.py). A field added to a dataclass is carried along without a change here.
Supported: nested dataclasses, enums, dates, Decimal, tuples, lists, dicts with str keys, `X | None`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

Decoder = Callable[[Any], Any]


def to_plain(value: Any) -> Any:
    """JSON-ready values: dataclasses become dicts, enums their values, dates ISO text, Decimal text."""
    if dataclasses.is_dataclass(value):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


def from_plain(cls: type, data: dict) -> Any:
    """Rebuild a dataclass from to_plain's output; a missing required field raises TypeError."""
    return _dataclass_decoder(cls)(data)


@cache
def _dataclass_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]

    def build(data: dict) -> Any:
        return cls(**{name: decode(data[name]) for name, decode in fields if name in data})

    return build


def _identity(value: Any) -> Any:
    return value


@cache
def _decoder(hint: Any) -> Decoder:  # noqa: PLR0911 - one branch per kind of hint
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _decoder(args[0])
        return lambda value: tuple(item(v) for v in value)
    if origin is list:
        item = _decoder(args[0])
        return lambda value: [item(v) for v in value]
    if origin is dict:
        item = _decoder(args[1])
        return lambda value: {k: item(v) for k, v in value.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: _dataclass_decoder(hint)(value)  # looked up when used: TreeNode holds TreeNodes
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if hint is Decimal:
        return Decimal
    if hint is dt.datetime:
        return dt.datetime.fromisoformat
    if hint is dt.date:
        return dt.date.fromisoformat
    return _identity
