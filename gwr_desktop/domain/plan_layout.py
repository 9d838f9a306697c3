"""Where the plan stands in the document: the notice, the plan's title (one line or several), the body, the
appended forms and the closing lines (抄送, 印发).

A `附表N`/`附件N` line starts the appendix only when a form's title follows it; anywhere else in the body it is
a stray line (a page header, a misplaced label) that the parser reports instead of ending the plan there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gwr_desktop.domain.notice import form_kind
from gwr_desktop.domain.text import squeeze_spaces

_TITLE_END = re.compile(
    r"(责任分解方案|目标任务分解方案|分解方案|分工方案|责任分工|任务分工|分工安排|任务清单|责任清单|分解表|分工表|任务书|"
    r"分工的意见|台账|责任分解|任务分解|目标分解)(?:[(（]\d{4}年?[)）])?$")
_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*年")
_APPENDIX_LABEL = re.compile(r"^附\s*[表件]\s*\d+\s*(?:[:：].*)?$")
_CLOSING = re.compile(r"^(抄送|抄报)\s*[:：]|^.{0,30}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$"
                      r"|^[(（]此件(?:公开发布|不公开|依申请公开)[)）]$")
_MAX_TITLE_LINES = 3


@dataclass(frozen=True)
class Layout:
    title: str
    year: int | None
    title_start: int  # index of the title's first line
    body_start: int  # index of the body's first line
    appendix_start: int  # index of the first form label (len(lines) when none)
    closing_start: int  # index of the 抄送/印发 lines (len(lines) when none)


def is_appendix_label(line: str) -> bool:
    return line[:1] == "附" and _APPENDIX_LABEL.match(squeeze_spaces(line)) is not None


def find_title(lines: list[str], fallback: str = "") -> tuple[int, int, str] | None:
    """(first index, index after the last, title) of the plan title; a title may be printed over 2–3 lines.

    Lines are tried by where the title ends, fewest lines first, so a signature or date just above a
    one-line title is never taken into it.
    """
    for end in range(1, len(lines) + 1):
        after = lines[end] if end < len(lines) else ""
        for count in range(1, min(_MAX_TITLE_LINES, end) + 1):
            parts = lines[end - count:end]
            if any(not p or len(p) > 60 or "。" in p for p in parts):
                break
            title = "".join(parts)
            if _is_title(title, after):
                return end - count, end, title
    if fallback and _is_title(fallback, ""):
        return 0, 0, fallback
    return None


def _is_title(title: str, after: str) -> bool:
    """A plan title, not the notice's own title ("关于印发…的通知") nor a sentence quoting it (《…方案》已经…)."""
    if not _TITLE_END.search(title) or "印发" in title or title.count("《") > title.count("》"):
        return False
    if len(title) < 10 or not re.search(r"政府工作报告|目标任务|重点工作|重点任务|\d{4}\s*年", title):
        return False
    return not after.startswith(("的通知", "通知", "》", "的意见"))


def title_year(title: str, notice: str) -> int | None:
    match = _YEAR.search(title) or _YEAR.search(notice)
    return int(match.group(1)) if match else None


def find_layout(lines: list[str], fallback_title: str = "") -> Layout | None:
    found = find_title(lines, fallback_title)
    if found is None:
        return None
    start, body, title = found
    closing = next((i for i in range(body, len(lines)) if _CLOSING.match(lines[i])), len(lines))
    appendix = next((i for i in range(body, closing) if _starts_appendix(lines, i, closing)), closing)
    notice = "".join(lines[:start])
    return Layout(title=title, year=title_year(title, notice), title_start=start, body_start=body,
                  appendix_start=appendix, closing_start=closing)


def _starts_appendix(lines: list[str], index: int, end: int) -> bool:
    """A form label followed (within two lines) by a form's title: 附表1 / XXX(单位)市《政府工作报告》办理方案."""
    if not is_appendix_label(lines[index]):
        return False
    label = squeeze_spaces(lines[index])
    inline = re.split(r"[:：]", label, maxsplit=1)
    if len(inline) == 2 and form_kind(inline[1]):
        return True
    following = [line for line in lines[index + 1:min(end, index + 3)] if line]
    return any(form_kind(line) is not None and len(line) <= 60 for line in following[:2])
