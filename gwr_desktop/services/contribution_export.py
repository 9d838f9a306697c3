"""导出配合材料: a helping unit's contribution to one lead unit, as .docx and .xlsx in the official look.

The document is the contribution form (forms/contribution.json) laid out by exports/layout.py and written by
exports/writer.py like any form; its manifest names the plan, the items, the quarter, the helper and the
lead, with the digest of what its table shows — the lead's import recomputes it from the file's cells.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from gwr_desktop.domain.contribution import CONTRIBUTION_FORM, Contribution, printed_content
from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.exports.contribution_manifest import ContributionManifest
from gwr_desktop.exports.fonts import default_fonts
from gwr_desktop.exports.layout import FormLayout, build_layout
from gwr_desktop.exports.naming import export_filename
from gwr_desktop.exports.writer import write_form
from gwr_desktop.services.catalogue import canonical_unit
from gwr_desktop.services.contribution_drafts import drafts
from gwr_desktop.services.contribution_scope import helped_items
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_scope import FormInputError
from gwr_desktop.services.signoff import form_context

log = logging.getLogger(__name__)
FORMATS = ("docx", "xlsx")


def contribution_of(db: Database, plan_key: str, helper: str, lead: str, quarter: int | None) -> Contribution:
    """What the helper has typed for the items `lead` leads and it takes part in (items left empty are left out)."""
    helper, lead = canonical_unit(db, helper), canonical_unit(db, lead)
    helped = [h for h in helped_items(db, plan_key, helper) if lead in h.leads]
    if not helped:
        raise FormInputError(f"{helper}没有参与{lead}牵头的事项，无需向其报送配合材料。")
    typed = drafts(db, plan_key, helper, quarter)
    entries = tuple(typed[h.item.key] for h in helped if h.item.key in typed and not typed[h.item.key].empty)
    if not entries:
        period = f"{quarter_label(quarter)}的配合情况或" if quarter else ""
        raise FormInputError(f"{helper}还没有为{lead}牵头的事项填写{period}拟配合开展的工作，没有可导出的配合材料。")
    return Contribution(plan_key, helper, lead, quarter, entries)


def contribution_layout(db: Database, contribution: Contribution, now: dt.datetime | None = None) -> FormLayout:
    items = {h.item.key: h.item for h in helped_items(db, contribution.plan_key, contribution.helper)}
    content = printed_content(contribution, items)
    context = form_context(db, contribution.plan_key)
    layout = build_layout(content, part_titles=context.part_titles)
    stamp = (now or dt.datetime.now()).replace(microsecond=0).isoformat()
    manifest = ContributionManifest(
        plan=contribution.plan_key, unit=contribution.helper, form=CONTRIBUTION_FORM, quarter=contribution.quarter,
        version=None, digest=layout.manifest.digest, label=layout.label, title=layout.title, lead=contribution.lead,
        items=tuple(e.key for e in contribution.entries), exported_at=stamp)
    return replace(layout, manifest=manifest, fonts=layout.fonts or default_fonts(), draft=False)


def export_contribution(db: Database, plan_key: str, helper: str, lead: str, folder: Path, *,
                        quarter: int | None = None, formats: Sequence[str] = FORMATS,
                        now: dt.datetime | None = None) -> list[Path]:
    """Write the contribution to `lead` into folder; FormInputError when there is nothing to send."""
    contribution = contribution_of(db, plan_key, helper, lead, quarter)
    layout = contribution_layout(db, contribution, now)
    year = form_context(db, plan_key).year
    names = {fmt: export_filename(year, contribution.helper, layout.label, f"致{contribution.lead}", fmt,
                                  quarter=quarter) for fmt in formats}
    paths = write_form(layout, folder, names)
    log.info("导出配合材料 %s → %s：%s", contribution.helper, contribution.lead, "、".join(str(p) for p in paths))
    return paths


def leads_of(db: Database, plan_key: str, helper: str) -> list[str]:
    """The lead units the helper writes to, in the order their items come in the plan."""
    found: list[str] = []
    for helped in helped_items(db, plan_key, helper):
        found += [lead for lead in helped.leads if lead not in found]
    return found
