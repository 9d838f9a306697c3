"""Mapped classes for the 督查室's consolidation: every returned file it took in, per unit, form and quarter.

One `office_returns` row per accepted file: the reporting unit, the form and quarter (0 for 附表1/2), the
version the manifest names, where the match came from (the manifest, or unit name and title for a file
without one — then it waits for a person's confirmation), whether it was edited after export (its table no
longer matches the manifest's digest), the day it was received, and what its table says (content_json, by
item key or roster role). The newest return of a unit for a form and quarter is `current`.

These rows belong to the 督查室's own database; `unit_id` names the unit that reported, not an owner.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from gwr_desktop.storage.models import Base


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class OfficeReturn(Base):
    __tablename__ = "office_returns"
    __table_args__ = (UniqueConstraint("plan_id", "file_sha256", name="uq_office_returns_file"),
                      Index("ix_office_returns_round", "plan_id", "kind", "quarter", "unit_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))  # who reported
    kind: Mapped[str] = mapped_column(String(20))
    quarter: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int | None] = mapped_column(Integer)  # the signed version; None for a draft or no manifest
    source: Mapped[str] = mapped_column(String(10))  # "manifest" | "matched" (unit name and title)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True)  # a matched file waits for a person
    edited: Mapped[bool] = mapped_column(Boolean, default=False)  # its table differs from what was exported
    checkable: Mapped[bool] = mapped_column(Boolean, default=True)  # its manifest carries a cells digest
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    cells_digest: Mapped[str] = mapped_column(String(64))  # recomputed from the file's table
    document_digest: Mapped[str] = mapped_column(String(64), default="")  # the manifest's, "" without one
    received_on: Mapped[dt.date] = mapped_column(Date)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    content_json: Mapped[str] = mapped_column(Text, default="{}")
    current: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    row_version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": row_version}
