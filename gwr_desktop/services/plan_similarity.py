"""Year to year: for an item of the new plan, the same unit's most similar items of last year's plan.

The 附表1/附表3 editors will offer them as "去年类似事项" to copy from (issue 9 #7); this is the service half.

    similar_items(db, "市商务局", "2024", "二-5")       # [SimilarItem(plan_key="2023", key="二-5", …), …]
    similar_for_unit(db, "市商务局", "2024")            # every item of the unit at once (one index)

"Last year's plan" is the newest plan of an earlier year; its items "of the same unit" are those that reach
the unit there (directly, through a group, or as host), as the window shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from gwr_desktop.domain.plan import Role
from gwr_desktop.domain.similarity import TextIndex
from gwr_desktop.services import catalogue
from gwr_desktop.services.catalogue import plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.storage import models as m

# An item restated with a new target or a reworded phrase scores well above 0.6; two different tasks that share
# only the plan's stock phrases (推进…建设, 全市…) stay near 0.3 or below. Below 0.4: not worth offering.
MIN_SCORE = 0.4


@dataclass(frozen=True)
class SimilarItem:
    plan_key: str  # last year's plan
    key: str
    text: str
    role: Role  # the unit's role on it last year
    score: float  # cosine similarity of the texts, 0..1


def previous_plan_key(db: Database, plan_key: str) -> str | None:
    """The newest plan of an earlier year than plan_key's (the latest imported if a year has several)."""
    with db.reading() as session:
        year = plan_row(session, plan_key).year
        query = (select(m.Plan.key).where(m.Plan.year < year)
                 .order_by(m.Plan.year.desc(), m.Plan.imported_at.desc(), m.Plan.id.desc()).limit(1))
        return session.scalars(query).first()


def similar_items(db: Database, unit: str, plan_key: str, item_key: str, *, previous: str | None = None,
                  limit: int = 3) -> list[SimilarItem]:
    texts = _texts(db, plan_key)
    if item_key not in texts:
        raise catalogue.UnknownPlanError(f"方案 {plan_key} 中没有事项 {item_key}。")
    return _suggest(db, unit, plan_key, {item_key: texts[item_key]}, previous, limit).get(item_key, [])


def similar_for_unit(db: Database, unit: str, plan_key: str, *, previous: str | None = None,
                     limit: int = 3) -> dict[str, list[SimilarItem]]:
    """Item key → suggestions, for every item of plan_key that reaches the unit."""
    mine = catalogue.unit_roles(db, plan_key, unit)
    texts = {key: text for key, text in _texts(db, plan_key).items() if key in mine}
    return _suggest(db, unit, plan_key, texts, previous, limit)


def _suggest(db: Database, unit: str, plan_key: str, queries: dict[str, str], previous: str | None,
             limit: int) -> dict[str, list[SimilarItem]]:
    previous = previous or previous_plan_key(db, plan_key)
    if previous is None:
        return {key: [] for key in queries}
    roles = catalogue.unit_roles(db, previous, unit)
    last_year = [(key, text) for key, text in _texts(db, previous).items() if key in roles]
    index = TextIndex([text for _key, text in last_year])
    return {
        key: [SimilarItem(previous, last_year[hit][0], last_year[hit][1], roles[last_year[hit][0]], round(score, 4))
              for hit, score in index.query(text, limit, MIN_SCORE)]
        for key, text in queries.items()
    }


def _texts(db: Database, plan_key: str) -> dict[str, str]:
    """Item key → text, in plan order (one query; no catalogue tree, no assignments)."""
    with db.reading() as session:
        plan = plan_row(session, plan_key)
        rows = session.execute(select(m.Item.key, m.Item.text).where(m.Item.plan_id == plan.id)
                               .order_by(m.Item.position))
        return dict(rows.all())
