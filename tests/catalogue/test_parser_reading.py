"""The document readers on small, hand-made inputs: Word numbering rules, encodings, sheets, bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwr_desktop.domain.reading import LimitExceeded, Limits, read_document
from gwr_desktop.domain.reading.numbers import chinese_counting, format_number
from gwr_desktop.domain.reading.text_file import decode
from tests.fixtures.plans.docx_writer import Cell, DocxSpec, Level, Para, write_docx


def test_number_formats() -> None:
    assert [chinese_counting(n) for n in (1, 10, 11, 20, 21, 100, 105, 115, 241)] == [
        "一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十五", "二百四十一"]
    assert [format_number(3, f) for f in ("decimal", "chineseCounting", "ideographTraditional",
                                          "decimalEnclosedCircle", "upperLetter", "lowerRoman", "decimalZero")] == [
        "3", "三", "丙", "③", "C", "iii", "03"]


def _lines(tmp_path: Path, spec: DocxSpec) -> list[str]:
    return [line.text for line in read_document(write_docx(spec, tmp_path / "n.docx")).lines]


def test_multilevel_numbering_restarts_as_word_does(tmp_path: Path) -> None:
    levels = [Level("chineseCounting", "%1、"), Level("chineseCounting", "（%2）"), Level("decimal", "%3.", restart=1)]
    spec = DocxSpec(abstracts={1: levels}, nums={1: (1, {})})
    spec.blocks = [Para("甲", (1, 0)), Para("乙", (1, 1)), Para("a", (1, 2)), Para("丙", (1, 1)), Para("b", (1, 2)),
                   Para("丁", (1, 0)), Para("c", (1, 2)), Para("戊", (1, 1))]
    # items go on across sections (lvlRestart 1: only a part restarts them), sections restart in a new part
    assert _lines(tmp_path, spec) == ["一、甲", "（一）乙", "1.a", "（二）丙", "2.b", "二、丁", "1.c", "（一）戊"]


def test_lists_sharing_an_abstract_continue_unless_restarted(tmp_path: Path) -> None:
    spec = DocxSpec(abstracts={1: [Level("decimal", "%1.")]}, nums={1: (1, {}), 2: (1, {}), 3: (1, {0: 5})})
    spec.blocks = [Para("a", (1, 0)), Para("b", (1, 0)), Para("c", (2, 0)), Para("d", (3, 0)), Para("e", (3, 0)),
                   Para("f", (0, 0))]
    assert _lines(tmp_path, spec) == ["1.a", "2.b", "3.c", "5.d", "6.e", "f"]


def test_soft_breaks_and_merged_cells(tmp_path: Path) -> None:
    spec = DocxSpec(blocks=[Para("第一行\n第二行"), [
        [Cell("序号"), Cell("任务"), Cell("牵头单位")],
        [Cell("一、重点工作", span=3)],
        [Cell("1"), Cell("甲"), Cell("市商务局", merge="restart")],
        [Cell("2"), Cell("乙"), Cell("", merge="continue")],
    ]])
    lines = read_document(write_docx(spec, tmp_path / "t.docx")).lines
    assert [line.text for line in lines[:2]] == ["第一行", "第二行"]
    assert [line.cells for line in lines[2:]] == [
        ("序号", "任务", "牵头单位"), ("一、重点工作", "", ""), ("1", "甲", "市商务局"), ("2", "乙", "市商务局")]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16-le", "utf-16-be", "utf-16"])
def test_encodings(encoding: str) -> None:
    text = "2023年市《政府工作报告》目标任务责任分解方案\n一、重点工作\n1. 建设新馆。（责任单位：市文旅局）\n" * 3
    assert decode(text.encode(encoding), "x")[0].lstrip("\ufeff") == text


def test_a_few_damaged_bytes_are_replaced_and_reported(tmp_path: Path) -> None:
    text = ("2023年市《政府工作报告》目标任务责任分解方案\n一、重点工作\n" +
            "".join(f"{n}. 建设新馆{n}号。（责任单位：市文旅局）\n" for n in range(1, 400)))
    data = bytearray(text.encode("utf-8"))
    data[200] = 0xFF
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    document = read_document(path)
    assert [note.kind for note in document.notes] == ["damaged_text"]


def test_limits_stop_work_with_a_message(tmp_path: Path) -> None:
    spec = DocxSpec(blocks=[Para(f"第{n}段") for n in range(50)])
    path = write_docx(spec, tmp_path / "many.docx")
    with pytest.raises(LimitExceeded, match="段落过多"):
        read_document(path, Limits(paragraphs=20))
    with pytest.raises(LimitExceeded, match="解压后过大"):
        read_document(path, Limits(member_bytes=1000))


def test_xlsx_vertical_merge_fills_down(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["序号", "重点任务", "牵头单位"], [1, "甲", "市商务局"], [2, "乙", None], [3, "丙", "市发改委"]):
        sheet.append(row)
    sheet.merge_cells("C2:C3")
    path = tmp_path / "s.xlsx"
    book.save(path)
    assert [line.cells for line in read_document(path).lines if line.cells] == [
        ("序号", "重点任务", "牵头单位"), ("1", "甲", "市商务局"), ("2", "乙", "市商务局"), ("3", "丙", "市发改委")]


def test_an_xlsx_named_docx_is_read_by_content(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["x"])
    path = tmp_path / "wrong.docx"
    book.save(path)
    assert read_document(path).format == "xlsx"  # read as the workbook it is, whatever its name
