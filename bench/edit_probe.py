"""Editing cost in the real window: open 填报, then commit one 附表1 cell `--reps` times through the editor.

    python bench/edit_probe.py --db FILE --unit 市发改委 --reps 20

The window is the app's own (`app.build_main_window`: task browser, 填报 with the dashboard and the three
editors, menus), shown offscreen at 1400×860. `open_forms_ms`: the 填报 tab made current until the loop is
free. Each edit: F2 on the 具体工作内容 cell of the next led item (spread over the whole form), the text
committed as an input method does, then Enter; timed from Enter until the loop is free again (bench/drive.py).
The stored content is read back afterwards: every typed value must be there. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from drive import commit_cell, open_forms_tab, plan_editor_of  # noqa: E402
from settle import settle  # noqa: E402

TEXT = "制定年度工作方案，明确责任分工和时间节点（第{n}条）"


def edited_rows(editor, reps: int) -> list[int]:  # noqa: ANN001 - PlanEditor
    """The first row of `reps` led items spread evenly over the form (first, last and between)."""
    rows = [n for n, spec in enumerate(editor.model.rows) if spec.item is not None and spec.entry == 0]
    if len(rows) <= reps:
        return (rows * (reps // max(len(rows), 1) + 1))[:reps]
    step = (len(rows) - 1) / (reps - 1) if reps > 1 else 0
    return [rows[round(n * step)] for n in range(reps)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--reps", type=int, default=20)
    options = parser.parse_args(argv)
    from gwr_desktop.app import build_main_window, create_application, install_translations
    from gwr_desktop.domain.plan import FormKind
    from gwr_desktop.services.database import open_database
    from gwr_desktop.services.form_content import load_content

    app = create_application()
    translators = install_translations(app)  # noqa: F841 - kept alive
    db = open_database(f"sqlite:///{options.db}")
    started = time.monotonic()
    window = build_main_window(db)
    window.resize(1400, 860)
    window.show()
    window_s = settle() - started
    forms_s = open_forms_tab(window)
    started = time.monotonic()
    editor = plan_editor_of(window)
    plan_tab_s = time.monotonic() - started
    rows = edited_rows(editor, options.reps)
    keys = [editor.model.rows[row].item.key for row in rows]
    edits = []
    for n, row in enumerate(rows):
        row = editor.model.row_of(keys[n], 0)  # rows may move as entries are added
        edits.append(commit_cell(editor, row, "content", TEXT.format(n=n)) * 1000)
    stored = {item.key: item.entries[0].get("content") for item in
              load_content(db, window.plan_key, window.unit_name, FormKind.PLAN).items if item.entries}
    lost = [key for n, key in enumerate(keys) if stored.get(key) != TEXT.format(n=max(
        i for i, k in enumerate(keys) if k == key))]
    window.close()
    db.close()
    print(json.dumps({
        "led_items": sum(1 for spec in editor.model.rows if spec.item is not None and spec.entry == 0),
        "rows": editor.model.rowCount(), "window_ms": window_s * 1000, "open_forms_ms": forms_s * 1000,
        "plan_tab_ms": plan_tab_s * 1000, "edit_ms": statistics.median(edits), "edits_ms": [round(e, 1) for e in edits],
        "lost": lost}), flush=True)
    return 0 if not lost else 1


if __name__ == "__main__":
    sys.exit(main())
