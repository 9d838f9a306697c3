"""The digest of a form's visible table texts: written into every exported file's manifest, recomputed from
the file's own cells when it comes back, so an edit made after export (in WPS, Word, Excel) is seen.

What is hashed is the body table as a person reads it — one row per printed row (a part heading, an item, a
work entry, a person), one text per column, a merged cell once (the rows it covers hold "") — with every
white-space character removed. White space is left out because office programs rewrite it freely (CR LF for
LF, a trailing space, a soft line break for a paragraph) without anyone having changed what the form says;
every other character counts, in order, cell by cell.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence

_SPACE = re.compile(r"\s+")
# Characters no Office file can carry (exports/text_clean.py removes them before writing): never hashed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def visible(text: str) -> str:
    """A cell's text as compared: no white space, no characters a file cannot hold."""
    return _NOT_XML.sub("", _SPACE.sub("", text or ""))


def cells_digest(rows: Iterable[Sequence[str]]) -> str:
    """sha256 over the rows' visible texts; trailing empty cells of a row do not count (a reader may not see
    the empty cells at a row's end)."""
    plain = []
    for row in rows:
        cells = [visible(cell) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        plain.append(cells)
    text = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
