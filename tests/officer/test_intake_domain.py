"""The cell rules of an imported table and the matching, on plain data."""

from __future__ import annotations

import pytest

from gwr_desktop.domain.form_defs import ValueKind
from gwr_desktop.domain.forms import FormItem
from gwr_desktop.domain.intake import cells as c
from gwr_desktop.domain.intake import match_items
from gwr_desktop.domain.intake.rows import ImportedItem


@pytest.mark.parametrize(("text", "expected"), [
    ("5", ("", 5)), ("5.", ("", 5)), ("二-5", ("二", 5)), ("二－15", ("二", 15)), ("(三)", ("一", 3)),
    ("（三）", ("一", 3)), ("5\n（续）", ("", 5)), ("(五)\n(续)", ("一", 5)), ("合计", ("", None)), ("", ("", None)),
])
def test_seq_as_printed(text: str, expected: tuple[str, int | None]) -> None:
    assert c.parse_seq(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("张志强\n消费促进处", ["张志强", "消费促进处"]), ("消费促进处", ["", "消费促进处"]), ("张志强", ["张志强", ""]),
    ("张志强/综合处", ["张志强", "综合处"]), ("张志强 综合处", ["张志强", "综合处"]),
    ("张志强\n综合处\n投资处", ["张志强", "综合处、投资处"]),
])
def test_combined_leader_and_department(text: str, expected: list[str]) -> None:
    assert c.split_combined(text, (ValueKind.PERSON, ValueKind.TEXT)) == expected


def test_headings_numbers_and_continued_marks() -> None:
    assert c.part_heading("二、重点工作") == "二" and c.part_heading("二十、民生") == "二十"
    assert c.part_heading("2023年工作") is None and c.is_section_heading("（一）着力扩大有效需求")
    assert c.without_entry_number("1.制定方案") == "制定方案" and c.without_entry_number("3.5亿元") == "3.5亿元"
    assert c.without_entry_number("（1）截至6月") == "（1）截至6月"  # numbering inside an entry stays
    assert c.without_continued("加快建设国际消费…\n（续）") == "加快建设国际消费"


def _item(key: str, text: str) -> FormItem:
    part, number = key.split("-")
    return FormItem(key, part, int(number), text)


ITEMS = [_item("二-5", "新增品牌连锁便利店200家、智慧商店1000家。"), _item("二-7", "建设一刻钟便民生活圈20个。"),
         _item("三-5", "坚持依法行政，推进法治政府建设。")]


def test_a_number_is_trusted_when_the_text_agrees_and_text_decides_otherwise() -> None:
    found = [ImportedItem(1, "二", "5", "新增品牌连锁便利店200家"),  # shortened, same number
             ImportedItem(2, "二", "5", "建设一刻钟便民生活圈20个"),  # last year's number, this year's 二-7
             ImportedItem(3, "", "5", ""),  # 二-5 or 三-5: ambiguous without a part
             ImportedItem(4, "三", "5", "")]
    result = match_items(found, ITEMS)
    assert [(m.index, m.key, m.by) for m in result.matches] == [(0, "二-5", "seq"), (1, "二-7", "text"),
                                                               (3, "三-5", "seq")]
    assert [u.index for u in result.unmatched] == [2] and "二、三" in result.unmatched[0].reason


def test_one_row_group_per_item() -> None:
    found = [ImportedItem(1, "二", "", "新增品牌连锁便利店200家、智慧商店1000家。"),
             ImportedItem(9, "二", "5", "新增品牌连锁便利店200家、智慧商店1000家。")]
    result = match_items(found, ITEMS)
    assert [(m.index, m.by) for m in result.matches] == [(1, "seq")]
    assert "第9行" in result.unmatched[0].reason
