"""Tests marked `xcb` run twice: in the ordinary run (offscreen) and again in a child pytest on a real X server
(Xvfb at 1366×768, the smallest screen officers have, with Qt's xcb platform) — tests/test_under_xvfb.py."""

from __future__ import annotations

import os

UNDER_XVFB = "GWR_UNDER_XVFB"
SCREEN = (1366, 768)


def on_x_server() -> bool:
    """True in the child run on Xvfb (where windows can be active and take keys, and fonts are the system's)."""
    return os.environ.get(UNDER_XVFB) == "1"


def give_focus(qtbot, widget) -> None:  # noqa: ANN001 - QtBot, QWidget
    """Keys to `widget`: on the X server its window must be the active one first (offscreen none ever is)."""
    from PySide6.QtWidgets import QApplication

    window = widget.window()

    def active() -> bool:
        window.activateWindow()  # asked again: a dialog closing may hand the focus elsewhere meanwhile
        return QApplication.activeWindow() is window

    if on_x_server():
        qtbot.waitUntil(active, timeout=5000)
    else:
        window.activateWindow()
    widget.setFocus()
