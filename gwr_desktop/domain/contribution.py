"""Contributions (配合材料): what a unit taking part in an item (参与, not 牵头) sends its lead unit.

Per item: its 配合情况 for a quarter (for the lead's 完成情况) and proposed work rows — content and 完成时间 —
for the lead's 附表1. The printed document is described once, as data (forms/contribution.json, a form
definition of the items-with-work-entries kind), so it is laid out and rendered like the official forms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from gwr_desktop.domain.form_defs import FormDefinition, definition_from_plain, quarter_label
from gwr_desktop.domain.forms import FormContent, FormItem, WorkEntry

CONTRIBUTION_FORM = "contribution"  # the manifest's `form`
NOTE, CONTENT, PERIOD = "note", "content", "period"  # the definition's column keys


@dataclass(frozen=True)
class WorkProposal:
    content: str
    period: str = ""


@dataclass(frozen=True)
class ContributionEntry:
    """One item of a contribution: the helper's 配合情况 and its proposed work rows."""

    key: str
    note: str = ""
    work: tuple[WorkProposal, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.note and not self.work


@dataclass(frozen=True)
class Contribution:
    plan_key: str
    helper: str
    lead: str
    quarter: int | None  # the 配合情况's quarter; None: work rows only
    entries: tuple[ContributionEntry, ...]


@dataclass(frozen=True)
class ItemText:
    """What the printed document shows of a plan item."""

    key: str
    part: str
    number: int
    text: str
    part_title: str = ""


@cache
def contribution_definition(folder: Path | None = None) -> FormDefinition:
    """forms/contribution.json."""
    from gwr_desktop.paths import forms_path

    path = (folder or forms_path()) / f"{CONTRIBUTION_FORM}.json"
    return definition_from_plain(json.loads(path.read_text(encoding="utf-8")))


def addressed(definition: FormDefinition, helper: str, lead: str, quarter: int | None) -> FormDefinition:
    """The definition with the lead and the quarter written into its title and notes."""
    period = f"（{quarter_label(quarter)}）" if quarter else ""

    def fill(text: str) -> str:  # {unit} stays in the title: FormContent.title fills it
        return text.replace("{lead}", lead).replace("{quarter}", period)

    return replace(definition, title_pattern=fill(definition.title_pattern),
                   notes=tuple(fill(note).replace("{unit}", helper) for note in definition.notes))


def printed_content(contribution: Contribution, items: dict[str, ItemText],
                    definition: FormDefinition | None = None) -> FormContent:
    """The contribution as the content of its printed form, items in the given (plan) order."""
    base = addressed(definition or contribution_definition(), contribution.helper, contribution.lead,
                     contribution.quarter)
    rows = []
    for entry in contribution.entries:
        item = items[entry.key]
        rows.append(FormItem(key=item.key, part=item.part, number=item.number, text=item.text,
                             part_title=item.part_title, values={NOTE: entry.note} if entry.note else {},
                             entries=tuple(WorkEntry({CONTENT: w.content, PERIOD: w.period}) for w in entry.work)))
    return FormContent(definition=base, plan_key=contribution.plan_key, unit=contribution.helper,
                       quarter=contribution.quarter, header={"lead": contribution.lead}, items=tuple(rows))


def merged_text(own: str, contributed: str) -> str:
    """The lead's text with a contribution appended as a new paragraph (nothing repeated)."""
    own, contributed = own.rstrip(), contributed.strip()
    if not contributed or contributed in own:
        return own
    return f"{own}\n{contributed}" if own else contributed
