"""Filter latency in the real task browser: type a keyword key by key, wait until the view shows the result.

Run by bench/run.py in its own process (offscreen Qt); prints one JSON line. With --all-plans every plan
in the database is loaded and the browser's table model gets the items of all of them (the browser
shows one plan at a time, so this is the 100× case: 32,200 rows behind the same proxy and view).

One keystroke = QTest.keyClick on the keyword box → events processed until the proxy's row count equals
the count expected for the text so far (computed independently here) → the table's viewport repainted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from gwr_desktop.services import catalogue as catalogue_service  # noqa: E402
from gwr_desktop.services.database import open_database  # noqa: E402
from gwr_desktop.ui.context import load_unit  # noqa: E402
from gwr_desktop.ui.models.task_filter import ALL_ITEMS, keyword_terms  # noqa: E402
from gwr_desktop.ui.task_browser import TaskBrowser  # noqa: E402

WAIT_LIMIT_S = 5.0  # a debounce or a background filter must still finish within this
PAINT_GRACE_S = 0.25


def load_browser(db_url: str, all_plans: bool) -> tuple[TaskBrowser, float]:
    db = open_database(db_url)
    started = time.perf_counter()
    keys = [plan.key for plan in catalogue_service.plans(db)]
    units = catalogue_service.units(db)
    first = catalogue_service.catalogue(db, keys[0])
    unit = load_unit(db, first.summary.key, units)
    browser = TaskBrowser()
    browser.load(first, unit.roles, unit.viewer)
    if all_plans and len(keys) > 1:
        items = list(first.items)
        for key in keys[1:]:
            items.extend(catalogue_service.catalogue(db, key).items)
        browser.table_model.set_items(items, unit.roles)  # same 322 keys each year: the roles apply to all
    db.close()
    return browser, time.perf_counter() - started


def expected_rows(browser: TaskBrowser, text: str) -> int:
    terms = keyword_terms(text)
    return sum(1 for entry in browser.table_model.entries if all(term in entry.search_text for term in terms))


class PaintWatch(QObject):
    """Notes when the table's viewport has been painted (Qt paints a little after the model changes)."""

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.painted = False
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def wait_until_shown(app: QApplication, browser: TaskBrowser, watch: PaintWatch, wanted: int) -> float:
    """Process events until the proxy shows `wanted` rows and the viewport has painted them.

    When the rows did not change Qt may not repaint at all: then PAINT_GRACE_S after the rows matched counts
    as shown, and the time returned (perf_counter) is when the rows matched.
    """
    deadline = time.perf_counter() + WAIT_LIMIT_S
    while True:
        app.processEvents()
        if browser.proxy.rowCount() == wanted:
            break
        if time.perf_counter() > deadline:
            raise RuntimeError(f"filter never showed {wanted} rows (shows {browser.proxy.rowCount()})")
    matched = time.perf_counter()
    while not watch.painted:
        if time.perf_counter() - matched > PAINT_GRACE_S:
            return matched
        app.processEvents()
    return time.perf_counter()


def press_key(widget: QWidget, character: str) -> None:
    """A key press carrying a CJK character (QTest.keyClicks handles ASCII only)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def type_keyword(app: QApplication, browser: TaskBrowser, watch: PaintWatch, keyword: str) -> list[float]:
    """Milliseconds for each keystroke of keyword, typed into an empty box."""
    box = browser.filter_bar.keyword
    latencies = []
    for count in range(1, len(keyword) + 1):
        wanted = expected_rows(browser, keyword[:count])
        settle(app, watch)
        started = time.perf_counter()
        press_key(box, keyword[count - 1])
        latencies.append((wait_until_shown(app, browser, watch, wanted) - started) * 1000)
    return latencies


def clear_keyword(app: QApplication, browser: TaskBrowser, watch: PaintWatch) -> float:
    box = browser.filter_bar.keyword
    box.selectAll()
    settle(app, watch)
    started = time.perf_counter()
    QTest.keyClick(box, Qt.Key.Key_Delete)
    return (wait_until_shown(app, browser, watch, browser.table_model.rowCount()) - started) * 1000


def settle(app: QApplication, watch: PaintWatch) -> None:
    """Let pending paints finish so the next keystroke starts from a quiet window."""
    quiet_until = time.perf_counter() + 0.05
    while time.perf_counter() < quiet_until:
        app.processEvents()
    watch.painted = False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, help="SQLAlchemy URL")
    parser.add_argument("--all-plans", action="store_true")
    parser.add_argument("--keyword", default="科技创新")
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    browser, load_s = load_browser(args.db, args.all_plans)
    browser.resize(1400, 800)
    browser.show()
    browser.set_role_filter(ALL_ITEMS)  # search everything: the most rows to filter
    watch = PaintWatch(browser.table.viewport())
    worst, every, clears = [], [], []
    for _ in range(args.reps):
        latencies = type_keyword(app, browser, watch, args.keyword)
        worst.append(max(latencies))
        every.extend(latencies)
        clears.append(clear_keyword(app, browser, watch))
    print(json.dumps({
        "rows": browser.table_model.rowCount(), "keyword": args.keyword, "load_s": load_s,
        "matches": expected_rows(browser, args.keyword),
        "worst_keystroke_ms": statistics.median(worst), "median_keystroke_ms": statistics.median(every),
        "max_keystroke_ms": max(every), "clear_ms": statistics.median(clears),
    }, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
