"""Rules for every kind of value a form holds: text, names, phone numbers, 完成时间, status and figures.

`check_value(kind, text)` returns the value as it will be stored, or raises InvalidValue whose message says,
in Chinese, what is wrong and what would be accepted. Nothing here knows which form or column a value is in;
a column's ValueKind (from the plan's form definition) decides the rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from gwr_desktop.domain.clean_input import LONG_TEXT_LIMIT, SHORT_TEXT_LIMIT, InputRejected, clean_text_input
from gwr_desktop.domain.form_defs import ValueKind
from gwr_desktop.domain.forms import ProgressStatus
from gwr_desktop.domain.periods import PeriodError, normalize_period


class InvalidValue(ValueError):
    """A value that cannot be stored; str(error) is the reason, in Chinese."""


def check_long_text(value: str) -> str:
    """具体工作内容 and 完成情况: several lines allowed; outer blank lines and trailing spaces trimmed."""
    return _clean(value, LONG_TEXT_LIMIT, multiline=True).strip()


def check_short_text(value: str) -> str:
    """Names, 职务, 分管领导, 责任部门, 主要负责人: one line."""
    return _clean(value, SHORT_TEXT_LIMIT, multiline=False).strip()


def _clean(value: str, limit: int, *, multiline: bool) -> str:
    try:
        return clean_text_input(value, limit=limit, multiline=multiline)
    except InputRejected as error:
        raise InvalidValue(str(error)) from error


# ---- phone numbers -------------------------------------------------------------------------------------------

# [0-9], not \d: Python's \d also matches Arabic-Indic and other digits that look like ours but are not.
_MOBILE = re.compile(r"(?:\+?86)?(1[3-9][0-9]{9})")
_OFFICE = re.compile(
    r"(?:\(?(?P<area>0[1-9][0-9]{1,2})\)?[-\s]?)?"  # 027-, (027), 027 or 027 glued on
    r"(?P<local>[1-9][0-9]{6,7})"
    r"(?:\s*(?:转|-|ext\.?|EXT\.?|Ext\.?|分机)\s*(?P<extension>[0-9]{1,6}))?"
)


def _phone_text(value: str) -> str:
    # Full-width digits and dashes come from Chinese input methods; NFKC makes them ASCII.
    text = unicodedata.normalize("NFKC", _clean(value, SHORT_TEXT_LIMIT, multiline=False)).strip()
    text = text.replace("—", "-").replace("–", "-").replace("－", "-")
    lookalike = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if lookalike is not None:
        raise InvalidValue(f"“{text}”中的“{lookalike}”（U+{ord(lookalike):04X}）不是 0～9 的数字，"
                           "请用键盘上的数字重新输入。")
    return text


def check_mobile(value: str) -> str:
    """11 digits starting 13–19; spaces or dashes between groups are tolerated and removed."""
    text = _phone_text(value)
    if not text:
        return ""
    digits = re.sub(r"[\s-]", "", text)
    match = _MOBILE.fullmatch(digits)
    if match is None:
        if digits.isdigit() and len(digits) != 11:
            raise InvalidValue(f"手机号码应为 11 位数字，“{text}”是 {len(digits)} 位。")
        raise InvalidValue(f"“{text}”不是有效的手机号码：应为以 13～19 开头的 11 位数字，如 13912345678。")
    return match.group(1)


def check_office_phone(value: str) -> str:
    """7–8 digit number, optional area code (0 + 2–3 digits) and optional extension (转123 / -123 / ext 123)."""
    text = _phone_text(value)
    if not text:
        return ""
    if _MOBILE.fullmatch(re.sub(r"[\s-]", "", text)):
        raise InvalidValue(f"“{text}”是手机号码，请填在“手机”栏；办公电话应为固定电话，如 027-82826016。")
    if _OFFICE.fullmatch(text) is None:
        raise InvalidValue(
            f"“{text}”不是有效的办公电话：应为 7～8 位号码，可带区号和分机，如 027-82826016、82826016转123。")
    return text


# ---- 完成时间, status, figures --------------------------------------------------------------------------------

def check_period(value: str) -> str:
    """The 完成时间 as typed, normalised ("4—6月" → "4-6月", "4月底" and "2024年5月" kept); "" clears it."""
    try:
        return normalize_period(_clean(value, SHORT_TEXT_LIMIT, multiline=False))
    except PeriodError as error:
        raise InvalidValue(str(error)) from error


STATUS_CHOICES = tuple(status.value for status in ProgressStatus)


def check_status(value: str | None) -> ProgressStatus | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return ProgressStatus(text)
    except ValueError:
        raise InvalidValue(f"进度“{text}”无效，只能是：{'、'.join(STATUS_CHOICES)}，或留空。") from None


def check_status_text(value: str) -> str:
    status = check_status(value)
    return status.value if status else ""


def check_figure(value: str) -> str:
    """The quantity reached so far ("150家", "8.5%"): must contain a number when filled."""
    text = unicodedata.normalize("NFKC", check_short_text(value)).strip()
    if text and not re.search(r"[0-9]", text):
        raise InvalidValue(f"完成数“{text}”中没有数字，请填写已完成的数量，如“150家”。")
    return text


def check_quarter(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise InvalidValue(f"季度应为 1～4 的整数（前1季度…前4季度），收到“{value}”。")
    return value


CHECKS: dict[ValueKind, Callable[[str], str]] = {
    ValueKind.TEXT: check_short_text, ValueKind.PERSON: check_short_text, ValueKind.LONG_TEXT: check_long_text,
    ValueKind.MOBILE: check_mobile, ValueKind.OFFICE_PHONE: check_office_phone, ValueKind.PERIOD: check_period,
    ValueKind.STATUS: check_status_text, ValueKind.FIGURE: check_figure,
}


def check_value(kind: ValueKind, value: object) -> str:
    """The stored form of a value of this kind; InvalidValue (Chinese reason) when it cannot be stored."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidValue(f"应为文字，收到 {type(value).__name__}。")
    check = CHECKS.get(kind)
    if check is None:
        raise InvalidValue("此栏由程序填写，不能修改。")
    return check(value)
