"""A plan's form definitions: seeded from the notice at import, changed by set-form, always safe to print."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import update

from gwr_desktop.cli import main as cli_main
from gwr_desktop.domain.form_adjust import adjust_to_notice, definition_problems, fit_to_page
from gwr_desktop.domain.form_defs import default_definition, render_title, title_problems
from gwr_desktop.domain.page import printable_width_mm
from gwr_desktop.domain.plan import FormKind, FormSetting
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_definitions import from_notice, unique_labels
from gwr_desktop.services.plan_settings import PlanSettingError, set_form_setting
from gwr_desktop.storage import models as m

UNIT = "市商务局"


def test_bundled_definitions_are_valid() -> None:
    for kind in FormKind:
        definition = default_definition(kind)
        assert definition_problems(definition) == []
        regular = [c for c in definition.columns if not c.optional]
        assert sum(c.width_mm for c in regular) <= printable_width_mm(definition.orientation)


@pytest.mark.parametrize(("pattern", "reason"), [
    ("{unit}{quarter}完成情况{", "多余的“{”或“}”"), ("{unit}}完成情况{quarter}", "多余的"),
    ("{unit}{0}完成情况{quarter}", "未知的占位符 {0}"), ("{unit}{季度}完成情况", "未知的占位符 {季度}"),
    ("完成情况{quarter}", "{unit}"), ("{unit}完成情况", "{quarter}"),
    ("{unit}" + "很长" * 61 + "{quarter}", "标题过长"),
])
def test_bad_titles_are_named(pattern: str, reason: str) -> None:
    assert reason in "".join(title_problems(pattern, FormKind.PROGRESS))


def test_titles_render_in_one_pass_and_never_break() -> None:
    """Regression (issue 17): a "{" in a title broke form, export and signoff with KeyError/ValueError/IndexError."""
    assert render_title("{unit}{quarter}完成情况", "市{quarter}局", "前2季度") == "市{quarter}局前2季度完成情况"
    assert render_title("{unit}完成{0}情况{", "市商务局") == "市商务局完成{0}情况{"


def test_set_form_checks_before_writing(db: Database) -> None:
    before = fc.definitions(db, "2023")
    for label, title, reason in (("附表2", "{unit}{quarter}完成情况", "已用于督办工作人员名单"),
                                 ("附表3", "{unit}{quarter}完成情况{", "多余的"),
                                 ("附表3", "{unit}{quarter}{x}", "未知的占位符"),
                                 ("", "{unit}{quarter}完成情况", "表号不能为空"),
                                 ("附表\u202e3", "{unit}{quarter}完成情况", r"U\+202E")):
        with pytest.raises(PlanSettingError, match=reason):
            set_form_setting(db, "2023", FormKind.PROGRESS, label, title)
    assert fc.definitions(db, "2023") == before
    notes = set_form_setting(db, "2023", FormKind.PROGRESS, "附表\u200b4", "{unit}{quarter}工作完成情况")
    assert fc.definitions(db, "2023")[FormKind.PROGRESS].label == "附表4" and "已删除 1 个不可见字符" in notes[0]


def test_a_stored_title_with_stray_braces_still_prints(db: Database, tmp_path: Path, qapp) -> None:  # noqa: ANN001
    """A pattern stored before titles were checked (or by an older app) must not break any door."""
    with db.transaction() as session:
        session.execute(update(m.PlanForm).where(m.PlanForm.kind == "plan").values(title_pattern="{unit}{0}方案{"))
    content = fc.load_content(db, "2023", UNIT, FormKind.PLAN)
    assert content.title == "市商务局{0}方案{"
    paths = signoff.export_form(db, "2023", UNIT, FormKind.PLAN, tmp_path, formats=["docx", "pdf"])
    assert len(paths) == 2
    assert cli_main(["--db", db.url, "form", "--unit", UNIT, "--form", "plan"]) == 0


def test_set_form_from_the_command_line(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(["--db", db.url, "set-form", "--form", "progress", "--label", "附表3", "--title", "{unit}{x}"])
    assert code == 2 and "未知的占位符" in capsys.readouterr().err
    code = cli_main(["--db", db.url, "set-form", "--form", "progress", "--label", "附表6",
                     "--title", "{unit}{quarter}完成情况"])
    assert code == 0 and "已修改方案 2023 的附表6" in capsys.readouterr().out


# ---- seeding from the notice ---------------------------------------------------------------------------------

def test_printed_columns_rename_add_and_leave_out() -> None:
    base = default_definition(FormKind.PLAN)
    printed = ("序号", "责任事项", "具体工作措施", "完成时间（按月）", "分管领导 责任部门", "备注")
    definition, notes = adjust_to_notice(base, FormSetting(FormKind.PLAN, "附表1", base.title_pattern, printed))
    assert [c.header for c in definition.columns] == ["序号", "责任事项", "具体工作措施", "完成时间\n(按月)",
                                                      "分管领导\n责任部门", "备注"]
    assert definition.columns[2].key == "content"  # renamed, still the same values
    assert definition.columns[5].key == "备注" and definition.columns[5].level.value == "item"
    assert any("在通知中为“具体工作措施”" in n for n in notes) and any("增加通知中的“备注”" in n for n in notes)
    fewer, notes = adjust_to_notice(base, FormSetting(FormKind.PLAN, "附表1", base.title_pattern,
                                                      ("序号", "责任事项", "具体工作内容", "完成时间(按月)")))
    assert [c.key for c in fewer.columns] == ["seq", "item", "content", "period"]
    assert any("没有“分管领导”栏" in n for n in notes)


def test_printed_fields_and_an_unusable_title() -> None:
    base = default_definition(FormKind.PROGRESS)
    setting = FormSetting(FormKind.PROGRESS, "附表2", "{unit}{季度}完成情况", (),
                          ("单位：", "主要负责人(签字)：", "填报日期："))
    definition, notes = adjust_to_notice(base, setting)
    assert definition.title_pattern == base.title_pattern and definition.label == "附表2"
    assert [f.key for f in definition.header_fields] == ["unit", "principal", "填报日期"]
    assert any("不能使用" in n for n in notes) and any("填报日期" in n for n in notes)


def test_widths_beyond_the_page_are_scaled() -> None:
    base = default_definition(FormKind.CONTACTS)
    wide = replace(base, columns=tuple(replace(c, width_mm=c.width_mm * 2) for c in base.columns))
    fitted, notes = fit_to_page(wide)
    assert abs(sum(c.width_mm for c in fitted.columns) - printable_width_mm("portrait")) < 0.05
    assert "超出可打印宽度" in notes[0]


def test_only_the_first_form_of_a_kind_and_unique_labels() -> None:
    settings = [FormSetting(FormKind.PLAN, "附表1", "{unit}办理方案"),
                FormSetting(FormKind.PLAN, "附表4", "{unit}方案"),
                FormSetting(FormKind.PROGRESS, "附表1", "{unit}{quarter}完成情况")]
    definitions, notes = from_notice(settings)
    assert [d.label for d in definitions] == ["附表1", "附表1"] and "只采用第一张" in notes[0]
    labelled, more = unique_labels(definitions)
    assert [d.label for d in labelled] == ["附表1", "附表2"] and "已改为“附表2”" in more[0]


def test_a_notice_without_blank_forms_takes_the_previous_plans(db: Database, tmp_path: Path) -> None:
    from gwr_desktop.services import catalogue
    from gwr_desktop.services.plan_import import import_plan
    from tests.forms.renumbered import FIXTURE

    set_form_setting(db, "2023", FormKind.PROGRESS, "附表6", "{unit}{quarter}完成情况")
    text = FIXTURE.read_text(encoding="utf-8")
    bare = tmp_path / "no_forms.txt"
    bare.write_text(text[:text.index("附表 1\n")] + text[text.index("抄送："):], encoding="utf-8")
    import_plan(db, bare)
    forms = fc.definitions(db, "2024")
    assert {k: d.label for k, d in forms.items()} == {FormKind.PLAN: "附表1", FormKind.CONTACTS: "附表2",
                                                      FormKind.PROGRESS: "附表6"}
    problems = [p.text for p in catalogue.catalogue(db, "2024").problems if p.kind == "form_settings"]
    assert problems == ["通知未附空白表格，沿用方案 2023 的表格设置（附表1 办理方案、附表2 督办工作人员名单、"
                        "附表6 工作目标完成情况）；请核对表号和标题。"]


def test_the_seeding_problem_kind_is_named_in_chinese() -> None:
    from gwr_desktop.services.form_definitions import PROBLEM_KIND
    from gwr_desktop.ui.models.problems import kind_label

    assert kind_label(PROBLEM_KIND) == "表格设置"
