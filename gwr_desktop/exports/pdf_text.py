"""Text for the app's PDF and printing, laid out line by line with QTextLayout and drawn as glyph runs.

Why not QPainter.drawText: it clips a text taller than its rectangle without a word, and a table row taller
than a page has to be cut *between lines* and continued on the next page. A laid-out text knows its lines, so
the pagination can place any range of them. Drawing each line's glyph runs (instead of letting Qt shape the
text again) also tells us exactly which glyph stands for which typed characters: `GlyphLog` records that, and
pdf_tounicode uses it to give the PDF a true text layer (Qt's own map names a Kangxi radical for 工, 人, 方…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QGlyphRun, QPaintDevice, QPainter, QRawFont, QTextLayout, QTextLine, QTextOption

_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter,
          "right": Qt.AlignmentFlag.AlignRight}
_RUN_FLAGS = (QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
              | QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphPositions
              | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes)
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
LINE_SEPARATOR = "\u2028"  # QTextLayout breaks a line here; a "\n" would be shaped as a character


@dataclass
class LaidText:
    """One text wrapped at a width: its lines, each line's top and height (device pixels)."""

    text: str  # as laid out ("\n" turned into line separators)
    layout: QTextLayout
    tops: list[float]
    heights: list[float]
    width: float

    units: bytes | None = None  # the text as UTF-16, kept only for a text with characters beyond the BMP

    def piece(self, start: int, end: int) -> str:
        """The characters of UTF-16 positions start..end (Qt counts a character beyond the BMP as two)."""
        if self.units is None:
            return self.text[start:end]
        return self.units[2 * start:2 * end].decode("utf-16-le", "replace")

    @property
    def line_count(self) -> int:
        return len(self.heights)

    def height(self, first: int = 0, last: int | None = None) -> float:
        """Height of lines first..last-1 (all lines by default)."""
        return sum(self.heights[first:last])

    def fitting(self, first: int, room: float) -> int:
        """How many lines from `first` on fit into room (0 when not even one does)."""
        used, count = 0.0, 0
        for height in self.heights[first:]:
            if used + height > room + 1e-6:
                break
            used += height
            count += 1
        return count


def lay_out(text: str, font: QFont, width: float, align: str, device: QPaintDevice) -> LaidText:
    """Wrap text at width for device: at word boundaries and CJK break points (Unicode line breaking, so "，"
    never starts a line), anywhere inside a run too long for the width (a URL, a long number)."""
    shown = text.replace("\r\n", "\n").replace("\n", LINE_SEPARATOR)
    layout = QTextLayout(shown, font, device)
    option = QTextOption(_ALIGN.get(align, Qt.AlignmentFlag.AlignLeft))
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    tops: list[float] = []
    heights: list[float] = []
    y = 0.0
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        height = line.height()
        tops.append(y)
        heights.append(height)
        y += height
    layout.endLayout()
    if not shown:
        tops, heights = [], []  # an empty cell has no line to print
    wide = _BEYOND_BMP.search(shown) is not None
    return LaidText(shown, layout, tops, heights, width, shown.encode("utf-16-le") if wide else None)


@dataclass
class FaceGlyphs:
    """What one font face drew: its glyphs in the order first drawn, and the text each glyph stood for."""

    raw: QRawFont
    order: list[int] = field(default_factory=lambda: [0])  # Qt's PDF subset starts with glyph 0
    texts: dict[int, dict[str, int]] = field(default_factory=dict)  # glyph → {text: times drawn}

    def add(self, glyph: int, text: str) -> None:
        seen = self.texts.get(glyph)
        if seen is None:
            seen = self.texts[glyph] = {}
            if glyph != 0:
                self.order.append(glyph)
        if text:
            seen[text] = seen.get(text, 0) + 1

    def add_run(self, texts: dict[int, str]) -> None:
        """Glyph → text of one run, glyphs in the order first drawn (counts matter only where texts differ)."""
        for glyph, text in texts.items():
            seen = self.texts.get(glyph)
            if seen is None:
                self.texts[glyph] = {text: 1}
                if glyph != 0:
                    self.order.append(glyph)
            elif text not in seen:
                seen[text] = 1
            elif len(seen) > 1:
                seen[text] += 1

    def text_of(self, glyph: int) -> str:
        """The text a glyph stood for; when two texts share a glyph (工 and ⼯ in Noto CJK) the one drawn most."""
        seen = self.texts.get(glyph) or {}
        return max(seen, key=lambda t: (seen[t], t)) if seen else ""


