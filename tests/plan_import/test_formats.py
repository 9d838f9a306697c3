"""Every layout the readers understand (tests/fixtures/plans: the seed's items as .docx paragraphs, automatic
numbering, Word tables, .xlsx, PDF, other grammars and lead rules) goes through preview and commit and comes
back from the catalogue as the parser read it: roles after the notice's rule, printed leader and deadline,
grammar, the rule itself and the format. And the review's counts are what the window will show."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gwr_desktop.domain.plan import ParsedPlan, Role
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.plan_import import commit_plan
from gwr_desktop.services.plan_preview import preview_plan
from tests.fixtures.plans.build import fixtures

NAMES = [fixture.name for fixture in fixtures()]
ON_BOTH_SERVERS = ("xlsx_table", "docx_table_gaotang", "pdf_seed")


@pytest.fixture(scope="session")
def format_files(tmp_path_factory: pytest.TempPathFactory, qapp) -> dict[str, Path]:  # noqa: ANN001
    """Every fixture file, written once. The PDF is printed with Qt: pytest-qt's QApplication first (a bare
    QGuiApplication made by the writer would stay the process's application and break every widget test)."""
    folder = tmp_path_factory.mktemp("formats")
    return {fixture.name: fixture.write(folder) for fixture in fixtures()}


@pytest.fixture
def sqlite_only(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    yield db
    db.close()


def unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def check_round_trip(db: Database, path: Path, registry) -> None:  # noqa: ANN001 - UnitRegistry
    preview = preview_plan(db, path, registry)
    result = commit_plan(db, preview)
    parsed: ParsedPlan = preview.parsed
    stored = catalogue.catalogue(db, result.plan_key)
    assert (stored.source_format, stored.lead_rule) == (parsed.source_format, parsed.lead_rule)
    assert [item.key for item in stored.items] == [item.key for item in parsed.items]
    for got, read in zip(stored.items, parsed.items, strict=True):
        assert (got.text, got.leader, got.deadline, got.grammar) == (read.text, read.leader, read.deadline,
                                                                     read.grammar)
        leads = unique([a.unit for a in read.assignments if a.effective_role is Role.LEAD])
        helping = unique([a.unit for a in read.assignments if a.effective_role is Role.RESPONSIBLE
                          and a.unit not in leads])
        assert (got.lead, got.participants) == (leads, helping), got.key
    for unit in registry.units:
        roles = catalogue.unit_roles(db, result.plan_key, unit)
        count = preview.counts[unit]
        assert count.lead == sum(r is Role.LEAD for r in roles.values()), (path.name, unit)
        assert count.responsible + count.undecided == sum(r is Role.RESPONSIBLE for r in roles.values())


@pytest.mark.parametrize("name", NAMES)
def test_every_layout_is_stored_as_read(sqlite_only: Database, format_files: dict[str, Path], registry,  # noqa: ANN001
                                        name: str) -> None:
    check_round_trip(sqlite_only, format_files[name], registry)


@pytest.mark.parametrize("name", ON_BOTH_SERVERS)
def test_layouts_on_each_server(empty_db: Database, format_files: dict[str, Path], registry,  # noqa: ANN001
                                name: str) -> None:
    check_round_trip(empty_db, format_files[name], registry)


def test_the_rule_and_printed_data_reach_the_review(sqlite_only: Database, format_files: dict[str, Path],
                                                    registry) -> None:  # noqa: ANN001
    gaotang = preview_plan(sqlite_only, format_files["docx_table_gaotang"], registry)
    assert gaotang.source_format == "docx" and gaotang.lead_rule is not None
    assert gaotang.lead_rule.kind == "first_listed_leads" and "排名第一" in gaotang.lead_rule.quote
    assert all(item.leader for item in gaotang.parsed.items)
    table = preview_plan(sqlite_only, format_files["xlsx_table"], registry)
    assert table.source_format == "xlsx" and all(item.deadline for item in table.parsed.items)
