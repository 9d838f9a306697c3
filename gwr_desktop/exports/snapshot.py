"""A signed version as stored: the content signed and the whole document (layout and file naming), as JSON.

The document is frozen as rendered at sign-off — label, title, header fields, columns and widths, rows, part
headings, the unit's name as printed, notes, manifest, page — so a re-export writes that same document whatever
changed afterwards (form definitions, labels, the registry, the app). The codec (domain/snapshot_codec.py)
follows the dataclasses' own type hints, so a field added to FormLayout or FormContent is frozen too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from gwr_desktop.domain.forms import FormContent
from gwr_desktop.domain.snapshot_codec import from_plain, to_plain
from gwr_desktop.exports.layout import FormLayout

SNAPSHOT_SCHEMA = 2


class SnapshotError(ValueError):
    """A stored snapshot cannot be read back (damaged, or from an unknown schema)."""


@dataclass(frozen=True)
class SignedDocument:
    """What re-exporting a version needs: the layout as signed, and the parts of its file names."""

    layout: FormLayout
    year: int
    form_name: str


def _canonical(value: Any) -> str:  # noqa: ANN401 - any plain JSON value
    """Sorted keys, no extra spaces: equal values give equal text and digest."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_json(content: FormContent) -> str:
    return _canonical({"schema": SNAPSHOT_SCHEMA, "kind": content.kind.value, "content": to_plain(content)})


def digest(content: FormContent) -> str:
    """Identifies a content exactly (its definition included)."""
    return hashlib.sha256(content_json(content).encode("utf-8")).hexdigest()


def content_from_json(text: str) -> FormContent:
    return _read(text, lambda data: from_plain(FormContent, data["content"]))


def to_json(content: FormContent, document: SignedDocument) -> str:
    """The JSON a signed version keeps."""
    return _canonical({"schema": SNAPSHOT_SCHEMA, "kind": content.kind.value, "content": to_plain(content),
                       "document": to_plain(document)})


def document_from_json(text: str) -> SignedDocument:
    return _read(text, lambda data: from_plain(SignedDocument, data["document"]))


def _read(text: str, build):  # noqa: ANN001, ANN202 - parsed dict → value
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("schema") != SNAPSHOT_SCHEMA:
            raise SnapshotError(f"未知的定稿快照格式：{data.get('schema') if isinstance(data, dict) else data!r}")
        return build(data)
    except SnapshotError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SnapshotError(f"定稿快照无法读取：{error}") from error
