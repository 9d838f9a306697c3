"""Pagination of a FormLayout for painting: rows placed on pages, a row taller than a page continued line by line.

Qt-free arithmetic over line heights the painter measured. Every cell is a *flow*: its text's lines, in one
row or (a merged cell) over several rows of one item. Rules:
- an item's rows (and a part heading with its first item) go to the next page together when they fit on one;
- a row that fits on a page is never split: it moves to the next page whole;
- a row taller than the room left on an empty page (or under the title on page 1, so the header row never
  stands alone) is cut between lines; every flow continues on the next page where it stopped, under the
  repeated header row; a flow of a *repeat column* (序号, 责任事项…) whose text is already printed shows its
  continuation label there instead ("4（续）").
No line is ever dropped: every line of every flow is placed on exactly one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gwr_desktop.exports.layout import FormLayout

_EPS = 1e-6


@dataclass(frozen=True)
class Flow:
    """One cell's text: rows first_row..last_row and columns first_col..last_col, its lines' heights."""

    first_row: int
    last_row: int
    first_col: int
    last_col: int
    lines: tuple[float, ...]
    label: tuple[float, ...] = ()  # line heights of the continuation label; () = the flow has none


@dataclass(frozen=True)
class Piece:
    """The part of a flow on one page: its box covers rows first_row..last_row of the page, lines drawn in it."""

    flow: int
    first_row: int
    last_row: int
    first_line: int
    last_line: int  # exclusive
    label: bool = False  # draw the continuation label (the text itself was printed on an earlier page)
    whole: bool = False  # the flow's whole text is in this box (centred vertically, as a short cell is)


@dataclass
class PagePlan:
    rows: list[int] = field(default_factory=list)  # body row indices on this page, top to bottom
    heights: list[float] = field(default_factory=list)  # the height each of those rows gets on this page
    pieces: list[Piece] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)  # note indices under the table on this page
    first: bool = False  # carries the label, title and header line


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


@dataclass
class _Open:
    first_row: int
    height: float = 0.0


class Paginator:
    """Places the rows of `row_blocks` on pages; `pad` is a cell's inner margin above and below its text."""

    def __init__(self, flows: Sequence[Flow], row_blocks: list[list[int]], *, pad: float, min_row: float,
                 first_room: float, room: float) -> None:
        self.flows, self.row_blocks, self.pad, self.min_row = flows, row_blocks, pad, min_row
        self.room = room
        self.next = [0] * len(flows)
        self.started = [False] * len(flows)
        self.at_row: dict[int, list[int]] = {}
        for index, flow in enumerate(flows):
            for row in range(flow.first_row, flow.last_row + 1):
                self.at_row.setdefault(row, []).append(index)
        self.pages = [PagePlan(first=True)]
        self.left = first_room
        self.open: dict[int, _Open] = {}

    def run(self, note_heights: Sequence[float] = ()) -> list[PagePlan]:
        for block in self.row_blocks:
            whole = self._block_height(block)
            if whole > self.left + _EPS and self.pages[-1].rows and whole <= self.room + _EPS:
                self._new_page()
            for row in block:
                self._row(row)
        self._close_all()
        for index, height in enumerate(note_heights):
            if height > self.left + _EPS and (self.pages[-1].rows or self.pages[-1].notes):
                self._new_page()
            self.pages[-1].notes.append(index)
            self.left -= height
        return self.pages

    # one row ----------------------------------------------------------------------------------------------
    def _row(self, row: int) -> None:
        while True:
            need = self._need(row, self.open)
            if need <= self.left + _EPS:
                self._place(row, need, complete=True)
                return
            has_rows = bool(self.pages[-1].rows)
            too_little = self.left < self._smallest_start(row) and self.left < self.room
            if (has_rows and need <= self.room + _EPS) or too_little:
                self._new_page()  # the row fits on a page (or not one line of it fits here): move it whole
                continue
            self._place(row, self.left, complete=False)  # taller than a page: cut between lines, go on
            self._new_page(forced=not has_rows)

    def _remaining(self, index: int) -> float:
        flow, start = self.flows[index], self.next[index]
        if start < len(flow.lines):
            return 2 * self.pad + sum(flow.lines[start:])
        if self.started[index] and flow.label:
            return 2 * self.pad + sum(flow.label)
        return 2 * self.pad

    def _need(self, row: int, opened: dict[int, _Open]) -> float:
        """The height row needs here: each flow's remaining need, shared out over its rows still to come."""
        need = self.min_row
        for index in self.at_row.get(row, ()):
            flow = self.flows[index]
            have = opened[index].height if index in opened else 0.0
            need = max(need, (self._remaining(index) - have) / (flow.last_row - row + 1))
        return need

    def _smallest_start(self, row: int) -> float:
        """Room a cut row needs on this page to be worth starting here: one line of its tallest flow."""
        first_lines = [self.flows[i].lines[self.next[i]] for i in self.at_row.get(row, ())
                       if self.next[i] < len(self.flows[i].lines)]
        return 2 * self.pad + max(first_lines, default=0.0)

    def _block_height(self, block: list[int]) -> float:
        """The block's height printed whole on one page (a dry run of _need)."""
        opened: dict[int, _Open] = {}
        total = 0.0
        for row in block:
            need = self._need(row, opened)
            for index in self.at_row.get(row, ()):
                opened.setdefault(index, _Open(row)).height += need
            total += need
        return total

    # pages ------------------------------------------------------------------------------------------------
    def _place(self, row: int, height: float, *, complete: bool) -> None:
        page = self.pages[-1]
        page.rows.append(row)
        page.heights.append(height)
        self.left -= height
        for index in self.at_row.get(row, ()):
            self.open.setdefault(index, _Open(row)).height += height
        if complete:
            for index in self.at_row.get(row, ()):
                if self.flows[index].last_row == row:
                    self._close(index, row, everything=True)

    def _new_page(self, *, forced: bool = False) -> None:
        self._close_all(forced=forced)
        self.pages.append(PagePlan())
        self.left = self.room

    def _close_all(self, *, forced: bool = False) -> None:
        last_row = self.pages[-1].rows[-1] if self.pages[-1].rows else -1
        for index in list(self.open):
            self._close(index, last_row, everything=False, forced=forced)

    def _close(self, index: int, last_row: int, *, everything: bool, forced: bool = False) -> None:
        """End the flow's box on this page: its lines that fit go here, the rest continue on the next page."""
        opened = self.open.pop(index)
        flow, start = self.flows[index], self.next[index]
        if start >= len(flow.lines):
            label = self.started[index] and bool(flow.label)
            piece = Piece(index, opened.first_row, last_row, start, start, label=label)
        else:
            count = len(flow.lines) - start if everything else self._fitting(flow, start, opened.height)
            if count == 0 and forced:
                count = 1  # a single line taller than a whole page: place it rather than loop for ever
            piece = Piece(index, opened.first_row, last_row, start, start + count,
                          whole=start == 0 and count == len(flow.lines))
            self.next[index] = start + count
        self.started[index] = True
        self.pages[-1].pieces.append(piece)

    def _fitting(self, flow: Flow, start: int, height: float) -> int:
        room, count = height - 2 * self.pad, 0
        for line in flow.lines[start:]:
            if line > room + _EPS:
                break
            room -= line
            count += 1
        return count
