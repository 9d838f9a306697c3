"""Parts of a printed form that every renderer places the same way (Qt-free): the title's line break, where
主要负责人(签字) stands, which columns repeat on a continued row, and the draft mark.

One function each, so the .docx, the .xlsx and the app's PDF cannot drift apart.
"""

from __future__ import annotations

from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.text_metrics import MM_PER_PT, char_width_em

DRAFT_MARK = "草稿（未定稿）"
CONTINUED = "（续）"
SMALLEST_TITLE_PT = 16.0  # 三号: a title never shrinks below the body's 公文 size
_BREAK_AFTER = "》）)」』、，,：:；;"
_BREAK_BEFORE = "《（(「『"


def ems(text: str) -> float:
    return sum(map(char_width_em, text))


def balanced_title(title: str, width_mm: float, size_pt: float) -> tuple[str, float]:
    """The title as one line, or as two balanced lines broken at a sensible point ("…》" / "督办工作人员名单"),
    shrinking (never below 三号) only when no break lets both lines fit; returns (text with "\\n", size)."""
    if "\n" in title:
        return title, size_pt
    size = size_pt
    while True:
        room = width_mm / (size * MM_PER_PT)
        if ems(title) <= room:
            return title, size
        cut = _best_break(title, room, _sensible_breaks(title))
        if cut is not None:
            return title[:cut] + "\n" + title[cut:], size
        if size - 1 < SMALLEST_TITLE_PT:
            break
        size -= 1
    cut = _best_break(title, width_mm / (size * MM_PER_PT), range(1, len(title)))
    return (title[:cut] + "\n" + title[cut:] if cut else title), size


def _sensible_breaks(title: str) -> list[int]:
    return [i for i in range(1, len(title))
            if title[i - 1] in _BREAK_AFTER or title[i] in _BREAK_BEFORE]


def _best_break(title: str, room: float, cuts) -> int | None:  # noqa: ANN001 - an iterable of positions
    """The cut whose two lines both fit and are most nearly equal; None when no cut lets both fit."""
    best, best_width = None, float("inf")
    for cut in cuts:
        widths = ems(title[:cut]), ems(title[cut:])
        if max(widths) <= room and max(widths) < best_width:
            best, best_width = cut, max(widths)
    return best


def second_field_columns(layout: FormLayout) -> int:
    """How many columns the first header field ("单位：…") spans: up to the column boundary that reaches a
    third of the table's width, so the name never clips; the second field starts there in every format."""
    total, running = sum(c.width_mm for c in layout.columns), 0.0
    for count, column in enumerate(layout.columns[:-1], start=1):
        running += column.width_mm
        if running >= total / 3:
            return count
    return max(1, len(layout.columns) - 1)


def second_field_fraction(layout: FormLayout) -> float:
    """Where the second header field starts, as a fraction of the table's width."""
    total = sum(c.width_mm for c in layout.columns) or 1.0
    return sum(c.width_mm for c in layout.columns[:second_field_columns(layout)]) / total


def repeat_columns(layout: FormLayout) -> frozenset[int]:
    """Columns whose text is repeated, marked （续）, where a row continues on the next page: those left of the
    widest column (序号 and 责任事项 beside 具体工作内容 or 完成情况) — a rule over widths, not column keys."""
    if not layout.columns:
        return frozenset()
    widest = max(range(len(layout.columns)), key=lambda i: layout.columns[i].width_mm)
    return frozenset(range(widest))


NARROW_CONTINUED = "(续)"  # half-width brackets: fits a 序号 column that "（续）" would overflow


def continued_text(text: str, limit: int = 60, *, width_em: float = 99.0) -> str:
    """A repeated cell's text on its continuation: the text (shortened past `limit` characters), then （续）
    on a line of its own (so "（一）" and "（续）" each stay whole in a narrow 序号 column of width_em ems)."""
    if not text:
        return ""
    flat = text.replace("\n", "")
    marker = CONTINUED if ems(CONTINUED) <= width_em else NARROW_CONTINUED
    return (flat if len(flat) <= limit else flat[:limit].rstrip() + "…") + "\n" + marker
