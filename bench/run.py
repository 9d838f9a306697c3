"""The benchmark suite: start-up and usability, editing, the command line, import, filtering, memory and exports.

    python bench/run.py            full run: prints a table, appends it to bench/RESULTS.md, and ends with
                                   one JSON line of the figures (every key of TARGETS)
    python bench/run.py --quick    tiny sizes for the smoke test, nothing recorded
    python bench/run.py --only usable,edit     some measurements only (names: see MEASUREMENTS)

Every measurement runs in its own fresh process (bench/*_probe.py, main.py, bench/bare_window.py) with the
same interpreter, offscreen Qt, and compiled bytecode as an installed app has it (__pycache__ written on
the first, untimed spawn). Baselines (bare window, bare `import sqlalchemy`, bare openpyxl) are measured in
the same run, alternating with the app, so ratios hold on a shared machine. See bench/RESULTS.md for what
each figure measures exactly.

Adding a figure: a target in TARGETS, a `measure_<name>` method on Suite that sets `self.figures[key]` and
appends rows, and its name in MEASUREMENTS. Databases are built on first use (Suite.database).
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

TARGETS: dict[str, float] = {
    "startup_ratio": 2.0, "usable_ratio": 2.5, "first_run_ratio": 4.0,
    "edit_ms_215": 30, "edit_ms_2135": 80, "open_forms_ms_215": 150,
    "cli_ratio": 1.5, "import_ms": 300, "import_ms_user": 600, "parse_s_32k": 2.0,
    "filter_ms_322": 16, "filter_ms_32200": 50,
    "rss_mb": 200, "peak_rss_mb": 180, "peak_rss_mb_32k": 250,
    "export_s": 2, "export_ratio": 1.5, "xlsx_ratio": 1.5,
}
MEASUREMENTS = ("import", "startup", "usable", "first_run", "edit", "cli", "import_user", "rss", "peak", "filter",
                "export", "parse", "preview")


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


def probe(script: str, args: list[str], env: dict[str, str], timeout: float = 1800) -> dict:
    """Run bench/<script> in a fresh process; its last stdout line is a JSON object."""
    done = subprocess.run([sys.executable, str(BENCH / script), *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{script} failed ({done.returncode}): {done.stderr.strip()[-600:]}")
    return json.loads(lines[-1])


def timed_process(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to exit of a command that must succeed."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:3])} failed ({done.returncode}): {done.stderr.strip()[-600:]}")
    return elapsed


class Suite:
    def __init__(self, options: argparse.Namespace, work: Path) -> None:
        self.options, self.work = options, work
        self.env = child_env(work)
        self.figures: dict[str, float | None] = dict.fromkeys(TARGETS)
        self.rows: list[tuple[str, str, str]] = []  # measurement, value, detail
        self._databases: dict[str, Path] = {}

    def step(self, name: str, action: Callable[[], None]) -> None:
        started = time.perf_counter()
        print(f"· {name} …", file=sys.stderr, flush=True)
        try:
            action()
        except Exception as error:  # noqa: BLE001 - one failed measurement must not hide the others
            self.rows.append((name, "失败 / failed", str(error).replace("\n", " ")[:300]))
        print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)

    # --- databases, built on first use ---------------------------------------------------------------------
    def database(self, name: str) -> Path:
        if name not in self._databases:
            path = self.work / f"{name}.db"
            seconds, detail = self._build(name, path)
            self.rows.append((f"准备: {name}", f"{seconds:.1f} s", detail))
            self._databases[name] = path
        return self._databases[name]

    def _build(self, name: str, path: Path) -> tuple[float, str]:
        if name == "plan_2023":
            return generate.build_database(path, 1, self.work), "322 items, 市商务局 chosen"
        if name == "plans_many":
            plans = self.options.plans
            return generate.build_database(path, plans, self.work), f"{plans} plans, {322 * plans:,} items"
        if name.startswith("led_"):
            seconds, items = generate.build_led_database(path, int(name[4:]), self.work)
            return seconds, f"one plan of {items:,} items, {generate.FORMS_UNIT} (leads {name[4:]}) chosen"
        if name == "plan_32k":
            seconds, items = generate.build_big_plan_database(path, self.big_items, self.work)
            return seconds, f"one plan of {items:,} items, {generate.BENCH_UNIT} chosen"
        raise KeyError(name)

    @property
    def big_items(self) -> int:
        return 3200 if self.options.quick else 32000

    def led(self, count: int) -> int:
        return max(count // 20, 5) if self.options.quick else count

    # --- start-up --------------------------------------------------------------------------------------------
    def measure_import(self) -> None:
        runs = [probe("import_probe.py", [str(self.work / f"import_{i}.db")], self.env)["import_ms"]
                for i in range(self.options.runs)]
        self.figures["import_ms"] = statistics.median(runs)
        self.rows.append(("import_ms", f"{self.figures['import_ms']:.0f} ms", _spread(runs, "ms")))

    def measure_startup(self) -> None:
        db = self.database("plan_2023")
        app, bare = startup.compare(db, self.env, self.options.runs)
        ratio = statistics.median(app.seconds) / statistics.median(bare.seconds)
        self.figures["startup_ratio"] = ratio
        self.rows.append(("startup: app (2023 plan, unit chosen)", f"{statistics.median(app.seconds) * 1000:.0f} ms",
                          _spread([s * 1000 for s in app.seconds], "ms")))
        self.rows.append(("startup: bare window + empty table", f"{statistics.median(bare.seconds) * 1000:.0f} ms",
                          _spread([s * 1000 for s in bare.seconds], "ms")))
        quiet = min(app.seconds) / min(bare.seconds)
        self.rows.append(("startup_ratio", f"{ratio:.2f}",
                          f"first paint: median app / median bare, same run (fastest / fastest: {quiet:.2f})"))
        uncached = startup.uncached_app_runs(db, self.env, max(3, self.options.runs // 2))
        median = statistics.median(uncached.seconds)
        self.rows.append(("startup: app, no cached view", f"{median * 1000:.0f} ms",
                          f"{_spread([s * 1000 for s in uncached.seconds], 'ms')}; first paint after a change "
                          f"from the command line ({median / statistics.median(bare.seconds):.2f}× bare)"))

    def measure_usable(self) -> None:
        """usable_ratio: spawn → accepting input (bench/first_paint_probe.py), the usual start (cached view)."""
        db = self.database("plan_2023")
        app, bare = startup.usable_compare(startup.app_command(db), self.env, self.options.runs)
        self.figures["usable_ratio"] = self._usable_rows("usable", app, bare)

    def measure_first_run(self) -> None:
        """first_run_ratio: `main.py` with an empty per-user folder (no database yet) → accepting input."""
        fresh: list[int] = [0]

        def empty_folder() -> dict[str, str]:
            fresh[0] += 1
            folder = self.work / f"first_run_{fresh[0]}"
            shutil.rmtree(folder, ignore_errors=True)
            return {**self.env, "GWR_DATA_DIR": str(folder)}

        command = [sys.executable, str(ROOT / "main.py")]
        app, bare = startup.usable_compare(command, self.env, max(3, self.options.runs // 2), empty_folder)
        self.figures["first_run_ratio"] = self._usable_rows("first_run", app, bare)

    def _usable_rows(self, label: str, app: list[startup.Usable], bare: list[startup.Usable]) -> float:
        bare_ms = statistics.median(b.usable for b in bare) * 1000
        ratio = statistics.median(a.usable for a in app) * 1000 / bare_ms
        for name, values in (("painted", [a.painted for a in app]), ("usable", [a.usable for a in app]),
                             ("services", [a.services for a in app])):
            ms = [v * 1000 for v in values]
            self.rows.append((f"{label}: app {name}", f"{statistics.median(ms):.0f} ms",
                              f"{_spread(ms, 'ms')} ({statistics.median(ms) / bare_ms:.2f}× bare usable)"))
        self.rows.append((f"{label}: bare window usable", f"{bare_ms:.0f} ms",
                          _spread([b.usable * 1000 for b in bare], "ms")))
        self.rows.append((f"{label}_ratio", f"{ratio:.2f}", "median app usable / median bare usable, same run"))
        return ratio

    # --- editing ---------------------------------------------------------------------------------------------
    def measure_edit(self) -> None:
        """edit_ms_215, edit_ms_2135, open_forms_ms_215: the real window, 附表1 of a unit leading that many."""
        reps = str(3 if self.options.quick else self.options.edit_reps)
        for led in (215, 2135):
            result = probe("edit_probe.py", ["--db", str(self.database(f"led_{self.led(led)}")), "--reps", reps],
                           self.env)
            self.figures[f"edit_ms_{led}"] = result["edit_ms"]
            self.rows.append((f"edit_ms_{led}", f"{result['edit_ms']:.1f} ms",
                              f"{result['led_items']} led items, {result['rows']} rows; median of "
                              f"{len(result['edits_ms'])}, min {min(result['edits_ms']):.1f}, max "
                              f"{max(result['edits_ms']):.1f} ms; values read back: "
                              f"{'all' if not result['lost'] else 'LOST'}"))
            self.rows.append((f"open_forms_ms_{led}", f"{result['open_forms_ms']:.0f} ms",
                              f"填报 made current → loop free (the app started by main.py, services attached); "
                              f"then 附表1 tab {result['plan_tab_ms']:.0f} ms"))
            if led == 215:
                self.figures["open_forms_ms_215"] = result["open_forms_ms"]

    # --- the command line ------------------------------------------------------------------------------------
    def measure_cli(self) -> None:
        """cli_ratio: `main.py --db … tasks --unit 市商务局 --json` vs `python -c "import sqlalchemy"`."""
        db = self.database("plan_2023")
        tasks = [sys.executable, str(ROOT / "main.py"), "--db", str(db), "tasks", "--unit", generate.BENCH_UNIT,
                 "--json"]
        bare = [sys.executable, "-c", "import sqlalchemy"]
        app_s, bare_s = _alternate(tasks, bare, self.env, self.options.runs)
        ratio = statistics.median(app_s) / statistics.median(bare_s)
        self.figures["cli_ratio"] = ratio
        self.rows.append(("cli: tasks --json", f"{statistics.median(app_s) * 1000:.0f} ms",
                          _spread([s * 1000 for s in app_s], "ms")))
        self.rows.append(("cli: python -c 'import sqlalchemy'", f"{statistics.median(bare_s) * 1000:.0f} ms",
                          _spread([s * 1000 for s in bare_s], "ms")))
        self.rows.append(("cli_ratio", f"{ratio:.2f}", "median tasks / median bare import, same run"))

    def measure_import_user(self) -> None:
        """import_ms_user: the whole `main.py --db DB import-plan FILE` process, spawn → exit, as an officer runs
        it: next year's plan (the seed, 2023 → 2024) into the database the window made (the 2023 plan in it),
        a fresh copy each run. A row also gives the same into a database file that does not exist yet."""
        plan = generate.write_plan_texts(self.work / "import_user", 2)[1]
        prepared = self.database("plan_2023")
        runs, new_file = [], []
        for n in range(self.options.runs + 1):
            target = self.work / f"import_user_{n}.db"
            _copy_database(prepared, target)
            seconds = timed_process(_import_command(target, plan), self.env)
            if n:  # the first run compiles the bytecode
                runs.append(seconds * 1000)
        for n in range(max(1, self.options.runs // 2)):
            new_file.append(timed_process(_import_command(self.work / f"import_new_{n}.db", plan), self.env) * 1000)
        self.figures["import_ms_user"] = statistics.median(runs)
        self.rows.append(("import_ms_user", f"{statistics.median(runs):.0f} ms",
                          f"{_spread(runs, 'ms')}; spawn → exit, 2024 plan into the database holding 2023's"))
        self.rows.append(("import-plan into a new database file", f"{statistics.median(new_file):.0f} ms",
                          f"{_spread(new_file, 'ms')}; the file created and migrated first"))

    # --- memory ----------------------------------------------------------------------------------------------
    def measure_rss(self) -> None:
        big = startup.app_runs(self.database("plans_many"), self.env, max(3, self.options.runs // 2))
        self.figures["rss_mb"] = max(big.rss_kb) / 1024
        self.rows.append((f"startup: app with {self.options.plans} plans",
                          f"{statistics.median(big.seconds) * 1000:.0f} ms",
                          _spread([s * 1000 for s in big.seconds], "ms")))
        self.rows.append(("rss_mb", f"{self.figures['rss_mb']:.0f} MB",
                          f"peak RSS at first paint, {self.options.plans} plans open (max of runs)"))

    def measure_peak(self) -> None:
        """peak_rss_mb(_32k): VmHWM over a session — start, open 填报, edit one 附表1 cell, export 附表1."""
        for key, name in (("peak_rss_mb", "plan_2023"), ("peak_rss_mb_32k", "plan_32k")):
            db = self.database(name)
            startup.time_to_usable(startup.app_command(db), self.env, "session")  # warm-up, cached view kept
            runs = [startup.time_to_usable(startup.app_command(db), self.env, "session") for _ in range(2)]
            peak = max(run.peak_kb for run in runs) / 1024
            self.figures[key] = peak
            last = runs[-1].detail
            self.rows.append((key, f"{peak:.0f} MB",
                              f"{name}: VmHWM after the session (max of {len(runs)}); at usable "
                              f"{last['usable_kb'] / 1024:.0f} MB; 填报 {last['forms_ms']:.0f} ms, edit "
                              f"{last['edit_ms']:.0f} ms, export docx+xlsx+pdf {last['export_ms']:.0f} ms"))

    # --- the task browser, exports, parsing ------------------------------------------------------------------
    def measure_filter(self) -> None:
        reps = str(self.options.filter_reps)
        small = probe("filter_probe.py", ["--db", generate.sqlite_url(self.database("plan_2023")), "--reps", reps],
                      self.env)
        self.figures["filter_ms_322"] = small["worst_keystroke_ms"]
        self.rows.append(("filter_ms_322", f"{small['worst_keystroke_ms']:.1f} ms", _filter_detail(small)))
        big = probe("filter_probe.py", ["--db", generate.sqlite_url(self.database("plans_many")), "--all-plans",
                                        "--reps", reps], self.env)
        self.figures["filter_ms_32200"] = big["worst_keystroke_ms"]
        self.rows.append((f"filter_ms_{big['rows']}", f"{big['worst_keystroke_ms']:.1f} ms", _filter_detail(big)))

    def measure_parse(self) -> None:
        """parse_plan_file on one 32,000-item plan (bench/generate.big_plan_text) in a fresh process, median."""
        count = max(1, self.options.runs // 2)
        runs = [probe("parse_probe.py", ["--items", str(self.big_items)], self.env) for _ in range(count)]
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
        self.figures["xlsx_ratio"] = result["xlsx_s"] / result["bare_xlsx_s"]
        self.rows.append(("export_s", f"{result['all_s']:.2f} s",
                          f"docx {result['docx_s']:.2f} s, xlsx {result['xlsx_s']:.2f} s, pdf {result['pdf_s']:.2f} s;"
                          f" rows per form {result['rows']}; first run {result['first_export_s']:.2f} s"))
        self.rows.append(("export_ratio", f"{result['export_ratio']:.2f}",
                          f"docx+xlsx / bare python-docx {result['bare_docx_s']:.2f} s"
                          f" + openpyxl {result['bare_xlsx_s']:.2f} s"))
        self.rows.append(("xlsx_ratio", f"{self.figures['xlsx_ratio']:.2f}",
                          f"our xlsx {result['xlsx_s']:.2f} s / bare openpyxl {result['bare_xlsx_s']:.2f} s, "
                          "same cells"))

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


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the WAL included)."""
    import sqlite3

    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _import_command(db: Path, plan: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--db", str(db), "import-plan", str(plan), "--json"]


def _alternate(command: list[str], baseline: list[str], env: dict[str, str], runs: int) -> tuple[list[float], ...]:
    """Both commands alternately after one untimed warm-up each; seconds spawn → exit."""
    timed_process(command, env)
    timed_process(baseline, env)
    first, second = [], []
    for _ in range(runs):
        first.append(timed_process(command, env))
        second.append(timed_process(baseline, env))
    return first, second


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
    parser.add_argument("--edit-reps", type=int, default=20)
    parser.add_argument("--export-items", type=int, default=200)
    parser.add_argument("--export-reps", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(MEASUREMENTS))
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
    unknown = wanted - set(MEASUREMENTS)
    if unknown:
        print(f"unknown measurement(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    try:
        for name in MEASUREMENTS:
            if not wanted or name in wanted:
                suite.step(name, getattr(suite, f"measure_{name}"))
    finally:
        if options.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    table = report.table(suite.rows, suite.figures, TARGETS, options, load_before)
    print(table)
    if not options.no_record:
        report.record(BENCH / "RESULTS.md", table)
    print(json.dumps({name: (round(value, 3) if value is not None else None)
                      for name, value in suite.figures.items()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
