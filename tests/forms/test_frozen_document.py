"""Sign-off freezes the whole document (issue 11 #3): sign, relabel, add a column, rename the unit, edit the
form, re-export v1 — the same text, the same layout and the same file names as at sign-off."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from docx import Document
from sqlalchemy import update

from gwr_desktop.domain.form_defs import Column, Level, ValueKind
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.manifest import read_manifest
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import signoff
from gwr_desktop.services.catalogue import plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_definitions import definition_for, store_definition
from gwr_desktop.services.form_edits import item
from gwr_desktop.services.plan_settings import set_form_setting
from gwr_desktop.storage import models as m
from tests.exports import samples
from tests.forms.legacy import files_text

UNIT, RENAMED = "市商务局", "武汉市商务局"


def _add_column(db: Database) -> None:
    """A column added to the plan's 附表1 — a data change, as next year's notice would make it."""
    with db.transaction() as session:
        plan = plan_row(session, "2023")
        definition = definition_for(session, plan, FormKind.PLAN)
        extra = Column("goal", "工作目标", 30, kind=ValueKind.TEXT, level=Level.ITEM)
        store_definition(session, plan, replace(definition, columns=(*definition.columns[:2], extra,
                                                                     *definition.columns[2:])))


def test_reexport_writes_the_document_signed_whatever_changed(db: Database, tmp_path: Path, qapp) -> None:  # noqa: ANN001
    fc.replace_content(db, samples.plan_content(UNIT))
    signed_folder, again_folder = tmp_path / "signed", tmp_path / "again"
    signed_folder.mkdir()
    again_folder.mkdir()
    signed, paths = signoff.sign_off(db, "2023", UNIT, FormKind.PLAN, signed_folder)
    at_signoff, layout = files_text(paths), signoff.frozen_layout(db, signed.id)

    set_form_setting(db, "2023", FormKind.PLAN, "附表5", "{unit}重点工作办理方案")
    _add_column(db)
    fc.set_value(db, "2023", UNIT, FormKind.PLAN, item("二-5"), "leader", "改过的分管领导")
    with db.transaction() as session:
        session.execute(update(m.Unit).where(m.Unit.name == UNIT).values(name=RENAMED))

    now = fc.load_content(db, "2023", RENAMED, FormKind.PLAN)
    assert now.label == "附表5" and now.definition.field("goal", Level.ITEM) is not None  # it did all change
    version = signoff.versions(db, "2023", RENAMED, FormKind.PLAN)[0]
    again = signoff.reexport(db, version.id, again_folder)
    assert [p.name for p in again] == [p.name for p in paths] == [
        f"2023_市商务局_附表1_办理方案_v1.{ext}" for ext in ("docx", "xlsx", "pdf")]
    assert files_text(again) == at_signoff
    assert read_manifest(again[0]) == read_manifest(paths[0]) and read_manifest(again[1]) == read_manifest(paths[1])
    assert signoff.frozen_layout(db, version.id) == layout  # the preview of v1 shows it too
    subject, _ = signoff.mail_text(db, version, again)
    assert "附表1" in subject and "附表5" not in subject

    draft = signoff.export_form(db, "2023", RENAMED, FormKind.PLAN, tmp_path, formats=["docx"])[0]
    assert draft.name == "2023_武汉市商务局_附表5_办理方案_草稿.docx"  # a new export follows the changes
    header = [c.text for c in Document(str(draft)).tables[0].rows[0].cells]
    assert header[2] == "工作目标"
    state = signoff.draft_state(db, "2023", RENAMED, FormKind.PLAN)
    assert state.changed and state.next_version == 2
