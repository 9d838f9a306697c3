"""Mapped classes for what a unit types into its forms: headers, 附表1 work entries, 附表2 people, 附表3 rows.

Everything belongs to one unit and refers to the plan's items by id, so a second plan (another year) keeps
its own content. Rows are created on the first edit; an absent row means "not filled yet".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gwr_desktop.storage.models import Base


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class FormHeader(Base):
    """The fields above a form's table. `quarter` is 0 for 附表1/附表2 (NULL would defeat the unique key)."""

    __tablename__ = "form_headers"
    __table_args__ = (UniqueConstraint("plan_id", "unit_id", "kind", "quarter"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    quarter: Mapped[int] = mapped_column(Integer, default=0)
    principal: Mapped[str] = mapped_column(String(100), default="")
    print_status: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class ItemOwner(Base):
    """附表1's 分管领导 and 责任部门 for one led item."""

    __tablename__ = "form_item_owners"
    __table_args__ = (UniqueConstraint("item_id", "unit_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    leader: Mapped[str] = mapped_column(String(100), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class WorkEntryRow(Base):
    """One numbered 具体工作内容 of an item, with its 完成时间 kept structured (kind + months)."""

    __tablename__ = "form_work_entries"
    __table_args__ = (Index("ix_work_entries_item_unit", "item_id", "unit_id", "ordinal"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text, default="")
    period_kind: Mapped[str | None] = mapped_column(String(10))
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class ContactRow(Base):
    """One person of 附表2; `ordinal` orders several 经办人."""

    __tablename__ = "form_contacts"
    __table_args__ = (Index("ix_form_contacts_plan_unit", "plan_id", "unit_id", "role", "ordinal"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(12))
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(100), default="")
    office_phone: Mapped[str] = mapped_column(String(100), default="")
    mobile: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class ProgressRow(Base):
    """附表3 for one item and quarter: 完成情况, and the unit's own tracking (status, figure reached)."""

    __tablename__ = "form_progress"
    __table_args__ = (UniqueConstraint("item_id", "unit_id", "quarter"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    quarter: Mapped[int] = mapped_column(Integer)
    progress: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str | None] = mapped_column(String(10))
    figure: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
