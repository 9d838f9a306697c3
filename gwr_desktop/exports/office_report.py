"""The 督查室's one-page summary of a round (counts, late and missing units) as a FormLayout, so the app's own
PDF renderer prints it in the official look."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gwr_desktop.domain.page import page_for
from gwr_desktop.exports.layout import FormLayout, LayoutColumn, LayoutRow
from gwr_desktop.exports.manifest import Manifest


@dataclass(frozen=True)
class ReportLine:
    what: str  # "应报单位"
    count: int
    units: Sequence[str] = ()  # named for the lines that call for a name (逾期已报, 未报 …)


def report_layout(plan_key: str, title: str, fields: Sequence[tuple[str, str]], lines: Sequence[ReportLine],
                  notes: Sequence[str] = ()) -> FormLayout:
    page = page_for("portrait")
    widths = (38.0, 18.0, page.content_width_mm - 56.0)
    columns = tuple(LayoutColumn(key, header, width, align) for (key, header, align), width in zip(
        (("what", "项目", "left"), ("count", "数量", "center"), ("units", "单位", "left")), widths, strict=True))
    rows = tuple(LayoutRow((line.what, str(line.count), "、".join(line.units)), group=n)
                 for n, line in enumerate(lines))
    return FormLayout(label="", title=title, page=page, columns=columns, header_fields=tuple(fields), rows=rows,
                      merges=(), notes=tuple(notes),
                      manifest=Manifest(plan=plan_key, unit="督查室", form="office_report", quarter=None, version=None,
                                        digest="", title=title))
