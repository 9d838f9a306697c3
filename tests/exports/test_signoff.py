"""Sign-off: completeness first, numbered frozen versions, read-only rows, exact re-export, the record."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.layout import document_digest
from gwr_desktop.exports.manifest import read_manifest
from gwr_desktop.services import form_content, signoff
from gwr_desktop.services.database import Database
from gwr_desktop.storage.signoff_models import FormSubmission, FormVersion, SignedVersionReadOnlyError
from tests.exports import samples

PLAN, UNIT = "2023", samples.UNIT


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "报送"
    folder.mkdir()
    return folder


def test_incomplete_form_lists_what_is_missing_and_writes_nothing(db: Database, out: Path) -> None:
    with pytest.raises(signoff.IncompleteFormError) as caught:
        signoff.sign_off(db, PLAN, UNIT, FormKind.CONTACTS, out)
    assert "分管领导：未填写姓名" in caught.value.missing and "经办人：未填写手机" in caught.value.missing
    assert list(out.iterdir()) == [] and signoff.signed_count(db) == 0


def test_sign_off_freezes_version_one_and_writes_three_files(filled_db: Database, out: Path) -> None:
    signed, paths = signoff.sign_off(filled_db, PLAN, UNIT, FormKind.PLAN, out)
    assert signed.version == 1 and signed.kind is FormKind.PLAN and signed.unit == UNIT
    assert [p.name for p in paths] == [f"2023_市发改委_附表1_办理方案_v1.{ext}" for ext in ("docx", "xlsx", "pdf")]
    assert all(p.parent == out.resolve() and p.stat().st_size > 1000 for p in paths)
    content = form_content.load_content(filled_db, PLAN, UNIT, FormKind.PLAN)
    assert signed.digest == document_digest(signoff.layout_for(filled_db, content)[0])  # the printed document
    for path in paths[:2]:
        manifest = read_manifest(path)
        assert (manifest.version, manifest.digest, manifest.unit, manifest.form) == (1, signed.digest, UNIT, "plan")
    assert not [p for p in out.iterdir() if p.name.startswith(".~gwr-")]


def test_quarterly_file_names_carry_the_quarter(filled_db: Database, out: Path) -> None:
    signed, paths = signoff.sign_off(filled_db, PLAN, UNIT, FormKind.PROGRESS, out, quarter=2,
                                     formats=["xlsx"])
    assert signed.quarter == 2 and paths[0].name == "2023_市发改委_附表3_工作目标完成情况_前2季度_v1.xlsx"
    assert read_manifest(paths[0]).quarter == 2
    assert signoff.versions(filled_db, PLAN, UNIT, FormKind.PROGRESS, 1) == []


def test_editing_after_sign_off_starts_the_next_version(filled_db: Database, out: Path) -> None:
    first, _ = signoff.sign_off(filled_db, PLAN, UNIT, FormKind.PLAN, out, formats=["docx"])
    state = signoff.draft_state(filled_db, PLAN, UNIT, FormKind.PLAN)
    assert (state.last.version, state.next_version, state.changed) == (1, 2, False)
    with pytest.raises(signoff.UnchangedSinceSignoffError, match="第 1 版"):
        signoff.sign_off(filled_db, PLAN, UNIT, FormKind.PLAN, out, formats=["docx"])
    form_content.set_header(filled_db, PLAN, UNIT, FormKind.PLAN, "principal", "王强")
    state = signoff.draft_state(filled_db, PLAN, UNIT, FormKind.PLAN)
    assert (state.next_version, state.changed) == (2, True)
    second, paths = signoff.sign_off(filled_db, PLAN, UNIT, FormKind.PLAN, out, formats=["docx"])
    assert second.version == 2 and paths[0].name.endswith("_v2.docx")
    history = signoff.versions(filled_db, PLAN, UNIT, FormKind.PLAN)
    assert [v.version for v in history] == [1, 2] and history[0].digest == first.digest != second.digest
    assert history[0].files == ("2023_市发改委_附表1_办理方案_v1.docx",)


def test_signed_versions_are_read_only(filled_db: Database, out: Path) -> None:
    signed, _ = signoff.sign_off(filled_db, PLAN, UNIT, FormKind.CONTACTS, out, formats=["docx"])
    with pytest.raises(SignedVersionReadOnlyError, match="不能修改"), filled_db.transaction() as session:
        session.get(FormVersion, signed.id).content_json = "{}"
    with pytest.raises(SignedVersionReadOnlyError), filled_db.transaction() as session:
        session.delete(session.get(FormVersion, signed.id))
    assert signoff.versions(filled_db, PLAN, UNIT, FormKind.CONTACTS)[0].digest == signed.digest


def test_reexport_uses_exactly_the_frozen_content(filled_db: Database, out: Path) -> None:
    signed, paths = signoff.sign_off(filled_db, PLAN, UNIT, FormKind.PLAN, out)
    form_content.set_header(filled_db, PLAN, UNIT, FormKind.PLAN, "principal", "已改动")
    again = out.parent / "again"
    again.mkdir()
    redone = signoff.reexport(filled_db, signed.id, again)
    assert [p.name for p in redone] == [p.name for p in paths]
    for old, new in zip(paths[:2], redone[:2], strict=True):
        assert read_manifest(new) == read_manifest(old)
        assert read_manifest(new).digest == signed.digest
    assert signoff.frozen_content(filled_db, signed.id).header["principal"] == "李明"
    from docx import Document

    assert Document(str(redone[0])).paragraphs[2].text.endswith("李明")
    with filled_db.reading() as session:
        occasions = session.scalars(select(FormSubmission.occasion).order_by(FormSubmission.id)).all()
    assert occasions == ["signoff", "reexport"]


def test_unknown_version_is_a_clear_error(db: Database, out: Path) -> None:
    with pytest.raises(signoff.UnknownVersionError, match="定稿记录"):
        signoff.reexport(db, 999, out)


def test_mail_text_names_the_files(filled_db: Database, out: Path) -> None:
    signed, paths = signoff.sign_off(filled_db, PLAN, UNIT, FormKind.PROGRESS, out, quarter=2,
                                     formats=["docx", "pdf"])
    subject, body = signoff.mail_text(filled_db, signed, paths)
    assert subject == "市发改委报送2023年《政府工作报告》附表3前2季度工作目标完成情况（第1版）"
    assert body.startswith("市政府督查室：") and paths[0].name in body and paths[1].name in body
