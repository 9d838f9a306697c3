"""The fast .xlsx path (SheetCells + xlsx_save) writes the package openpyxl's plain API and its own writer
write for the same form — every part byte for byte, the sheet the same XML (UTF-8 instead of character
references) — so what Excel, WPS and LibreOffice print cannot differ."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml.etree import Element, fromstring, tostring
from openpyxl.utils.exceptions import IllegalCharacterError

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.xlsx_cells import checked
from gwr_desktop.exports.xlsx_save import escaped
from tests.exports import long_text
from tests.exports.conftest import layout_of
from tests.exports.plain_cells import assert_same_package, fast_xlsx, plain_xlsx, saved_parts


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
    assert_same_package(fast, plain)
    sheet = fast["xl/worksheets/sheet1.xml"]
    assert sheet.decode("utf-8") and len(sheet) < len(plain["xl/worksheets/sheet1.xml"])


def test_texts_openpyxl_refuses_or_cuts_are_refused_and_cut_alike() -> None:
    assert checked("甲" * 40000) == "甲" * 32767  # Excel's longest cell text
    for bad in ("a\x07b", "\x00", "\x1f"):
        with pytest.raises(IllegalCharacterError, match="cannot be used in worksheets"):
            checked(bad)


def _lxml_refuses(text: str) -> bool:
    try:
        Element("t").text = text
    except ValueError:
        return True
    return False


def _read_back(text: str) -> str | None:
    """The text as an XML parser reads it from <t>escaped text</t> in UTF-8."""
    return fromstring(f"<t>{escaped(checked(text))}</t>".encode()).text


def test_every_character_reads_back_as_written_or_is_refused_as_lxml_refuses_it() -> None:
    """Every code point of the BMP and a sample beyond, one at a time between two letters: refused where lxml
    (openpyxl's writer) refuses it, else read back by an XML parser exactly (a CR too, a "&", a "<")."""
    for point in [*range(0x10000), *range(0x10000, 0x110000, 257), 0x10FFFF]:
        text = f"a{chr(point)}b"
        if _lxml_refuses(text):
            with pytest.raises((ValueError, IllegalCharacterError)):
                checked(text)
            continue
        assert _read_back(text) == text, hex(point)


def test_escapes_in_context() -> None:
    text = " <a href=\"x\">&amp;</a>\r\n\t]]> "
    assert _read_back(text) == text
    assert escaped(text) == tostring(_element(text), encoding="unicode")[len("<t>"):-len("</t>")]


def _element(text: str) -> Element:
    element = Element("t")
    element.text = text
    return element
