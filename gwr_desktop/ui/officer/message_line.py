"""The editor's message line: one message at a time, its tone shown by colour (error, warning, information,
success), and gone when its cause is — a refused cell that has been corrected, a failed step followed by one
that worked, another unit's form opened.

    line.show_message("完成时间：看不懂…", Tone.ERROR, cause=(4, 3))   # a refusal at row 4, column 3
    line.cause_gone(lambda cause: cause not in model.pending)          # after each commit
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from gwr_desktop.ui.officer.tones import STYLES, Tone

ANY_STEP = "step"  # the cause of an error about a step (an undo that no longer fits): gone after the next success


class MessageLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tone: Tone | None = None
        self.cause: Hashable | None = None

    def show_message(self, text: str, tone: Tone = Tone.INFO, cause: Hashable | None = None) -> None:
        self.tone, self.cause = (tone, cause) if text else (None, None)
        self.setStyleSheet(STYLES[tone] if text else "")
        super().setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name; plain text set from elsewhere is information
        self.show_message(text, Tone.INFO)

    def clear(self) -> None:
        self.show_message("")

    def cause_gone(self, still_there: Callable[[Hashable], bool]) -> None:
        """After a successful commit: an error whose cause is no longer there goes, and so does information
        about an earlier step (it would now describe the wrong thing)."""
        if self.tone is None:
            return
        if self.tone in (Tone.ERROR, Tone.WARNING) and self.cause is not None and still_there(self.cause):
            return
        self.clear()
