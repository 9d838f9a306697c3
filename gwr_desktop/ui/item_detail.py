"""Read-only detail of one item: where it sits in the plan, its full text, and who answers for which part."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from gwr_desktop.domain.catalogue import AssignmentRow, ItemRow
from gwr_desktop.domain.plan import Role
from gwr_desktop.ui.models.task_table import NO_LEAD_NOTE, ROLE_LABELS

PRINTED_ROLE = {Role.LEAD: "牵头单位", Role.RESPONSIBLE: "责任单位"}
_STYLE = """
<style>
  h2 { margin: 0 0 4px 0; }
  .place { color: #555; }
  .text { font-size: 11pt; line-height: 150%; margin: 8px 0 10px 0; }
  td.label { color: #555; white-space: nowrap; padding: 3px 10px 3px 0; vertical-align: top; }
  td { padding: 3px 0; vertical-align: top; }
  .note { color: #8a5a00; }
  .mine { color: #1f4e99; font-weight: bold; }
  .clause { color: #555; }
</style>
"""


@dataclass(frozen=True)
class Viewer:
    """The unit looking at the item and the groups it belongs to (各区人民政府 …)."""

    unit: str | None
    groups: tuple[str, ...] = ()


class ItemDetailView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setReadOnly(True)
        self.setMinimumWidth(260)
        self.item: ItemRow | None = None
        self._html = ""
        self.show_item(None, [], None, Viewer(None))

    def show_item(self, item: ItemRow | None, place: list[str], role: Role | None, viewer: Viewer) -> None:
        self.item = item
        if item is None:
            html = _STYLE + "<p class='place'>在左侧表格中选中一项，这里显示它的全文和分工。</p>"
        else:
            html = _STYLE + render_item(item, place, role, viewer)
        if html != self._html:  # filtering re-announces the same item on every keystroke: no relayout then
            self._html = html
            self.setHtml(html)


def render_item(item: ItemRow, place: list[str], role: Role | None, viewer: Viewer) -> str:
    badge = f" <span class='mine'>〔本单位{ROLE_LABELS[role]}〕</span>" if role else ""
    where = "<br/>".join(f"{'　' * depth}{escape(label)}" for depth, label in enumerate(place))
    rows = [("牵头单位", _lead_line(item)), ("责任单位", _join(item.responsible_labels()) or "—")]
    printed = (("牵头领导", item.leader), ("完成时限", item.deadline))
    rows += [(label, escape(value)) for label, value in printed if value]
    scoped = [a for a in item.assignments if a.scope]
    if scoped:
        rows.append(("分项分工", "<br/>".join(_scoped_line(a) for a in scoped)))
    hosted = [a for a in item.assignments if a.via]
    if hosted:
        rows.append(("承办单位", "<br/>".join(
            f"{escape(a.unit)}〈{escape(a.via or '')}〉：由{escape(a.via or '')}承办" for a in hosted)))
    if viewer.unit:
        rows.append(("本单位", _viewer_line(item, role, viewer)))
    rows.append(("原文", f"<span class='clause'>（{escape(item.clause)}）</span>" if item.clause else "—"))
    table = "".join(f"<tr><td class='label'>{label}</td><td>{value}</td></tr>" for label, value in rows)
    return (f"<h2>{escape(item.key)}{badge}</h2>"
            f"<div class='place'>{where}<br/>（方案原文第 {item.source_line} 行）</div>"
            f"<p class='text'>{escape(item.text)}</p>"
            f"<table cellspacing='0'>{table}</table>")


def _join(labels: list[str]) -> str:
    return "、".join(escape(label) for label in labels)


def _lead_line(item: ItemRow) -> str:
    lead = _join(item.lead_labels()) or "—"
    if item.lead_by_rule:
        lead += f"<br/><span class='note'>（{NO_LEAD_NOTE}）</span>"
    return lead


def _scoped_line(assignment: AssignmentRow) -> str:
    unit = f"{assignment.unit}〈{assignment.via}〉" if assignment.via else assignment.unit
    return (f"{escape(assignment.scope or '')}<br/>"
            f"　→ {PRINTED_ROLE[assignment.role]}：{escape(unit)}")


def _viewer_line(item: ItemRow, role: Role | None, viewer: Viewer) -> str:
    name = escape(viewer.unit or "")
    if role is None:
        return f"{name}：不承担此项"
    reasons = []
    for a in item.assignments:
        how = _how_it_reaches(a, viewer)
        if how:
            scope = f"（{escape(a.scope)}）" if a.scope else ""
            reasons.append(f"{how}，{ROLE_LABELS[a.effective_role]}{scope}")
    detail = "<br/>".join(reasons)
    return f"<span class='mine'>{name}：{ROLE_LABELS[role]}</span>" + (f"<br/>{detail}" if detail else "")


def _how_it_reaches(assignment: AssignmentRow, viewer: Viewer) -> str | None:
    if assignment.unit == viewer.unit:
        return "直接列名"
    if assignment.via == viewer.unit:
        return f"作为{escape(assignment.unit)}的承办单位"
    if assignment.unit in viewer.groups:
        return f"属于“{escape(assignment.unit)}”"
    return None
