"""The result table (Markdown) with the machine it ran on, and its record in bench/RESULTS.md."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
from pathlib import Path

RECORD_HEADER = "# Benchmark results\n\nEach `python bench/run.py` appends its table here (newest last).\n"


def _load() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


def machine() -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}, PySide6 {PySide6.__version__} / Qt {qVersion()}")


def table(rows: list[tuple[str, str, str]], figures: dict, targets: dict, options: argparse.Namespace,
          load_before: tuple[float, float, float] | None = None) -> str:
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    before = "{:.2f} {:.2f} {:.2f}".format(*load_before) if load_before else "unknown"
    lines = [f"## {stamp}", "", f"Machine: {machine()}; load average at start {before}, at end {_load()}", "",
             f"Options: runs={options.runs}, plans={options.plans}, filter reps={options.filter_reps}, "
             f"edit reps={getattr(options, 'edit_reps', '—')}, export items={options.export_items}, "
             f"export reps={options.export_reps}", "",
             "| figure | value | target | |", "|---|---|---|---|"]
    for name, target in targets.items():
        value = figures.get(name)
        shown = "—" if value is None else f"{value:.2f}" if value < 10 else f"{value:.0f}"
        verdict = "missing" if value is None else ("ok" if value <= target else "MISSES")
        lines.append(f"| `{name}` | {shown} | ≤ {target} | {verdict} |")
    lines += ["", "| measurement | value | detail |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {detail.replace('|', '/')} |" for name, value, detail in rows]
    return "\n".join(lines) + "\n"


def record(path: Path, text: str) -> None:
    existing = path.read_text(encoding="utf-8") if path.exists() else RECORD_HEADER
    path.write_text(existing.rstrip("\n") + "\n\n" + text, encoding="utf-8")
