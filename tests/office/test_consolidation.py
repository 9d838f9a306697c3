"""Issue 13 acceptance: 90 units' signed 附表1/附表2/附表3 files made by the app itself — some late, some
missing, one edited after export, one without a manifest, one for the wrong quarter — consolidated by the
督查室: the 台账 matches the truth unit by unit, the 汇总表 holds each lead's text exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import func, select

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import office_exports, office_import, office_ledger
from gwr_desktop.services.database import Database
from gwr_desktop.services.office_ledger import Round
from gwr_desktop.storage import office_models as om
from tests.office.conftest import Returns
from tests.office.returns90 import NO_FIGURE, SAME_AS_BEFORE

TODAY = dt.date(2023, 8, 1)
ROUNDS = {FormKind.PLAN: None, FormKind.CONTACTS: None, FormKind.PROGRESS: 2}


def _count(db: Database) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(om.OfficeReturn)) or 0


def test_the_ledger_matches_the_truth_unit_by_unit(office: Database, returns: Returns) -> None:
    outcomes = office_import.import_returns(office, [returns.mail])
    assert len(outcomes) == 262 and {o.status for o in outcomes} == {"accepted"}
    truth = returns.truth
    for kind, quarter in ROUNDS.items():
        rows = office_ledger.round_ledger(office, Round("2023", kind, quarter), TODAY)
        assert sorted(r.unit for r in rows) == sorted(returns.units)
        assert {r.unit: r.state.value for r in rows} == truth.states[kind], kind
        for row in rows:
            assert row.edited_after_export == ((kind, row.unit) == truth.edited), row
            assert row.needs_confirmation == ((kind, row.unit) == truth.unmanifested), row
            if row.state.value != "missing":
                unsigned = (kind, row.unit) in (truth.unmanifested, (FormKind.PROGRESS, truth.draft[0]))
                assert row.version == (None if unsigned else 1), row
                assert row.received is not None
            assert row.overdue == (row.state.value == "missing")
    wrong = next(r for r in office_ledger.round_ledger(office, Round("2023", FormKind.PROGRESS, 2), TODAY)
                 if r.unit == truth.wrong_quarter)
    assert wrong.notes == ("收到的是前1季度的报送",)
    assert office_ledger.left_out(office, Round("2023", FormKind.PROGRESS, 2)) == {truth.draft[0]: [truth.draft[1]]}


def test_importing_again_changes_nothing(office: Database, returns: Returns) -> None:
    office_import.import_returns(office, [returns.mail])
    before = _count(office)
    again = office_import.import_returns(office, [returns.mail])
    assert {o.status for o in again} == {"duplicate"} and _count(office) == before


def test_the_summary_holds_each_leads_text_exactly(office: Database, returns: Returns, tmp_path: Path) -> None:
    office_import.import_returns(office, [returns.mail])
    path = office_exports.write_summary(office, "2023", 2, tmp_path / "汇总表.xlsx", TODAY)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[0] == ("序号", "责任事项", "牵头单位", "前1季度完成情况", "前2季度完成情况", "达成")
    found = {(unit, key): q2 or "" for key, _text, unit, _q1, q2, _reached in rows[1:]}
    assert len(found) == 322
    for (unit, key), text in returns.truth.texts.items():
        assert found[(unit, key)] == text, (unit, key)
    missing = [u for u, state in returns.truth.states[FormKind.PROGRESS].items() if state == "missing"]
    assert all(text == "" for (unit, _key), text in found.items() if unit in missing)


def test_chase_lists_the_missing_units_with_their_contacts(office: Database, returns: Returns,
                                                          tmp_path: Path) -> None:
    office_import.import_returns(office, [returns.mail])
    rows = office_ledger.chase(office, Round("2023", FormKind.PROGRESS, 2), TODAY)
    expected = [u for u, s in returns.truth.states[FormKind.PROGRESS].items() if s == "missing"]
    assert sorted(r.unit for r in rows) == sorted(expected)
    for row in rows:
        n = returns.units.index(row.unit)
        assert [(c.role, c.name, c.mobile) for c in row.contacts] == [
            ("分管领导", f"领导{n:02d}", f"139{n:04d}0000"),
            ("办公室或者综合协调处室负责人", f"主任{n:02d}", f"139{n:04d}0001"),
            ("经办人", f"经办{n:02d}", f"139{n:04d}0002")]
    sheet = openpyxl.load_workbook(office_exports.write_chase(office, Round("2023", FormKind.PROGRESS, 2),
                                                              tmp_path / "催报.xlsx", TODAY)).active
    assert sorted(r[0] for r in sheet.iter_rows(min_row=4, values_only=True)) == sorted(expected)


def test_the_round_summary_is_one_pdf_page(office: Database, returns: Returns, tmp_path: Path) -> None:
    from pdfminer.high_level import extract_pages, extract_text

    office_import.import_returns(office, [returns.mail])
    path = office_exports.write_report(office, Round("2023", FormKind.PROGRESS, 2), tmp_path / "一页.pdf", TODAY)
    assert len(list(extract_pages(path))) == 1
    text = extract_text(path).replace(" ", "")
    late = [u for u, s in returns.truth.states[FormKind.PROGRESS].items() if s == "late"]
    assert "报送情况" in text and "逾期报送" in text and all(unit in text for unit in late[:3])


def test_the_unmanifested_return_is_confirmed_by_a_person(office: Database, returns: Returns) -> None:
    office_import.import_returns(office, [returns.mail])
    round_ = Round("2023", FormKind.PROGRESS, 2)
    row = next(r for r in office_ledger.round_ledger(office, round_, TODAY) if r.needs_confirmation)
    office_import.confirm(office, row.return_id)
    assert not any(r.needs_confirmation for r in office_ledger.round_ledger(office, round_, TODAY))


def test_the_checks_point_at_what_to_read_first(office: Database, returns: Returns) -> None:
    office_import.import_returns(office, [returns.mail])
    rows = office_ledger.progress_by_item(office, "2023", 2)
    kinds = {(r.unit, r.key): {f.kind for f in r.findings} for r in rows}
    same, bare = returns.units[SAME_AS_BEFORE], returns.units[NO_FIGURE]
    assert all("same_as_before" in found for (unit, _), found in kinds.items() if unit == same)
    assert not any("same_as_before" in found for (unit, _), found in kinds.items() if unit != same)
    with_targets = [r for r in rows if r.unit == bare and any(f.target for f in r.findings)]
    assert with_targets and all({f.kind for f in r.findings} == {"no_figure"} for r in with_targets)
    reached = next(r for r in rows if r.unit == returns.units[40] and r.reached)
    assert reached.reached == "60.0%"  # 30 % a quarter of the first figure the item promises
