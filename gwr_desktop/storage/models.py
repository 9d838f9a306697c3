"""Mapped classes for the plan catalogue and the unit registry."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Small per-database preferences shared by the app and the command line (e.g. the chosen unit)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Plan(Base):
    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(Text)
    doc_number: Mapped[str] = mapped_column(String(60))
    issuer: Mapped[str] = mapped_column(String(120))
    issue_date: Mapped[dt.date | None] = mapped_column(Date)
    year: Mapped[int] = mapped_column(Integer)
    notice_title: Mapped[str] = mapped_column(Text, default="")
    source_name: Mapped[str] = mapped_column(String(255), default="")
    source_digest: Mapped[str] = mapped_column(String(64))
    content_digest: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # How the notice decides who leads (domain.plan.LeadRule): its kind, None when the notice states no rule,
    # and the sentence quoted from the notice; and the layout the document came in ("txt", "docx", …).
    lead_rule_kind: Mapped[str | None] = mapped_column(String(40))
    lead_rule_quote: Mapped[str] = mapped_column(Text, server_default="")
    source_format: Mapped[str] = mapped_column(String(8), server_default="txt")
    office_email: Mapped[str] = mapped_column(String(254), server_default="")  # the 督查室's address (报送)

    parts: Mapped[list[PlanPart]] = relationship(back_populates="plan", cascade="all, delete-orphan",
                                                 order_by="PlanPart.ordinal")


class PlanPart(Base):
    __tablename__ = "plan_parts"
    __table_args__ = (UniqueConstraint("plan_id", "ordinal"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    numeral: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text)

    plan: Mapped[Plan] = relationship(back_populates="parts")
    sections: Mapped[list[PlanSection]] = relationship(cascade="all, delete-orphan", order_by="PlanSection.ordinal")


class PlanSection(Base):
    __tablename__ = "plan_sections"
    __table_args__ = (UniqueConstraint("part_id", "ordinal"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("plan_parts.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    numeral: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(Text)

    headings: Mapped[list[PlanHeading]] = relationship(cascade="all, delete-orphan", order_by="PlanHeading.ordinal")


class PlanHeading(Base):
    __tablename__ = "plan_headings"
    __table_args__ = (UniqueConstraint("section_id", "ordinal"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("plan_id", "key"), Index("ix_items_plan_position", "plan_id", "position"))
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    part_id: Mapped[int] = mapped_column(ForeignKey("plan_parts.id", ondelete="CASCADE"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sections.id", ondelete="CASCADE"))
    heading_id: Mapped[int | None] = mapped_column(ForeignKey("plan_headings.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(20))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    clause: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    source_line: Mapped[int] = mapped_column(Integer)
    # As printed in the plan, when it prints them: 牵头领导 and 完成时限; and the clause grammar or table
    # layout the parser recognised for the item (for review, and to explain a problem).
    leader: Mapped[str] = mapped_column(Text, server_default="")
    deadline: Mapped[str] = mapped_column(Text, server_default="")
    grammar: Mapped[str] = mapped_column(String(80), server_default="")
    label: Mapped[str] = mapped_column(String(24), server_default="")  # its own number as printed: "（三）", "83."

    assignments: Mapped[list[ItemAssignment]] = relationship(cascade="all, delete-orphan",
                                                             order_by="ItemAssignment.ordinal")


class Unit(Base):
    """A unit or a group of units. `registered` is False for names met in a plan but unknown to the registry."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    registered: Mapped[bool] = mapped_column(Boolean, default=True)
    host: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str] = mapped_column(Text, default="")


class UnitAlias(Base):
    __tablename__ = "unit_aliases"
    alias: Mapped[str] = mapped_column(String(120), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"))


class GroupMember(Base):
    __tablename__ = "group_members"
    group_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), primary_key=True)


class ItemAssignment(Base):
    """One unit named by an item's clause; `role` as printed, `effective_role` after the plan's lead rule."""

    __tablename__ = "item_assignments"
    __table_args__ = (Index("ix_assignments_unit", "unit_id"), Index("ix_assignments_via", "via_unit_id"))
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    via_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    role: Mapped[str] = mapped_column(String(12))
    effective_role: Mapped[str] = mapped_column(String(12))
    scope: Mapped[str | None] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(String(200))

    unit: Mapped[Unit] = relationship(foreign_keys=[unit_id])
    via_unit: Mapped[Unit | None] = relationship(foreign_keys=[via_unit_id])


class PlanProblem(Base):
    __tablename__ = "plan_problems"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    after_item: Mapped[str | None] = mapped_column(String(20))
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class PlanDeadline(Base):
    __tablename__ = "plan_deadlines"
    __table_args__ = (UniqueConstraint("plan_id", "kind", "quarter"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    quarter: Mapped[int | None] = mapped_column(Integer)
    due: Mapped[dt.date] = mapped_column(Date)


class PlanForm(Base):
    """One form of a plan; `definition` holds the rest of its definition as JSON (gwr_desktop.domain.form_defs)."""

    __tablename__ = "plan_forms"
    __table_args__ = (UniqueConstraint("plan_id", "kind"),
                      UniqueConstraint("plan_id", "label", name="uq_plan_forms_label"))
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(20))
    title_pattern: Mapped[str] = mapped_column(Text)
    definition: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": version}


class OfficeContact(Base):
    __tablename__ = "office_contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60))
    office_phone: Mapped[str] = mapped_column(String(40))
    mobile: Mapped[str] = mapped_column(String(40))
import gwr_desktop.storage.cache_models  # noqa: E402,F401
import gwr_desktop.storage.contribution_models  # noqa: E402,F401
import gwr_desktop.storage.handover_models  # noqa: E402,F401
import gwr_desktop.storage.office_models  # noqa: E402,F401
import gwr_desktop.storage.signoff_models  # noqa: E402,F401
from gwr_desktop.storage import form_models  # noqa: E402,F401
