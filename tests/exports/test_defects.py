"""The smaller defects of issue 10 and the export crashes of issue 17, each reproduced in the exported files:
titles that wrap inside a word, phone numbers that wrap, 主要负责人(签字) in three places, drafts without 草稿,
𠀀 printed as a box without a word, control characters and titles over 255 characters crashing the writers,
no Chinese font at all."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports import pdf_fonts
from gwr_desktop.exports.checks import export_warnings
from gwr_desktop.exports.docx_render import render_docx
from gwr_desktop.exports.fonts import default_fonts, font_set
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.page_parts import DRAFT_MARK, balanced_title, second_field_fraction
from gwr_desktop.exports.pdf import render_pdf
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.exports.text_metrics import unbreakable
from gwr_desktop.exports.writer import write_form
from gwr_desktop.exports.xlsx_render import FIELDS_ROW, TITLE_ROW, render_xlsx
from tests.exports import samples
from tests.exports.conftest import layout_of
from tests.exports.text_check import flat, pdf_text, words_by_page

LONG_UNIT_TITLE = "东湖新技术开发区管委会市《政府工作报告》督办工作人员名单"
NAMES = {"docx": "f.docx", "xlsx": "f.xlsx", "pdf": "f.pdf"}


def _with_cell(layout: FormLayout, row: int, col: int, text: str) -> FormLayout:
    cells = list(layout.rows[row].cells)
    cells[col] = text
    rows = list(layout.rows)
    rows[row] = replace(rows[row], cells=tuple(cells))
    return replace(layout, rows=tuple(rows))


# 附表2's title ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("unit", ["江夏区人民政府", "东湖新技术开发区管委会", "市委宣传部〈市文明办〉"])
def test_long_titles_break_at_a_sensible_point_into_balanced_lines(unit: str) -> None:
    title = f"{unit}市《政府工作报告》督办工作人员名单"
    text, size = balanced_title(title, 156, 22)
    first, _, second = text.partition("\n")
    assert first + second == title and second  # two lines, nothing lost
    assert first.endswith("》") or second.startswith(("市《", "《"))  # never "…督办工作人 / 员名单"
    assert size >= 16


def test_title_break_is_the_same_in_every_format(tmp_path: Path, contacts_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    layout = replace(contacts_layout, title=LONG_UNIT_TITLE)
    expected, _ = balanced_title(LONG_UNIT_TITLE, layout.page.content_width_mm, font_set().title.size_pt)
    render_docx(layout, str(tmp_path / "t.docx"))
    title = Document(str(tmp_path / "t.docx")).paragraphs[1]
    assert title.text == expected  # python-docx reads the line break as "\n"
    render_xlsx(layout, str(tmp_path / "t.xlsx"))
    assert load_workbook(tmp_path / "t.xlsx").active.cell(TITLE_ROW, 1).value == expected
    render_pdf(layout, tmp_path / "t.pdf")
    lines = [line for line in pdf_text(tmp_path / "t.pdf", first=1, last=1).splitlines() if line.strip()]
    assert expected.split("\n")[0] in lines and expected.split("\n")[1] in lines


# phone numbers ------------------------------------------------------------------------------------------------
def _lines_of(path: Path, text: str) -> list[str]:
    """The lines of page 1 that hold pieces of text (a unique text: no other cell has these characters)."""
    words = [w for w in words_by_page(path)[0] if len(w[4]) > 1 and flat(w[4]) in flat(text)]
    lines: dict[int, str] = {}
    for word in sorted(words, key=lambda w: (round(w[1]), w[0])):
        lines[round(word[1])] = lines.get(round(word[1]), "") + word[4]
    return list(lines.values())


@pytest.mark.parametrize("phone", ["13912345678", "027-8765 4321", "(027)87654321"])
def test_phone_numbers_print_on_one_line(tmp_path: Path, contacts_layout: FormLayout, phone: str, qapp) -> None:  # noqa: ANN001
    assert unbreakable(phone)
    render_pdf(_with_cell(contacts_layout, 0, 3, phone), tmp_path / "p.pdf")
    assert _lines_of(tmp_path / "p.pdf", phone) == [phone.replace(" ", "")]


def test_two_numbers_too_wide_for_one_line_go_one_under_the_other(tmp_path: Path, contacts_layout: FormLayout,
                                                                  qapp) -> None:  # noqa: ANN001
    render_pdf(_with_cell(contacts_layout, 0, 3, "87654321/87654329"), tmp_path / "p.pdf")
    assert _lines_of(tmp_path / "p.pdf", "87654321/87654329") == ["87654321/", "87654329"]


# 主要负责人(签字) -----------------------------------------------------------------------------------------------
def test_principal_stands_at_the_same_place_in_every_format(tmp_path: Path, plan_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    fraction = second_field_fraction(plan_layout)
    width = plan_layout.page.content_width_mm
    render_docx(plan_layout, str(tmp_path / "f.docx"))
    stop = Document(str(tmp_path / "f.docx")).paragraphs[2].paragraph_format.tab_stops[0].position
    assert abs(stop.mm - width * fraction) < 0.5
    render_xlsx(plan_layout, str(tmp_path / "f.xlsx"))
    sheet = load_workbook(tmp_path / "f.xlsx").active
    second = next(c for c in sheet[FIELDS_ROW] if c.value and c.value.startswith("主要负责人"))
    before = sum(col.width_mm for col in plan_layout.columns[:second.column - 1])
    assert abs(before - width * fraction) < 0.5
    render_pdf(plan_layout, tmp_path / "f.pdf")
    word = next(w for w in words_by_page(tmp_path / "f.pdf")[0] if w[4].startswith("主要负责人"))
    left_pt = plan_layout.page.margins.left * 72 / 25.4
    assert abs((word[0] - left_pt) * 25.4 / 72 - width * fraction) < 1.0


# drafts -------------------------------------------------------------------------------------------------------
def test_drafts_say_so_on_every_page_and_signed_versions_never(tmp_path: Path, plan_layout: FormLayout,
                                                              qapp) -> None:  # noqa: ANN001
    for draft in (True, False):
        folder = tmp_path / str(draft)
        folder.mkdir()
        paths = write_form(replace(plan_layout, draft=draft), folder, NAMES)
        pages = pdf_text(paths[2]).split("\f")[:-1]
        assert len(pages) > 5 and all((flat(DRAFT_MARK) in flat(page)) is draft for page in pages)
        section = Document(str(paths[0])).sections[0]
        assert all((DRAFT_MARK in h.paragraphs[0].text) is draft for h in (section.header, section.even_page_header))
        sheet = load_workbook(paths[1]).active
        assert all((DRAFT_MARK in (h.right.text or "")) is draft for h in (sheet.oddHeader, sheet.evenHeader))


# fonts --------------------------------------------------------------------------------------------------------
def test_fonts_are_plain_data_of_the_layout_and_named_with_substitutes(tmp_path: Path,
                                                                       plan_layout: FormLayout) -> None:
    layout = replace(plan_layout, fonts=default_fonts())
    assert json.loads(json.dumps(asdict(layout)["fonts"])) == [[n, list(c)] for n, c in default_fonts()]
    chosen = replace(layout, fonts=(("table_body", ("仿宋", "Noto Serif CJK SC")),))
    render_docx(chosen, str(tmp_path / "f.docx"))
    document = Document(str(tmp_path / "f.docx"))
    cell = document.tables[0].cell(2, 1).paragraphs[0].runs[0]
    assert cell._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"  # the layout's chain, not a constant
    table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")).blob.decode()
    assert 'w:name="仿宋"' in table and 'w:altName w:val="FangSong"' in table and "w:panose1" in table
    assert 'w:charset w:val="86"' in table


def test_pdf_uses_the_best_installed_family_and_says_which(plan_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    chain = pdf_fonts.installed_chain(font_set().table_body)
    assert chain and all(family in pdf_fonts._installed() for family in chain)
    notes = pdf_fonts.substitutions(plan_layout)
    missing = [f for f in ("仿宋_GB2312", "黑体", "方正小标宋简体") if f not in pdf_fonts._installed()]
    assert len(notes) >= len(missing) and all(any(f"“{f}”" in n for n in notes) for f in missing)


def test_no_chinese_font_refuses_the_pdf_and_writes_nothing(tmp_path: Path, plan_layout: FormLayout,
                                                            monkeypatch: pytest.MonkeyPatch, qapp) -> None:  # noqa: ANN001
    monkeypatch.setattr(pdf_fonts, "_chinese", lambda: ())
    with pytest.raises(ExportWriteError, match="没有可用的中文字体"):
        write_form(plan_layout, tmp_path, NAMES)
    assert list(tmp_path.iterdir()) == []
    assert "没有可用的中文字体" in export_warnings(plan_layout)[-1]


# characters no font has, characters no file can carry, titles Word refuses ------------------------------------
def test_characters_no_font_can_print_are_listed_before_export(progress_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    layout = _with_cell(progress_layout, 1, 2, "新建𠀀项目（CJK 扩展B区）")
    warnings = export_warnings(layout)
    assert any("𠀀" in w and "U+20000" in w and "方框" in w for w in warnings)
    assert export_warnings(progress_layout) == []


def test_control_characters_are_taken_out_and_reported(tmp_path: Path, progress_layout: FormLayout,
                                                       qapp) -> None:  # noqa: ANN001
    layout = _with_cell(replace(progress_layout, title=progress_layout.title + "\x00"), 1, 2, "铃\x07声\x1b结束")
    paths = write_form(layout, tmp_path, NAMES)  # no "All strings must be XML compatible"
    warnings = export_warnings(layout)
    assert any("U+0007" in w and "完成情况" in w for w in warnings) and any("标题" in w for w in warnings)
    sheet = load_workbook(paths[1]).active
    assert any(c.value == "铃声结束" for row in sheet.iter_rows() for c in row)
    assert "铃声结束" in flat(pdf_text(paths[2]))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~gwr-")]


def test_a_title_over_255_characters_is_written_whole(tmp_path: Path, progress_layout: FormLayout, qapp) -> None:  # noqa: ANN001
    title = "市《政府工作报告》" * 40  # 360 characters
    paths = write_form(replace(progress_layout, title=title), tmp_path, NAMES)
    document = Document(str(paths[0]))
    assert len(document.core_properties.title) <= 255
    assert flat(document.paragraphs[1].text) == title  # the page prints all of it
    assert flat(title) in flat(pdf_text(paths[2], first=1, last=1))


def test_cli_prints_the_warnings(filled_db, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:  # noqa: ANN001
    from gwr_desktop.cli import main
    from gwr_desktop.services import form_content

    content = samples.progress_content()
    first = replace(content.items[0], values={**content.items[0].values, "progress": "新建𠀀项目"})
    form_content.replace_content(filled_db, replace(content, items=(first, *content.items[1:])))
    code = main(["--db", filled_db.url, "export", "--unit", samples.UNIT, "--form", "progress", "--quarter", "2",
                 "--format", "pdf", "--out", str(tmp_path)])
    assert code == 0 and "注意：" in capsys.readouterr().err


def test_layout_of_a_plan_form_gets_the_fonts_frozen_by_sign_off(filled_db) -> None:  # noqa: ANN001
    from gwr_desktop.services import signoff
    from gwr_desktop.services.form_content import load_content

    content = load_content(filled_db, "2023", samples.UNIT, FormKind.PLAN)
    draft, _ = signoff.layout_for(filled_db, content)
    signed, _ = signoff.layout_for(filled_db, content, version=1)
    assert draft.draft and not signed.draft and signed.fonts == default_fonts()
    assert layout_of(FormKind.PLAN).fonts == ()  # the builder's default: renderers use the GB/T chains
