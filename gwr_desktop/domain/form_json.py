"""The JSON shape of a form, printed by `form --json` and read back by `fill --from`.

Values sit under their column keys (the plan's form definition names them): header values at the top, item
values in each item, work-entry values in each entry, person values in each person. A file to fill must say
which form, plan and unit it is for, list every led item (or every roster role) and every value key: `fill`
replaces the whole form, so an empty or partial file is refused rather than taken as "clear the rest".
Reading collects every problem with its place, in Chinese; value rules are checked again when it is stored.
Read-only fields (item text, titles, targets, role labels) may be present and are ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from gwr_desktop.domain.form_defs import FormDefinition, Level
from gwr_desktop.domain.forms import FormContent, FormItem, Person, WorkEntry
from gwr_desktop.domain.plan import FormKind


def to_json(content: FormContent) -> dict:
    definition = content.definition
    data: dict = {"form": content.kind.value, "plan": content.plan_key, "unit": content.unit,
                  "label": content.label, "title": content.title}
    if content.quarter is not None:
        data["quarter"] = content.quarter
    data["columns"] = _column_guide(definition)
    data |= {spec.key: content.header.get(spec.key, "") for spec in definition.editable_header_fields()}
    if content.kind is FormKind.CONTACTS:
        data["people"] = [_person_json(definition, person) for person in content.people]
        data["office_contacts"] = [{"name": c.name, "office_phone": c.office_phone, "mobile": c.mobile}
                                   for c in content.office_contacts]
        return data
    if any(c.optional for c in definition.columns):
        data["print_status"] = content.print_optional
    data["items"] = [_item_json(definition, item) for item in content.items]
    return data


def _column_guide(definition: FormDefinition) -> dict[str, str]:
    """key → name of every value the file carries, so a person editing the JSON knows which is which."""
    guide = {spec.key: spec.display_name for spec in definition.editable_header_fields()}
    for level in Level:
        guide |= {f.key: f.label for f in definition.fields_at(level)}
    return guide


def _item_json(definition: FormDefinition, item: FormItem) -> dict:
    data: dict = {"key": item.key, "part": item.part, "number": item.number, "text": item.text}
    data |= {f.key: item.get(f.key) for f in definition.fields_at(Level.ITEM)}
    if definition.kind is FormKind.PLAN:
        data["entries"] = [{f.key: entry.get(f.key) for f in definition.fields_at(Level.ENTRY)}
                           for entry in item.entries]
    if item.targets:
        data["targets"] = [target.text() for target in item.targets]
    return data


def _person_json(definition: FormDefinition, person: Person) -> dict:
    spec = definition.role(person.role)
    data = {"role": person.role, "role_label": spec.label if spec else person.role}
    return data | {f.key: person.get(f.key) for f in definition.fields_at(Level.PERSON)}


class _Reader:
    """Collects problems while reading; each accessor returns a usable value even after a problem."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def text(self, data: dict, key: str, where: str) -> str:
        if key not in data:
            self.problems.append(f"{where}：缺少“{key}”。文件须包含表格的全部内容（可先用 form --json 导出再修改）。")
            return ""
        value = data[key]
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problems.append(f"{where}：“{key}”应为文字，收到 {type(value).__name__}。")
            return ""
        return value

    def objects(self, data: dict, key: str, where: str) -> list[dict]:
        value = data.get(key)
        if value is None:
            self.problems.append(f"{where}：缺少“{key}”。文件须包含表格的全部内容（可先用 form --json 导出再修改）。")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problems.append(f"{where}：“{key}”应为对象列表。")
            return []
        return value

    def values(self, data: dict, keys: list[str], where: str) -> dict[str, str]:
        return {key: self.text(data, key, where) for key in keys}


def from_json(data: object, current: FormContent,
              same_unit: Callable[[str], bool]) -> tuple[FormContent | None, list[str]]:
    """`current` with the file's values in place of its own, and the problems found reading the file.

    `current` is the form as stored (its definition, led items, roster); `same_unit(name)` tells whether the
    unit the file names is the one being filled (a variant of its name counts).
    """
    if not isinstance(data, dict):
        return None, ["文件内容应为一个 JSON 对象（与 form --json 的输出相同）。"]
    problems = _identity_problems(data, current, same_unit)
    if problems:
        return None, problems
    reader = _Reader()
    definition = current.definition
    header = reader.values(data, [spec.key for spec in definition.editable_header_fields()], "表头")
    if current.kind is FormKind.CONTACTS:
        content = replace(current, header=header, people=tuple(_people(reader, data, definition)))
    else:
        content = replace(current, header=header, items=_items(reader, data, current),
                          print_optional=_flag(reader, data, current))
    return (None if reader.problems else content), reader.problems


