"""Work-around for PySide6 6.12 on Python 3.11: void Qt methods hand back None without a reference.

Measured here: every call of a void method (QPainter.setPen, drawRect, save, QFont.setBold, …) lowers
None's reference count by one; painting a 40-item form makes ~10^5 such calls, and the interpreter aborts
with "Fatal Python error: none_dealloc" (at once or at exit). Python 3.12+ makes None immortal, which is
what the binding assumes, so on 3.11 we give None (and True/False) a practically endless count the same way.
gwr_desktop/ui/binding_guard.py does the same for the window; this copy serves the Qt-free-of-widgets PDF
path (command line, services), which must not import the UI package.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = False
_ENOUGH = 1 << 40


def pin_none() -> None:
    """Idempotent; call once before heavy Qt use (the PDF painter does; the app should at start-up)."""
    global _PINNED
    if _PINNED or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if hasattr(sys, "gettotalrefcount"):  # debug build: the count is not the object's first field
        return
    for singleton in (None, True, False):  # bools lose references on some paths too (ui/binding_guard.py)
        ctypes.c_ssize_t.from_address(id(singleton)).value += _ENOUGH
    _PINNED = True
