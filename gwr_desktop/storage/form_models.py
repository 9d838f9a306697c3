"""Mapped classes for what a unit types into its forms: one header row per form, and generic value rows.

Values are JSON text by column key, as the plan's form definition names them, so a column added to next
year's form needs no migration. A row is placed by (plan, unit, form kind, quarter, anchor, level, ordinal):
the anchor is an item key ("二-5") or a roster role ("handler"); the level says whether the row holds an
item's own values, one of its work entries, or one person; the ordinal orders entries and people. That
placement is unique. Rows are created on the first edit; an absent row means "not filled yet".

Every editable row carries a version number (SQLAlchemy's version_id_col): an UPDATE names the version it
read, so a write based on a stale read fails instead of silently overwriting (issue 14 builds on it).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gwr_desktop.storage.models import Base


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class FormHead(Base):
    """One form of one unit: the values above its table and its print options. `quarter` is 0 for forms
    without quarters (NULL would defeat the unique key). Writers of a form lock this row first."""

    __tablename__ = "form_heads"
    __table_args__ = (UniqueConstraint("plan_id", "unit_id", "kind", "quarter", name="uq_form_heads_form"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    quarter: Mapped[int] = mapped_column(Integer, default=0)
    values_json: Mapped[str] = mapped_column(Text, default="{}")
    print_optional: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    __mapper_args__ = {"version_id_col": version}


class FormRow(Base):
    """One row of values: an item's own values, one work entry of an item, or one person of a roster."""

    __tablename__ = "form_rows"
    __table_args__ = (UniqueConstraint("plan_id", "unit_id", "kind", "quarter", "anchor", "level", "ordinal",
                                       name="uq_form_rows_place"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    quarter: Mapped[int] = mapped_column(Integer, default=0)
    anchor: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(10))
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    values_json: Mapped[str] = mapped_column(Text, default="{}")
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    __mapper_args__ = {"version_id_col": version}
