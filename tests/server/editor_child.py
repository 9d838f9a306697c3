"""One editor in its own process, for the two-process conflict test:

    python -m tests.server.editor_child URL TEXT

Reads the form as the window's editor does (content and stamps), prints `ready`, waits for a line on stdin,
then commits TEXT into 二-1's first work entry with what it saw, and prints `ok` or `conflict MINE|THEIRS`.
"""

from __future__ import annotations

import sys

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import open_database
from gwr_desktop.services.form_conflicts import with_seen


def main(url: str, text: str) -> None:
    db = open_database(url)
    try:
        _content, stamps = fc.load_for_editing(db, "2023", "市商务局", FormKind.PLAN)
        print("ready", flush=True)
        sys.stdin.readline()
        edit = with_seen(stamps, e.SetValue(FormKind.PLAN, 0, e.entry("二-1", 0), "content", text))
        try:
            fc.apply_edits(db, "2023", "市商务局", [edit])
        except fc.FormConflictError as error:
            conflict = error.conflicts[0]
            print(f"conflict {conflict.mine}|{conflict.theirs}", flush=True)
            return
        print("ok", flush=True)
    finally:
        db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
