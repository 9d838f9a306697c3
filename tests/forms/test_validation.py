"""Every field's rule: what is accepted (and stored how) and what is refused, with a Chinese reason."""

from __future__ import annotations

import pytest

from gwr_desktop.domain import validation as v
from gwr_desktop.domain.form_defs import ValueKind
from gwr_desktop.domain.forms import ProgressStatus
from gwr_desktop.domain.periods import PeriodError, PeriodKind, WorkPeriod, read_period


@pytest.mark.parametrize(("typed", "stored"), [
    ("13912345678", "13912345678"), ("139 1234 5678", "13912345678"), ("139-1234-5678", "13912345678"),
    ("+8618627001234", "18627001234"), ("１３９１２３４５６７８", "13912345678"), ("", ""), ("  ", ""),
])
def test_mobile_accepted(typed: str, stored: str) -> None:
    assert v.check_mobile(typed) == stored


@pytest.mark.parametrize(("typed", "reason"), [
    ("12912345678", "13～19 开头"), ("1391234567", "10 位"), ("139123456789", "12 位"), ("139abc45678", "不是有效"),
    ("82826016", "8 位"),
    ("١٣٩١٢٣٤٥٦٧٨", "不是 0～9 的数字"), ("1391234567٨", "U\\+0668"), ("13912345६७८", "不是 0～9"),
])
def test_mobile_refused(typed: str, reason: str) -> None:
    with pytest.raises(v.InvalidValue, match=reason):
        v.check_mobile(typed)


@pytest.mark.parametrize("typed", [
    "027-82826016", "02782826016", "82826016", "8282601", "(027)82826016", "027 82826016", "0710-3456789",
    "027-82826016转123", "82826016-123", "82826016 ext 12", "82826016ext.8", "０２７－８２８２６０１６",
])
def test_office_phone_accepted(typed: str) -> None:
    assert v.check_office_phone(typed)


@pytest.mark.parametrize(("typed", "reason"), [
    ("13912345678", "手机号码"), ("123", "7～8 位"), ("027-828260", "7～8 位"), ("0000-82826016", "7～8 位"),
    ("82826016转", "7～8 位"), ("电话82826016", "7～8 位"), ("027-٨٢٨٢٦٠١٦", "不是 0～9 的数字"),
])
def test_office_phone_refused(typed: str, reason: str) -> None:
    with pytest.raises(v.InvalidValue, match=reason):
        v.check_office_phone(typed)


@pytest.mark.parametrize(("typed", "period"), [
    ("3月", WorkPeriod(PeriodKind.MONTH, 3)), ("12月底", WorkPeriod(PeriodKind.MONTH, 12)),
    ("3-6月", WorkPeriod(PeriodKind.RANGE, 3, 6)), ("3—6月", WorkPeriod(PeriodKind.RANGE, 3, 6)),
    ("3月-6月", WorkPeriod(PeriodKind.RANGE, 3, 6)), ("3～6月", WorkPeriod(PeriodKind.RANGE, 3, 6)),
    ("3 至 6 月", WorkPeriod(PeriodKind.RANGE, 3, 6)), ("三至六月", WorkPeriod(PeriodKind.RANGE, 3, 6)),
    ("1—12月", WorkPeriod(PeriodKind.RANGE, 1, 12)), ("全年", WorkPeriod(PeriodKind.YEAR)),
    ("上半年", WorkPeriod(PeriodKind.RANGE, 1, 6)), ("二季度", WorkPeriod(PeriodKind.RANGE, 4, 6)),
    ("2023年5月", WorkPeriod(PeriodKind.MONTH, 5, year=2023)), ("十一月", WorkPeriod(PeriodKind.MONTH, 11)),
    ("6-6月", WorkPeriod(PeriodKind.MONTH, 6)), ("年底前", WorkPeriod(PeriodKind.MONTH, 12)), ("", None),
    ("2024年5月底", WorkPeriod(PeriodKind.MONTH, 5, year=2024)), ("2024年", WorkPeriod(PeriodKind.YEAR, year=2024)),
    ("2023年11月-2024年2月", WorkPeriod(PeriodKind.RANGE, 11, 2, year=2023, end_year=2024)),
    ("2024年底", WorkPeriod(PeriodKind.MONTH, 12, year=2024)),
])
def test_period_read(typed: str, period: WorkPeriod | None) -> None:
    assert read_period(typed) == period


