"""Realistic form contents for export tests: the real 2023 plan's items led by 市发改委 (46 items from three
parts), with generated but plausible work entries, long multi-line texts and a formula-looking value."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from gwr_desktop.domain.form_defs import FormDefinition, default_definition
from gwr_desktop.domain.forms import FormContent, FormItem, Person, ProgressStatus, WorkEntry
from gwr_desktop.domain.plan import FormKind, ParsedPlan, Role
from gwr_desktop.domain.plan_parser import parse_plan
from gwr_desktop.domain.plan_source import read_plan_text
from gwr_desktop.domain.roles import tasks_for
from gwr_desktop.domain.units import UnitRegistry
from gwr_desktop.paths import bundled_plan, registry_path

UNIT = "市发改委"
FORMULA = "=SUM(A1)"

_MEASURES = (
    "制定年度工作方案，明确责任分工和时间节点，建立工作台账，实行清单化管理、项目化推进",
    "会同责任单位开展专题调研，梳理存在的困难和问题，形成政策建议报市政府审定",
    "争取国家和省级专项资金支持，做好项目储备和申报工作，确保资金及时足额到位",
    "每月调度工作进展，对滞后事项及时预警督办；\n按季度向市政府报送工作进展情况",
    "组织开展年度考核评估，总结经验做法，形成可复制可推广的典型案例",
)
_PERIODS = ("3月", "4-6月", "9月", "全年", "10-12月")


@cache
def parsed_plan() -> ParsedPlan:
    return parse_plan(read_plan_text(bundled_plan()), UnitRegistry.from_json(registry_path()))


# The forms' labels/titles, the part headings and the 督查室 contacts come from the plan's own notice.
OFFICE = tuple(parsed_plan().office_contacts)
SETTINGS = {setting.kind: setting for setting in parsed_plan().forms}
PART_TITLES = {part.numeral: f"{part.numeral}、{part.title}" for part in parsed_plan().parts}


def definition(kind: FormKind) -> FormDefinition:
    """The bundled definition with the label and title the plan's notice gives the form."""
    setting = SETTINGS[kind]
    return replace(default_definition(kind), label=setting.label, title_pattern=setting.title_pattern)


def lead_items(unit: str = UNIT) -> list:
    plan = parsed_plan()
    roles = tasks_for(plan.items, unit, UnitRegistry.from_json(registry_path()))
    return [item for item in plan.items if roles.get(item.key) is Role.LEAD]


def _part_title(part: str) -> str:
    return PART_TITLES[part].split("、", 1)[1]


def plan_content(unit: str = UNIT, *, limit: int | None = None) -> FormContent:
    items = []
    for index, item in enumerate(lead_items(unit)[:limit]):
        count = 2 + index % 3
        entries = [WorkEntry({"content": _MEASURES[(index + k) % len(_MEASURES)],
                              "period": _PERIODS[(index + k) % len(_PERIODS)]}) for k in range(count)]
        if index == 2:
            entries[0] = WorkEntry({"content": FORMULA, "period": _PERIODS[0]})
        items.append(FormItem(key=item.key, part=item.part, number=item.number, text=item.text,
                              part_title=_part_title(item.part), entries=tuple(entries),
                              values={"leader": "张建国副主任", "department": "综合处、投资处"}))
    return FormContent(definition(FormKind.PLAN), plan_key="2023", unit=unit, header={"principal": "李明"},
                       items=tuple(items))


def progress_content(unit: str = UNIT, *, quarter: int = 2, print_status: bool = False) -> FormContent:
    statuses = list(ProgressStatus)
    items = tuple(
        FormItem(key=item.key, part=item.part, number=item.number, text=item.text, part_title=_part_title(item.part),
                 values={"progress": (FORMULA if index == 1 else
                                      f"截至6月底，{_MEASURES[index % len(_MEASURES)]}。已完成年度目标的"
                                      f"{40 + index}%，总体序时推进。"),
                         "status": statuses[index % len(statuses)].value, "figure": f"{index + 1}项"})
        for index, item in enumerate(lead_items(unit))
    )
    return FormContent(definition(FormKind.PROGRESS), plan_key="2023", unit=unit, quarter=quarter,
                       header={"principal": "李明"}, items=items, print_optional=print_status)


def _person(role: str, name: str, title: str, office: str, mobile: str) -> Person:
    return Person(role, {"name": name, "title": title, "office_phone": office, "mobile": mobile})


def contacts_content(unit: str = UNIT, handlers: int = 2) -> FormContent:
    people = [_person("leader", "张建国", "副主任", "82700001", "13800000001"),
              _person("office", "刘芳", "办公室主任", "82700002", "13800000002")]
    people += [_person("handler", f"王{'一二三四五'[i]}", FORMULA if i else "四级主任科员", "82700010",
                       f"1390000000{i}") for i in range(handlers)]
    return FormContent(definition(FormKind.CONTACTS), plan_key="2023", unit=unit, people=tuple(people),
                       office_contacts=OFFICE)
