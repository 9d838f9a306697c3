"""What changed between last quarter's 完成情况 and this one's, as runs of kept, added and removed text."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum


class Change(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Run:
    change: Change
    text: str


def compare(before: str, after: str) -> list[Run]:
    """Character-level runs (Chinese has no spaces to split words on); adjacent runs never share a kind."""
    runs: list[Run] = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            _add(runs, Change.SAME, before[a0:a1])
            continue
        if tag in ("delete", "replace"):
            _add(runs, Change.REMOVED, before[a0:a1])
        if tag in ("insert", "replace"):
            _add(runs, Change.ADDED, after[b0:b1])
    return runs


def unchanged(before: str, after: str) -> bool:
    return before.strip() == after.strip()


def _add(runs: list[Run], change: Change, text: str) -> None:
    if not text:
        return
    if runs and runs[-1].change is change:
        runs[-1] = Run(change, runs[-1].text + text)
    else:
        runs.append(Run(change, text))
