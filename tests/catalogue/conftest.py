"""Fixtures for the plan catalogue: the shipped seed, its registry, and a .docx made from the same text."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr_desktop.domain.plan import ParsedPlan
from gwr_desktop.domain.plan_parser import parse_plan
from gwr_desktop.domain.units import UnitRegistry
from gwr_desktop.paths import bundled_plan, registry_path

SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_72fbf3afdf9f1a17.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return bundled_plan()


@pytest.fixture(scope="session")
def registry() -> UnitRegistry:
    return UnitRegistry.from_json(registry_path())


@pytest.fixture(scope="session")
def parsed(seed_path: Path, registry: UnitRegistry) -> ParsedPlan:
    return parse_plan(seed_path.read_text(encoding="utf-8"), registry)


def write_docx(text: str, target: Path) -> Path:
    """The same document as a .docx whose paragraphs hold the text, one paragraph per line."""
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(target))
    return target


@pytest.fixture
def seed_docx(seed_path: Path, tmp_path: Path) -> Path:
    return write_docx(seed_path.read_text(encoding="utf-8"), tmp_path / "方案.docx")
