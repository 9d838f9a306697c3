"""Bridge the Qt-free service ChangeHub onto a Qt signal, so widgets react with ordinary connections."""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtCore import QObject, Signal

from gwr_desktop.services.events import Change, ChangeHub


class HubBridge(QObject):
    """Re-emits every Change announced on the hub as `changed(Change)`.

    Emitting a Qt signal is thread-safe: a change announced from a worker thread reaches
    GUI-thread slots through a queued connection.
    """

    changed = Signal(object)

    def __init__(self, hub: ChangeHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = hub.subscribe(self._forward)
        # The hub outlives widgets; stop forwarding once the Qt side is gone.
        unsubscribe = self._unsubscribe
        self.destroyed.connect(lambda *_: _quietly(unsubscribe))

    def close(self) -> None:
        _quietly(self._unsubscribe)

    def _forward(self, change: Change) -> None:
        with suppress(RuntimeError):  # the C++ object was deleted between unsubscribe and emit
            self.changed.emit(change)


def _quietly(unsubscribe) -> None:  # noqa: ANN001 - the hub's unsubscribe callable
    with suppress(ValueError):  # already unsubscribed
        unsubscribe()
