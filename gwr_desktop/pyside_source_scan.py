"""Keep PySide6 from holding the source text of every module the app imports.

Once PySide6 is imported, it checks every module imported after it for use of its `__feature__` switches by
reading the module's whole source with `inspect.getsource` (shibokensupport/feature.py `_mod_uses_pyside`).
That fills `linecache` with the lines of every module of the app, SQLAlchemy, openpyxl, python-docx, lxml…
and nothing ever empties it: about 25 MB of the window's peak memory. We keep PySide's answer and forget the
lines it read; a traceback that needs them reads the file again, as it would have without PySide.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_gwr_forgets_source"


def forget_scanned_sources() -> bool:
    """Wrap PySide's per-import scan so that it leaves linecache as it found it; True once it is installed.

    Call right after PySide6 is first imported. Harmless without PySide6 or with a PySide6 that no longer
    scans (it then does nothing); idempotent."""
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(scan):
        return False
    if not getattr(scan, _MARK, False):
        feature._mod_uses_pyside = _forgetting(scan)  # type: ignore[attr-defined]
        linecache.clearcache()  # what it read before we were called (the lines come back on demand)
    return True


def _forgetting(scan: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def scan_and_forget(module: ModuleType) -> bool:
        before = set(linecache.cache)
        try:
            return scan(module)
        finally:
            for name in linecache.cache.keys() - before:
                linecache.cache.pop(name, None)

    setattr(scan_and_forget, _MARK, True)
    return scan_and_forget
