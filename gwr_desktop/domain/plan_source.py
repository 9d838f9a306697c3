"""Read a plan document's text from any file the readers understand (.txt, .docx, .xlsx, .pdf).

Kept for callers that want the text alone; parse_plan_file (plan_parser) reads and parses in one step and
keeps what the reader knows (table cells, paragraph numbers, the notes on removed characters).
"""

from __future__ import annotations

from pathlib import Path

from gwr_desktop.domain.reading import DEFAULT_LIMITS, Limits, read_document
from gwr_desktop.domain.reading.errors import PlanSourceError

__all__ = ["PlanSourceError", "read_plan_text"]


def read_plan_text(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """The document's lines joined by newlines (table rows tab-separated). Raises PlanSourceError."""
    return read_document(Path(path), limits).text()
