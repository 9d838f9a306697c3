"""The cleaning rule the guards enforce: refuse control characters, lone surrogates, overlong or multi-line text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwr_desktop.domain.clean_input import InputRejected, clean_text_input, invisible_characters, is_noncharacter

# Format characters (Cf) are refused or removed since issue 17; non-characters are refused.
ALLOWED = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf")).filter(lambda c: not is_noncharacter(c))
                  | st.sampled_from("\t\n"), max_size=200)


@settings(max_examples=150, deadline=None)
@given(ALLOWED)
def test_acceptable_text_comes_back_in_nfc(text: str) -> None:
    assert clean_text_input(text) == unicodedata.normalize("NFC", text)


@settings(max_examples=100, deadline=None)
@given(ALLOWED, st.characters(whitelist_categories=("Cs", "Cc"), blacklist_characters="\t\n\r")
       | st.sampled_from("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufdd0\uffff"),
       ALLOWED)
def test_any_control_character_or_lone_surrogate_is_refused(before: str, bad: str, after: str) -> None:
    with pytest.raises(InputRejected):
        clean_text_input(before + bad + after)


def test_messages_are_chinese_and_specific() -> None:
    with pytest.raises(InputRejected, match="U\\+001B"):
        clean_text_input("a\x1bb")
    with pytest.raises(InputRejected, match="代理字符"):
        clean_text_input("a\ud800b")
    with pytest.raises(InputRejected, match="只能填写一行"):
        clean_text_input("a\nb", multiline=False)
    with pytest.raises(InputRejected, match="最多 3 个字，当前 4 个字"):
        clean_text_input("四个字呀", limit=3)
    assert clean_text_input("第一行\r\n第二行\r第三行") == "第一行\n第二行\n第三行"
    with pytest.raises(InputRejected, match="U\\+202E"):
        clean_text_input("a\u202eb")


@settings(max_examples=100, deadline=None)
@given(ALLOWED, st.sampled_from("\u200b\u200c\u200d\u2060\ufeff\u00ad"), ALLOWED)
def test_zero_width_characters_are_removed_and_counted(before: str, invisible: str, after: str) -> None:
    text = before + invisible + after
    assert clean_text_input(text) == unicodedata.normalize("NFC", before + after)
    assert invisible_characters(text) == 1
