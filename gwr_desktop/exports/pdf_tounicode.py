"""A true text layer for the app's PDF: the ToUnicode maps rewritten from what was really drawn.

Why: Qt's PDF engine writes each font's ToUnicode map by looking, for every glyph, for the *lowest* code point
of the BMP that the font maps to it. Noto CJK (and other CJK fonts) map a Kangxi radical and the unified
ideograph to one glyph (⼯ U+2F2F and 工 U+5DE5), so about one character in ten copies, searches and extracts
as a look-alike radical; a character outside the BMP (𠮷) or a glyph reached only by shaping (a ligature, a
contextual digit) gets no entry at all and vanishes from the text.

How: while painting, pdf_text.GlyphLog records each face's glyphs in the order they were first drawn — the
order in which Qt numbers them in the face's subset (CID 0 is glyph 0, then first use) — and the text each
glyph stood for. After Qt has written the file, each font's ToUnicode stream is replaced by one built from that
record. The pairing is checked before anything is changed: as many fonts as faces, as many CIDs as glyphs, and
every CID that Qt did map must name a code point the face really maps to that CID's glyph. If a check fails,
the file stays exactly as Qt wrote it and the caller is told (`TextLayerReport.complete` is False).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gwr_desktop.exports.pdf_text import FaceGlyphs, GlyphLog

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_HEAD = re.compile(rb"xref\s+0\s+(\d+)\s+")
_OBJ_HEAD = re.compile(rb"(\d+) 0 obj\s*")
_TOUNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_LENGTH = re.compile(rb"<<\s*/Length\s+(\d+)\s*>>\s*stream\r?\n")
_HEX_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_CHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_XREF_ENTRY = 20  # "0000000015 00000 n \n"


@dataclass
class TextLayerReport:
    fonts: int = 0
    fixed: int = 0  # CIDs whose text now differs from what Qt wrote
    problems: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems


def fix_text_layer(pdf: bytes, log: GlyphLog) -> tuple[bytes, TextLayerReport]:
    """The PDF with every font's ToUnicode map made from the drawn text, and what was done."""
    report = TextLayerReport()
    try:
        offsets, xref_at = _xref(pdf)
        fonts = _fonts_with_tounicode(pdf, offsets)
    except ValueError as error:
        report.problems.append(f"PDF 结构无法识别：{error}")
        return pdf, report
    faces = list(log.faces.values())
    report.fonts = len(fonts)
    if len(fonts) != len(faces):
        report.problems.append(f"字体数不符：PDF {len(fonts)} 个，绘制 {len(faces)} 个")
        return pdf, report
    replacements: dict[int, bytes] = {}
    for (_font, cmap_obj), face in zip(fonts, faces, strict=True):
        qt_map = parse_cmap(_stream(pdf, offsets[cmap_obj]))
        problem = _check(qt_map, face)
        if problem:
            report.problems.append(problem)
            return pdf, report
        texts = {cid: face.text_of(glyph) for cid, glyph in enumerate(face.order) if cid}
        report.fixed += sum(1 for cid, text in texts.items() if qt_map.get(cid, "") != text)
        replacements[cmap_obj] = _object(cmap_obj, cmap_stream(texts))
    return _replace_objects(pdf, offsets, xref_at, replacements), report


def _check(qt_map: dict[int, str], face: FaceGlyphs) -> str:
    """Empty when Qt's numbering is the one recorded; otherwise why not (in Chinese, for the report)."""
    if qt_map and max(qt_map) >= len(face.order):
        return f"字形数不符：PDF 有编号 {max(qt_map)}，绘制了 {len(face.order)} 个字形"
    for cid, text in qt_map.items():
        if cid == 0 or len(text) != 1:
            continue
        glyphs = face.raw.glyphIndexesForString(text)
        if not glyphs or glyphs[0] != face.order[cid]:
            return f"字形编号不符：CID {cid} 在 PDF 中为 U+{ord(text):04X}"
    return ""


def parse_cmap(data: bytes) -> dict[int, str]:
    """CID → text of a ToUnicode CMap (bfrange with a start or an array, and bfchar entries)."""
    result: dict[int, str] = {}
    for block in _RANGE.findall(data):
        for line in block.splitlines():
            codes = _HEX_PAIR.findall(line)
            if len(codes) < 3:
                continue
            low, high = int(codes[0], 16), int(codes[1], 16)
            if b"[" in line:
                for offset, code in enumerate(codes[2:]):
                    result[low + offset] = _utf16(code)
            else:
                start = _utf16(codes[2])
                for offset in range(high - low + 1):
                    result[low + offset] = start[:-1] + chr(ord(start[-1]) + offset) if start else ""
    for block in _CHAR.findall(data):
        codes = _HEX_PAIR.findall(block)
        for cid, text in zip(codes[0::2], codes[1::2], strict=False):
            result[int(cid, 16)] = _utf16(text)
    return result


