"""Render the import review and the window with its plan switcher at 1366×768 (a common laptop screen):
`QT_QPA_PLATFORM=offscreen python -m tests.plan_import.make_screenshots [DIR]` (default docs/screenshots).

- import_review.png, import_review_units.png, import_review_problems.png: importing the derived 2024 plan
  (市数据局 is a new name) as 市商务局, over the window, as the officer sees it;
- import_review_flags.png: a plan read without most of its clauses (the loud warnings);
- main_window_plans.png: after the import, the 方案 switcher, 2024 chosen.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCREEN = (1366, 768)
DIALOG = (980, 680)


def main(folder: Path) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="gwr-import-shots-"))
    os.environ["GWR_DATA_DIR"] = str(scratch)
    from gwr_desktop.app import build_main_window, create_application, install_translations
    from gwr_desktop.paths import bundled_plan
    from gwr_desktop.services.database import open_database
    from gwr_desktop.services.plan_import import import_plan
    from gwr_desktop.services.preferences import UNIT_KEY, set_setting
    from tests.plan_import.second_year import TEXT_FILE

    app = create_application()
    translators = install_translations(app)  # noqa: F841 - kept alive while rendering
    db = open_database(f"sqlite:///{scratch / 'shots.db'}")
    import_plan(db, bundled_plan())
    set_setting(db, UNIT_KEY, "市商务局")
    window = build_main_window(db)
    window.resize(*SCREEN)
    window.show()
    window.browser.select_item("二-5")
    folder.mkdir(parents=True, exist_ok=True)
    review = _review(app, window, TEXT_FILE)
    _save_over(app, window, review, folder / "import_review.png")
    review.tabs.setCurrentIndex(1)
    _save_over(app, window, review, folder / "import_review_units.png")
    review.show_problem(0)
    _save_over(app, window, review, folder / "import_review_problems.png")
    review.reject()
    review = _review(app, window, _unclear_plan(scratch))
    _save_over(app, window, review, folder / "import_review_flags.png")
    review.reject()
    _import_and_switch(app, window, TEXT_FILE)
    window.grab().save(str(folder / "main_window_plans.png"))
    window.close()
    db.close()
    shutil.rmtree(scratch, ignore_errors=True)


def _review(app, window, path: Path):  # noqa: ANN001, ANN202 - QApplication, MainWindow → PlanReviewDialog
    from gwr_desktop.ui.plan_import.menu import plan_import_flow

    flow = plan_import_flow(window)
    flow.start(path)
    while flow.review is None or not flow.review.isVisible():
        app.processEvents()
    flow.review.resize(*DIALOG)
    app.processEvents()
    return flow.review


def _save_over(app, window, dialog, target: Path) -> None:  # noqa: ANN001
    """The dialog drawn centred over the window, as a 1366×768 screen shows them."""
    from PySide6.QtGui import QColor, QPainter, QPen

    app.processEvents()
    canvas = window.grab()
    shot = dialog.grab()
    painter = QPainter(canvas)
    painter.fillRect(canvas.rect(), QColor(0, 0, 0, 60))  # a modal dialog dims what is behind it
    x, y = (canvas.width() - shot.width()) // 2, (canvas.height() - shot.height()) // 2
    painter.drawPixmap(x, y, shot)
    painter.setPen(QPen(QColor("#666666")))
    painter.drawRect(x - 1, y - 1, shot.width() + 1, shot.height() + 1)
    painter.end()
    canvas.save(str(target))


def _unclear_plan(folder: Path) -> Path:
    """The seed as a reader that missed most clauses of part 二 would see it: items with no units at all."""
    from gwr_desktop.paths import bundled_plan

    lines = bundled_plan().read_text(encoding="utf-8").replace("2023", "2026").splitlines()
    clause = re.compile(r"[(（](牵头单位|责任单位)[^()（）]*[)）]\s*$")
    kept = [clause.sub("", line) if 40 < number < 300 else line for number, line in enumerate(lines)]
    path = folder / "2026年方案（版式未识别）.txt"
    path.write_text("\n".join(kept), encoding="utf-8")
    return path


def _import_and_switch(app, window, path: Path) -> None:  # noqa: ANN001
    from gwr_desktop.ui.plan_import.menu import plan_import_flow

    flow = plan_import_flow(window)
    review = _review(app, window, path)
    done: list[object] = []
    flow.finished.connect(done.append)
    review.accept()
    while not done or window.plan_combo.count() < 2:
        app.processEvents()
    window.plan_combo.activated.emit(window.plan_combo.findData("2024"))
    while window.plan_key != "2024":
        app.processEvents()
    window.browser.select_item("二-61")
    app.processEvents()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
