"""Child process for the full-disk test: sign off with a file-size limit, as a full disk would stop writes.

RLIMIT_FSIZE makes every write past the limit fail with EFBIG (SIGXFSZ ignored, so the process lives on).
Prints the user's message and exits 3 when the export was refused, 0 if it unexpectedly succeeded.
"""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.safe_write import ExportWriteError
from gwr_desktop.services import signoff
from gwr_desktop.services.database import open_database
from gwr_desktop.services.form_content import load_content


def main(url: str, folder: str, limit: int, formats: str) -> int:
    db = open_database(url)
    load_content(db, "2023", "市发改委", FormKind.PLAN)  # the database is open and read before the limit
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        signoff.sign_off(db, "2023", "市发改委", FormKind.PLAN, Path(folder), formats=formats.split(","))
    except ExportWriteError as error:
        print(error.message)
        return 3
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
