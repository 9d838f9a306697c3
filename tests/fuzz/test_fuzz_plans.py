"""The seeded plan fuzzer, bounded for CI (bench/fuzz_plans.py runs it longer): 0 silent losses, 0 tracebacks."""

from __future__ import annotations

import time
from pathlib import Path

from tests.fuzz.plan_fuzz import Tally, run


def _check(tally: Tally) -> None:
    assert tally.tracebacks == 0, tally.examples
    assert tally.silent == 0, tally.examples
    assert tally.cases == tally.refused + tally.flagged + tally.clean


def test_text_mutations_lose_nothing_silently(tmp_path: Path) -> None:
    started = time.monotonic()
    tally = run(seed=20261201, text_cases=160, docx_cases=0, folder=tmp_path)
    _check(tally)
    assert tally.flagged > 50  # the mutations are seen, not only survived
    assert time.monotonic() - started < 60


def test_other_places_plans_lose_nothing_silently(tmp_path: Path) -> None:
    """The same mutations on the new grammar: restarted numbering, unit lines, bare lists, 第X部分, （1） items."""
    started = time.monotonic()
    tally = run(seed=20261202, text_cases=0, docx_cases=0, folder=tmp_path, cities=140)
    _check(tally)
    assert tally.flagged > 40
    assert time.monotonic() - started < 60


def test_docx_mutations_are_refused_or_flagged(tmp_path: Path) -> None:
    tally = run(seed=7, text_cases=0, docx_cases=24, folder=tmp_path)
    _check(tally)
    assert tally.refused > 0
