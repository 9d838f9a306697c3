"""The JSON shape of each form, printed by `form --json` and read back by `fill --from`.

Reading collects every structural problem (wrong type, unknown role, unreadable 完成时间) with its place, in
Chinese, instead of stopping at the first one; value rules are checked again when the form is stored.
Read-only fields (item text, titles, targets) may be present in the file and are ignored.
"""

from __future__ import annotations

from gwr_desktop.domain.completeness import ROLE_LABELS
from gwr_desktop.domain.forms import (
    ContactPerson,
    ContactRole,
    ContactsFormContent,
    PlanFormContent,
    PlanFormItem,
    ProgressFormContent,
    ProgressFormItem,
    WorkEntry,
)
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.domain.validation import InvalidValue, check_status, parse_period

FormContent = PlanFormContent | ContactsFormContent | ProgressFormContent


def to_json(content: FormContent) -> dict:
    common = {"plan": content.plan_key, "unit": content.unit, "label": content.label, "title": content.title}
    if isinstance(content, PlanFormContent):
        return {"form": "plan", **common, "principal": content.principal, "items": [
            {"key": i.key, "part": i.part, "number": i.number, "text": i.text, "leader": i.leader,
             "department": i.department,
             "entries": [{"content": w.content, "period": w.period.text() if w.period else ""} for w in i.entries]}
            for i in content.items]}
    if isinstance(content, ContactsFormContent):
        return {"form": "contacts", **common, "people": [
            {"role": p.role.value, "role_label": ROLE_LABELS[p.role], "name": p.name, "title": p.title,
             "office_phone": p.office_phone, "mobile": p.mobile} for p in content.people],
            "office_contacts": [{"name": c.name, "office_phone": c.office_phone, "mobile": c.mobile}
                                for c in content.office_contacts]}
    return {"form": "progress", **common, "quarter": content.quarter, "principal": content.principal,
            "print_status": content.print_status, "items": [
                {"key": i.key, "part": i.part, "number": i.number, "text": i.text, "progress": i.progress,
                 "status": i.status.value if i.status else "", "figure": i.figure,
                 "targets": [t.text() for t in i.targets]} for i in content.items]}


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def text(self, data: dict, key: str, where: str) -> str:
        value = data.get(key, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problems.append(f"{where}：“{key}”应为文字，收到 {type(value).__name__}。")
            return ""
        return value

    def objects(self, data: dict, key: str, where: str) -> list[dict]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problems.append(f"{where}：“{key}”应为对象列表。")
            return []
        return value


def from_json(data: object, kind: FormKind, plan_key: str, unit: str,
              quarter: int | None = None) -> tuple[FormContent | None, list[str]]:
    """The content the file describes for this plan and unit, and the problems found reading it."""
    if not isinstance(data, dict):
        return None, ["文件内容应为一个 JSON 对象（与 form --json 的输出相同）。"]
    if data.get("form", kind.value) != kind.value:
        return None, [f"文件是“{data.get('form')}”表的内容，不能填入“{kind.value}”表。"]
    reader = _Reader()
    if kind is FormKind.PLAN:
        content = _plan(reader, data, plan_key, unit)
    elif kind is FormKind.CONTACTS:
        content = _contacts(reader, data, plan_key, unit)
    else:
        content = _progress(reader, data, plan_key, unit, quarter)
    return (None if reader.problems else content), reader.problems


def _key(reader: _Reader, data: dict, index: int) -> str:
    key = data.get("key")
    if not isinstance(key, str) or not key:
        reader.problems.append(f"第{index + 1}个事项缺少“key”（如“二-5”）。")
        return ""
    return key


def _plan(reader: _Reader, data: dict, plan_key: str, unit: str) -> PlanFormContent:
    items = []
    for index, item in enumerate(reader.objects(data, "items", "附表1")):
        key = _key(reader, item, index)
        entries = []
        for row, entry in enumerate(reader.objects(item, "entries", key)):
            where = f"{key} 第{row + 1}条"
            period_text = reader.text(entry, "period", f"{where}完成时间")
            try:
                period = parse_period(period_text)
            except InvalidValue as error:
                reader.problems.append(f"{where}完成时间：{error}")
                period = None
            entries.append(WorkEntry(reader.text(entry, "content", f"{where}具体工作内容"), period))
        items.append(PlanFormItem(key=key, part="", number=0, text="", entries=tuple(entries),
                                  leader=reader.text(item, "leader", key),
                                  department=reader.text(item, "department", key)))
    return PlanFormContent(plan_key=plan_key, unit=unit, principal=reader.text(data, "principal", "表头"),
                           items=tuple(items))


_ROLES = {**{role.value: role for role in ContactRole}, **{label: role for role, label in ROLE_LABELS.items()}}


def _contacts(reader: _Reader, data: dict, plan_key: str, unit: str) -> ContactsFormContent:
    people = []
    for index, person in enumerate(reader.objects(data, "people", "附表2")):
        role = _ROLES.get(person.get("role"))
        where = f"第{index + 1}人"
        if role is None:
            reader.problems.append(f"{where}：责任人“{person.get('role')}”无效，应为 leader/office/handler 或"
                                   f"“{'、'.join(ROLE_LABELS.values())}”。")
            continue
        people.append(ContactPerson(role, *(reader.text(person, name, where)
                                            for name in ("name", "title", "office_phone", "mobile"))))
    return ContactsFormContent(plan_key=plan_key, unit=unit, people=tuple(people))


def _progress(reader: _Reader, data: dict, plan_key: str, unit: str, quarter: int | None) -> ProgressFormContent:
    in_file = data.get("quarter", quarter)
    if quarter is not None and in_file != quarter:
        reader.problems.append(f"文件是第{in_file}季度的内容，命令指定的是第{quarter}季度。")
    items = []
    for index, item in enumerate(reader.objects(data, "items", "附表3")):
        key = _key(reader, item, index)
        try:
            status = check_status(reader.text(item, "status", key))
        except InvalidValue as error:
            reader.problems.append(f"{key} 进度：{error}")
            status = None
        items.append(ProgressFormItem(key=key, part="", number=0, text="", status=status,
                                      progress=reader.text(item, "progress", key),
                                      figure=reader.text(item, "figure", key)))
    print_status = data.get("print_status", False)
    if not isinstance(print_status, bool):
        reader.problems.append("“print_status”应为 true 或 false。")
    return ProgressFormContent(plan_key=plan_key, unit=unit, quarter=in_file if quarter is None else quarter,
                               principal=reader.text(data, "principal", "表头"), items=tuple(items),
                               print_status=print_status is True)
