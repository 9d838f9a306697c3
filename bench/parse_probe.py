"""Parse one big plan file in a fresh process: prints {"parse_s", "items", "rss_mb"} as its last line.

    python bench/parse_probe.py --items 32000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
from memory import peak_mb  # noqa: E402

from gwr_desktop.domain.plan_parser import parse_plan_file  # noqa: E402
from gwr_desktop.domain.units import UnitRegistry  # noqa: E402
from gwr_desktop.paths import registry_path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=32000)
    options = parser.parse_args()
    registry = UnitRegistry.from_json(registry_path())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big_plan.txt"
        path.write_text(generate.big_plan_text(options.items), encoding="utf-8")
        started, cpu = time.perf_counter(), time.process_time()
        plan = parse_plan_file(path, registry)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({"parse_s": round(seconds, 3), "cpu_s": round(cpu, 3), "items": len(plan.items),
                      "rss_mb": round(peak_mb()), "problems": len(plan.problems)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
