r"""File names for exported forms that are safe on Windows, and a check that a path stays in its folder.

Pattern: {年度}_{单位}_{附表N}_{表名}[_前X季度][_v{N} | _草稿].{ext},
e.g. 2023_市发改委_附表3_工作目标完成情况_前2季度_v1.pdf.

Two units whose names differ only in characters a file name cannot hold (市/商务局, 市\商务局, 市:商务局) would
both become 市_商务局: when cleaning (or shortening) changed a name, a short digest of the real name is added,
so every unit keeps its own files.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from gwr_desktop.domain.form_defs import quarter_label

FORBIDDEN = '\\/:*?"<>|'
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
            "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³", "CONIN$", "CONOUT$"}
NAME_LIMIT = 80  # characters: leaves room for the folder inside Windows' 260-character MAX_PATH
BYTE_LIMIT = 240  # UTF-8 bytes: Linux file systems stop at 255 per name
_UNSAFE = re.compile(f"[{re.escape(FORBIDDEN)}\\x00-\\x1f\\x7f-\\x9f]")


class UnsafePathError(ValueError):
    """A computed path would leave its folder. Never expected; raised rather than written."""


def safe_component(text: str, *, limit: int = 40) -> str:
    """One piece of a file name: forbidden and control characters become "_", spaces collapse, no trailing
    dot or space, never empty, never a reserved device name, at most limit characters."""
    cleaned = unicodedata.normalize("NFC", str(text))
    cleaned = "".join(c if unicodedata.category(c) not in ("Cf", "Zl", "Zp") else " " for c in cleaned)
    cleaned = _UNSAFE.sub("_", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    cleaned = cleaned[:limit].rstrip(". ")
    cleaned = cleaned.lstrip(" ")
    if not cleaned or set(cleaned) <= {"."}:
        cleaned = "_"
    if cleaned.split(".")[0].strip().upper() in RESERVED:
        cleaned = "_" + cleaned
    return cleaned


DRAFT = "草稿"
_DIGEST = 6  # hex characters of the name's digest: distinct for any two real unit names


def distinct_component(text: str, *, limit: int = 40) -> str:
    """safe_component, plus "~" and a digest of the text itself when cleaning or shortening changed it, so two
    different names never give the same piece (市/商务局 → 市_商务局~1a2b3c, 市:商务局 → 市_商务局~9f8e7d)."""
    original = unicodedata.normalize("NFC", str(text))
    cleaned = safe_component(original, limit=limit)
    if cleaned == original:
        return cleaned
    digest = hashlib.sha256(original.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST]
    return safe_component(cleaned, limit=max(limit - _DIGEST - 1, 1)) + "~" + digest


def export_filename(year: int | str, unit: str, label: str, form_name: str, ext: str, *,
                    quarter: int | None = None, version: int | None = None, draft: bool = False) -> str:
    fixed = [safe_component(str(year)), safe_component(label), safe_component(form_name)]
    if quarter:
        fixed.append(quarter_label(quarter))
    if version is not None:
        fixed.append(f"v{int(version)}")
    elif draft:
        fixed.append(DRAFT)
    suffix = "." + safe_component(ext.lstrip("."), limit=8)
    unit_room = max(NAME_LIMIT - len("_".join(fixed)) - len(suffix) - 1, _DIGEST + 2)
    unit_part = distinct_component(unit, limit=unit_room)
    name = "_".join([fixed[0], unit_part, *fixed[1:]]) + suffix
    while len(name.encode("utf-8")) > BYTE_LIMIT and unit_room > _DIGEST + 2:
        unit_room -= 1
        unit_part = distinct_component(unit, limit=unit_room)
        name = "_".join([fixed[0], unit_part, *fixed[1:]]) + suffix
    return name


def inside(folder: Path, filename: str) -> Path:
    """folder/filename, resolved, refusing anything that would land outside folder."""
    base = Path(folder).resolve()
    path = (base / filename).resolve()
    if path.parent != base:
        raise UnsafePathError(f"文件名不安全，已拒绝写入：{filename}")
    return path


def submission_folder(root: Path, unit: str) -> Path:
    """The unit's own folder under the submissions root (made on demand by the caller)."""
    return inside(Path(root), distinct_component(unit, limit=60))
