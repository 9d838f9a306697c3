"""Export speed: all three forms (附表1/2/3) in docx, xlsx and pdf for a unit leading `--items` items with
`--entries` work items each, against bare python-docx/openpyxl writing the same cells with no styling.

Run by bench/run.py in its own process; prints one JSON line. The contents are generated from the seed
plan's items (cycled when more are asked for than it has), built with the domain's form dataclasses and
laid out and written by the real exporters (`build_layout` + `write_form`, safe writes included).
`export_ratio` compares docx+xlsx with the bare docx+xlsx (the baseline has no PDF); `export_s` is all nine
files. Each figure is the median of --reps runs, every run into a fresh folder, in the same process; each timed
run starts with a gc.collect(), so none pays for collecting what an earlier one left (python-docx's and Qt's
objects freed by the xlsx run's collections made it look up to 40% slower than when run alone).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dataclasses import replace  # noqa: E402

from gwr_desktop.domain.form_defs import FormDefinition, default_definition  # noqa: E402
from gwr_desktop.domain.forms import FormContent, FormItem, Person, ProgressStatus, WorkEntry  # noqa: E402
from gwr_desktop.domain.plan import FormKind, ParsedPlan  # noqa: E402
from gwr_desktop.domain.plan_parser import parse_plan  # noqa: E402
from gwr_desktop.domain.plan_source import read_plan_text  # noqa: E402
from gwr_desktop.domain.units import UnitRegistry  # noqa: E402
from gwr_desktop.exports.layout import FormLayout, build_layout  # noqa: E402
from gwr_desktop.exports.writer import file_names, write_form  # noqa: E402
from gwr_desktop.paths import bundled_plan, registry_path  # noqa: E402

UNIT = "市商务局"
MEASURES = (
    "制定年度工作方案，明确责任分工和时间节点，建立工作台账，实行清单化管理、项目化推进",
    "会同责任单位开展专题调研，梳理存在的困难和问题，形成政策建议报市政府审定",
    "争取国家和省级专项资金支持，做好项目储备和申报工作，确保资金及时足额到位",
    "每月调度工作进展，对滞后事项及时预警督办，按季度向市政府报送工作进展情况",
    "组织开展年度考核评估，总结经验做法，形成可复制可推广的典型案例",
)
PERIODS = ("3月", "4-6月", "9月", "全年", "10-12月")


@cache
def seed_plan() -> ParsedPlan:
    return parse_plan(read_plan_text(bundled_plan()), UnitRegistry.from_json(registry_path()))


def seed_items(count: int) -> list:
    """count items from the seed plan, cycled and renumbered so every key is distinct."""
    items = seed_plan().items
    chosen = []
    for index in range(count):
        item = items[index % len(items)]
        number = item.number + 1000 * (index // len(items))
        chosen.append((f"{item.part}-{number}", item.part, number, item.text))
    return chosen


def definition(kind: FormKind) -> FormDefinition:
    """The bundled definition with the label and title the seed plan's notice gives the form."""
    setting = next(f for f in seed_plan().forms if f.kind is kind)
    return replace(default_definition(kind), label=setting.label, title_pattern=setting.title_pattern)


def contents(item_count: int, entries: int) -> list[FormContent]:
    items = seed_items(item_count)
    owner = {"leader": "张建国副局长", "department": "综合处"}
    plan = FormContent(definition(FormKind.PLAN), plan_key="2023", unit=UNIT, header={"principal": "李明"}, items=tuple(
        FormItem(key=key, part=part, number=number, text=text, values=owner,
                 entries=tuple(WorkEntry({"content": MEASURES[(i + k) % len(MEASURES)],
                                          "period": PERIODS[(i + k) % len(PERIODS)]}) for k in range(entries)))
        for i, (key, part, number, text) in enumerate(items)))
    statuses = list(ProgressStatus)
    progress = FormContent(definition(FormKind.PROGRESS), plan_key="2023", unit=UNIT, quarter=2,
                           header={"principal": "李明"}, items=tuple(
        FormItem(key=key, part=part, number=number, text=text, values={
            "status": statuses[i % len(statuses)].value, "figure": f"{i + 1}项",
            "progress": f"截至6月底，{MEASURES[i % len(MEASURES)]}。已完成年度目标的{40 + i % 60}%。"})
        for i, (key, part, number, text) in enumerate(items)))
    people = (Person("leader", {"name": "张建国", "title": "副局长", "office_phone": "82700001",
                                "mobile": "13800000001"}),
              Person("office", {"name": "刘芳", "title": "办公室主任", "office_phone": "82700002",
                                "mobile": "13800000002"}),
              *(Person("handler", {"name": f"王{'一二三'[i]}", "title": "四级主任科员", "office_phone": "82700010",
                                   "mobile": "13800000010"}) for i in range(3)))
    contacts = FormContent(definition(FormKind.CONTACTS), plan_key="2023", unit=UNIT, people=people,
                           office_contacts=tuple(seed_plan().office_contacts[:1]))
    return [plan, contacts, progress]


