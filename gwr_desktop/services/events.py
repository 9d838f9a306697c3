"""A Qt-free change hub: services announce what changed; the UI bridges it onto a Qt signal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Listener = Callable[["Change"], None]


@dataclass(frozen=True)
class Change:
    topic: str  # "catalogue", "settings", "forms", ...
    plan_key: str | None = None
    unit: str | None = None
    detail: dict = field(default_factory=dict)


class ChangeHub:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def emit(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)
