"""Cold start timing, for the app (`main.py --db …`) and the bare window, through bench/first_paint_probe.py.

First paint: both print `GWR_BENCH_PAINTED <peak RSS kB>` when GWR_BENCH_PAINTED is set, then quit; the time
is taken here, from just before Popen until that line arrives. Usable (GWR_BENCH_PAINTED=usable) and the
session (=session): the child reports its own moments on the shared monotonic clock, compared here with the
moment just before Popen.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from first_paint_probe import ENV_VAR, PAINTED_MARK, SESSION_MARK, USABLE_MARK

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PAINT_TIMEOUT_S = 120.0


@dataclass
class Runs:
    seconds: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)


def app_command(db: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--db", str(db)]


def bare_command() -> list[str]:
    return [sys.executable, str(ROOT / "bench" / "bare_window.py")]


def time_to_paint(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from spawn to the painted line, and the peak RSS (kB) the process reported."""
    started = time.perf_counter()
    line = run_until(command, env, "1", PAINTED_MARK)
    return time.perf_counter() - started, int(line.split()[1])


@dataclass
class Usable:
    painted: float  # seconds from spawn (the probe's first-paint moment)
    usable: float  # … to a posted key handled with the controls live and the loop free
    services: float  # … to the services attached (the window's database open) and the loop free
    peak_kb: int
    detail: dict = field(default_factory=dict)


def time_to_usable(command: list[str], env: dict[str, str], mode: str = "usable") -> Usable:
    """The child's moments (monotonic clock) relative to just before Popen."""
    started = time.monotonic()
    line = run_until(command, env, mode, SESSION_MARK if mode == "session" else USABLE_MARK)
    figures = json.loads(line.split(" ", 1)[1])
    return Usable(painted=figures["painted"] - started, usable=figures["usable"] - started,
                  services=figures["services"] - started, peak_kb=int(figures["peak_kb"]), detail=figures)


def run_until(command: list[str], env: dict[str, str], mode: str, mark: str) -> str:
    """Run command with the probe in `mode` until it prints the line starting with mark; that line."""
    # The app finds the probe only because the bench puts its own folder on the path.
    path = os.pathsep.join(p for p in (str(ROOT), str(BENCH), env.get("PYTHONPATH", "")) if p)
    env = {**env, ENV_VAR: mode, "PYTHONPATH": path}
    lines: queue.Queue[str | None] = queue.Queue()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
    errors: list[str] = []
    threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True).start()
    try:
        while True:
            line = lines.get(timeout=PAINT_TIMEOUT_S)
            if line is None:
                raise RuntimeError(f"{command[1]} exited without painting: {''.join(errors)[-600:]}")
            if line.startswith(mark):
                return line.strip()
    except queue.Empty as error:
        raise RuntimeError(f"{command[1]} did not paint within {PAINT_TIMEOUT_S:.0f} s") from error
    finally:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _pump(stream, lines: queue.Queue) -> None:  # noqa: ANN001 - a text stream
    for line in stream:
        lines.put(line)
    lines.put(None)


def compare(db: Path, env: dict[str, str], runs: int) -> tuple[Runs, Runs]:
    """App and bare window alternately, after one untimed warm-up each (bytecode compiled, files cached).

    The app's warm-up is also its previous run: like every start it leaves the view it showed cached in
    the database (services/start_view.py), so the timed starts paint from that cache, as a user's do. The
    warm-up runs until the services are attached (usable mode): a start that quits at its first paint never
    gets that far, so it would leave no cache behind.
    """
    app, bare = Runs(), Runs()
    time_to_usable(app_command(db), env)  # runs until the services are attached: they keep the view
    time_to_paint(bare_command(), env)
    for _ in range(runs):
        for command, result in ((app_command(db), app), (bare_command(), bare)):
            seconds, rss = time_to_paint(command, env)
            result.seconds.append(seconds)
            result.rss_kb.append(rss)
    return app, bare


def app_runs(db: Path, env: dict[str, str], runs: int) -> Runs:
    result = Runs()
    time_to_usable(app_command(db), env)  # the warm-up keeps the view, as every start does
    for _ in range(runs):
        seconds, rss = time_to_paint(app_command(db), env)
        result.seconds.append(seconds)
        result.rss_kb.append(rss)
    return result


def uncached_app_runs(db: Path, env: dict[str, str], runs: int) -> Runs:
    """The app without the view cached by its last run (first start after installing or upgrading, or after
    the command line changed the unit): the services are imported and read before the first paint."""
    result = Runs()
    for _ in range(runs):
        forget_cached_view(db)
        seconds, rss = time_to_paint(app_command(db), env)
        result.seconds.append(seconds)
        result.rss_kb.append(rss)
    return result


def usable_compare(app_command_: list[str], env: dict[str, str], runs: int,
                   before_each=None) -> tuple[list[Usable], list[Usable]]:  # noqa: ANN001 - a callable or None
    """App (usable) and bare window (usable) alternately, after one untimed warm-up each; before_each() runs
    before every app start (e.g. to empty the per-user folder for a first run) and may return another env."""
    app, bare = [], []
    time_to_usable(app_command_, before_each() if before_each else env)
    time_to_usable(bare_command(), env)
    for _ in range(runs):
        app.append(time_to_usable(app_command_, before_each() if before_each else env))
        bare.append(time_to_usable(bare_command(), env))
    return app, bare


def forget_cached_view(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM start_view_cache")
    connection.close()
