"""What every reader produces: the document's lines in reading order, with table rows split into cells."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceLine:
    """One line as a reader sees it: a text line, a paragraph (its automatic number written in) or a table row.

    `number` is where it stands in the file (line, paragraph or row ordinal, 1-based); `cells` the cells of a
    table row (None for running text).
    """

    number: int
    text: str
    cells: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ReadNote:
    """Something the reader changed or could not read (removed control characters, undecodable bytes)."""

    kind: str
    line: int
    text: str
    message: str


@dataclass
class SourceDocument:
    format: str  # "txt" | "docx" | "xlsx" | "pdf"
    lines: list[SourceLine]
    name: str = ""
    line_word: str = "行"  # how a location is named: 第12行, 第12段
    notes: list[ReadNote] = field(default_factory=list)
    digest: str = ""

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
