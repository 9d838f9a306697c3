"""Guard against a PySide6 6.12 reference-count bug on Python 3.11 (None, True and False lose references).

Measured with sys.getrefcount while driving the window: every void Qt call (QWidget.update, setChecked,
processEvents, a model's data() answering None …) lowers None's count by one, and some paths do the same
to True and False; after enough calls — or at interpreter exit — Python aborts with
"Fatal Python error: none_dealloc" / "bool_dealloc". Python 3.12+ makes these objects immortal, which the
binding assumes; on 3.11 we give them a practically endless count instead. (gwr_desktop/exports/qt_refcount.py
does the same for None alone before painting PDFs; both are idempotent and may be merged.)
"""

from __future__ import annotations

import ctypes
import sys

_ENOUGH = 1 << 40
_pinned = False


def pin_singletons() -> None:
    """Idempotent; call before the first Qt widget is created."""
    global _pinned
    if _pinned or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if hasattr(sys, "gettotalrefcount"):  # debug build: the count is not the object's first field
        return
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _ENOUGH
    _pinned = True