class GlyphLog:
    """Every glyph drawn on a PDF, per font face, in drawing order (the order Qt's PDF engine numbers them)."""

    def __init__(self) -> None:
        self.faces: dict[str, FaceGlyphs] = {}  # face key → glyphs; dicts keep first-use order

    def record(self, run: QGlyphRun, laid: LaidText, ends: dict[int, int]) -> None:
        """Note a drawn run; ends gives, for each cluster start in its line, where the cluster ends."""
        raw = run.rawFont()
        key = face_key(raw)
        face = self.faces.get(key)
        if face is None:
            face = self.faces[key] = FaceGlyphs(raw)
        glyphs, starts = run.glyphIndexes(), run.stringIndexes()
        if (laid.units is None and starts and starts[-1] - starts[0] == len(starts) - 1 == len(glyphs) - 1
                and ends[starts[-1]] == starts[-1] + 1):
            # one glyph per character, in order (nearly every run): the dict does the work in C
            face.add_run(dict(zip(glyphs, laid.text[starts[0]:starts[-1] + 1], strict=True)))
            return
        claimed: set[int] = set()
        for glyph, start in zip(glyphs, starts, strict=False):
            # a ligature ("fi") is one glyph for several characters; a character drawn with several glyphs
            # gives its text to the first of them only
            piece = "" if start in claimed else laid.piece(start, ends[start]).replace(LINE_SEPARATOR, "")
            claimed.add(start)
            face.add(glyph, piece)


def _cluster_ends(starts: list[int], line_end: int) -> dict[int, int]:
    """Where each cluster ends: at the next cluster's start (of any run of the line), the last at line_end."""
    ordered = sorted(set(starts))
    return {start: (ordered[i + 1] if i + 1 < len(ordered) else line_end) for i, start in enumerate(ordered)}


_FACE_KEYS: dict[tuple[str, str, int, int], str] = {}


def face_key(raw: QRawFont) -> str:
    """Which font file a glyph run came from, as Qt's PDF engine tells faces apart (one subset per face):
    its PostScript name, read once per family and style."""
    style = (raw.familyName(), raw.styleName(), raw.weight(), int(raw.style().value))
    known = _FACE_KEYS.get(style)
    if known is None:
        known = _FACE_KEYS[style] = postscript_name(raw) or "|".join(map(str, style))
    return known


def postscript_name(raw: QRawFont) -> str:
    """nameID 6 of the face's name table (what Qt's PDF engine writes as /BaseFont)."""
    data = bytes(raw.fontTable("name").data())  # PySide takes the tag as str
    if len(data) < 6:
        return ""
    count, strings = int.from_bytes(data[2:4], "big"), int.from_bytes(data[4:6], "big")
    for index in range(count):
        record = data[6 + 12 * index: 18 + 12 * index]
        if len(record) < 12:
            break
        platform, _, _, name_id, length, offset = (int.from_bytes(record[i:i + 2], "big") for i in range(0, 12, 2))
        if name_id == 6:
            raw_name = data[strings + offset: strings + offset + length]
            return raw_name.decode("utf-16-be" if platform in (0, 3) else "latin-1", "replace")
    return ""


def draw_lines(painter: QPainter, laid: LaidText, first: int, last: int, x: float, y: float,
               log: GlyphLog | None) -> None:
    """Draw lines first..last-1 of laid with the top of line `first` at (x, y)."""
    if first >= last:
        return
    origin = QPointF(x, y - laid.tops[first])
    runs, ends = _runs(laid, first, last)
    for run in runs:
        painter.drawGlyphRun(origin, run)
        if log is not None:
            log.record(run, laid, ends)


def _runs(laid: LaidText, first: int, last: int) -> tuple[list[QGlyphRun], dict[int, int]]:
    """The glyph runs of lines first..last-1 (those with glyphs), asked of Qt in one call, and where each
    cluster of those lines ends."""
    start = laid.layout.lineAt(first).textStart()
    end_line: QTextLine = laid.layout.lineAt(last - 1)
    end = end_line.textStart() + end_line.textLength()
    runs = [run for run in laid.layout.glyphRuns(start, end - start, _RUN_FLAGS) if run.glyphIndexes()]
    starts = [index for run in runs for index in run.stringIndexes()]
    return runs, _cluster_ends(starts, end)


def missing_glyphs(laid: LaidText) -> set[str]:
    """Characters drawn with glyph 0 (the empty box): no installed font has them."""
    missing: set[str] = set()
    if laid.line_count:
        runs, ends = _runs(laid, 0, laid.line_count)
        for run in runs:
            for glyph, start in zip(run.glyphIndexes(), run.stringIndexes(), strict=False):
                if glyph == 0:
                    missing.update(c for c in laid.piece(start, ends[start]) if not c.isspace() and c != LINE_SEPARATOR)
    return missing
