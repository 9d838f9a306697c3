"""Render the issue-13 windows at 1366×768 to docs/screenshots/ (look at them after a UI change).

    QT_QPA_PLATFORM=offscreen python tools/issue13_screenshots.py [DIR]

The 督查室 workspace over the 90 units' generated returns (its 台账, 完成情况对照 and the import's outcome), the
lead's 附表3 editor with a contribution beside the cell, the helper's 配合材料 page and the unit chooser.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the generated returns and sample content are the tests' own builders
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gwr_desktop.app import build_main_window, create_application, install_translations  # noqa: E402
from gwr_desktop.domain.plan import FormKind  # noqa: E402
from gwr_desktop.services.database import open_database  # noqa: E402
from gwr_desktop.services.plan_import import import_plan  # noqa: E402
from gwr_desktop.services.preferences import UNIT_KEY, set_setting  # noqa: E402

SIZE = (1366, 768)


def office_shots(folder: Path, scratch: Path, app) -> None:  # noqa: ANN001 - QApplication
    from gwr_desktop.ui.office.workspace import OfficeWorkspace
    from tests.office import returns90

    units_db = open_database(f"sqlite:///{scratch / 'units.db'}")
    plan_file = returns90.write_plan(scratch)
    import_plan(units_db, plan_file)
    returns90.sign_and_send(units_db, scratch / "mail", returns90.build_units(units_db))
    units_db.close()
    db = open_database(f"sqlite:///{scratch / 'office.db'}")
    import_plan(db, plan_file)
    space = OfficeWorkspace(db, "2023", today=lambda: dt.date(2023, 8, 1))
    space.resize(*SIZE)
    space.show()
    worker = space.actions.start_import([scratch / "mail"])
    while worker.isRunning() or space.actions.dialog is None:
        app.processEvents()
    dialog = space.actions.dialog
    dialog.resize(1000, 520)
    app.processEvents()
    dialog.grab().save(str(folder / "office_import_outcomes.png"))
    dialog.close()
    space.select_unit(returns90.unit_names()[15])
    app.processEvents()
    space.grab().save(str(folder / "office_ledger.png"))
    space.tabs.setCurrentIndex(1)
    space.flagged_only.setChecked(True)
    app.processEvents()
    space.grab().save(str(folder / "office_items.png"))
    db.close()


def contribution_shots(folder: Path, scratch: Path, app) -> None:  # noqa: ANN001 - QApplication
    from gwr_desktop.paths import bundled_plan
    from gwr_desktop.ui.contributions.menu import take_in
    from tests.contributions.helpers import HELPER, ITEM, LEAD, export, type_contribution
    from tests.forms.sample_content import fill_sample

    db = open_database(f"sqlite:///{scratch / 'lead.db'}")
    import_plan(db, bundled_plan())
    fill_sample(db)
    type_contribution(db)
    files = export(db, scratch / "contribution")
    set_setting(db, UNIT_KEY, LEAD)
    window = build_main_window(db)
    window.resize(*SIZE)
    window.show()
    take_in(window, files).close()
    window.show_page(window.forms_page)
    app.processEvents()
    workspace = window.forms_page.workspace
    workspace.open_form(FormKind.PROGRESS, 2)
    editor = workspace.progress_editor
    row = next(n for n, spec in enumerate(editor.model.rows) if spec.item is not None and spec.item.key == ITEM)
    editor.table.go_to(row, 2)
    app.processEvents()
    window.grab().save(str(folder / "contributions_pane.png"))
    window.close()
    set_setting(db, UNIT_KEY, HELPER)
    helper = build_main_window(db)
    helper.resize(*SIZE)
    helper.show()
    helper.show_page(helper.contributions_tab)
    page = helper.contributions_tab.page
    page.quarter_box.setCurrentIndex(1)
    keys = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    page.table.selectRow(keys.index(ITEM))
    app.processEvents()
    helper.grab().save(str(folder / "contributions_helper.png"))
    chooser = helper.open_unit_chooser()
    app.processEvents()
    chooser.grab().save(str(folder / "unit_chooser_office.png"))
    chooser.close()
    helper.close()
    db.close()


def main(folder: Path) -> None:
    app = create_application()
    translators = install_translations(app)  # noqa: F841 - kept alive while rendering
    scratch = Path(tempfile.mkdtemp(prefix="gwr-shots-13-"))
    os.environ["GWR_DATA_DIR"] = str(scratch / "data")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        contribution_shots(folder, scratch, app)
        office_shots(folder, scratch, app)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
