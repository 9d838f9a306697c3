"""Generated returns of 90 units, made by the app itself, for the 督查室's end-to-end test and its benchmark.

    plan_text()                  the seed plan re-assigned so that 90 units lead items (each item: one lead, one
                                 helper); the notice, deadlines and blank forms are the seed's
    build_units(db)              every unit's 附表1, 附表2, 前1季度 and 前2季度 附表3 filled (distinct texts)
    sign_and_send(db, folder, truth)   signed files as the units e-mail them, with the cases of the acceptance
                                 test: some late, some missing, one edited after export (in Excel's way), one
                                 without a manifest, one for the wrong quarter — `truth` says, unit by unit,
                                 what the 台账 must show

The texts are written for this project (not real data).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from gwr_desktop.domain.forms import Person, WorkEntry
from gwr_desktop.domain.plan import FormKind, ParsedPlan
from gwr_desktop.domain.plan_parser import parse_plan
from gwr_desktop.domain.targets import find_targets
from gwr_desktop.domain.units import UnitRegistry
from gwr_desktop.paths import bundled_plan, registry_path
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import signoff
from gwr_desktop.services.database import Database

PLAN = "2023"
EXTRA_UNITS = ("市测绘研究院", "市信访局", "市规划研究院", "市档案馆", "市气象局", "市邮政管理局", "市公积金中心",
               "市大数据中心")
ON_TIME = {FormKind.PLAN: dt.date(2023, 2, 8), FormKind.CONTACTS: dt.date(2023, 2, 8),
           FormKind.PROGRESS: dt.date(2023, 7, 18)}
LATE = {FormKind.PLAN: dt.date(2023, 2, 14), FormKind.CONTACTS: dt.date(2023, 2, 15),
        FormKind.PROGRESS: dt.date(2023, 7, 26)}
EDITED_FROM, EDITED_TO = "（已核实）", "（已复核，数据有更新）"


def unit_names() -> list[str]:
    registry = json.loads(registry_path().read_text(encoding="utf-8"))
    names = [u["name"] for u in registry["units"] if not u.get("host")]
    return (names + [n for n in EXTRA_UNITS if n not in names])[:90]


def seed() -> ParsedPlan:
    return parse_plan(bundled_plan().read_text(encoding="utf-8"), UnitRegistry.from_json(registry_path()))


def plan_text() -> str:
    """The seed's notice and forms around its items, each now led by one of 90 units and helped by the next."""
    lines = bundled_plan().read_text(encoding="utf-8").splitlines()
    title = next(i for i, line in enumerate(lines) if "责任分解方案" in line and line.lstrip().startswith("2023"))
    appendix = next(i for i, line in enumerate(lines) if re.match(r"^\s*附\s*表\s*1\s*$", line))
    names, parsed = unit_names(), seed()
    body: list[str] = []
    for part in parsed.parts:
        body.append(f"{part.numeral}、{part.title}")
        for section in part.sections or [None]:
            if section is not None:
                body.append(f"{section.numeral}{section.title}")
            for heading in (section.headings if section else []) or [None]:
                if heading is not None:
                    body.append(f"——{heading.title}")
                for item in parsed.items:
                    if item.part == part.numeral and item.section == (section.ordinal if section else None) \
                            and item.heading == (heading.ordinal if heading else None):
                        lead, helper = names[item.position % 90], names[(item.position + 1) % 90]
                        label = f"{item.number}." if part.sections else f"({'一二三四五六七八九'[item.number - 1]})"
                        body.append(f"{label}{item.text}(牵头单位:{lead};责任单位:{helper})")
    return "\n".join([*lines[: title + 1], *body, *lines[appendix:]]) + "\n"


def write_plan(folder: Path) -> Path:
    path = folder / "plan90.txt"
    path.write_text(plan_text(), encoding="utf-8")
    return path


# ---- the units' forms ------------------------------------------------------------------------------------------

