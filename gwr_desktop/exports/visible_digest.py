"""Stamp a layout's manifest with the digest of its visible table texts (domain/returns/cells.py) just before
it is rendered, so every .docx/.xlsx written says what its table showed when it left the app."""

from __future__ import annotations

from dataclasses import replace

from gwr_desktop.domain.returns.cells import cells_digest
from gwr_desktop.exports.layout import FormLayout


def body_rows(layout: FormLayout) -> list[tuple[str, ...]]:
    """The body as printed rows of texts: merged cells already print once (the rows they cover hold "")."""
    return [row.cells for row in layout.rows]


def with_cells_digest(layout: FormLayout) -> FormLayout:
    return replace(layout, manifest=replace(layout.manifest, cells=cells_digest(body_rows(layout))))
