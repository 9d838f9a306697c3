"""PySide6 reads the source of every module imported after it; the app keeps its answer but not the lines."""

from __future__ import annotations

import importlib
import linecache
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtCore")

from gwr_desktop.pyside_source_scan import forget_scanned_sources  # noqa: E402


def _import_fresh(folder: Path, name: str, body: str):  # noqa: ANN202 - the module
    path = folder / f"{name}.py"
    path.write_text(body, encoding="utf-8")
    sys.path.insert(0, str(folder))
    try:
        importlib.invalidate_caches()
        return __import__(name), path  # the import statement's door, which PySide6 watches
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(name, None)


def test_a_module_imported_after_pyside_leaves_no_lines_in_linecache(tmp_path: Path) -> None:
    assert forget_scanned_sources()
    body = "VALUE = 1\n" + "".join(f"LINE_{n} = {n}\n" for n in range(200))
    module, path = _import_fresh(tmp_path, "gwr_scan_probe_plain", body)
    assert module.VALUE == 1
    assert str(path) not in linecache.cache
    assert not any(name.endswith("gwr_scan_probe_plain.py") for name in linecache.cache)


def test_pyside_still_learns_which_modules_use_it(tmp_path: Path) -> None:
    from shibokensupport import feature  # type: ignore[import-not-found]

    forget_scanned_sources()
    _import_fresh(tmp_path, "gwr_scan_probe_qt", "import PySide6.QtCore  # uses PySide6\n")
    _import_fresh(tmp_path, "gwr_scan_probe_none", "VALUE = 2\n")
    assert feature.pyside_feature_dict["gwr_scan_probe_qt"] == 0  # switchable: it uses PySide6
    assert feature.pyside_feature_dict["gwr_scan_probe_none"] == -1  # ignored


def test_installing_twice_wraps_once() -> None:
    from shibokensupport import feature  # type: ignore[import-not-found]

    forget_scanned_sources()
    first = feature._mod_uses_pyside
    forget_scanned_sources()
    assert feature._mod_uses_pyside is first


def test_a_traceback_still_shows_source_lines(tmp_path: Path) -> None:
    import traceback

    forget_scanned_sources()
    module, _ = _import_fresh(tmp_path, "gwr_scan_probe_raise", "def fail():\n    raise ValueError('shown')\n")
    try:
        module.fail()
    except ValueError:
        text = traceback.format_exc()
    assert "raise ValueError('shown')" in text


def test_the_app_installs_it_with_its_qt_application(qapp) -> None:  # noqa: ANN001 - pytest-qt's QApplication
    from shibokensupport import feature  # type: ignore[import-not-found]

    from gwr_desktop.app import create_application

    assert create_application() is qapp
    assert getattr(feature._mod_uses_pyside, "_gwr_forgets_source", False)
