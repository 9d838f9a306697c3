"""Render the main window and the unit chooser offscreen to docs/screenshots/ (look at them after a UI change).

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py
The form editors have their own script: python -m tests.forms.make_screenshots
The contributions and the 督查室 workspace (issue 13): python tools/issue13_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="gwr-shots-"))
    os.environ["GWR_DATA_DIR"] = str(scratch)
    from gwr_desktop.app import build_main_window, create_application, install_translations
    from gwr_desktop.services.database import open_database
    from gwr_desktop.services.plan_import import ensure_bundled_plan
    from gwr_desktop.services.preferences import UNIT_KEY, set_setting

    app = create_application()
    translators = install_translations(app)  # noqa: F841 - kept alive while rendering
    db = open_database(f"sqlite:///{scratch / 'shots.db'}")
    ensure_bundled_plan(db)
    shots = (("市商务局", "二-1", "main_window.png"), ("江夏区人民政府", "二-70", "main_window_district.png"))
    for unit, item, name in shots:
        set_setting(db, UNIT_KEY, unit)
        window = build_main_window(db)
        window.resize(1400, 860)
        window.show()
        window.browser.select_item(item)
        app.processEvents()
        window.grab().save(str(OUT / name))
        if unit == "市商务局":
            chooser = window.open_unit_chooser()
            chooser.search.setText("区")
            app.processEvents()
            chooser.grab().save(str(OUT / "unit_chooser.png"))
            chooser.close()
        window.close()
    db.close()


if __name__ == "__main__":
    main()
