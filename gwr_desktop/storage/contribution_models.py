"""Mapped classes for contributions (配合材料): what a helping unit types, and what a lead unit takes in.

A helping unit (参与, not 牵头) types per item its 配合情况 for a quarter and proposed work rows for the lead's
附表1 (`contribution_drafts`). The lead unit imports the exported files: one `contribution_files` row per
file (a newer file from the same helper for the same quarter replaces the older, which stays, marked), one
`contribution_items` row per item in it, and a `contribution_merges` row each time it takes one into its
own form — the provenance: which helper, which file, when, into which cell.

Every table here belongs to one unit, named by `unit_id` (the helper for drafts, the lead for the rest), so
row-level security on a server can give each unit its own rows (storage/row_security.UNIT_OWNED lists
them). Editable rows carry a version number (version_id_col); items and merges are written once and never changed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gwr_desktop.storage.models import Base


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class ContributionDraft(Base):
    """One value a helper types: level "note" (配合情况, quarter 1..4) or "work" (a proposed work row, quarter 0,
    ordinal 0..n-1), values as JSON by key ("text"; "content", "period")."""

    __tablename__ = "contribution_drafts"
    __table_args__ = (UniqueConstraint("plan_id", "unit_id", "item_key", "level", "quarter", "ordinal",
                                       name="uq_contribution_drafts_place"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))  # the helper: the owner
    item_key: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(8))
    quarter: Mapped[int] = mapped_column(Integer, default=0)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    values_json: Mapped[str] = mapped_column(Text, default="{}")
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    __mapper_args__ = {"version_id_col": version}


class ContributionFile(Base):
    """A contribution file taken in by the lead unit. `replaced_by_id` points at the newer file from the same
    helper for the same quarter that replaced it; the current one has none."""

    __tablename__ = "contribution_files"
    __table_args__ = (UniqueConstraint("plan_id", "unit_id", "file_sha256", name="uq_contribution_files_file"),
                      Index("ix_contribution_files_helper", "plan_id", "unit_id", "helper_id", "quarter"))
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))  # the lead: the owner
    helper_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    quarter: Mapped[int] = mapped_column(Integer, default=0)  # 0: work rows only, no 配合情况
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    cells_digest: Mapped[str] = mapped_column(String(64))
    exported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("contribution_files.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer)

    items: Mapped[list[ContributionItem]] = relationship(back_populates="file", cascade="all, delete-orphan",
                                                         order_by="ContributionItem.id")

    __mapper_args__ = {"version_id_col": version}


class ContributionItem(Base):
    """One item of a contribution file: the helper's 配合情况 and proposed work rows (JSON list of
    {"content", "period"})."""

    __tablename__ = "contribution_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("contribution_files.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))  # the lead: the owner
    item_key: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    work_json: Mapped[str] = mapped_column(Text, default="[]")

    file: Mapped[ContributionFile] = relationship(back_populates="items")


class ContributionMerge(Base):
    """A contribution taken into the lead's own form: who, from which file, when, into which cell, how."""

    __tablename__ = "contribution_merges"
    __table_args__ = (Index("ix_contribution_merges_item", "plan_id", "unit_id", "item_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))  # the lead: the owner
    contribution_id: Mapped[int | None] = mapped_column(ForeignKey("contribution_items.id", ondelete="SET NULL"))
    helper: Mapped[str] = mapped_column(String(120))  # as named then, kept if the registry changes
    file_name: Mapped[str] = mapped_column(String(255))
    item_key: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))  # the lead's form: "plan" or "progress"
    quarter: Mapped[int] = mapped_column(Integer, default=0)
    target: Mapped[str] = mapped_column(String(80))  # the cell: a column key, or "entries 3-4" of 附表1
    mode: Mapped[str] = mapped_column(String(10))  # "copy" | "append" | "entries"
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
