"""完成时间: kept as the unit wrote it (normalised), read as a month, a month range or the whole year when needed.

"4月底" stays "4月底" and "2024年5月" keeps its year in the form; `read_period` gives the structure the
"due by this quarter's end" guidance needs. Normalising only unifies what input methods vary: full-width
digits and dashes (NFKC), spaces, and the dash characters (—, –, ~, ～) become "-".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class PeriodError(ValueError):
    """A 完成时间 that cannot be read; the message says what would be accepted, in Chinese."""


class PeriodKind(StrEnum):
    MONTH = "month"  # 3月
    RANGE = "range"  # 3-6月
    YEAR = "year"  # 全年


@dataclass(frozen=True)
class WorkPeriod:
    """A reading of a 完成时间; `year`/`end_year` only when written ("2024年5月")."""

    kind: PeriodKind
    start: int | None = None  # month 1..12
    end: int | None = None
    year: int | None = None
    end_year: int | None = None

    def last_month(self, plan_year: int) -> int:
        """The month the work is due, counted from January of the plan's year (13 = next January)."""
        year = self.end_year or self.year or plan_year
        month = 12 if self.kind is PeriodKind.YEAR else (self.end or self.start or 12)
        return (year - plan_year) * 12 + month

    def first_month(self, plan_year: int) -> int:
        month = 1 if self.kind is PeriodKind.YEAR else (self.start or 1)
        return ((self.year or plan_year) - plan_year) * 12 + month


PERIOD_HINT = "请填写月份（如“3月”）、月份区间（如“3-6月”）或“全年”。"
PERIOD_SUGGESTIONS = ("全年", "上半年", "下半年", "1-3月", "4-6月", "7-9月", "10-12月",
                      *(f"{m}月" for m in range(1, 13)))
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_MONTH = r"([0-9]{1,2}|十[一二]?|[一二三四五六七八九])"  # [0-9]: Arabic-Indic digits are not months
_YEAR = r"(?:([0-9]{4})年)?"
_SUFFIX = r"(?:上旬|中旬|下旬|初|中|底|末|前|以前|之前)?"
_ONE_MONTH = re.compile(rf"{_YEAR}{_MONTH}月(?:份)?{_SUFFIX}")
_RANGE = re.compile(rf"{_YEAR}{_MONTH}(?:月(?:份)?)?(?:-|至|到)+{_YEAR}{_MONTH}月(?:份)?{_SUFFIX}")
_QUARTER = re.compile(r"(?:([0-9]{4})年)?(?:第)?([一二三四1234])季度(?:末|底|前)?")
_YEAR_WORD = re.compile(r"([0-9]{4})年(全年|年度|内|底|末|底前|末前)?")
_QUARTERS = {"一": 1, "1": 1, "二": 2, "2": 2, "三": 3, "3": 3, "四": 4, "4": 4}
_WORDS = {
    "全年": (PeriodKind.YEAR, None, None), "全年度": (PeriodKind.YEAR, None, None),
    "年度": (PeriodKind.YEAR, None, None), "年内": (PeriodKind.YEAR, None, None),
    "上半年": (PeriodKind.RANGE, 1, 6), "下半年": (PeriodKind.RANGE, 7, 12),
    "年底": (PeriodKind.MONTH, 12, None), "年底前": (PeriodKind.MONTH, 12, None),
    "年末": (PeriodKind.MONTH, 12, None),
}
_DASHES = re.compile(r"[-‐‑‒–—―−~〜～]+")


def normalize_period(value: str) -> str:
    """The text to keep: "" for nothing; raises PeriodError when it cannot be read as a 完成时间."""
    text = _DASHES.sub("-", re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or "")))
    read_period(text)
    return text


def read_period(value: str) -> WorkPeriod | None:
    """"3月", "3-6月", "三至六月", "全年", "上半年", "二季度", "2023年5月底" → WorkPeriod; "" → None."""
    text = _DASHES.sub("-", re.sub(r"\s+", "", unicodedata.normalize("NFKC", value or "")))
    if not text:
        return None
    for reader in (_word, _quarter, _year_word, _one_month, _month_range):
        period = reader(text, value)
        if period is not None:
            return period
    raise PeriodError(f"看不懂完成时间“{value.strip()}”。{PERIOD_HINT}")


def _word(text: str, _original: str) -> WorkPeriod | None:
    if text not in _WORDS:
        return None
    kind, start, end = _WORDS[text]
    return WorkPeriod(kind, start, end)


def _quarter(text: str, original: str) -> WorkPeriod | None:
    match = _QUARTER.fullmatch(text)
    if not match:
        return None
    q = _QUARTERS[match.group(2)]
    return WorkPeriod(PeriodKind.RANGE, 3 * q - 2, 3 * q, year=_year(match.group(1), original))


def _year_word(text: str, original: str) -> WorkPeriod | None:
    match = _YEAR_WORD.fullmatch(text)
    if not match:
        return None
    year = _year(match.group(1), original)
    if match.group(2) in (None, "全年", "年度", "内"):
        return WorkPeriod(PeriodKind.YEAR, year=year)
    return WorkPeriod(PeriodKind.MONTH, 12, year=year)


def _one_month(text: str, original: str) -> WorkPeriod | None:
    match = _ONE_MONTH.fullmatch(text)
    if not match:
        return None
    return WorkPeriod(PeriodKind.MONTH, _month(match.group(2), original), year=_year(match.group(1), original))


def _month_range(text: str, original: str) -> WorkPeriod | None:
    match = _RANGE.fullmatch(text)
    if not match:
        return None
    year, end_year = _year(match.group(1), original), _year(match.group(3), original)
    start, end = _month(match.group(2), original), _month(match.group(4), original)
    first, last = ((year or 0) * 12 + start, (end_year or year or 0) * 12 + end)
    if first == last:
        return WorkPeriod(PeriodKind.MONTH, start, year=year)
    if first > last:
        raise PeriodError(f"完成时间“{original.strip()}”的起始月份晚于结束月份；跨年的工作请写明年份"
                          "（如“2023年11月-2024年2月”）或填“全年”。")
    return WorkPeriod(PeriodKind.RANGE, start, end, year=year, end_year=end_year if end_year != year else None)


def _year(token: str | None, original: str) -> int | None:
    if token is None:
        return None
    year = int(token)
    if not 2000 <= year <= 2100:
        raise PeriodError(f"完成时间“{original.strip()}”中的年份 {year} 不合理。")
    return year


def _month(token: str, original: str) -> int:
    number = int(token) if token.isascii() else _chinese_number(token)
    if not 1 <= number <= 12:
        raise PeriodError(f"完成时间“{original.strip()}”中的月份 {number} 不在 1～12 之间。")
    return number


def _chinese_number(token: str) -> int:
    if token.startswith("十"):
        return 10 + (_CN_DIGITS[token[1]] if len(token) > 1 else 0)
    return _CN_DIGITS[token]
