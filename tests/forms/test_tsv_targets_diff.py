"""Clipboard text in Excel's format, numeric targets in item text, and the quarter-to-quarter comparison."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gwr_desktop.domain.targets import find_targets, share_reached
from gwr_desktop.domain.text_diff import Change, compare
from gwr_desktop.domain.tsv import format_rows, parse_rows


def test_excel_block_with_a_multiline_cell() -> None:
    # As Excel for Windows puts it on the clipboard: CRLF row ends, LF inside a quoted cell.
    text = '1. 摸排网点\t3月\r\n"2. 出台扶持政策\n3. 组织签约"\t4-6月\r\n'
    assert parse_rows(text) == [["1. 摸排网点", "3月"], ["2. 出台扶持政策\n3. 组织签约", "4-6月"]]


def test_quotes_inside_and_stray_quotes() -> None:
    assert parse_rows('"他说""好"""\tx') == [['他说"好"', "x"]]
    assert parse_rows('"开头引号" 后面\ty\n') == [['"开头引号" 后面', "y"]]
    assert parse_rows('"没有收尾\tz') == [['"没有收尾', "z"]]


def test_ragged_rows_padded_and_empty_text() -> None:
    assert parse_rows("a\tb\nc") == [["a", "b"], ["c", ""]]
    assert parse_rows("") == []
    assert parse_rows("\r\n") == [[""]]
    assert parse_rows("a\n\nb\n") == [["a"], [""], ["b"]]


def test_format_quotes_what_excel_quotes() -> None:
    assert format_rows([["a", "b\nc"], ['"q', "d"]]) == 'a\t"b\nc"\r\n"""q"\td\r\n'


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=12)


@given(st.integers(1, 4).flatmap(lambda w: st.lists(st.lists(cells, min_size=w, max_size=w), min_size=1, max_size=5)))
def test_format_then_parse_gives_the_block_back(rows: list[list[str]]) -> None:
    assert parse_rows(format_rows(rows)) == rows


def test_targets_of_convenience_store_item() -> None:
    targets = find_targets("新增品牌连锁便利店200家、智慧商店1000家。")
    assert [(t.clause, t.value, t.unit) for t in targets] == [
        ("新增品牌连锁便利店200家", Decimal(200), "家"), ("智慧商店1000家", Decimal(1000), "家")]
    assert share_reached("150家", targets[0]) == Decimal("75.0")


def test_targets_percent_with_qualifier_and_non_targets() -> None:
    (growth,) = find_targets("进出口总额增长10%以上。")
    assert growth.text() == "10%以上" and growth.unit == "%"
    assert find_targets("2023年召开第2次会议，推进5G建设，20分钟到达。") == ()
    assert find_targets("建成微循环道路 100 条")[0].text() == "100条"
    assert find_targets("新增停车泊位12万个")[0].unit == "万个"


def test_compare_marks_what_changed() -> None:
    runs = compare("已新增便利店80家。", "已新增便利店150家，完成目标75%。")
    assert "".join(r.text for r in runs if r.change is not Change.ADDED) == "已新增便利店80家。"
    assert "".join(r.text for r in runs if r.change is not Change.REMOVED) == "已新增便利店150家，完成目标75%。"
    assert compare("同", "同") == [compare("同", "同")[0]] and compare("同", "同")[0].change is Change.SAME
