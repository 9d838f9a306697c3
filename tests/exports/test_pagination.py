"""Pagination (Qt-free): every line of every cell placed once, in order, on pages that hold it; rows that fit a
page stay whole; an item that fits a page is not split; the header row never stands alone on page 1."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.pdf_layout import Flow, PagePlan, Paginator, blocks
from tests.exports.conftest import layout_of

PAD, MIN_ROW, ROOM, FIRST_ROOM = 1.0, 8.0, 120.0, 80.0
PLAN = layout_of(FormKind.PLAN)


def _flows(layout: FormLayout, lines: list[int], label: int = 1) -> list[Flow]:
    """One flow per cell (merged cells over their rows), the i-th with lines[i % len] lines of height 6."""
    inside = {(s.column, r) for s in layout.merges for r in range(s.first + 1, s.last + 1)}
    starts = {(s.column, s.first): s for s in layout.merges}
    flows = []
    for index, row in enumerate(layout.rows):
        if row.heading:
            flows.append(Flow(index, index, 0, len(layout.columns) - 1, (6.0,)))
            continue
        for col in range(len(layout.columns)):
            if (col, index) in inside:
                continue
            span = starts.get((col, index))
            count = lines[len(flows) % len(lines)]
            flows.append(Flow(index, span.last if span else index, col, col, (6.0,) * count,
                              (6.0,) * label if col < 2 else ()))
    return flows


def _run(layout: FormLayout, flows: list[Flow]) -> list[PagePlan]:
    return Paginator(flows, blocks(layout), pad=PAD, min_row=MIN_ROW, first_room=FIRST_ROOM, room=ROOM).run()


def _check_every_line_once_in_order(flows: list[Flow], pages: list[PagePlan]) -> None:
    placed: dict[int, list[tuple[int, int]]] = {}
    for page in pages:
        for piece in page.pieces:
            placed.setdefault(piece.flow, []).append((piece.first_line, piece.last_line))
    for index, flow in enumerate(flows):
        ranges = placed[index]
        assert ranges[0][0] == 0 and ranges[-1][1] == len(flow.lines), (index, ranges)
        assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:], strict=False)), (index, ranges)


def _check_pages_hold_their_rows(flows: list[Flow], pages: list[PagePlan]) -> None:
    for number, page in enumerate(pages):
        assert sum(page.heights) <= (FIRST_ROOM if number == 0 else ROOM) + 1e-6
        height = dict(zip(page.rows, page.heights, strict=True))
        for piece in page.pieces:
            rows = page.rows[page.rows.index(piece.first_row): page.rows.index(piece.last_row) + 1]
            box = sum(height[r] for r in rows) - 2 * PAD
            lines = flows[piece.flow].label if piece.label else flows[piece.flow].lines[piece.first_line:
                                                                                        piece.last_line]
            assert sum(lines) <= box + 1e-6, (number, piece)  # nothing drawn outside its box


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.integers(0, 60), min_size=1, max_size=9))
def test_every_line_placed_once_in_order_inside_its_box(lines: list[int]) -> None:
    layout = PLAN
    flows = _flows(layout, lines)
    pages = _run(layout, flows)
    _check_every_line_once_in_order(flows, pages)
    _check_pages_hold_their_rows(flows, pages)
    assert pages[0].rows  # page 1 never holds just the title and the header row


def test_rows_that_fit_a_page_stay_whole_and_items_that_fit_stay_together() -> None:
    layout = PLAN
    flows = _flows(layout, [1, 3, 5, 2, 9])
    pages = _run(layout, flows)
    where: dict[int, set[int]] = {}
    for number, page in enumerate(pages):
        for row in page.rows:
            where.setdefault(row, set()).add(number)
    assert all(len(numbers) == 1 for numbers in where.values())  # no row is cut: all fit on a page
    sizer = Paginator(flows, blocks(layout), pad=PAD, min_row=MIN_ROW, first_room=FIRST_ROOM, room=ROOM)
    kept = [b for b in blocks(layout)[1:] if sizer._block_height(b) <= ROOM]  # the first may start under the title
    assert len(kept) > 5
    for block in kept:
        assert len({n for r in block for n in where[r]}) == 1, block


def test_a_row_taller_than_a_page_continues_with_its_labels() -> None:
    layout = layout_of(FormKind.PROGRESS)
    flows = _flows(layout, [1, 2, 70])  # every third cell needs 3.5 pages
    pages = _run(layout, flows)
    _check_every_line_once_in_order(flows, pages)
    labels = [p for page in pages for p in page.pieces if p.label]
    assert labels and all(flows[p.flow].first_col < 2 for p in labels)
    cut = {row for page in pages for row in page.rows if sum(r == row for pg in pages for r in pg.rows) > 1}
    assert cut and all(max(len(f.lines) for f in flows if f.first_row == row) * 6 > ROOM for row in cut)


def test_a_title_block_leaving_no_line_on_page_one_moves_the_row_rather_than_clip_it() -> None:
    layout = PLAN
    flows = _flows(layout, [40])
    pages = Paginator(flows, blocks(layout), pad=PAD, min_row=MIN_ROW, first_room=5.0, room=ROOM).run()
    _check_every_line_once_in_order(flows, pages)
    assert not pages[0].rows and all(sum(p.heights) <= ROOM + 1e-6 for p in pages[1:])
