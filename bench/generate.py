"""Benchmark data: the seed plan repeated over many years, and a unit leading many items for exports.

Plans for other years are the seed text with every "2023" replaced by the year (title, 文号, dates), so
each imports as its own plan through the real importer, with the same 322 items.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from gwr_desktop.paths import bundled_plan
from gwr_desktop.services.database import Database, open_database
from gwr_desktop.services.plan_import import import_plan
from gwr_desktop.services.preferences import UNIT_KEY, set_setting

SEED_YEAR = 2023
BENCH_UNIT = "市商务局"  # leads and takes part in items of the seed plan; preset so no chooser dialog opens


def plan_text_for_year(year: int, seed: Path | None = None) -> str:
    text = (seed or bundled_plan()).read_text(encoding="utf-8")
    return text.replace(str(SEED_YEAR), str(year))


def write_plan_texts(folder: Path, count: int) -> list[Path]:
    """count plan files: the seed year and the following years."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for year in range(SEED_YEAR, SEED_YEAR + count):
        path = folder / f"plan_{year}.txt"
        path.write_text(plan_text_for_year(year), encoding="utf-8")
        paths.append(path)
    return paths


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def build_database(path: Path, plan_count: int, work: Path) -> float:
    """A database holding plan_count plans (seed year first) with BENCH_UNIT chosen; returns seconds taken."""
    started = time.perf_counter()
    if path.exists():
        path.unlink()
    db = open_database(sqlite_url(path))
    try:
        for plan in write_plan_texts(work / f"plans_{plan_count}", plan_count):
            import_plan(db, plan)
        set_setting(db, UNIT_KEY, BENCH_UNIT)
    finally:
        db.close()
    _drop_backups(path)
    return time.perf_counter() - started


def _drop_backups(path: Path) -> None:
    """Imports snapshot the database first; the benchmark does not need those copies."""
    folder = path.with_name(path.name + ".backups")
    if folder.is_dir():
        shutil.rmtree(folder)


def open_bench_database(path: Path) -> Database:
    return open_database(sqlite_url(path))


def big_plan_text(items: int, seed: Path | None = None) -> str:
    """One plan of `items` items: the seed's notice and forms around its part 二 items repeated (renumbered
    1…items, sections and headings kept), for the parser's linear-time figure (parse_s_32k)."""
    import re

    lines = (seed or bundled_plan()).read_text(encoding="utf-8").splitlines()
    start = lines.index("二、重点工作")
    end = lines.index("三、建设人民满意的服务型政府")
    body = lines[start + 1:end]
    out = lines[:start + 1]
    number = 0
    while number < items:
        for line in body:
            match = re.match(r"^(\d{1,3})\.\s*(.*)$", line)
            if match:
                number += 1
                if number > items:
                    break
                out.append(f"{number}. {match.group(2)}")
            elif not line.startswith(("(", "（", "——")) or number == 0:
                out.append(line)
    return "\n".join(out + lines[lines.index("附表 1"):])


FORMS_UNIT = "市发改委"  # leads the most items of the seed (46 of 322): the big forms grow from it


def items_for_led(led: int, unit: str = FORMS_UNIT) -> int:
    """How many items `big_plan_text` needs so that `unit` leads exactly `led` of them (by the parser's
    assignments; the database may add items led through a group, which the probe reports)."""
    from gwr_desktop.domain.plan_parser import parse_plan
    from gwr_desktop.domain.units import UnitRegistry
    from gwr_desktop.paths import registry_path

    registry = UnitRegistry.from_json(registry_path())
    size = max(400, led * 8)
    while True:
        plan = parse_plan(big_plan_text(size), registry)
        count, numbered = 0, 0
        for item in plan.items:
            numbered += item.part == "二"
            if any(a.unit == unit and a.effective_role is not None and a.effective_role.value == "lead"
                   for a in item.assignments):
                count += 1
                if count == led:
                    return max(numbered, 1)
        size *= 2


def build_led_database(path: Path, led: int, work: Path, unit: str = FORMS_UNIT) -> tuple[float, int]:
    """One plan in which `unit` leads `led` items, with `unit` chosen; (seconds, items in the plan)."""
    return _build_from_text(path, work / f"led_{led}.txt", big_plan_text(items_for_led(led, unit)), unit)


def build_big_plan_database(path: Path, items: int, work: Path) -> tuple[float, int]:
    """One plan of `items` items (bench/generate.big_plan_text), BENCH_UNIT chosen; (seconds, items)."""
    return _build_from_text(path, work / f"big_{items}.txt", big_plan_text(items), BENCH_UNIT)


def _build_from_text(path: Path, plan: Path, text: str, unit: str) -> tuple[float, int]:
    """A new database at `path` holding the plan `text` (written to `plan`), `unit` chosen; (seconds, items)."""
    started = time.perf_counter()
    if path.exists():
        path.unlink()
    plan.parent.mkdir(parents=True, exist_ok=True)
    plan.write_text(text, encoding="utf-8")
    db = open_database(sqlite_url(path))
    try:
        result = import_plan(db, plan)
        set_setting(db, UNIT_KEY, unit)
    finally:
        db.close()
    _drop_backups(path)
    return time.perf_counter() - started, result.items