def progress_text(unit: str, key: str, item_text: str, quarter: int) -> str:
    """A distinct report; where the item promises a figure, the figure reached so far (30% a quarter)."""
    text = f"{unit}{key}前{quarter}季度：开展专项调度{quarter + 2}次{EDITED_FROM}"
    targets = find_targets(item_text)
    if targets and str(targets[0].value) in targets[0].clause:
        target = targets[0]
        reached = (target.value * quarter * 3 / 10).quantize(Decimal("1") if target.value >= 10 else Decimal("0.1"))
        text += f"，{target.clause.split(str(target.value))[0]}{reached}{target.unit}"
    return text + "。"


SAME_AS_BEFORE, NO_FIGURE = 34, 35  # units whose 前2季度 text repeats 前1季度's / names no figure at all


def build_units(db: Database) -> list[str]:
    units = unit_names()
    for n, unit in enumerate(units):
        _fill(db, unit, n)
    return units


def _fill(db: Database, unit: str, n: int) -> None:
    plan = fc.load_content(db, PLAN, unit, FormKind.PLAN)
    fc.replace_content(db, replace(plan, header={"principal": f"负责人{n:02d}"}, items=tuple(
        replace(item, values={"leader": f"副职{n:02d}", "department": "综合处"},
                entries=(WorkEntry({"content": f"{unit}推进{item.key}：制定工作方案", "period": "3月"}),
                         WorkEntry({"content": f"{unit}推进{item.key}：组织实施并评估", "period": "4-12月"})))
        for item in plan.items)))
    contacts = fc.load_content(db, PLAN, unit, FormKind.CONTACTS)
    people = (("leader", f"领导{n:02d}", "副局长"), ("office", f"主任{n:02d}", "办公室主任"),
              ("handler", f"经办{n:02d}", "科员"))
    fc.replace_content(db, replace(contacts, people=tuple(
        Person(role, {"name": name, "title": title, "office_phone": f"027-8{n:03d}{k:04d}",
                      "mobile": f"139{n:04d}{k:04d}"}) for k, (role, name, title) in enumerate(people))))
    for quarter in (1, 2):
        progress = fc.load_content(db, PLAN, unit, FormKind.PROGRESS, quarter)
        fc.replace_content(db, replace(progress, header={"principal": f"负责人{n:02d}"}, items=tuple(
            replace(item, values={"progress": _report(n, unit, item.key, item.text, quarter)})
            for item in progress.items)))


def _report(n: int, unit: str, key: str, item_text: str, quarter: int) -> str:
    if n == NO_FIGURE:
        return f"稳步推进各项工作{EDITED_FROM}。"
    return progress_text(unit, key, item_text, 1 if n == SAME_AS_BEFORE else quarter)


# ---- what they send ---------------------------------------------------------------------------------------------

@dataclass
class Truth:
    """Unit by unit, what the 台账 of each round must show: form → unit → state (on_time/late/missing)."""

    states: dict[FormKind, dict[str, str]] = field(default_factory=dict)
    edited: tuple[FormKind, str] = (FormKind.PROGRESS, "")
    unmanifested: tuple[FormKind, str] = (FormKind.PROGRESS, "")
    wrong_quarter: str = ""
    draft: tuple[str, str] = ("", "")  # a unit that sent an unsigned 前2季度 draft leaving this item out
    texts: dict[tuple[str, str], str] = field(default_factory=dict)  # (unit, item) → 前2季度 完成情况 as sent


