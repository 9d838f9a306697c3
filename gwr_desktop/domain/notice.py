"""Metadata of the covering notice: 文号, issuer, dates, the deadlines it states, and its appended forms.

Deadlines are read from the notice's own sentences however phrased (domain.md §2b): "于2023年2月10日前将…办理方案",
"要于2月5日前，将…报送…(附表1、2)", "每个季度第1个月的20日前", "每季度第1个月15日前", "每季度结束后10日内".
"""

from __future__ import annotations

import datetime as dt
import re

from gwr_desktop.domain.plan import Deadline, DeadlineKind, FormKind, FormSetting, OfficeContact
from gwr_desktop.domain.text import chinese_numeral_value, squeeze_spaces

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［(（【]\d{4}[〕\]］)）】]\d+号")
_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_NUMERAL = "[一二三四五六七八九十]{1,3}"
_CN_DATE = re.compile(rf"([〇○零Ｏ一二三四五六七八九]{{4}})年({_CN_NUMERAL})月({_CN_NUMERAL})日")
_DUE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:前|之前|以前)")
_PLAN_FORM_WORDS = re.compile(r"办理方案|工作方案|落实方案|实施方案|推进方案|计划方案|工作计划|推进计划|"
                              r"工作台账|人员名单|联络员|附表\s*1|附件\s*1")
_QUARTERLY_START = re.compile(r"从(\d{4})年(?:第)?([一二三四1-4])季度(?:起|开始)")
_QUARTER_MONTH_DAY = re.compile(
    r"每(?:个)?季度(?:的)?(?:第\s*([1-3一二三])\s*个?月|首月|(最后一个月|末月))(?:的)?\s*(\d{1,2})\s*日(?:前|之前|以前)")
_QUARTER_AFTER = re.compile(r"每(?:个)?季度(?:结束|末)后\s*(\d{1,2})\s*(?:个工作日|日|天)内")
_FORM_LABEL = re.compile(r"^附\s*[表件]\s*(\d+)\s*[:：]?\s*(?P<title>.*)$")
_PHONE_CONTACT = re.compile(
    r"(?P<name>[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,3})\s*[,，:：]?\s*(?:电话|联系电话|办公电话)?\s*[:：]?\s*"
    r"(?P<office>(?:0\d{2,3}[-－])?\d{7,8})(?:\s*[,，、/]?\s*(?:手机)?\s*[:：]?\s*(?P<mobile>1\d{10}))?")
_FORM_KINDS = (("办理方案", FormKind.PLAN), ("工作方案", FormKind.PLAN), ("落实方案", FormKind.PLAN),
               ("人员名单", FormKind.CONTACTS), ("联络员", FormKind.CONTACTS), ("完成情况", FormKind.PROGRESS),
               ("进展情况", FormKind.PROGRESS), ("推进情况", FormKind.PROGRESS))
_UNIT_PLACEHOLDER = re.compile(r"^(?:X+|×+|ＸＸＸ|某某)\s*[(（]\s*单位\s*[)）]")
_QUARTER_PLACEHOLDER = re.compile(r"前\s*[X×Ｘ]\s*季度|第\s*[X×Ｘ]\s*季度")
_HEADER_WORDS = ("序号", "责任人", "姓名", "责任事项")
_FIELD = re.compile(r"[^\s:：\t]+(?:[(（][^)）]*[)）])?\s*[:：]")


def find_date(text: str) -> dt.date | None:
    text = squeeze_spaces(text)
    match = re.search(_DATE, text)
    try:
        if match:
            return dt.date(*map(int, match.groups()))
        chinese = _CN_DATE.search(text)
        if chinese:
            year = int("".join(str(_CN_DIGITS[c]) for c in chinese.group(1)))
            return dt.date(year, chinese_numeral_value(chinese.group(2)), chinese_numeral_value(chinese.group(3)))
    except (ValueError, KeyError):
        return None
    return None


def _numeral(value: str) -> int:
    return int(value) if value.isdigit() else chinese_numeral_value(value)


def sentences(notice: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；;])", squeeze_spaces(notice.replace("\n", ""))) if s.strip()]


def plan_forms_deadline(notice: str, year: int | None = None) -> Deadline | None:
    """The date by which the 办理方案 and 督办工作人员名单 are due, from the sentence that asks for them."""
    for sentence in sentences(notice):
        if not _PLAN_FORM_WORDS.search(sentence):
            continue
        # "于2月5日前将办理方案报…，每季度第1个月15日前报送…": the date of a clause about quarters is not it.
        due = next((m for clause in re.split(r"[，,；;]", sentence) if "季度" not in clause
                    for m in [_DUE.search(clause)] if m), None)
        if due:
            due_year = int(due.group(1)) if due.group(1) else year
            if due_year is None:  # no year anywhere: no date
                return None
            try:
                return Deadline(DeadlineKind.PLAN_FORMS, dt.date(due_year, int(due.group(2)), int(due.group(3))))
            except (TypeError, ValueError):
                return None
    return None


