"""Import speed: the bundled 2023 plan into a fresh, already migrated database, in a fresh process.

Run by bench/run.py once per measurement (so SQLAlchemy's statement cache is cold, as on a first start);
prints one JSON line with the milliseconds of `import_plan` alone (opening the database and the one-time ORM
mapper set-up are not counted; SQLAlchemy's statement cache is cold).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.orm import configure_mappers  # noqa: E402

from gwr_desktop.paths import bundled_plan  # noqa: E402
from gwr_desktop.services.database import open_database  # noqa: E402
from gwr_desktop.services.plan_import import import_plan  # noqa: E402


def main(argv: list[str]) -> int:
    target = Path(argv[0])
    if target.exists():
        target.unlink()
    db = open_database(f"sqlite:///{target}")
    configure_mappers()  # once per process; in the app the start-up query has done it before any import
    try:
        started = time.perf_counter()
        result = import_plan(db, bundled_plan())
        elapsed = time.perf_counter() - started
    finally:
        db.close()
    print(json.dumps({"import_ms": elapsed * 1000, "items": result.items}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