@pytest.mark.parametrize(("typed", "reason"), [
    ("13月", "不在 1～12"), ("0月", "不在 1～12"), ("6-3月", "起始月份晚于"), ("尽快", "看不懂"), ("长期", "看不懂"),
    ("1800年5月", "年份 1800 不合理"), ("٣月", "看不懂"),
])
def test_period_refused(typed: str, reason: str) -> None:
    with pytest.raises(PeriodError, match=reason):
        read_period(typed)
    with pytest.raises(v.InvalidValue, match=reason):
        v.check_period(typed)


@pytest.mark.parametrize(("typed", "kept"), [
    ("4月底", "4月底"), ("2024年5月", "2024年5月"), ("3—6月", "3-6月"), ("３ 至 ６ 月", "3至6月"), (" 全年 ", "全年"),
    ("", ""),
])
def test_period_keeps_what_was_typed(typed: str, kept: str) -> None:
    """Regression (issues 10, 17): 4月底 came back as 4月 and 2024年5月 lost its year."""
    assert v.check_period(typed) == kept


def test_due_months_count_from_the_plans_year() -> None:
    assert read_period("2024年5月").last_month(2023) == 17 and read_period("5月").last_month(2023) == 5
    assert read_period("全年").last_month(2023) == 12 and read_period("2022年12月").last_month(2023) == 0
    assert read_period("2023年11月-2024年2月").first_month(2023) == 11


def test_each_kind_of_value_has_its_rule() -> None:
    assert v.check_value(ValueKind.MOBILE, "139 1234 5678") == "13912345678"
    assert v.check_value(ValueKind.PERIOD, "4—6月") == "4-6月"
    assert v.check_value(ValueKind.STATUS, "滞后") == "滞后"
    assert v.check_value(ValueKind.LONG_TEXT, " 第一行\n第二行 ") == "第一行\n第二行"
    with pytest.raises(v.InvalidValue, match="程序填写"):
        v.check_value(ValueKind.SEQ, "5")
    with pytest.raises(v.InvalidValue, match="应为文字"):
        v.check_value(ValueKind.TEXT, 5)


def test_long_text_keeps_lines_and_refuses_control_characters() -> None:
    assert v.check_long_text("  1. 调研\r\n2. 推进  \n") == "1. 调研\n2. 推进"
    with pytest.raises(v.InvalidValue, match="控制字符"):
        v.check_long_text("调研\x07")
    with pytest.raises(v.InvalidValue, match="过长"):
        v.check_long_text("字" * 5001)


def test_short_text_is_one_line() -> None:
    assert v.check_short_text(" 张伟 ") == "张伟"
    with pytest.raises(v.InvalidValue, match="一行"):
        v.check_short_text("张伟\n李娜")
    with pytest.raises(v.InvalidValue, match="代理字符"):
        v.check_short_text("张\ud800伟")


def test_invisible_and_direction_characters() -> None:
    """Regression (issue 17): bidi overrides and zero-width characters were accepted in names."""
    assert v.check_short_text("张​伟﻿") == "张伟"  # zero-width: removed (the door reports it)
    with pytest.raises(v.InvalidValue, match="U\\+202E"):
        v.check_short_text("张‮伟")
    with pytest.raises(v.InvalidValue, match="U\\+2066"):
        v.check_long_text("推进⁦工作")
    with pytest.raises(v.InvalidValue, match="非字符"):
        v.check_short_text("张﷐伟")


def test_status_and_figure() -> None:
    assert v.check_status("序时推进") is ProgressStatus.ON_TRACK
    assert v.check_status("") is None
    with pytest.raises(v.InvalidValue, match="已完成、序时推进、滞后、未启动"):
        v.check_status("差不多")
    assert v.check_figure("１５０家") == "150家"
    assert v.check_figure("") == ""
    with pytest.raises(v.InvalidValue, match="没有数字"):
        v.check_figure("很多")


@pytest.mark.parametrize("bad", [0, 5, "1", True, None, 1.0])
def test_quarter_refused(bad: object) -> None:
    with pytest.raises(v.InvalidValue, match="1～4"):
        v.check_quarter(bad)
