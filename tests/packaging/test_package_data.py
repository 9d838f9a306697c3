"""Shipped data: found in the checkout and in an installed package's _data, and a clear message without it.

Before: a wheel left out forms/, resources/ and db/migrations/; with no migration scripts every existing
database was "由更新版本的本程序写入", and `tasks` died with an Alembic traceback.
"""

from __future__ import annotations

import ast
import shutil
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from gwr_desktop import paths
from gwr_desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_the_checkout_has_everything_the_program_needs() -> None:
    paths.check_installation()
    assert paths.forms_path() == ROOT / "forms"
    assert paths.migrations_path() == ROOT / "db" / "migrations"
    assert paths.bundled_plan().is_file() and paths.registry_path().is_file()


def _installed_package(tmp_path: Path, *, migrations: bool) -> Path:
    """A copy of the package as a wheel lays it out: gwr_desktop/_data/{forms,resources,migrations}."""
    package = tmp_path / "site-packages" / "gwr_desktop"
    package.mkdir(parents=True)
    shipped = [("forms", "forms"), ("resources", "resources")] + [("migrations", "db/migrations")] * migrations
    for name, source in shipped:
        shutil.copytree(ROOT / source, package / "_data" / name)
    return package


def test_an_installed_package_reads_its_own_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = _installed_package(tmp_path, migrations=True)
    monkeypatch.setattr(paths, "_package_folder", lambda: package)
    paths.check_installation()
    assert paths.forms_path() == package / "_data" / "forms"
    assert paths.migrations_path() == package / "_data" / "migrations"


def test_missing_data_is_named_not_mistaken_for_a_newer_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        plan_template: Path) -> None:
    existing = tmp_path / "gwr.db"
    existing.write_bytes(plan_template.read_bytes())
    before = existing.read_bytes()
    package = _installed_package(tmp_path, migrations=False)
    monkeypatch.setattr(paths, "_package_folder", lambda: package)
    with pytest.raises(paths.MissingDataError, match="安装不完整"):
        paths.check_installation()
    status = main(["--db", str(existing), "tasks", "--unit", "市商务局"])
    err = capsys.readouterr().err
    assert status == 2 and "安装不完整" in err and "数据库结构脚本" in err
    assert "更新版本" not in err and "Traceback" not in err
    assert existing.read_bytes() == before


def _imported_top_level_modules() -> set[str]:
    found: set[str] = set()
    sources = [*ROOT.joinpath("gwr_desktop").rglob("*.py"), *ROOT.joinpath("db", "migrations").rglob("*.py")]
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    bench_only = {path.stem for path in ROOT.joinpath("bench").glob("*.py")}  # the probe the bench lends the app
    return {name for name in found if name not in sys.stdlib_module_names | bench_only and name != "gwr_desktop"}


def _requirement_name(requirement: str) -> str:
    for stop in "<>=!~[; ":
        requirement = requirement.split(stop)[0]
    return requirement.strip().lower().replace("_", "-")


def test_every_import_is_a_declared_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # An extra's modules count as declared: psycopg (the `postgres` extra) is imported only on the way to a
    # PostgreSQL server, never by an officer's PC on its SQLite file.
    declared = {_requirement_name(r) for r in project["dependencies"]}
    declared |= {_requirement_name(r) for name, extra in project["optional-dependencies"].items()
                 if name != "test" for r in extra}
    distributions = metadata.packages_distributions()
    undeclared = {}
    for module in sorted(_imported_top_level_modules()):
        names = {name.lower().replace("_", "-") for name in distributions.get(module, [module])}
        if not names & declared:
            undeclared[module] = sorted(names)
    assert undeclared == {}


def test_postgresql_is_an_extra_that_the_tests_install() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(_requirement_name(r) == "psycopg" for r in project["dependencies"])
    assert any(_requirement_name(r) == "psycopg" for r in project["optional-dependencies"]["postgres"])
    assert "gwr-desktop[postgres]" in project["optional-dependencies"]["test"]


def test_the_bench_probe_is_not_shipped() -> None:
    assert not (ROOT / "gwr_desktop" / "bench_probe.py").exists()
    assert (ROOT / "bench" / "first_paint_probe.py").is_file()