def _utf16(code: bytes) -> str:
    return bytes.fromhex(code.decode("ascii")).decode("utf-16-be", "replace") if code else ""


def cmap_stream(texts: dict[int, str]) -> bytes:
    """A ToUnicode CMap naming the text of every CID (UTF-16BE, so characters beyond the BMP too)."""
    entries = [(cid, text) for cid, text in sorted(texts.items()) if text]
    blocks = []
    for start in range(0, len(entries), 100):  # at most 100 entries per block (PDF 32000 §9.10.3)
        chunk = entries[start:start + 100]
        lines = "\n".join(f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, text in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}\nendbfchar")
    body = "\n".join(blocks)
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"1 beginbfrange\n<0000> <0000> <0000>\nendbfrange\n{body}\n"
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")


# The file's structure: Qt writes one classic xref table, objects in place, ToUnicode streams uncompressed ----

def _xref(pdf: bytes) -> tuple[dict[int, int], int]:
    match = _STARTXREF.search(pdf[-64:])
    if match is None:
        raise ValueError("没有 startxref")
    at = int(match.group(1))
    head = _XREF_HEAD.match(pdf, at)
    if head is None:
        raise ValueError("没有交叉引用表")
    count, entries = int(head.group(1)), head.end()
    offsets = {}
    for number in range(count):
        entry = pdf[entries + number * _XREF_ENTRY: entries + (number + 1) * _XREF_ENTRY]
        if entry[17:18] == b"n":
            offsets[number] = int(entry[:10])
    return offsets, at


def _object_body(pdf: bytes, offset: int) -> bytes:
    end = pdf.find(b"endobj", offset)
    return pdf[offset:end if end >= 0 else len(pdf)]


def _fonts_with_tounicode(pdf: bytes, offsets: dict[int, int]) -> list[tuple[int, int]]:
    """(font object, its ToUnicode object) for every font, in object order = the order faces were first used."""
    fonts = []
    for number, offset in sorted(offsets.items()):
        if pdf.startswith(b"%d 0 obj" % number, offset):
            head = pdf[offset:offset + 600]
            if b"/Type /Font" in head and b"/ToUnicode" in head and b"stream" not in head.split(b">>")[0]:
                match = _TOUNICODE.search(_object_body(pdf, offset))
                if match:
                    fonts.append((number, int(match.group(1))))
    return fonts


def _stream(pdf: bytes, offset: int) -> bytes:
    head = _OBJ_HEAD.match(pdf, offset)
    match = _LENGTH.match(pdf, head.end()) if head else None
    if match is None:
        raise ValueError("ToUnicode 不是未压缩的流")
    return pdf[match.end(): match.end() + int(match.group(1))]


def _object_end(pdf: bytes, offset: int) -> int:
    head = _OBJ_HEAD.match(pdf, offset)
    match = _LENGTH.match(pdf, head.end()) if head else None
    if match is None:
        raise ValueError("ToUnicode 不是未压缩的流")
    end = pdf.find(b"endobj", match.end() + int(match.group(1)))
    return end + len(b"endobj\n")


def _object(number: int, stream: bytes) -> bytes:
    return b"%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (number, len(stream), stream)


def _replace_objects(pdf: bytes, offsets: dict[int, int], xref_at: int, new: dict[int, bytes]) -> bytes:
    """Put the new objects in place of the old ones and move every later offset (xref and startxref) along."""
    pieces, cursor, shifts = [], 0, []
    for number in sorted(new, key=offsets.__getitem__):
        start = offsets[number]
        end = _object_end(pdf, start)
        pieces += [pdf[cursor:start], new[number]]
        shifts.append((start, len(new[number]) - (end - start)))
        cursor = end
    pieces.append(pdf[cursor:xref_at])

    def moved(offset: int) -> int:
        return offset + sum(delta for start, delta in shifts if start < offset)

    head = _XREF_HEAD.match(pdf, xref_at)
    if head is None:  # _xref found it at xref_at before
        raise ValueError("没有交叉引用表")
    count, entries = int(head.group(1)), head.end()
    table = bytearray(pdf[xref_at:entries + count * _XREF_ENTRY])
    base = entries - xref_at
    for number, offset in offsets.items():
        table[base + number * _XREF_ENTRY: base + number * _XREF_ENTRY + 10] = b"%010d" % moved(offset)
    tail = pdf[entries + count * _XREF_ENTRY:]
    match = _STARTXREF.search(tail)
    if match is None:  # _xref found it at the end before
        raise ValueError("没有 startxref")
    tail = tail[:match.start()] + b"startxref\n%d\n%%%%EOF\n" % moved(xref_at)
    return b"".join(pieces) + bytes(table) + tail
