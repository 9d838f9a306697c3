"""Import review and year-to-year speed, in a fresh process; prints one JSON line.

- preview_ms_322: `preview_plan` of the bundled 2023 plan (reading + parsing + everything the review shows)
  into a database that already holds it (the document check, the officer's counts, every unit's counts).
- preview_ms_32000 / commit_ms_32000: the same for a 32,000-item plan file (bench/generate.big_plan_text, the
  year moved to 2030 so that its 文号 is its own): reading and parsing it (the parser's parse_s_32k) plus the
  review; then storing it.
- similarity_ms_322 / similarity_ms_2000: `TextIndex` built over last year's texts and queried with each of
  this year's, top 3 above the service's MIN_SCORE — 322×322 (the seed against its derived second year) and
  2,000×2,000 (item texts of the seed spliced into 2,000 distinct texts).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

from gwr_desktop.domain.similarity import TextIndex  # noqa: E402
from gwr_desktop.domain.units import UnitRegistry  # noqa: E402
from gwr_desktop.paths import bundled_plan, registry_path  # noqa: E402
from gwr_desktop.services.database import open_database  # noqa: E402
from gwr_desktop.services.plan_import import commit_plan, import_plan  # noqa: E402
from gwr_desktop.services.plan_preview import preview_plan, read_plan_file  # noqa: E402
from gwr_desktop.services.plan_similarity import MIN_SCORE  # noqa: E402
from gwr_desktop.services.preferences import UNIT_KEY, set_setting  # noqa: E402

SECOND_YEAR = ROOT / "tests" / "plan_import" / "fixtures" / "wuhan_2024_derived.txt"


CPU: dict[str, float] = {}  # the same figures in CPU time: the machine is shared, wall time varies with load


def timed(action, name: str = "") -> tuple[float, object]:  # noqa: ANN001 - a no-argument callable
    started, cpu = time.perf_counter(), time.process_time()
    result = action()
    if name:
        CPU[name] = (time.process_time() - cpu) * 1000
    return (time.perf_counter() - started) * 1000, result


def similarity_ms(old: list[str], new: list[str], name: str) -> float:
    def run() -> None:
        index = TextIndex(old)
        for text in new:
            index.query(text, 3, MIN_SCORE)
    return timed(run, name)[0]


def spliced(texts: list[str], count: int, shift: int) -> list[str]:
    """count distinct texts: each an item's text followed by the second half of another's."""
    def text(k: int) -> str:
        other = texts[(k * 7 + shift) % len(texts)]
        return texts[k % len(texts)] + other[len(other) // 2:]
    return [text(k) for k in range(count)]


def main() -> int:
    registry = UnitRegistry.from_json(registry_path())
    work = Path(tempfile.mkdtemp(prefix="gwr-preview-"))
    db = open_database(f"sqlite:///{work / 'plan.db'}")
    import_plan(db, bundled_plan())
    set_setting(db, UNIT_KEY, "市商务局")
    preview_plan(db, bundled_plan(), registry)  # warm: mappers, statement cache, regexes
    seed_ms, _ = timed(lambda: preview_plan(db, bundled_plan(), registry), "preview_ms_322")
    big = work / "big_plan.txt"
    big.write_text(generate.big_plan_text(32000).replace("2023", "2030"), encoding="utf-8")
    big_ms, preview = timed(lambda: preview_plan(db, big, registry), "preview_ms_32000")
    commit_ms, result = timed(lambda: commit_plan(db, preview), "commit_ms_32000")
    db.close()
    old = [item.text for item in read_plan_file(bundled_plan(), registry).items]
    new = [item.text for item in read_plan_file(SECOND_YEAR, registry).items]
    print(json.dumps({
        "preview_ms_322": seed_ms, "preview_ms_32000": big_ms, "commit_ms_32000": commit_ms,
        "items_32000": result.items, "similarity_ms_322": similarity_ms(old, new, "similarity_ms_322"),
        "similarity_ms_2000": similarity_ms(spliced(old, 2000, 3), spliced(old, 2000, 5), "similarity_ms_2000"),
        "cpu": {name: round(value) for name, value in CPU.items()},
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
