"""Year to year (issue 9 #7): for an item of this year's plan, the same unit's most similar items of last year's,
with what the unit wrote for them then — its 附表1 work entries, 分管领导/责任部门, and its 附表3 完成情况 — so
the editors can offer them as "去年类似事项" and copy from one in one step.

    offers = LastYear(db, "市商务局", "2024")     # one index over last year's plan, read once
    offers.for_item("二-7")                       # [Suggestion(key="二-5", text=…, entries=…), …]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from gwr_desktop.domain.form_defs import Level, ValueKind
from gwr_desktop.domain.forms import FormContent, FormItem
from gwr_desktop.domain.plan import FormKind, Role
from gwr_desktop.services import form_content as fc
from gwr_desktop.services.database import Database
from gwr_desktop.services.plan_similarity import SimilarItem, previous_plan_key, similar_for_unit


@dataclass(frozen=True)
class Suggestion:
    plan_key: str  # last year's plan
    key: str
    text: str
    role: Role
    score: float
    entries: tuple[dict[str, str], ...] = ()  # 附表1 work entries (具体工作内容, 完成时间 …) as typed last year
    values: tuple[tuple[str, str], ...] = ()  # the item's own 附表1 values (分管领导, 责任部门 …) as typed
    progress: tuple[tuple[int, str], ...] = ()  # (quarter, 完成情况) as typed last year, in quarter order

    def progress_for(self, quarter: int) -> str:
        """Last year's text for the same quarter, else the latest earlier one."""
        earlier = [text for q, text in self.progress if q <= quarter]
        return earlier[-1] if earlier else ""


class LastYear:
    """The suggestions for every item of a unit in one plan, computed when first asked."""

    def __init__(self, db: Database, unit: str, plan_key: str) -> None:
        self.db, self.unit, self.plan_key = db, unit, plan_key
        self.previous = previous_plan_key(db, plan_key)

    @cached_property
    def _similar(self) -> dict[str, list[SimilarItem]]:
        if self.previous is None:
            return {}
        return similar_for_unit(self.db, self.unit, self.plan_key, previous=self.previous)

    @cached_property
    def _plan_form(self) -> FormContent | None:
        return self._load(FormKind.PLAN, None)

    @cached_property
    def _plan_items(self) -> dict[str, FormItem]:
        return {item.key: item for item in self._plan_form.items} if self._plan_form else {}

    @cached_property
    def _progress(self) -> dict[int, FormContent]:
        found = {}
        for quarter in range(1, 5):
            content = self._load(FormKind.PROGRESS, quarter)
            if content is not None:
                found[quarter] = content
        return found

    def _load(self, kind: FormKind, quarter: int | None) -> FormContent | None:
        if self.previous is None or kind not in fc.definitions(self.db, self.previous):
            return None
        try:
            return fc.load_content(self.db, self.previous, self.unit, kind, quarter)
        except fc.FormInputError:
            return None

    def for_item(self, key: str) -> list[Suggestion]:
        return [self._suggestion(hit) for hit in self._similar.get(key, [])]

    def _suggestion(self, hit: SimilarItem) -> Suggestion:
        item = self._plan_items.get(hit.key)
        entries = tuple(dict(w.values) for w in item.entries if any(w.values.values())) if item else ()
        values = tuple((k, v) for k, v in item.values.items() if v) if item else ()
        progress = tuple((quarter, text) for quarter, content in sorted(self._progress.items())
                         for found in content.items if found.key == hit.key
                         for text in [_text(content, found)] if text)
        return Suggestion(hit.plan_key, hit.key, hit.text, hit.role, hit.score, entries, values, progress)


def _text(content: FormContent, item: FormItem) -> str:
    keys = [f.key for f in content.definition.fields_of_kind(ValueKind.LONG_TEXT, Level.ITEM)]
    return "\n".join(item.get(key) for key in keys if item.get(key))

