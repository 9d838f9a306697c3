"""A separate process for the single-instance tests: claims the database and reports on stdout.

    python instance_child.py DB serve   # claim; if primary, run the event loop and print "activated" on hand-over
    python instance_child.py DB hang    # claim; if primary, never run the event loop (a frozen instance)
    python instance_child.py DB once    # claim, print the result, exit
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QCoreApplication  # noqa: E402

from gwr_desktop.safety.single_instance import Claim, SingleInstance  # noqa: E402


def main() -> None:
    db, mode = sys.argv[1], sys.argv[2]
    app = QCoreApplication([])
    instance = SingleInstance(db)
    started = time.monotonic()
    result = instance.claim()
    print(f"{result.claim.value} {time.monotonic() - started:.3f} {result.message}", flush=True)
    if result.claim is not Claim.PRIMARY or mode == "once":
        return
    if mode == "hang":
        time.sleep(3600)
    instance.activation_requested.connect(lambda: print("activated", flush=True))
    app.exec()


if __name__ == "__main__":
    main()
