"""The house rules on layers, checked on the source (AST, no imports run) rather than promised in the README.

    domain → storage → services → exporters, CLI, UI on top; CLI and UI reach storage only through services.

Every import counts, also one inside a function or under TYPE_CHECKING: a lazy import is still a dependency.
A failure lists each violation as `file:line: rule — what`, so it can be fixed from the message alone.
Exceptions are few, named here, and each says why; a rule is never loosened to fit a file.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "gwr_desktop"
LAYERS = ("domain", "storage", "safety", "services", "exports", "cli", "ui")

# The window's launcher: it creates the QApplication and shows the first dialogs, so it is UI code even though
# it sits at the top of the package (main.py and the installed launcher import it by this name).
UI_OUTSIDE_UI = {"gwr_desktop.app"}
# Writing a file durably (flush through the handle that wrote it, Windows' path rules) and asking whether a
# process is alive are operating-system helpers with no database behind them: the exporters' safe writes use them.
EXPORTS_MAY_USE_FROM_SAFETY = {"gwr_desktop.safety.durable", "gwr_desktop.safety.processes"}
# The SQLite file checks run before SQLAlchemy is loaded (instance lock, read-only check, backups): they may
# read URLs, error types, the revision list and the expected schema — never models, engines or sessions.
SAFETY_MAY_USE_FROM_STORAGE = {"gwr_desktop.storage.urls", "gwr_desktop.storage.errors",
                               "gwr_desktop.storage.migrate", "gwr_desktop.storage.schema"}
# Qt modules each layer may use (QtWidgets only in ui/). Exports draw the PDF with QtGui/QtPrintSupport;
# safety's single-instance lock is a QLockFile plus a QLocalServer.
QT_ALLOWED = {
    "exports": {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtPrintSupport"},
    "safety": {"PySide6.QtCore", "PySide6.QtNetwork"},
}
DATABASE_LIBRARIES = ("sqlalchemy", "alembic")
# Attributes that reach a database's engine or sessions: the doors only services (and storage) may open.
SESSION_DOORS = {"engine", "sessions", "transaction", "reading", "raw_connection"}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule} — {self.detail}"


def layer_of(module: str) -> str:
    """domain, storage, …, ui; "migrations" for db/migrations; "base" for paths and the package itself."""
    if module.startswith("db.migrations"):
        return "migrations"
    if module in UI_OUTSIDE_UI:
        return "ui"
    parts = module.split(".")
    if len(parts) > 1 and parts[0] == PACKAGE and parts[1] in LAYERS:
        return parts[1]
    return "base"


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """(line, dotted name) for every import; `from a.b import c` gives a.b.c (c may be a module or a name)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            for alias in node.names:
                yield node.lineno, f"{base}.{alias.name}"


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, node.module] if node.module else package)


def check_source(relative_path: str, source: str) -> list[Violation]:
    """All violations in one file's source; relative_path is as seen from the repository root."""
    path = ROOT / relative_path
    module = module_name(path)
    layer = layer_of(module)
    tree = ast.parse(source, filename=relative_path)
    found: list[Violation] = []
    for line, target in imports(tree, module, path.name == "__init__.py"):
        found += [Violation(relative_path, line, rule, detail)
                  for rule, detail in _import_rules(module, layer, target)]
    found += _session_doors(relative_path, layer, tree)
    return sorted(set(found), key=lambda v: (v.line, v.rule, v.detail))


def _import_rules(module: str, layer: str, target: str) -> Iterator[tuple[str, str]]:
    target_layer = layer_of(target) if target.startswith(PACKAGE + ".") else None
    if layer == "domain" and (target_layer not in (None, "domain", "base") or _is_database_or_qt(target)):
        yield "domain imports nothing above it (no Qt, no SQLAlchemy, no other layer)", f"imports {target}"
    qt_module = ".".join(target.split(".")[:2]) if target.startswith("PySide6") else None
    if qt_module == "PySide6.QtWidgets" and layer != "ui":
        yield "nothing outside ui/ imports QtWidgets", f"imports {target}"
    elif qt_module not in (None, "PySide6.QtWidgets") and layer not in ("ui", "base", "domain"):
        allowed = QT_ALLOWED.get(layer, set())
        if qt_module not in allowed:
            yield f"no Qt in {layer}/ (allowed there: {', '.join(sorted(allowed)) or 'none'})", f"imports {target}"
    if target.startswith(DATABASE_LIBRARIES) and layer not in ("storage", "services", "migrations"):
        yield "only storage, services and migrations use SQLAlchemy/Alembic", f"imports {target}"
    if target_layer == "storage":
        yield from _storage_rule(layer, target)
    if layer == "exports" and target_layer in ("storage", "services", "safety", "cli", "ui") \
            and not _within(target, EXPORTS_MAY_USE_FROM_SAFETY):
        yield "exporters render plain data: no database, services, CLI or UI", f"imports {target}"