def sign_and_send(db: Database, folder: Path, units: list[str]) -> Truth:
    """Sign every unit's forms and drop the files into folder as the units send them (see the module doc)."""
    folder.mkdir(parents=True, exist_ok=True)
    truth = Truth(states={kind: {} for kind in FormKind})
    missing = {FormKind.PLAN: set(units[0:2]), FormKind.CONTACTS: set(units[2:4]), FormKind.PROGRESS: set(units[4:9])}
    late = {FormKind.PLAN: set(units[10:13]), FormKind.CONTACTS: set(units[13:15]),
            FormKind.PROGRESS: set(units[15:22])}
    truth.edited, truth.unmanifested, truth.wrong_quarter = (FormKind.PROGRESS, units[30]), \
        (FormKind.PROGRESS, units[31]), units[32]
    truth.draft = _leave_out_one(db, units[33])
    for n, unit in enumerate(units):
        for kind in FormKind:
            quarter = 2 if kind is FormKind.PROGRESS else None
            if unit in missing[kind]:
                truth.states[kind][unit] = "missing"
                continue
            if kind is FormKind.PROGRESS and unit == truth.wrong_quarter:
                quarter = 1  # sent last quarter's report again
            fmt = "xlsx" if n % 2 else "docx"
            if (kind, unit) in (truth.edited, truth.unmanifested):
                fmt = "xlsx"
            if (kind, unit) == (FormKind.PROGRESS, truth.draft[0]):
                path = signoff.export_form(db, PLAN, unit, kind, folder, quarter=quarter, formats=(fmt,))[0]
            else:
                path = _signed(db, unit, kind, quarter, folder, fmt)
            when = LATE[kind] if unit in late[kind] else ON_TIME[kind]
            if (kind, unit) == truth.edited:
                _edit_in_excel(path)
            if (kind, unit) == truth.unmanifested:
                _drop_manifest(path)
            _received(path, when)
            truth.states[kind][unit] = "missing" if unit == truth.wrong_quarter and kind is FormKind.PROGRESS \
                else "late" if unit in late[kind] else "on_time"
    earlier = units[SAME_AS_BEFORE]  # its 前1季度 report too, so the office can see the repeat
    _received(_signed(db, earlier, FormKind.PROGRESS, 1, folder, "docx"), dt.date(2023, 4, 18))
    for unit in units:
        if unit in missing[FormKind.PROGRESS] or unit == truth.wrong_quarter:
            continue
        content = fc.load_content(db, PLAN, unit, FormKind.PROGRESS, 2)
        for item in content.items:
            text = item.get("progress")
            truth.texts[(unit, item.key)] = text.replace(EDITED_FROM, EDITED_TO) \
                if (FormKind.PROGRESS, unit) == truth.edited else text
    return truth


def _leave_out_one(db: Database, unit: str) -> tuple[str, str]:
    """The unit's 前2季度 report with its first item's 完成情况 left empty (it will send a draft)."""
    key = fc.load_content(db, PLAN, unit, FormKind.PROGRESS, 2).items[0].key
    fc.set_value(db, PLAN, unit, FormKind.PROGRESS, fc.e.item(key), "progress", "", quarter=2)
    return unit, key


def _signed(db: Database, unit: str, kind: FormKind, quarter: int | None, folder: Path, fmt: str) -> Path:
    history = signoff.versions(db, PLAN, unit, kind, quarter)
    if history:
        return signoff.reexport(db, history[-1].id, folder, (fmt,))[0]
    return signoff.sign_off(db, PLAN, unit, kind, folder, quarter=quarter, formats=(fmt,))[1][0]


def _edit_in_excel(path: Path) -> None:
    """What a person does in Excel/WPS: opens the signed file, corrects a few cells, saves it."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    for row in book.active.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and EDITED_FROM in cell.value:
                cell.value = cell.value.replace(EDITED_FROM, EDITED_TO)
    book.save(path)


def _drop_manifest(path: Path) -> None:
    """A file saved by a program that keeps no custom properties (or typed afresh in the same layout)."""
    source = zipfile.ZipFile(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename == "docProps/custom.xml":
                continue
            data = source.read(info)
            if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                data = re.sub(rb"<(Override|Relationship)[^>]*custom[^>]*/>", b"", data)
            out.writestr(info, data)
    source.close()
    path.write_bytes(buffer.getvalue())


def _received(path: Path, day: dt.date) -> None:
    stamp = dt.datetime.combine(day, dt.time(10, 0)).timestamp()
    os.utime(path, (stamp, stamp))
