"""Editing cost in the real app: `main.py --db FILE` started as the officer starts it, then — once its services
are attached — 填报 opened, 附表1 opened, and one 具体工作内容 cell committed `--reps` times through the editor.

    python bench/edit_probe.py --db FILE --reps 20

The window is the app's own (task browser, 填报 with the dashboard and the editors, menus), offscreen. The
driving (bench/drive.py) runs inside the app through bench/first_paint_probe.py (GWR_BENCH_PAINTED=edit):
`open_forms_ms` is the 填报 tab made current until the loop is free; each edit is F2 on the cell of the next
led item (spread over the whole form), the text committed as an input method does, then Enter, timed from
Enter until the loop is free again. The stored content is read back afterwards: every typed value must be
there. Prints one JSON line (edit_ms: the median). With GWR_BENCH_PROFILE=FILE the edits run under cProfile and
the stats are written to FILE (`python -m pstats FILE`): where an edit's time goes, in the real window.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import startup  # noqa: E402
from first_paint_probe import EDIT_MARK, EDIT_REPS_VAR  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--reps", type=int, default=20)
    options = parser.parse_args(argv)
    env = {**os.environ, EDIT_REPS_VAR: str(options.reps)}
    line = startup.run_until(startup.app_command(Path(options.db)), env, "edit", EDIT_MARK)
    result = json.loads(line.split(" ", 1)[1])
    result["edit_ms"] = statistics.median(result["edits_ms"])
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0 if not result["lost"] else 1


if __name__ == "__main__":
    sys.exit(main())
