"""The plan fuzzer's long run (tests/fuzz runs a short one in CI): prints the figures for issue 17.

    python bench/fuzz_plans.py [--text 2000] [--cities 1400] [--docx 200] [--seed 1]

Each case is parsed in this process; peak RSS is this process's high-water mark (VmHWM), so it bounds
every case at once. Exit code 1 when any case lost an item silently or raised a traceback.
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

from memory import peak_mb  # noqa: E402

from tests.fuzz.plan_fuzz import run  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text", type=int, default=2000)
    parser.add_argument("--cities", type=int, default=1400, help="mutations of other places' plans")
    parser.add_argument("--docx", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        tally = run(options.seed, options.text, options.docx, Path(folder), cities=options.cities)
    print(tally.line())
    for example in tally.examples[:20]:
        print("  ", example)
    print(json.dumps({"cases": tally.cases, "refused": tally.refused, "flagged": tally.flagged,
                      "unchanged": tally.clean, "silent": tally.silent, "tracebacks": tally.tracebacks,
                      "peak_rss_mb": round(peak_mb()), "seconds": round(time.perf_counter() - started, 1)}))
    return 1 if tally.silent or tally.tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
