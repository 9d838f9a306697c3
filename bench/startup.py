"""Cold start timing: spawn → the first-paint line, for the app (`main.py --db …`) and the bare window.

Both print `GWR_BENCH_PAINTED <peak RSS kB>` through bench/first_paint_probe.py when GWR_BENCH_PAINTED is set,
then quit; the time is taken here, from just before Popen until that line arrives.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from first_paint_probe import ENV_VAR, PAINTED_MARK

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
    # The app finds the probe only because the bench puts its own folder on the path.
    path = os.pathsep.join(p for p in (str(ROOT), str(BENCH), env.get("PYTHONPATH", "")) if p)
    env = {**env, ENV_VAR: "1", "PYTHONPATH": path}
    lines: queue.Queue[str | None] = queue.Queue()
    started = time.perf_counter()
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
            if line.startswith(PAINTED_MARK):
                return time.perf_counter() - started, int(line.split()[1])
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
    the database (services/start_view.py), so the timed starts paint from that cache, as a user's do.
    """
    app, bare = Runs(), Runs()
    time_to_paint(app_command(db), env)
    time_to_paint(bare_command(), env)
    for _ in range(runs):
        for command, result in ((app_command(db), app), (bare_command(), bare)):
            seconds, rss = time_to_paint(command, env)
            result.seconds.append(seconds)
            result.rss_kb.append(rss)
    return app, bare


def app_runs(db: Path, env: dict[str, str], runs: int) -> Runs:
    result = Runs()
    time_to_paint(app_command(db), env)
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


def forget_cached_view(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM start_view_cache")
    connection.close()
