"""Child process of the SIGKILL test: applies edits through the service layer and reports each one after commit.

Run as `python -m tests.forms.durability_child URL SEED`. Prints "ok <n> <key> <index> <text>" after
`apply_edits` returned, flushing at once, so every printed edit is one the service reported committed.
"""

from __future__ import annotations

import random
import sys

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import open_database

KEYS = ["二-1", "二-2", "二-4", "二-5", "二-6", "二-10", "二-11", "二-12"]


def main(url: str, seed: int) -> None:
    db = open_database(url)
    rng = random.Random(seed)
    counters = {key: 0 for key in KEYS}
    for n in range(100000):
        key = rng.choice(KEYS)
        index = counters[key]
        text = f"第{seed}轮第{n}次：推进品牌连锁便利店建设\n（第{index + 1}条）"
        fc.apply_edits(db, "2023", "市商务局", [
            e.SetValue(FormKind.PLAN, 0, e.entry(key, index), "content", text),
            e.SetValue(FormKind.PLAN, 0, e.entry(key, index), "period", "3-6月"),
            e.SetValue(FormKind.PROGRESS, 1, e.item(key), "progress", text)])
        counters[key] += 1
        print(f"ok {n} {key} {index}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
