"""Which Excel rows a FormLayout's body takes, and how tall each is (Qt-free arithmetic).

Excel rows stop at 409 pt and are never split across pages, so a text longer than one row can hold continues
in the following Excel rows of the same item (no rule between the pieces: it reads as one cell). Short cells
of that row, and merged cells (序号, 责任事项 over an item's work rows), are merged over all of its Excel rows.
Heights come from text_metrics, which is never short for the fonts Excel, WPS or LibreOffice will use.

A row is at most a page tall, so a continued text's next piece starts a page: there the repeat columns
(序号, 责任事项) show their text again with （续）, as in the app's PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate

from gwr_desktop.exports.fonts import FontSet
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.page_parts import continued_text, repeat_columns
from gwr_desktop.exports.text_metrics import MM_PER_PT, line_height_pt, split_lines, text_lines, usable_ems

EXCEL_MAX_ROW_PT = 409.0
ROW_PADDING_PT = 4.0
MIN_BODY_ROW_PT = 22.0


@dataclass(frozen=True)
class Box:
    """One written cell: text at (first row, column), merged down to last row; `piece` of `pieces` when a long
    text continues in the rows below (borders open between the pieces)."""

    first: int  # offsets from the first body row
    last: int
    column: int
    text: str
    piece: int = 0
    pieces: int = 1
    heading: bool = False  # a part heading over every column


@dataclass
class BodyPlan:
    boxes: list[Box] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)  # one per Excel row of the body

    @property
    def rows(self) -> int:
        return len(self.heights)


def max_row_pt(layout: FormLayout, roles: FontSet) -> float:
    """The tallest an Excel row may be: Excel's limit, and a page's room under the repeated header row."""
    head = max((text_lines(h, c.width_mm, roles.table_head.size_pt)
                for h, c in zip(layout.headers, layout.columns, strict=True)), default=1)
    room = layout.page.content_height_mm / MM_PER_PT - head * line_height_pt(roles.table_head.size_pt) - 20
    return min(EXCEL_MAX_ROW_PT, room)


def plan_body(layout: FormLayout, roles: FontSet) -> BodyPlan:
    size, limit = roles.table_body.size_pt, max_row_pt(layout, roles)
    max_lines = max(1, int((limit - ROW_PADDING_PT) // line_height_pt(size)))
    pieces = _pieces(layout, size, max_lines)
    counts = _row_counts(layout, pieces, size, max_lines)
    starts = [0, *accumulate(counts)]  # the first Excel row of each layout row, and the end
    minimum = max(MIN_BODY_ROW_PT, layout.min_row_mm / MM_PER_PT)
    plan = BodyPlan(heights=[minimum] * starts[-1])
    needs: list[tuple[int, int, float]] = []  # (first, last, height) of boxes over several rows
    for index, row in enumerate(layout.rows):
        first, last = starts[index], starts[index + 1] - 1
        if row.heading:
            width = sum(c.width_mm for c in layout.columns)
            plan.boxes.append(Box(first, last, 0, row.cells[0], heading=True))
            plan.heights[first] = max(minimum, _height(row.cells[0], width, roles.part_heading.size_pt))
            continue
        for col, parts in pieces[index].items():
            width = layout.columns[col].width_mm
            if len(parts) == 1:
                plan.boxes.append(Box(first, last, col, parts[0]))
                needs.append((first, last, _height(parts[0], width, size)))
                continue
            for k, part in enumerate(parts):  # the last piece reaches down to the row's last Excel row
                bottom = last if k == len(parts) - 1 else first + k
                plan.boxes.append(Box(first + k, bottom, col, part, k, len(parts)))
                plan.heights[first + k] = max(plan.heights[first + k], _height(part, width, size))
    for span in layout.merges:  # merged over the Excel rows of every layout row it spans
        first, last = starts[span.first], starts[span.last + 1] - 1
        text = layout.rows[span.first].cells[span.column]
        plan.boxes.append(Box(first, last, span.column, text))
        needs.append((first, last, _height(text, layout.columns[span.column].width_mm, size)))
    plan.boxes = _with_labels(layout, plan.boxes, size)
    _spread(plan.heights, needs, limit)
    return plan


def _with_labels(layout: FormLayout, boxes: list[Box], size: float) -> list[Box]:
    """A repeat column's box over rows where a long text continues is cut there: the text, then its label."""
    cuts = sorted({box.first for box in boxes if box.piece > 0})
    repeats = repeat_columns(layout)
    result = []
    for box in boxes:
        inner = [cut for cut in cuts if box.first < cut <= box.last]
        if box.heading or box.column not in repeats or box.pieces > 1 or not inner or not box.text:
            result.append(box)
            continue
        bounds = [box.first, *inner, box.last + 1]
        label = continued_text(box.text, width_em=usable_ems(layout.columns[box.column].width_mm, size))
        for k in range(len(bounds) - 1):
            result.append(Box(bounds[k], bounds[k + 1] - 1, box.column, box.text if k == 0 else label, k,
                              len(bounds) - 1))
    return result


def _pieces(layout: FormLayout, size: float, max_lines: int) -> list[dict[int, list[str]]]:
    """Per layout row, its own cells' texts cut into pieces of at most max_lines (merged cells excluded)."""
    merged = {(s.column, r) for s in layout.merges for r in range(s.first, s.last + 1)}
    # No character is wider than an em: a text without a line break and no longer than this takes at most
    # max_lines lines in its column, and split_lines would give it back whole (asked only for the others).
    whole = [max(1, int(usable_ems(c.width_mm, size))) * max_lines for c in layout.columns]

    def cut(col: int, text: str) -> list[str]:
        if len(text) <= whole[col] and "\n" not in text:
            return [text]
        return split_lines(text, layout.columns[col].width_mm, size, max_lines)

    return [{} if row.heading else
            {col: cut(col, text) for col, text in enumerate(row.cells) if (col, index) not in merged}
            for index, row in enumerate(layout.rows)]


def _row_counts(layout: FormLayout, pieces: list[dict[int, list[str]]], size: float, max_lines: int) -> list[int]:
    """Excel rows per layout row: its longest cell's pieces, more at an item's end if a merged cell needs them."""
    counts = [max((len(p) for p in row.values()), default=1) for row in pieces]
    for span in layout.merges:
        lines = text_lines(layout.rows[span.first].cells[span.column], layout.columns[span.column].width_mm, size)
        short = -(-lines // max_lines) - sum(counts[span.first:span.last + 1])
        if short > 0:
            counts[span.last] += short
    return counts


def _height(text: str, width_mm: float, size_pt: float) -> float:
    return text_lines(text, width_mm, size_pt) * line_height_pt(size_pt) + ROW_PADDING_PT


def _spread(heights: list[float], needs: list[tuple[int, int, float]], limit: float) -> None:
    """A box over several rows too tall for them shares the rest out over its rows (each up to `limit`); a box
    needing more than its rows can hold at `limit` each gets the rows filled to `limit`."""
    for first, last, need in needs:
        have = sum(heights[first:last + 1])
        if need <= have:
            continue
        open_rows = [r for r in range(first, last + 1) if heights[r] < limit]
        while need > have + 1e-6 and open_rows:
            extra = (need - have) / len(open_rows)
            for r in list(open_rows):
                grow = min(extra, limit - heights[r])
                heights[r] += grow
                have += grow
                if heights[r] >= limit - 1e-6:
                    open_rows.remove(r)
    for r, height in enumerate(heights):
        heights[r] = round(min(height, limit), 1)
