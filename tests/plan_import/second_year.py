"""A second year's plan derived from the seed, for year-to-year tests: the 2023 plan as a 2024 notice would
restate it — some items dropped (the epidemic item among them), targets raised, sentences reworded, new
items added (one led by 市数据局, a unit the registry does not know yet), and everything renumbered.

    python -m tests.plan_import.second_year     # rewrites fixtures/wuhan_2024_derived.txt and its key map

The notice and the blank forms are the seed's, with the year moved on; the plan body is rendered from the
seed's parsed items in the seed's own layout ("一、" parts, "(一)" sections, "——" headings, "N." items with
their clause), one line per item. `derive` also returns, for every 2024 item, the 2023 item it comes from
(None for a new one) and how it was changed: the truth the similarity tests check against.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from gwr_desktop.domain.plan import ParsedPlan, PlanItem
from gwr_desktop.domain.plan_parser import parse_plan
from gwr_desktop.domain.units import UnitRegistry
from gwr_desktop.paths import bundled_plan, registry_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEXT_FILE, MAP_FILE = FIXTURES / "wuhan_2024_derived.txt", FIXTURES / "wuhan_2024_derived.map.json"
DROPPED = {"二-17", "二-88", "二-150", "二-200", "二-209", "三-4", "四-12", "四-50"}
# (after the 2023 item, text, clause): new priorities of the kind a following year adds.
ADDED = [
    ("二-20", "加快发展新质生产力，培育壮大新兴产业和未来产业，打造具有全国影响力的科技创新中心。",
     "牵头单位：市发改委；责任单位：市科技局、市经信局，各区人民政府"),
    ("二-60", "推进数据要素市场化配置改革，建设城市数据资源体系，推动公共数据授权运营。",
     "牵头单位：市数据局；责任单位：市发改委、市经信局"),
    ("二-120", "实施低空经济发展行动，建设低空飞行服务保障体系，拓展低空物流、文旅等应用场景。",
     "牵头单位：市发改委；责任单位：市交通运输局、市文旅局，东湖高新区管委会"),
    ("二-180", "推行“高效办成一件事”，企业开办时间压缩至1个工作日。",
     "牵头单位：市政务服务大数据局；责任单位：市人民政府各部门"),
    ("三-3", "持续整治形式主义为基层减负，精简文件会议和督查检查考核。", "责任单位：市人民政府各部门"),
    ("四-30", "新建社区嵌入式服务设施50个。", "牵头单位：市民政局；责任单位：各区人民政府"),
    ("四-60", "新增公共数据开放目录200项。", "牵头单位：市数据局"),
]
_INTEGER = re.compile(r"(?<![\d.])\d{2,}(?![\d.年])")  # whole numbers of two digits or more (not 6.5, not 2023年)


@dataclass(frozen=True)
class Origin:
    old_key: str | None  # the 2023 item, None for an added one
    change: str  # "same" | "targets" (numbers raised) | "reworded" | "added"


def derive(seed_text: str, registry: UnitRegistry) -> tuple[str, dict[str, Origin]]:
    seed = parse_plan(seed_text, registry)
    lines = seed_text.splitlines()
    title = next(i for i, line in enumerate(lines) if "责任分解方案" in line and line.lstrip().startswith("2023"))
    appendix = next(i for i, line in enumerate(lines) if re.match(r"^\s*附\s*表\s*1\s*$", line))
    body, origins = _body(seed)
    text = "\n".join([*lines[: title + 1], *body, *lines[appendix:]]).replace("2023", "2024") + "\n"
    return text, origins


def _body(seed: ParsedPlan) -> tuple[list[str], dict[str, Origin]]:
    kept = [item for item in seed.items if item.key not in DROPPED]
    lines: list[str] = []
    origins: dict[str, Origin] = {}
    numbers: dict[str, int] = {}
    for part in seed.parts:
        lines.append(f"{part.numeral}、{part.title}")
        for section in part.sections or [None]:
            if section is not None:
                lines.append(f"{section.numeral}{section.title}")
            for heading in (section.headings if section else []) or [None]:
                if heading is not None:
                    lines.append(f"——{heading.title}")
                for item in kept:
                    if _placed(item, part.numeral, section, heading):
                        lines += _item_lines(item, numbers, origins, with_sections=bool(part.sections))
    return lines, origins


def _placed(item: PlanItem, part: str, section, heading) -> bool:  # noqa: ANN001 - Section/Heading or None
    return (item.part == part and item.section == (section.ordinal if section else None)
            and item.heading == (heading.ordinal if heading else None))


def _item_lines(item: PlanItem, numbers: dict[str, int], origins: dict[str, Origin], *,
                with_sections: bool) -> list[str]:
    text, change = _edited(item)
    rows = [(text, item.clause, Origin(item.key, change))]
    rows += [(new_text, clause, Origin(None, "added")) for after, new_text, clause in ADDED if after == item.key]
    lines = []
    for row_text, clause, origin in rows:
        number = numbers[item.part] = numbers.get(item.part, 0) + 1
        origins[f"{item.part}-{number}"] = origin
        label = f"({_numeral(number)})" if not with_sections else f"{number}."
        lines.append(f"{label}{row_text}({clause})")
    return lines


def _edited(item: PlanItem) -> tuple[str, str]:
    """Every ninth item loses its last phrase for a new one; every fourth other with a target raises it by a fifth."""
    text = item.text
    if item.position % 9 == 0 and text.count("，") >= 2:
        return text[: text.rfind("，")] + "，确保年内取得明显成效。", "reworded"
    if item.position % 4 == 0 and _INTEGER.search(text):
        return _INTEGER.sub(lambda m: str(round(int(m.group()) * 1.2)), text), "targets"
    return text, "same"


def _numeral(value: int) -> str:
    digits = "一二三四五六七八九"
    return digits[value - 1] if value < 10 else "十" + (digits[value - 11] if value > 10 else "")


def write_fixture() -> None:
    registry = UnitRegistry.from_json(registry_path())
    text, origins = derive(bundled_plan().read_text(encoding="utf-8"), registry)
    FIXTURES.mkdir(exist_ok=True)
    TEXT_FILE.write_text(text, encoding="utf-8")
    MAP_FILE.write_text(json.dumps({key: [o.old_key, o.change] for key, o in origins.items()}, ensure_ascii=False,
                                   indent=1) + "\n", encoding="utf-8")


def load_origins() -> dict[str, Origin]:
    return {key: Origin(old, change) for key, (old, change) in json.loads(MAP_FILE.read_text(encoding="utf-8")).items()}


if __name__ == "__main__":
    write_fixture()