def quarterly_deadlines(notice: str, year: int | None = None) -> list[Deadline]:
    """The 前1…前4季度 (全年) reports' due dates, from "每个季度第1个月的20日前" or "每季度结束后10日内"."""
    text = squeeze_spaces(notice.replace("\n", ""))
    start = _QUARTERLY_START.search(text)
    first_year = int(start.group(1)) if start else year
    if first_year is None:
        return []
    # "从第二季度起" is when reporting starts: the first report (前1季度) is made in quarter 2.
    first_report = _numeral(start.group(2)) - 1 if start else 1
    try:
        return _quarter_dates(text, first_year, max(1, first_report))
    except ValueError:
        return []


def _quarter_dates(text: str, year: int, first_report: int) -> list[Deadline]:
    by_day, after = _QUARTER_MONTH_DAY.search(text), _QUARTER_AFTER.search(text)
    deadlines = []
    for report in range(first_report, 5):
        if by_day:
            day = int(by_day.group(3))
            if by_day.group(2):  # the last month of the quarter reported on
                due = dt.date(year, report * 3, day)
            else:
                month_in_quarter = _numeral(by_day.group(1)) if by_day.group(1) else 1
                due_year, due_quarter = year + report // 4, report % 4 + 1
                due = dt.date(due_year, (due_quarter - 1) * 3 + month_in_quarter, day)
        elif after:
            end = dt.date(year, 12, 31) if report == 4 else dt.date(year, report * 3 + 1, 1) - dt.timedelta(days=1)
            due = end + dt.timedelta(days=int(after.group(1)))
        else:
            return []
        deadlines.append(Deadline(DeadlineKind.PROGRESS, due, quarter=report))
    return deadlines


def form_settings(appendix_lines: list[str]) -> list[FormSetting]:
    """附表N labels, their titles ({unit}/{quarter} placeholders), and the blank forms' printed headers."""
    forms: list[FormSetting] = []
    for index, line in enumerate(appendix_lines):
        match = _FORM_LABEL.match(squeeze_spaces(line))
        if not match:
            continue
        title_line = match.group("title") or (appendix_lines[index + 1] if index + 1 < len(appendix_lines) else "")
        title = squeeze_spaces(title_line)
        kind = form_kind(title)
        if kind is None or any(f.kind is kind for f in forms):
            continue
        body = _form_body(appendix_lines, index + (1 if match.group("title") else 2))
        columns, fields = _printed_header(body)
        pattern = _QUARTER_PLACEHOLDER.sub("{quarter}", _UNIT_PLACEHOLDER.sub("{unit}", title))
        forms.append(FormSetting(kind=kind, label=f"附表{match.group(1)}", title_pattern=pattern,
                                 printed_columns=columns, printed_fields=fields))
    return forms


def form_kind(title: str) -> FormKind | None:
    return next((k for word, k in _FORM_KINDS if word in title), None)


def _form_body(lines: list[str], start: int) -> list[str]:
    body = []
    for line in lines[start:start + 12]:
        if _FORM_LABEL.match(squeeze_spaces(line)):
            break
        body.append(line)
    return body


def _printed_header(body: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The first row naming 序号/责任人… is the header; the "label：" cells above it are the fields."""
    fields: list[str] = []
    for line in body:
        cells = [_cell(c) for c in line.split("\t")]
        cells = [c for c in cells if c]
        if any(c.startswith(_HEADER_WORDS) for c in cells[:2]):
            if len(cells) == 1:  # a dump without tabs: the header's words separated by spaces
                cells = cells[0].split(" ")
            return tuple(cells), tuple(fields)
        fields.extend(f.replace(":", "：").replace(" ", "") for c in cells for f in _FIELD.findall(c))
    return (), tuple(fields)


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def office_contacts(appendix_lines: list[str]) -> list[OfficeContact]:
    """The 督查室's contact lines under the forms ("市政府督查室联系人：徐小生 82826016 13627297755")."""
    contacts: list[OfficeContact] = []
    active = False
    for line in appendix_lines:
        if "联系人" in line or "联系电话" in line:
            active = True
        if not active:
            continue
        text = line.split("联系人", 1)[-1].lstrip("：: ")
        found = list(_PHONE_CONTACT.finditer(text))
        if not found and contacts:
            active = False
        for match in found:
            name = re.sub(r"\s+", "", match.group("name"))
            if name in ("电话", "联系电话", "手机", "办公电话"):
                continue
            contacts.append(OfficeContact(name=name, office_phone=match.group("office"),
                                          mobile=match.group("mobile") or ""))
    return contacts
