"""Import review and year-to-year speed, in a fresh process; prints one JSON line.

- preview_ms_322: `preview_plan` of the bundled 2023 plan (reading + parsing + everything the review shows)
  into a database that already holds it (the document check, the officer's counts, every unit's counts).
- preview_ms_32200 / commit_ms_32200: the review and the commit of a 32,200-item plan: the seed's items
  repeated 100 times, numbered on within each part (built as a ParsedPlan, so the figure is the review's own
  cost; the parser's time for such a file is the parser's bench figure).
- similarity_ms_322 / similarity_ms_2000: `TextIndex` built over last year's texts and queried with each of
  this year's, top 3 above the service's MIN_SCORE — 322×322 (the seed against its derived second year) and
  2,000×2,000 (item texts of the seed spliced into 2,000 distinct texts).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gwr_desktop.domain.plan import ParsedPlan  # noqa: E402
from gwr_desktop.domain.similarity import TextIndex  # noqa: E402
from gwr_desktop.domain.units import UnitRegistry  # noqa: E402
from gwr_desktop.paths import bundled_plan, registry_path  # noqa: E402
from gwr_desktop.services.database import open_database  # noqa: E402
from gwr_desktop.services.plan_import import commit_plan, import_plan  # noqa: E402
from gwr_desktop.services.plan_preview import preview_parsed, preview_plan, read_plan_file  # noqa: E402
from gwr_desktop.services.plan_similarity import MIN_SCORE  # noqa: E402
from gwr_desktop.services.preferences import UNIT_KEY, set_setting  # noqa: E402

SECOND_YEAR = ROOT / "tests" / "plan_import" / "fixtures" / "wuhan_2024_derived.txt"


def repeated(parsed: ParsedPlan, copies: int) -> ParsedPlan:
    """The plan's items `copies` times over, numbered on within each part (二-242 is the second copy's 二-1)."""
    per_part = parsed.per_part()
    items = [replace(item, number=item.number + copy * per_part[item.part], position=copy * len(parsed.items)
                     + item.position)
             for copy in range(copies) for item in parsed.items]
    meta = replace(parsed.meta, doc_number=f"{parsed.meta.doc_number}（{copies}倍）", year=parsed.meta.year + 50)
    return replace(parsed, items=items, meta=meta, source_digest=f"x{copies}")


def timed(action) -> tuple[float, object]:  # noqa: ANN001 - a no-argument callable
    started = time.perf_counter()
    result = action()
    return (time.perf_counter() - started) * 1000, result


def similarity_ms(old: list[str], new: list[str]) -> float:
    def run() -> None:
        index = TextIndex(old)
        for text in new:
            index.query(text, 3, MIN_SCORE)
    return timed(run)[0]


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
    seed_ms, _ = timed(lambda: preview_plan(db, bundled_plan(), registry))
    big = repeated(read_plan_file(bundled_plan(), registry), 100)
    big_ms, preview = timed(lambda: preview_parsed(db, big, registry, "big.txt", "txt"))
    commit_ms, result = timed(lambda: commit_plan(db, preview))
    db.close()
    old = [item.text for item in read_plan_file(bundled_plan(), registry).items]
    new = [item.text for item in read_plan_file(SECOND_YEAR, registry).items]
    print(json.dumps({
        "preview_ms_322": seed_ms, "preview_ms_32200": big_ms, "commit_ms_32200": commit_ms,
        "items_32200": result.items, "similarity_ms_322": similarity_ms(old, new),
        "similarity_ms_2000": similarity_ms(spliced(old, 2000, 3), spliced(old, 2000, 5)),
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
