"""The 附表3 reference pane: an item's targets, the plan form's work due by the quarter's end, and what changed
since last quarter. Every piece of user text is HTML-escaped: "对增速<5%的…" must show as typed, not vanish."""

from __future__ import annotations

from html import escape

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.domain.forms import FormItem, Guidance
from gwr_desktop.domain.text_diff import Change, compare

HINT = "<p style='color:#666'>选中一个事项，这里显示办理方案中到本季度末应完成的工作和上季度的完成情况。</p>"
_STYLES = {Change.SAME: "{}", Change.ADDED: "<span style='background:#d4edda'>{}</span>",
           Change.REMOVED: "<span style='background:#f8d7da;text-decoration:line-through'>{}</span>"}


def text_html(text: str) -> str:
    """Plain text as HTML: escaped, line breaks kept."""
    return escape(text, quote=True).replace("\n", "<br>")


def _entries(entries: tuple[Guidance, ...]) -> str:
    listed = "".join(f"<li>{text_html(g.text)}（{text_html(g.period)}）</li>" for g in entries)
    return f"<ul>{listed or '<li>无</li>'}</ul>"


def diff_html(before: str, after: str) -> str:
    if not after:
        return f"<span style='color:#666'>{text_html(before)}</span>（本季度尚未填写）"
    return "".join(_STYLES[run.change].format(text_html(run.text)) for run in compare(before, after))


def reference_html(item: FormItem, text_keys: list[str], quarter: int) -> str:
    parts = [f"<b>{text_html(item.key)}</b>"]
    if item.targets:
        parts.append("目标：" + "、".join(text_html(t.clause) for t in item.targets))
    parts.append(f"<b>到{quarter_label(quarter)}末应完成：</b>{_entries(item.due_entries)}")
    if item.ongoing_entries:
        parts.append(f"<b>正在推进：</b>{_entries(item.ongoing_entries)}")
    for key in text_keys:
        if item.previous.get(key):
            parts.append(f"<b>与上季度相比：</b><br>{diff_html(item.previous[key], item.get(key))}")
    return "<br>".join(parts)