def _identity_problems(data: dict, current: FormContent, same_unit: Callable[[str], bool]) -> list[str]:
    name = current.definition.display_name
    missing = [key for key in ("form", "plan", "unit") if key not in data]
    if missing:
        return [f"文件缺少“{'”“'.join(missing)}”，无法确认它是哪个方案、哪个单位的哪张表；"
                f"请用 form --json 导出后修改再填写。"]
    if data["form"] != current.kind.value:
        return [f"文件是“{data['form']}”表的内容，不能填入{name}。"]
    problems = []
    if str(data["plan"]) != current.plan_key:
        problems.append(f"文件是方案“{data['plan']}”的内容，不能填入方案 {current.plan_key}。")
    if not isinstance(data["unit"], str) or not same_unit(data["unit"]):
        problems.append(f"文件是“{data['unit']}”的内容，不能填入{current.unit}的{name}。")
    if current.quarter is not None and data.get("quarter") != current.quarter:
        problems.append(f"文件是第{data.get('quarter')}季度的内容，命令指定的是第{current.quarter}季度。")
    return problems


def _items(reader: _Reader, data: dict, current: FormContent) -> tuple[FormItem, ...]:
    definition, led = current.definition, {item.key: item for item in current.items}
    given: dict[str, FormItem] = {}
    for index, raw in enumerate(reader.objects(data, "items", definition.label)):
        key = raw.get("key")
        if not isinstance(key, str) or not key:
            reader.problems.append(f"第{index + 1}个事项缺少“key”（如“二-5”）。")
        elif key not in led:
            reader.problems.append(f"事项 {key} 不是{current.unit}牵头的事项，不能填写。")
        elif key in given:
            reader.problems.append(f"事项 {key} 出现了不止一次。")
        else:
            given[key] = _item(reader, raw, led[key], definition)
    absent = [key for key in led if key not in given]
    if absent and not reader.problems:
        shown = "、".join(absent[:10]) + (f" 等 {len(absent)} 项" if len(absent) > 10 else "")
        reader.problems.append(f"文件缺少事项 {shown}；fill 会替换整张表，请列出全部牵头事项"
                               "（可先用 form --json 导出）。")
    return tuple(given.get(key, item) for key, item in led.items())


def _item(reader: _Reader, raw: dict, stored: FormItem, definition: FormDefinition) -> FormItem:
    values = reader.values(raw, [f.key for f in definition.fields_at(Level.ITEM)], stored.key)
    if definition.kind is not FormKind.PLAN:
        return replace(stored, values=values)
    keys = [f.key for f in definition.fields_at(Level.ENTRY)]
    entries = tuple(WorkEntry(reader.values(entry, keys, f"{stored.key} 第{n + 1}条"))
                    for n, entry in enumerate(reader.objects(raw, "entries", stored.key)))
    return replace(stored, values=values, entries=entries)


def _people(reader: _Reader, data: dict, definition: FormDefinition) -> list[Person]:
    keys = [f.key for f in definition.fields_at(Level.PERSON)]
    labels = {spec.label: spec.key for spec in definition.rows} | {spec.key: spec.key for spec in definition.rows}
    people = []
    for index, raw in enumerate(reader.objects(data, "people", definition.label)):
        given = raw.get("role")
        role = labels.get(given) if isinstance(given, str) else None
        if role is None:
            accepted = "、".join(f"{spec.key}（{spec.label}）" for spec in definition.rows)
            reader.problems.append(f"第{index + 1}人：责任人“{raw.get('role')}”无效，应为 {accepted}。")
            continue
        people.append(Person(role, reader.values(raw, keys, f"第{index + 1}人")))
    missing = [spec.label for spec in definition.rows if not any(p.role == spec.key for p in people)]
    if missing and not reader.problems:
        reader.problems.append(f"文件缺少“{'”“'.join(missing)}”；fill 会替换整张表，每个责任人都须列出（可留空）。")
    return people


def _flag(reader: _Reader, data: dict, current: FormContent) -> bool:
    value = data.get("print_status", current.print_optional)
    if not isinstance(value, bool):
        reader.problems.append("“print_status”应为 true 或 false。")
        return current.print_optional
    return value
