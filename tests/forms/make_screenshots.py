"""Render the dashboard and the three editors with the sample content: `python -m tests.forms.make_screenshots DIR`."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from gwr_desktop.paths import bundled_plan
from gwr_desktop.services.database import open_database
from gwr_desktop.services.plan_import import import_plan
from gwr_desktop.ui.forms.workspace import FormsWorkspace
from tests.forms.sample_content import PLAN, UNIT, fill_sample

NAMES = ("forms_dashboard.png", "form_plan_editor.png", "form_contacts_editor.png", "form_progress_editor.png")


def main(folder: Path) -> None:
    app = QApplication.instance() or QApplication([])
    scratch = Path(tempfile.mkdtemp())
    db = open_database(f"sqlite:///{scratch / 'shots.db'}")
    import_plan(db, bundled_plan())
    fill_sample(db)
    space = FormsWorkspace(db, PLAN, UNIT, today=lambda: dt.date(2023, 7, 12))
    space.resize(1600, 1000)
    space.show()
    folder.mkdir(parents=True, exist_ok=True)
    for page, name in enumerate(NAMES):
        space.setCurrentIndex(page)
        if page == 3:
            space.progress_editor.table.go_to(4, 2)  # 二-5: guidance and the change since last quarter
        app.processEvents()
        space.grab().save(str(folder / name))
    db.close()
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
