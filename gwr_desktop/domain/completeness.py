"""What a form still lacks before it can be printed for signature: one Gap per missing value, with its place.

Which values are required, and what they are called, comes from the plan's form definition. The editors colour
the cells of each gap and list them; the dashboard counts them; the sign-off step shows the sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from gwr_desktop.domain.form_defs import FormDefinition, Level
from gwr_desktop.domain.forms import FormContent, FormItem, Person, WorkEntry
from gwr_desktop.domain.plan import FormKind


@dataclass(frozen=True)
class Gap:
    """A required value that is empty.

    `where` is an item key ("二-5"), a roster role ("handler"), or "" for the form's header; `row` the work
    entry / person index inside it (None for item- or header-level values); `field` the column key.
    """

    where: str
    row: int | None
    field: str
    message: str


@dataclass(frozen=True)
class Completion:
    filled: int
    required: int

    @property
    def complete(self) -> bool:
        return self.filled >= self.required

    @property
    def percent(self) -> int:
        return 100 if self.required == 0 else self.filled * 100 // self.required


def gaps(content: FormContent) -> list[Gap]:
    found = header_gaps(content)
    if content.kind is FormKind.CONTACTS:
        return found + _roster_gaps(content)
    rules = _ItemRules(content.definition)
    for item in content.items:
        found += rules.gaps(item)
    return found


def gaps_by_place(content: FormContent) -> dict[str, list[Gap]]:
    """The same gaps grouped by where they are: "" (the header) first, then every item (or roster role) in the
    form's order, with an empty list where nothing is missing — so an editor can replace one item's gaps."""
    found: dict[str, list[Gap]] = {"": header_gaps(content)}
    if content.kind is FormKind.CONTACTS:
        found.update({spec.key: [] for spec in content.definition.rows})
        for gap in _roster_gaps(content):
            found[gap.where].append(gap)
        return found
    rules = _ItemRules(content.definition)
    for item in content.items:
        found[item.key] = rules.gaps(item)
    return found


def missing_fields(content: FormContent) -> list[str]:
    """Chinese sentences, one per missing value, each naming the item and row it belongs to."""
    return [gap.message for gap in gaps(content)]


def completion(content: FormContent, missing: int | None = None) -> Completion:
    """How much of the form is filled; `missing` is the number of gaps when the caller has counted them."""
    required = required_count(content)
    missing = len(gaps(content)) if missing is None else missing
    return Completion(filled=max(required - missing, 0), required=required)


def header_gaps(content: FormContent) -> list[Gap]:
    return [Gap("", None, spec.key, f"表头：未填写{spec.display_name}")
            for spec in content.definition.editable_header_fields()
            if spec.required and not content.header_value(spec.key)]


def item_gaps(content: FormContent, item: FormItem) -> list[Gap]:
    return _ItemRules(content.definition).gaps(item)


class _ItemRules:
    """The required fields of an item and of its work entries, read from the definition once per form."""

    def __init__(self, definition: FormDefinition) -> None:
        self.entry_fields = [f for f in definition.fields_at(Level.ENTRY) if f.required]
        self.item_fields = [f for f in definition.fields_at(Level.ITEM) if f.required]

    def gaps(self, item: FormItem) -> list[Gap]:
        found = []
        # An item without entries is shown with one empty row, so it lacks that row's values.
        for row, entry in enumerate(item.entries or ((WorkEntry(),) if self.entry_fields else ())):
            found += [Gap(item.key, row, f.key, f"{item.key} 第{row + 1}条：未填写{f.label}")
                      for f in self.entry_fields if not entry.get(f.key)]
        found += [Gap(item.key, None, f.key, f"{item.key}：未填写{f.label}")
                  for f in self.item_fields if not item.get(f.key)]
        return found


def _roster_gaps(content: FormContent) -> list[Gap]:
    fields = [f for f in content.definition.fields_at(Level.PERSON) if f.required]
    found = []
    for spec in content.definition.rows:
        people = content.of_role(spec.key) or [Person(spec.key)] * max(spec.min, 1)
        for row, person in enumerate(people):
            place = spec.label if len(people) == 1 else f"{spec.label}{row + 1}"
            found += [Gap(spec.key, row, f.key, f"{place}：未填写{f.label}") for f in fields if not person.get(f.key)]
    return found


def required_count(content: FormContent) -> int:
    definition = content.definition
    header = sum(1 for spec in definition.editable_header_fields() if spec.required)
    if content.kind is FormKind.CONTACTS:
        per_person = sum(1 for f in definition.fields_at(Level.PERSON) if f.required)
        people = sum(max(len(content.of_role(spec.key)), spec.min, 1) for spec in definition.rows)
        return header + people * per_person
    per_item = sum(1 for f in definition.fields_at(Level.ITEM) if f.required)
    per_entry = sum(1 for f in definition.fields_at(Level.ENTRY) if f.required)
    return header + sum(per_item + per_entry * max(len(item.entries), 1) for item in content.items)
