"""The benchmark suite: start-up, import, filtering, memory and exports, at today's size and at 100×.

    python bench/run.py            full run: prints a table, appends it to bench/RESULTS.md, and ends with
                                   one JSON line of the figures (startup_ratio, import_ms, filter_ms_322,
                                   filter_ms_32200, export_s, export_ratio, rss_mb)
    python bench/run.py --quick    tiny sizes for the smoke test (3 plans, 20 export items), nothing recorded

Every measurement runs in its own fresh process (bench/*_probe.py, main.py, bench/bare_window.py) with the
same interpreter, offscreen Qt, and compiled bytecode as an installed app has it (__pycache__ written on
the first, untimed spawn). See bench/RESULTS.md for what each figure measures exactly.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import report  # noqa: E402
import startup  # noqa: E402

TARGETS = {"startup_ratio": 3.0, "import_ms": 300, "filter_ms_322": 16, "filter_ms_32200": 50, "export_s": 2,
           "export_ratio": 2.0, "rss_mb": 200, "parse_s_32k": 2.0}


def child_env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    # An installed app has its bytecode compiled: allow the usual __pycache__ folders (git ignores them).
    # Not a PYTHONPYCACHEPREFIX: that also moves site-packages' bytecode and measurably slows every import.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "GWR_DATA_DIR": str(work / "data"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    })
    return env


def probe(script: str, args: list[str], env: dict[str, str], timeout: float = 900) -> dict:
    """Run bench/<script> in a fresh process; its last stdout line is a JSON object."""
    done = subprocess.run([sys.executable, str(BENCH / script), *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{script} failed ({done.returncode}): {done.stderr.strip()[-600:]}")
    return json.loads(lines[-1])


class Suite:
    def __init__(self, options: argparse.Namespace, work: Path) -> None:
        self.options, self.work = options, work
        self.env = child_env(work)
        self.figures: dict[str, float | None] = dict.fromkeys(TARGETS)
        self.rows: list[tuple[str, str, str]] = []  # measurement, value, detail
        self.small_db = work / "plan_2023.db"
        self.big_db = work / f"plans_{options.plans}.db"

    def step(self, name: str, action: Callable[[], None]) -> None:
        started = time.perf_counter()
        print(f"· {name} …", file=sys.stderr, flush=True)
        try:
            action()
        except Exception as error:  # noqa: BLE001 - one failed measurement must not hide the others
            self.rows.append((name, "失败 / failed", str(error).replace("\n", " ")[:300]))
        print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)

    def prepare(self) -> None:
        seconds = generate.build_database(self.small_db, 1, self.work)
        self.rows.append(("准备: 2023 方案数据库", f"{seconds:.1f} s", "322 items, unit preset"))
        seconds = generate.build_database(self.big_db, self.options.plans, self.work)
        items = 322 * self.options.plans
        self.rows.append((f"准备: {self.options.plans} 个方案数据库", f"{seconds:.1f} s", f"{items:,} items"))

    def measure_import(self) -> None:
        runs = [probe("import_probe.py", [str(self.work / f"import_{i}.db")], self.env)["import_ms"]
                for i in range(self.options.runs)]
        self.figures["import_ms"] = statistics.median(runs)
        self.rows.append(("import_ms", f"{self.figures['import_ms']:.0f} ms", _spread(runs, "ms")))

    def measure_startup(self) -> None:
        app, bare = startup.compare(self.small_db, self.env, self.options.runs)
        ratio = statistics.median(app.seconds) / statistics.median(bare.seconds)
        self.figures["startup_ratio"] = ratio
        self.rows.append(("startup: app (2023 plan, unit chosen)", f"{statistics.median(app.seconds) * 1000:.0f} ms",
                          _spread([s * 1000 for s in app.seconds], "ms")))
        self.rows.append(("startup: bare window + empty table", f"{statistics.median(bare.seconds) * 1000:.0f} ms",
                          _spread([s * 1000 for s in bare.seconds], "ms")))
        quiet = min(app.seconds) / min(bare.seconds)
        self.rows.append(("startup_ratio", f"{ratio:.2f}",
                          f"median app / median bare, same run (fastest / fastest: {quiet:.2f})"))
        uncached = startup.uncached_app_runs(self.small_db, self.env, max(3, self.options.runs // 2))
        median = statistics.median(uncached.seconds)
        self.rows.append(("startup: app, no cached view", f"{median * 1000:.0f} ms",
                          f"{_spread([s * 1000 for s in uncached.seconds], 'ms')}; first start or after a change "
                          f"from the command line ({median / statistics.median(bare.seconds):.2f}× bare)"))

    def measure_rss(self) -> None:
        big = startup.app_runs(self.big_db, self.env, max(3, self.options.runs // 2))
        self.figures["rss_mb"] = max(big.rss_kb) / 1024
        self.rows.append((f"startup: app with {self.options.plans} plans",
                          f"{statistics.median(big.seconds) * 1000:.0f} ms",
                          _spread([s * 1000 for s in big.seconds], "ms")))
        self.rows.append(("rss_mb", f"{self.figures['rss_mb']:.0f} MB",
                          f"peak RSS at first paint, {self.options.plans} plans open (max of runs)"))

    def measure_filter(self) -> None:
        reps = str(self.options.filter_reps)
        small = probe("filter_probe.py", ["--db", generate.sqlite_url(self.small_db), "--reps", reps], self.env)
        self.figures["filter_ms_322"] = small["worst_keystroke_ms"]
        self.rows.append(("filter_ms_322", f"{small['worst_keystroke_ms']:.1f} ms", _filter_detail(small)))
        big = probe("filter_probe.py", ["--db", generate.sqlite_url(self.big_db), "--all-plans", "--reps", reps],
                    self.env)
        name = f"filter_ms_{big['rows']}"
        self.figures["filter_ms_32200"] = big["worst_keystroke_ms"]
        self.rows.append((name, f"{big['worst_keystroke_ms']:.1f} ms", _filter_detail(big)))

    def measure_parse(self) -> None:
        """parse_plan_file on one 32,000-item plan (bench/generate.big_plan_text) in a fresh process, median."""
        items = 3200 if self.options.quick else 32000
        count = max(1, self.options.runs // 2)
        runs = [probe("parse_probe.py", ["--items", str(items)], self.env) for _ in range(count)]
        seconds = statistics.median(run["parse_s"] for run in runs)
        self.figures["parse_s_32k"] = seconds
        cpu = statistics.median(run["cpu_s"] for run in runs)
        self.rows.append(("parse_s_32k", f"{seconds:.2f} s", f"{runs[0]['items']:,} items, CPU {cpu:.2f} s, "
                          f"{_spread([r['parse_s'] * 1000 for r in runs], 'ms')}, peak RSS {runs[0]['rss_mb']} MB"))

    def measure_export(self) -> None:
        result = probe("export_probe.py", ["--items", str(self.options.export_items),
                                           "--reps", str(self.options.export_reps)], self.env)
        self.figures["export_s"] = result["all_s"]
        self.figures["export_ratio"] = result["export_ratio"]
        self.rows.append(("export_s", f"{result['all_s']:.2f} s",
                          f"docx {result['docx_s']:.2f} s, xlsx {result['xlsx_s']:.2f} s, pdf {result['pdf_s']:.2f} s;"
                          f" rows per form {result['rows']}; first run {result['first_export_s']:.2f} s"))
        self.rows.append(("export_ratio", f"{result['export_ratio']:.2f}",
                          f"docx+xlsx / bare python-docx {result['bare_docx_s']:.2f} s"
                          f" + openpyxl {result['bare_xlsx_s']:.2f} s"))


    def measure_preview(self) -> None:
        """Import review (issue 9): the preview of the seed and of a 32,000-item plan file, its commit, and
        the year-to-year similarity index; rows only (no targets were set for them)."""
        result = probe("preview_probe.py", [], self.env)
        cpu = result["cpu"]
        self.rows.append(("preview_ms_322", f"{result['preview_ms_322']:.0f} ms",
                          f"read + parse + review of the seed (CPU {cpu['preview_ms_322']} ms)"))
        self.rows.append(("preview_ms_32000", f"{result['preview_ms_32000']:.0f} ms",
                          f"read + parse + review of {result['items_32000']:,} items "
                          f"(CPU {cpu['preview_ms_32000']} ms); commit {result['commit_ms_32000']:.0f} ms "
                          f"(CPU {cpu['commit_ms_32000']} ms)"))
        self.rows.append(("similarity_ms", f"{result['similarity_ms_322']:.0f} / {result['similarity_ms_2000']:.0f} ms",
                          f"index + top-3 queries, 322×322 / 2,000×2,000 (CPU {cpu['similarity_ms_322']} / "
                          f"{cpu['similarity_ms_2000']} ms)"))


def _spread(values: list[float], unit: str) -> str:
    ordered = sorted(values)
    return f"n={len(values)}, min {ordered[0]:.0f} {unit}, max {ordered[-1]:.0f} {unit}"


def _filter_detail(result: dict) -> str:
    return (f"{result['rows']:,} rows, “{result['keyword']}” → {result['matches']} matches; worst keystroke "
            f"(median of runs); median keystroke {result['median_keystroke_ms']:.1f} ms, max "
            f"{result['max_keystroke_ms']:.1f} ms; clearing {result['clear_ms']:.0f} ms; load {result['load_s']:.1f} s")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="tiny sizes for the smoke test; nothing recorded")
    parser.add_argument("--runs", type=int, default=7, help="cold starts / imports per side (≥5 for the record)")
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--filter-reps", type=int, default=7)
    parser.add_argument("--export-items", type=int, default=200)
    parser.add_argument("--export-reps", type=int, default=3)
    parser.add_argument("--only", default="",
                        help="comma-separated: import,startup,rss,filter,export,parse,preview")
    parser.add_argument("--no-record", action="store_true", help="do not append to bench/RESULTS.md")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (databases) for inspection")
    options = parser.parse_args(argv)
    if options.quick:
        options.runs, options.plans, options.filter_reps = 1, 2, 1
        options.export_items, options.export_reps, options.no_record = 10, 1, True
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="gwr-bench-"))
    suite = Suite(options, work)
    wanted = {name.strip() for name in options.only.split(",") if name.strip()}
    try:
        suite.step("prepare", suite.prepare)
        for name, action in (("import", suite.measure_import), ("startup", suite.measure_startup),
                             ("rss", suite.measure_rss), ("filter", suite.measure_filter),
                             ("export", suite.measure_export), ("parse", suite.measure_parse),
                             ("preview", suite.measure_preview)):
            if not wanted or name in wanted:
                suite.step(name, action)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    table = report.table(suite.rows, suite.figures, TARGETS, options)
    print(table)
    if not options.no_record:
        report.record(BENCH / "RESULTS.md", table)
    print(json.dumps({name: (round(value, 3) if value is not None else None)
                      for name, value in suite.figures.items()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
