"""Handing a signed version over to the 督查室: the pre-addressed e-mail link, the package's name, the scan's
kind — plain rules, no Qt and no files.

    mailto_url("dcs@wuhan.gov.cn", subject, body)   # "mailto:dcs@wuhan.gov.cn?subject=%E5%B8%82…&body=…"
    package_name(["2023_市商务局_附表1_办理方案_v1.docx", …])   # "2023_市商务局_附表1_办理方案_v1.zip"
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import quote

# One address (RFC 5321's practical subset: no spaces, no quotes); several are separated by ";" or ",".
_ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
ADDRESS_LIMIT = 254
# What a scan of the signed page may be, by its first bytes (never by its name).
SCAN_KINDS = ((b"%PDF-", "application/pdf", ".pdf"), (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
              (b"\x89PNG\r\n\x1a\n", "image/png", ".png"))
SCAN_SUFFIX = "签字盖章页"


class AddressError(ValueError):
    """Not an e-mail address; the message is for the user."""


def check_addresses(text: str) -> str:
    """The address(es) as stored: trimmed, separated by "; ". "" clears. AddressError when one is not valid."""
    parts = [part.strip() for part in re.split(r"[;,；，\s]+", text.strip()) if part.strip()]
    for part in parts:
        if len(part) > ADDRESS_LIMIT or not _ADDRESS.match(part):
            raise AddressError(f"“{part}”不是有效的邮箱地址（应形如 duchashi@example.gov.cn）。")
    joined = "; ".join(parts)
    if len(joined) > ADDRESS_LIMIT:
        raise AddressError(f"邮箱地址过长（最多 {ADDRESS_LIMIT} 个字符）。")
    return joined


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068): recipients, subject and body percent-encoded as UTF-8, lines ended CR LF."""
    recipients = ",".join(quote(part.strip(), safe="@!$'*+=._-~") for part in re.split(r"[;,]", to) if part.strip())
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{recipients}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def package_name(files: Sequence[str | PurePath]) -> str:
    """The zip is named like the files it holds (their common name without the format): …_v1.zip."""
    stems = [PurePath(name).stem for name in files]
    if not stems:
        return "报送材料.zip"
    common = stems[0]
    for stem in stems[1:]:
        while not stem.startswith(common):
            common = common[:-1]
    return f"{common.rstrip('_') or stems[0]}.zip"


def scan_kind(head: bytes) -> tuple[str, str] | None:
    """(media type, suffix) of a PDF, JPEG or PNG file from its first bytes; None for anything else."""
    return next(((media, suffix) for magic, media, suffix in SCAN_KINDS if head.startswith(magic)), None)


def scan_file_name(package_stem: str, suffix: str, number: int = 1, count: int = 1) -> str:
    """"2023_市商务局_附表1_办理方案_v1_签字盖章页.pdf" (numbered when a version has several scans)."""
    numbered = f"{number}" if count > 1 else ""
    return f"{package_stem}_{SCAN_SUFFIX}{numbered}{suffix}"
