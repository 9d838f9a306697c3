"""The fast .xlsx path (SheetCells + xlsx_save) writes every part of the package byte for byte as openpyxl's
plain API and its own writer write the same form — so what Excel, WPS and LibreOffice print cannot differ."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml.etree import Element, tostring
from openpyxl.utils.exceptions import IllegalCharacterError

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.xlsx_cells import checked
from gwr_desktop.exports.xlsx_save import escaped
from tests.exports import long_text
from tests.exports.conftest import layout_of
from tests.exports.plain_cells import fast_xlsx, plain_xlsx, saved_parts


def _long_merged() -> FormLayout:
    """A 责任事项 longer than its item's rows hold at 409 pt: rows are added under it."""
    content = long_text.plan_content()
    first = replace(content.items[0], text=long_text.long_text(99, 6000), entries=content.items[0].entries[:1])
    return layout_of(FormKind.PLAN, replace(content, items=(first, *content.items[1:])))


LAYOUTS = {
    "plan": lambda: layout_of(FormKind.PLAN), "contacts": lambda: layout_of(FormKind.CONTACTS),
    "progress draft": lambda: replace(layout_of(FormKind.PROGRESS), draft=True),
    "long plan": lambda: layout_of(FormKind.PLAN, long_text.plan_content()),
    "long progress": lambda: layout_of(FormKind.PROGRESS, long_text.progress_content()),
    "long merged text": _long_merged,
    "fonts of the layout": lambda: replace(layout_of(FormKind.CONTACTS), fonts=(("table_body", ("宋体",)),)),
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_part_is_what_openpyxls_own_writer_writes(name: str) -> None:
    layout = LAYOUTS[name]()
    fast, plain = saved_parts(fast_xlsx(layout)), saved_parts(plain_xlsx(layout))
    assert fast.keys() == plain.keys()
    for part in plain:
        assert fast[part] == plain[part], part


def test_texts_openpyxl_refuses_or_cuts_are_refused_and_cut_alike() -> None:
    assert checked("甲" * 40000) == "甲" * 32767  # Excel's longest cell text
    for bad in ("a\x07b", "\x00", "\x1f"):
        with pytest.raises(IllegalCharacterError, match="cannot be used in worksheets"):
            checked(bad)


def _lxml_text(text: str) -> bytes:
    element = Element("t")
    element.text = text
    return tostring(element, encoding="ascii")[len(b"<t>"):-len(b"</t>")]


def test_every_character_is_escaped_as_lxml_escapes_it_or_refused_as_lxml_refuses_it() -> None:
    """Every code point of the BMP and a sample beyond, one at a time between two letters, through the escape
    and through lxml (what openpyxl's writer uses); ASCII with character references, as both write the sheet."""
    for point in [*range(0x10000), *range(0x10000, 0x110000, 257), 0x10FFFF]:
        text = f"a{chr(point)}b"
        try:
            expected = _lxml_text(text)
        except ValueError:
            with pytest.raises((ValueError, IllegalCharacterError)):  # noqa: PT012 - openpyxl's or lxml's
                escaped(checked(text)).encode("ascii", "xmlcharrefreplace")
            continue
        assert escaped(checked(text)).encode("ascii", "xmlcharrefreplace") == expected, hex(point)


def test_escapes_in_context() -> None:
    text = " <a href=\"x\">&amp;</a>\r\n\t]]> "
    assert escaped(text).encode("ascii", "xmlcharrefreplace") == _lxml_text(text)
