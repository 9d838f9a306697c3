"""Metadata of the covering notice: 文号, issuer, dates, the deadlines it states, and its appended forms."""

from __future__ import annotations

import datetime as dt
import re

from gwr_desktop.domain.plan import Deadline, DeadlineKind, FormKind, FormSetting, OfficeContact
from gwr_desktop.domain.text import chinese_numeral_value, squeeze_spaces

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,6}〔\d{4}〕\d+号")
_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_PLAN_FORMS_DUE = re.compile(rf"于{_DATE}前将[^。]*?办理方案")
_QUARTERLY_START = re.compile(r"从(\d{4})年第([一二三四1-4])季度起")
_QUARTERLY_DAY = re.compile(r"每个季度第\s*([1-3一二三])\s*个月的\s*(\d{1,2})\s*日前")
_FORM_LABEL = re.compile(r"^附[表件]\s*(\d+)$")
_PHONE_CONTACT = re.compile(
    r"(?P<name>[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3})\s*(?P<office>\d{7,8})\s+(?P<mobile>1\d{10})")
_FORM_KINDS = (("办理方案", FormKind.PLAN), ("人员名单", FormKind.CONTACTS), ("完成情况", FormKind.PROGRESS))
_UNIT_PLACEHOLDER = re.compile(r"^X+\s*[(（]单位[)）]")
_QUARTER_PLACEHOLDER = re.compile(r"前\s*X\s*季度")


def find_date(text: str) -> dt.date | None:
    match = re.search(_DATE, squeeze_spaces(text))
    return dt.date(*map(int, match.groups())) if match else None


def _numeral(value: str) -> int:
    return int(value) if value.isdigit() else chinese_numeral_value(value)


def plan_forms_deadline(notice: str) -> Deadline | None:
    match = _PLAN_FORMS_DUE.search(notice)
    if not match:
        return None
    return Deadline(DeadlineKind.PLAN_FORMS, dt.date(*map(int, match.groups()[:3])))


def quarterly_deadlines(notice: str) -> list[Deadline]:
    """"从2023年第二季度起…每个季度第1个月的20日前" → the 前1…前4季度 reports' due dates."""
    start, day = _QUARTERLY_START.search(notice), _QUARTERLY_DAY.search(notice)
    if not start or not day:
        return []
    year, first_quarter = int(start.group(1)), _numeral(start.group(2))
    month_in_quarter, day_of_month = _numeral(day.group(1)), int(day.group(2))
    deadlines = []
    for report in range(first_quarter - 1, 5):
        if report < 1:
            continue
        due_quarter = report + 1  # 前N季度 is reported in the quarter after it
        due_year = year + (due_quarter - 1) // 4
        month = ((due_quarter - 1) % 4) * 3 + month_in_quarter
        deadlines.append(Deadline(DeadlineKind.PROGRESS, dt.date(due_year, month, day_of_month), quarter=report))
    return deadlines


def form_settings(appendix_lines: list[str]) -> list[FormSetting]:
    """附表N labels and their title lines, with the placeholders rewritten as {unit} and {quarter}."""
    forms: list[FormSetting] = []
    for index, line in enumerate(appendix_lines):
        match = _FORM_LABEL.match(line)
        if not match or index + 1 >= len(appendix_lines):
            continue
        title = squeeze_spaces(appendix_lines[index + 1])
        kind = next((k for word, k in _FORM_KINDS if word in title), None)
        if kind is None:
            continue
        pattern = _QUARTER_PLACEHOLDER.sub("{quarter}", _UNIT_PLACEHOLDER.sub("{unit}", title))
        forms.append(FormSetting(kind=kind, label=f"附表{match.group(1)}", title_pattern=pattern))
    return forms


def office_contacts(appendix_lines: list[str]) -> list[OfficeContact]:
    """The 督查室's contact lines under 附表2 ("徐小生 82826016 13627297755")."""
    contacts = []
    for line in appendix_lines:
        text = line.split("联系人", 1)[-1].lstrip("：: ")
        for match in _PHONE_CONTACT.finditer(text):
            name = re.sub(r"\s+", "", match.group("name"))
            contacts.append(OfficeContact(name=name, office_phone=match.group("office"), mobile=match.group("mobile")))
    return contacts