def _storage_rule(layer: str, target: str) -> Iterator[tuple[str, str]]:
    if layer in ("storage", "services", "migrations"):
        return
    if layer == "safety" and _within(target, SAFETY_MAY_USE_FROM_STORAGE):
        return
    if layer in ("cli", "ui"):
        yield "the CLI and the UI reach storage only through services", f"imports {target}"
    else:
        yield "only services (and storage, migrations) import storage", f"imports {target}"


def _within(target: str, modules: set[str]) -> bool:
    """target is one of the modules, or a name inside one of them."""
    return any(target == name or target.startswith(name + ".") for name in modules)


def _is_database_or_qt(target: str) -> bool:
    return target.startswith((*DATABASE_LIBRARIES, "PySide6"))


def _session_doors(relative_path: str, layer: str, tree: ast.AST) -> list[Violation]:
    """`db.engine`, `db.sessions`, `db.transaction()`, `db.reading()` outside services and storage."""
    if layer in ("storage", "services", "migrations"):
        return []
    return [Violation(relative_path, node.lineno, "only services open sessions or touch the engine",
                      f"uses .{node.attr}")
            for node in ast.walk(tree) if isinstance(node, ast.Attribute) and node.attr in SESSION_DOORS]


def source_files() -> list[Path]:
    files = [*sorted((ROOT / PACKAGE).rglob("*.py")), *sorted((ROOT / "db" / "migrations").rglob("*.py"))]
    return [path for path in files if "__pycache__" not in path.parts]


def test_the_code_keeps_its_layers() -> None:
    violations = [violation for path in source_files()
                  for violation in check_source(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))]
    if violations:
        listing = "\n".join(str(violation) for violation in violations)
        pytest.fail(f"{len(violations)} layering violation(s):\n{listing}", pytrace=False)


def test_the_scan_sees_every_layer() -> None:
    """Guards the guard: a path mistake must not make the scan (and so the test above) vacuous."""
    seen = {layer_of(module_name(path)) for path in source_files()}
    assert seen >= {*LAYERS, "migrations", "base"}
    assert len(source_files()) > 100


@pytest.mark.parametrize(("path", "source", "rule"), [
    ("gwr_desktop/domain/x.py", "import sqlalchemy\n", "domain imports nothing above it"),
    ("gwr_desktop/domain/x.py", "from gwr_desktop.services import catalogue\n", "domain imports nothing above it"),
    ("gwr_desktop/domain/x.py", "from PySide6.QtCore import QObject\n", "domain imports nothing above it"),
    ("gwr_desktop/exports/x.py", "from PySide6.QtWidgets import QWidget\n", "nothing outside ui/ imports QtWidgets"),
    ("gwr_desktop/services/x.py", "from PySide6 import QtWidgets\n", "nothing outside ui/ imports QtWidgets"),
    ("gwr_desktop/services/x.py", "from PySide6.QtCore import Signal\n", "no Qt in services/"),
    ("gwr_desktop/ui/x.py", "def f():\n    from gwr_desktop.storage import migrate\n",
     "the CLI and the UI reach storage only through services"),
    ("gwr_desktop/cli/x.py", "from ..storage.engine import make_engine\n",
     "the CLI and the UI reach storage only through services"),
    ("gwr_desktop/cli/x.py", "from sqlalchemy.exc import OperationalError\n", "only storage, services and migrations"),
    ("gwr_desktop/ui/x.py", "def f(db):\n    return db.engine\n", "only services open sessions"),
    ("gwr_desktop/cli/x.py", "def f(db):\n    with db.transaction() as s:\n        pass\n",
     "only services open sessions"),
    ("gwr_desktop/safety/x.py", "from gwr_desktop.storage.models import Plan\n", "only services (and storage"),
    ("gwr_desktop/exports/x.py", "from gwr_desktop.services.database import Database\n", "exporters render plain"),
])
def test_each_rule_catches_its_violation(path: str, source: str, rule: str) -> None:
    violations = check_source(path, source)
    assert [v.rule for v in violations if v.rule.startswith(rule)], [str(v) for v in violations]
    assert all(v.path == path and v.line >= 1 for v in violations)


@pytest.mark.parametrize(("path", "source"), [
    ("gwr_desktop/services/x.py", "from gwr_desktop.storage import models\nimport sqlalchemy\n"),
    ("gwr_desktop/safety/x.py", "from gwr_desktop.storage.urls import sqlite_file\n"),
    ("gwr_desktop/exports/x.py", "from PySide6.QtGui import QPainter\nfrom gwr_desktop.domain.plan import Plan\n"),
    ("gwr_desktop/ui/x.py", "from PySide6.QtWidgets import QWidget\nfrom gwr_desktop.services import catalogue\n"),
    ("gwr_desktop/app.py", "from PySide6.QtWidgets import QApplication\n"),
    ("db/migrations/versions/x.py", "import sqlalchemy as sa\nfrom alembic import op\n"),
])
def test_what_the_rules_allow(path: str, source: str) -> None:
    assert check_source(path, source) == []
