"""Every field's rule: what is accepted (and stored how) and what is refused, with a Chinese reason."""

from __future__ import annotations

import pytest

from gwr_desktop.domain import validation as v
from gwr_desktop.domain.forms import PeriodKind, ProgressStatus, WorkPeriod


@pytest.mark.parametrize(("typed", "stored"), [
    ("13912345678", "13912345678"), ("139 1234 5678", "13912345678"), ("139-1234-5678", "13912345678"),
    ("+8618627001234", "18627001234"), ("１３９１２３４５６７８", "13912345678"), ("", ""), ("  ", ""),
])
def test_mobile_accepted(typed: str, stored: str) -> None:
    assert v.check_mobile(typed) == stored


@pytest.mark.parametrize(("typed", "reason"), [
    ("12912345678", "13～19 开头"), ("1391234567", "10 位"), ("139123456789", "12 位"), ("139abc45678", "不是有效"),
    ("82826016", "8 位"),
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
    ("82826016转", "7～8 位"), ("电话82826016", "7～8 位"),
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
    ("2023年5月", WorkPeriod(PeriodKind.MONTH, 5)), ("十一月", WorkPeriod(PeriodKind.MONTH, 11)),
    ("6-6月", WorkPeriod(PeriodKind.MONTH, 6)), ("年底前", WorkPeriod(PeriodKind.MONTH, 12)), ("", None),
])
def test_period_parsed(typed: str, period: WorkPeriod | None) -> None:
    assert v.parse_period(typed) == period


@pytest.mark.parametrize(("typed", "reason"), [
    ("13月", "不在 1～12"), ("0月", "不在 1～12"), ("6-3月", "起始月份晚于"), ("尽快", "看不懂"), ("长期", "看不懂"),
])
def test_period_refused(typed: str, reason: str) -> None:
    with pytest.raises(v.InvalidValue, match=reason):
        v.parse_period(typed)


def test_period_text_round_trips() -> None:
    for typed in ["3月", "3-6月", "全年", "10-12月"]:
        assert v.parse_period(v.parse_period(typed).text()).text() == typed


def test_structured_period_checked() -> None:
    assert v.check_period(WorkPeriod(PeriodKind.RANGE, 2, 5)) == WorkPeriod(PeriodKind.RANGE, 2, 5)
    with pytest.raises(v.InvalidValue):
        v.check_period(WorkPeriod(PeriodKind.MONTH, 14))
    with pytest.raises(v.InvalidValue):
        v.check_period(WorkPeriod(PeriodKind.RANGE, 9, 2))


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
