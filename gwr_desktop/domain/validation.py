"""Rules for every value typed into the three forms: text, phone numbers, 完成时间, status and figures.

Each `check_*` function returns the value as it will be stored, or raises InvalidValue whose message says,
in Chinese, what is wrong and what would be accepted. Nothing here knows where the value goes.
"""

from __future__ import annotations

import re
import unicodedata

from gwr_desktop.domain.clean_input import LONG_TEXT_LIMIT, SHORT_TEXT_LIMIT, InputRejected, clean_text_input
from gwr_desktop.domain.forms import PeriodKind, ProgressStatus, WorkPeriod


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

_MOBILE = re.compile(r"(?:\+?86)?(1[3-9]\d{9})")
_OFFICE = re.compile(
    r"(?:\(?(?P<area>0[1-9]\d{1,2})\)?[-\s]?)?"  # 027-, (027), 027 or 027 glued on
    r"(?P<local>[1-9]\d{6,7})"
    r"(?:\s*(?:转|-|ext\.?|EXT\.?|Ext\.?|分机)\s*(?P<extension>\d{1,6}))?"
)


def _phone_text(value: str) -> str:
    # Full-width digits and dashes come from Chinese input methods; NFKC makes them ASCII.
    text = unicodedata.normalize("NFKC", _clean(value, SHORT_TEXT_LIMIT, multiline=False)).strip()
    return text.replace("—", "-").replace("–", "-").replace("－", "-")


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


# ---- 完成时间 ------------------------------------------------------------------------------------------------

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_MONTH = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_DASHES = r"\s*(?:-|—|–|－|~|～|〜|至|到)+\s*"
_YEAR_PREFIX = re.compile(r"^\d{4}\s*年\s*")
_ONE_MONTH = re.compile(rf"^{_MONTH}\s*月(?:份)?(?:上旬|中旬|下旬|初|中|底|末|前|以前|之前)?$")
_RANGE = re.compile(rf"^{_MONTH}\s*(?:月(?:份)?)?{_DASHES}(?:\d{{4}}\s*年\s*)?{_MONTH}\s*月(?:份)?"
                    r"(?:上旬|中旬|下旬|初|中|底|末|前|以前|之前)?$")
_QUARTERS = {"一": 1, "1": 1, "二": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4}
_WORDS = {
    "全年": WorkPeriod(PeriodKind.YEAR), "全年度": WorkPeriod(PeriodKind.YEAR), "年度": WorkPeriod(PeriodKind.YEAR),
    "上半年": WorkPeriod(PeriodKind.RANGE, 1, 6), "下半年": WorkPeriod(PeriodKind.RANGE, 7, 12),
    "年底": WorkPeriod(PeriodKind.MONTH, 12), "年底前": WorkPeriod(PeriodKind.MONTH, 12),
    "年末": WorkPeriod(PeriodKind.MONTH, 12),
}
PERIOD_HINT = "请填写月份（如“3月”）、月份区间（如“3-6月”）或“全年”。"


def parse_period(value: str) -> WorkPeriod | None:
    """"3月", "3-6月", "3月—6月", "三至六月", "全年", "上半年", "二季度", "2023年5月底" → WorkPeriod; "" → None."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).strip()
    text = _YEAR_PREFIX.sub("", text)
    if not text:
        return None
    if text in _WORDS:
        return _WORDS[text]
    quarter = re.fullmatch(r"(?:第)?([一二三四1234])季度(?:末|底|前)?", text)
    if quarter:
        q = _QUARTERS[quarter.group(1)]
        return WorkPeriod(PeriodKind.RANGE, 3 * q - 2, 3 * q)
    single = _ONE_MONTH.fullmatch(text)
    if single:
        return WorkPeriod(PeriodKind.MONTH, _month(single.group(1), value))
    span = _RANGE.fullmatch(text)
    if span:
        return _range(_month(span.group(1), value), _month(span.group(2), value), value)
    raise InvalidValue(f"看不懂完成时间“{value.strip()}”。{PERIOD_HINT}")


def check_period(value: WorkPeriod | None) -> WorkPeriod | None:
    """A structured period from JSON or an import: the same limits as typed text."""
    if value is None or value.kind is PeriodKind.YEAR:
        return value if value is None else WorkPeriod(PeriodKind.YEAR)
    if value.kind is PeriodKind.MONTH:
        return WorkPeriod(PeriodKind.MONTH, _month(str(value.start), value.text()))
    return _range(_month(str(value.start), value.text()), _month(str(value.end), value.text()), value.text())


def _month(token: str, original: str) -> int:
    number = int(token) if token.isdigit() else _chinese_number(token)
    if not 1 <= number <= 12:
        raise InvalidValue(f"完成时间“{original.strip()}”中的月份 {number} 不在 1～12 之间。")
    return number


def _chinese_number(token: str) -> int:
    if token.startswith("十"):
        return 10 + (_CN_DIGITS[token[1]] if len(token) > 1 else 0)
    return _CN_DIGITS[token]


def _range(start: int, end: int, original: str) -> WorkPeriod:
    if start == end:
        return WorkPeriod(PeriodKind.MONTH, start)
    if start > end:
        raise InvalidValue(f"完成时间“{original.strip()}”的起始月份晚于结束月份；跨年的工作请填“全年”或分开填写。")
    return WorkPeriod(PeriodKind.RANGE, start, end)


# ---- 附表3 tracking fields ------------------------------------------------------------------------------------

STATUS_CHOICES = tuple(status.value for status in ProgressStatus)


def check_status(value: str | None) -> ProgressStatus | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return ProgressStatus(text)
    except ValueError:
        raise InvalidValue(f"进度“{text}”无效，只能是：{'、'.join(STATUS_CHOICES)}，或留空。") from None


def check_figure(value: str) -> str:
    """The quantity reached so far ("150家", "8.5%"): must contain a number when filled."""
    text = unicodedata.normalize("NFKC", check_short_text(value)).strip()
    if text and not re.search(r"\d", text):
        raise InvalidValue(f"完成数“{text}”中没有数字，请填写已完成的数量，如“150家”。")
    return text


def check_quarter(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise InvalidValue(f"季度应为 1～4 的整数（前1季度…前4季度），收到“{value}”。")
    return value