def layouts(item_count: int, entries: int) -> list[FormLayout]:
    part_titles = {part.numeral: f"{part.numeral}、{part.title}" for part in seed_plan().parts}
    return [build_layout(content, part_titles=part_titles) for content in contents(item_count, entries)]


def export_all(forms: list[FormLayout], folder: Path, formats: tuple[str, ...]) -> dict[str, float]:
    """Seconds per format for writing every form in that format with the real exporters."""
    seconds = {}
    for fmt in formats:
        gc.collect()  # what the runs before left is not this one's to collect
        started = time.perf_counter()
        for index, layout in enumerate(forms):
            write_form(layout, folder, file_names(layout, 2023, f"form{index}", (fmt,)))
        seconds[fmt] = time.perf_counter() - started
    return seconds


def bare_docx(forms: list[FormLayout], folder: Path) -> None:
    import docx

    for index, layout in enumerate(forms):
        document = docx.Document()
        table = document.add_table(rows=1 + len(layout.rows), cols=len(layout.columns))
        cells = table._cells
        width = len(layout.columns)
        for column, header in enumerate(layout.headers):
            cells[column].text = header
        for row_index, row in enumerate(layout.rows, start=1):
            for column, text in enumerate(row.cells):
                cells[row_index * width + column].text = text
        document.save(folder / f"bare{index}.docx")


def bare_xlsx(forms: list[FormLayout], folder: Path) -> None:
    import openpyxl

    for index, layout in enumerate(forms):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(list(layout.headers))
        for row in layout.rows:
            sheet.append(list(row.cells))
        workbook.save(folder / f"bare{index}.xlsx")


def timed(action) -> float:  # noqa: ANN001 - a no-argument callable
    gc.collect()  # as export_all: every timed run starts without the garbage of the runs before
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--entries", type=int, default=4)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    forms = layouts(args.items, args.entries)
    layout_s = time.perf_counter() - started
    runs: dict[str, list[float]] = {"docx": [], "xlsx": [], "pdf": [], "bare_docx": [], "bare_xlsx": [], "all": []}
    first_all = None
    with tempfile.TemporaryDirectory() as scratch:
        for rep in range(args.reps):
            folder = Path(scratch) / f"run{rep}"
            folder.mkdir()
            seconds = export_all(forms, folder, ("docx", "xlsx", "pdf"))
            for fmt, value in seconds.items():
                runs[fmt].append(value)
            runs["all"].append(sum(seconds.values()))
            first_all = runs["all"][0] if first_all is None else first_all
            runs["bare_docx"].append(timed(lambda folder=folder: bare_docx(forms, folder)))
            runs["bare_xlsx"].append(timed(lambda folder=folder: bare_xlsx(forms, folder)))
    medians = {name: statistics.median(values) for name, values in runs.items()}
    bare = medians["bare_docx"] + medians["bare_xlsx"]
    print(json.dumps({
        "items": args.items, "entries": args.entries, "rows": [len(form.rows) for form in forms],
        "layout_s": layout_s, "first_export_s": first_all, **{f"{name}_s": value for name, value in medians.items()},
        "export_ratio": (medians["docx"] + medians["xlsx"]) / bare,
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
