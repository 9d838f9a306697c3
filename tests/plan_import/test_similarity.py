"""Year to year: last year's most similar items of the same unit, on two real plans — the seed (2023) and the
second year derived from it (tests/plan_import/second_year.py: items dropped, targets raised, phrases
reworded, items added, everything renumbered), whose derivation says which 2023 item each 2024 item was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gwr_desktop.domain.plan_parser import parse_plan_file
from gwr_desktop.domain.similarity import TextIndex, _unit_length, bigrams
from gwr_desktop.services import catalogue
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.plan_import import import_plan
from gwr_desktop.services.plan_similarity import (
    MIN_SCORE,
    previous_plan_key,
    similar_for_unit,
    similar_items,
)
from tests.plan_import.second_year import TEXT_FILE, derive, load_origins

UNITS = ("市发改委", "市商务局", "江夏区人民政府", "市民政局", "东湖高新区管委会", "市数据局")


@pytest.fixture
def two_years(db_url: str, seed_path: Path) -> Iterator[Database]:
    db = open_database(db_url)
    import_plan(db, seed_path)
    import_plan(db, TEXT_FILE)
    yield db
    db.close()


def brute_force(index: TextIndex, text: str, limit: int) -> list[float]:
    """Every document scored, no index: the scores the index must reproduce."""
    vector = _unit_length(index._weights(bigrams(text)))
    scores = [sum(w * known.get(g, 0.0) for g, w in vector.items()) for known in index._vectors]
    return sorted(scores, reverse=True)[:limit]


def test_the_committed_second_year_is_what_the_derivation_makes(seed_text: str, registry) -> None:  # noqa: ANN001
    text, origins = derive(seed_text, registry)
    assert TEXT_FILE.read_text(encoding="utf-8") == text and load_origins() == origins
    parsed = parse_plan_file(TEXT_FILE, registry)
    assert [item.key for item in parsed.items] == list(origins)
    assert {o.change for o in origins.values()} == {"same", "targets", "reworded", "added"}


@pytest.mark.parametrize("min_score", [0.0, MIN_SCORE])
def test_the_index_is_exact(seed_path: Path, registry, min_score: float) -> None:  # noqa: ANN001
    old = [item.text for item in parse_plan_file(seed_path, registry).items]
    new = [item.text for item in parse_plan_file(TEXT_FILE, registry).items]
    index = TextIndex(old)
    for text in new:
        found = [round(score, 9) for _doc, score in index.query(text, 3, min_score)]
        assert found == [round(s, 9) for s in brute_force(index, text, 3) if s >= min_score - 1e-12]


def test_last_years_items_of_the_same_unit(two_years: Database) -> None:
    origins = load_origins()
    old = {item.key: item.text for item in catalogue.catalogue(two_years, "2023").items}
    assert previous_plan_key(two_years, "2024") == "2023" and previous_plan_key(two_years, "2023") is None
    checked = 0
    for unit in UNITS:
        last_year = catalogue.unit_roles(two_years, "2023", unit)
        for key, hits in similar_for_unit(two_years, unit, "2024").items():
            assert all(hit.plan_key == "2023" and hit.role is last_year[hit.key] for hit in hits)
            assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
            origin = origins[key].old_key
            if origin is None or origin not in last_year:  # new this year, or not this unit's last year
                assert hits == [], (unit, key)
                continue
            assert hits and old[hits[0].key] == old[origin], (unit, key, origin)  # renumbered, edited: found
            checked += 1
    assert checked > 300


def test_one_item_and_a_first_plan(two_years: Database) -> None:
    origins, unit = load_origins(), "市商务局"
    old = {item.key: item.text for item in catalogue.catalogue(two_years, "2023").items}
    key = next(k for k in catalogue.unit_roles(two_years, "2024", unit) if origins[k].change == "targets")
    hits = similar_items(two_years, unit, "2024", key)
    assert hits and old[hits[0].key] == old[origins[key].old_key] and MIN_SCORE <= hits[0].score < 1.0
    assert similar_items(two_years, unit, "2023", "一-1") == []  # nothing before the first plan
    with pytest.raises(catalogue.UnknownPlanError):
        similar_items(two_years, unit, "2024", "九-99")
