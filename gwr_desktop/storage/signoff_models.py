"""Signed form versions (定稿) and the files written for them. A version row is never changed or deleted by
the app: the ORM refuses it (a plan's removal still cascades in the database)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gwr_desktop.storage.models import Base


class SignedVersionReadOnlyError(RuntimeError):
    """Something tried to change or delete a signed version."""


class FormVersion(Base):
    __tablename__ = "form_versions"
    __table_args__ = (UniqueConstraint("plan_id", "unit_id", "kind", "quarter", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    quarter: Mapped[int] = mapped_column(Integer, default=0)  # 0 for 附表1/附表2
    version: Mapped[int] = mapped_column(Integer)
    content_json: Mapped[str] = mapped_column(Text)  # exports.snapshot.to_json of the frozen content
    digest: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)

    submissions: Mapped[list[FormSubmission]] = relationship(back_populates="form_version",
                                                             order_by="FormSubmission.id", passive_deletes=True)


class FormSubmission(Base):
    """One writing of a version's files: at sign-off, or a later re-export from the history."""

    __tablename__ = "form_submissions"
    __table_args__ = (Index("ix_form_submissions_version", "version_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id", ondelete="CASCADE"))
    occasion: Mapped[str] = mapped_column(String(12))  # "signoff" | "reexport"
    written_at: Mapped[dt.datetime] = mapped_column(DateTime)
    folder: Mapped[str] = mapped_column(Text)
    files: Mapped[str] = mapped_column(Text)  # JSON list of file names

    form_version: Mapped[FormVersion] = relationship(back_populates="submissions")


@event.listens_for(FormVersion, "before_update")
@event.listens_for(FormVersion, "before_delete")
def _refuse_change(mapper, connection, target: FormVersion) -> None:  # noqa: ANN001 - SQLAlchemy hook signature
    raise SignedVersionReadOnlyError(f"已定稿的第 {target.version} 版不能修改；修改内容后请重新定稿为新版本。")
