"""Which of the unit's items each imported row group belongs to: by 序号 within its part, checked against the
text, or by the text alone (another year's form numbers its items differently).

A 序号 is trusted when the row's 责任事项 agrees with that item's text (or the row has no text and the number
is unambiguous); otherwise the most similar text decides, if it is similar enough. Each item takes at most one
row group: a second one is reported, never merged silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gwr_desktop.domain.forms import FormItem
from gwr_desktop.domain.intake.cells import parse_seq
from gwr_desktop.domain.intake.rows import ImportedItem
from gwr_desktop.domain.similarity import TextIndex

SAME_TEXT = 0.5  # a number's item whose text scores this much is the row's item
NUMBER_AGREES = 0.25  # a shortened or reworded 责任事项 still agrees with its number's item
BY_TEXT = 0.45  # the least similarity that decides alone (another year's numbering)
BY = {"seq": "序号", "text": "文字相似"}


@dataclass(frozen=True)
class Match:
    index: int  # into the imported items
    key: str  # the unit's item
    by: str  # "seq" | "text"
    score: float  # similarity of the texts (1.0 when the row had none and its number decided)


@dataclass(frozen=True)
class Unmatched:
    index: int
    reason: str


@dataclass(frozen=True)
class MatchResult:
    matches: tuple[Match, ...]
    unmatched: tuple[Unmatched, ...]


def match_items(imported: Sequence[ImportedItem], items: Sequence[FormItem], *,
                same_numbering: bool = True) -> MatchResult:
    """Match each imported item to one of `items` (the unit's led items of this plan)."""
    index = TextIndex([item.text for item in items])
    proposals: list[Match | Unmatched] = [
        _propose(n, found, items, index, same_numbering) for n, found in enumerate(imported)]
    return _resolve(proposals, imported, items)


def _propose(n: int, found: ImportedItem, items: Sequence[FormItem], index: TextIndex,
             same_numbering: bool) -> Match | Unmatched:
    part, number = parse_seq(found.seq)
    part = part or found.part
    numbered = [i for i, item in enumerate(items)
                if number is not None and item.number == number and (not part or item.part == part)]
    text = found.text.replace("\n", "")
    if not text:
        return _by_number_alone(n, numbered, items, found)
    scores = dict(index.query(text, limit=5, min_score=0.0))
    if same_numbering and numbered:
        best = max(numbered, key=lambda i: scores.get(i, 0.0))
        top = max(scores.values(), default=0.0)
        score = scores.get(best, 0.0)
        if score >= SAME_TEXT or (score >= NUMBER_AGREES and score >= top - 0.05):
            return Match(n, items[best].key, "seq", round(score, 4))
    ranked = sorted(scores.items(), key=lambda pair: -pair[1])
    if ranked and ranked[0][1] >= BY_TEXT:
        return Match(n, items[ranked[0][0]].key, "text", round(ranked[0][1], 4))
    if numbered and same_numbering:
        return Unmatched(n, f"序号 {found.seq} 的事项是“{_short(items[numbered[0]].text)}”，与这一行的责任事项不符")
    if number is not None and not numbered:
        return Unmatched(n, f"本单位牵头的事项中没有序号 {found.seq}，也没有文字相近的事项")
    return Unmatched(n, "本单位牵头的事项中没有与之相符的事项")


def _by_number_alone(n: int, numbered: list[int], items: Sequence[FormItem], found: ImportedItem) -> Match | Unmatched:
    if len(numbered) == 1:
        return Match(n, items[numbered[0]].key, "seq", 1.0)
    if numbered:
        parts = "、".join(dict.fromkeys(items[i].part for i in numbered))  # in the plan's order
        return Unmatched(n, f"序号 {found.seq} 在{parts}部分都有，请加上部分标题（如“二、重点工作”）或责任事项")
    if parse_seq(found.seq)[1] is None:
        return Unmatched(n, f"“{found.seq}”不是事项序号，也没有责任事项")
    return Unmatched(n, f"本单位牵头的事项中没有序号 {found.seq}")


def _resolve(proposals: list[Match | Unmatched], imported: Sequence[ImportedItem],
             items: Sequence[FormItem]) -> MatchResult:
    """One row group per item: the better match keeps it (a number confirmed by the text first)."""
    best: dict[str, Match] = {}
    for proposal in proposals:
        if isinstance(proposal, Match):
            held = best.get(proposal.key)
            if held is None or _rank(proposal) > _rank(held):
                best[proposal.key] = proposal
    matches, unmatched = [], []
    for proposal in proposals:
        if isinstance(proposal, Unmatched):
            unmatched.append(proposal)
        elif best[proposal.key] is proposal:
            matches.append(proposal)
        else:
            winner = best[proposal.key]
            row = imported[winner.index].first_row
            unmatched.append(Unmatched(proposal.index, f"与第{row}行都对应事项 {proposal.key}，只采用第{row}行"))
    order = {item.key: n for n, item in enumerate(items)}
    matches.sort(key=lambda m: (order.get(m.key, 0), m.index))
    return MatchResult(tuple(matches), tuple(sorted(unmatched, key=lambda u: u.index)))


def _rank(match: Match) -> tuple[int, float]:
    return (1 if match.by == "seq" else 0, match.score)


def _short(text: str, limit: int = 24) -> str:
    flat = text.replace("\n", "")
    return flat if len(flat) <= limit else flat[:limit] + "…"
