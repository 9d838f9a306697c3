"""Pagination of a FormLayout for painting: row heights from real font metrics, items kept whole on a page.

Qt-free arithmetic over heights the painter measured. Rows never split across pages; an item's rows (and a
part heading with its first item) move to the next page together unless the item is taller than a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gwr_desktop.exports.layout import FormLayout


@dataclass
class PagePlan:
    rows: list[int] = field(default_factory=list)  # body row indices on this page, top to bottom
    notes: list[int] = field(default_factory=list)  # note indices under the table on this page
    first: bool = False  # carries the label, title and header line


def spread_merged_heights(layout: FormLayout, own: list[float], merged_need: dict[int, float]) -> list[float]:
    """Row heights: a row's own cells, then each merged cell too tall for its rows shares out the rest."""
    heights = list(own)
    for index, span in enumerate(layout.merges):
        need = merged_need.get(index, 0.0)
        have = sum(heights[span.first:span.last + 1])
        if need > have:
            extra = (need - have) / (span.last - span.first + 1)
            for row in range(span.first, span.last + 1):
                heights[row] += extra
    return heights


def blocks(layout: FormLayout) -> list[list[int]]:
    """Groups of body rows that should stay together: one item's rows, a part heading with what follows it."""
    result: list[list[int]] = []
    pending_heading: list[int] = []
    for index, row in enumerate(layout.rows):
        if row.heading:
            pending_heading.append(index)
            continue
        if result and not pending_heading and layout.rows[result[-1][-1]].group == row.group:
            result[-1].append(index)
        else:
            result.append(pending_heading + [index])
            pending_heading = []
    if pending_heading:
        result.append(pending_heading)
    return result


def paginate(layout: FormLayout, heights: list[float], *, first_page_room: float, page_room: float,
             note_heights: list[float]) -> list[PagePlan]:
    """Place blocks on pages; room is the height left under the repeated table header on each page."""
    pages = [PagePlan(first=True)]
    room = first_page_room
    for block in blocks(layout):
        block_height = sum(heights[r] for r in block)
        if block_height > room and pages[-1].rows and block_height <= page_room:
            pages.append(PagePlan())
            room = page_room
        for row in block:
            if heights[row] > room and pages[-1].rows:
                pages.append(PagePlan())
                room = page_room
            pages[-1].rows.append(row)
            room -= heights[row]
    for index, height in enumerate(note_heights):
        if height > room:
            pages.append(PagePlan())
            room = page_room
        pages[-1].notes.append(index)
        room -= height
    return pages
