"""Run one command line with a file-size limit, as a disk that stops taking writes would.

    python -m tests.storage.fsize_child LIMIT_BYTES ARGS...

RLIMIT_FSIZE makes every write that would grow a file past LIMIT_BYTES fail with EFBIG (SIGXFSZ ignored, so
the process lives on and must report it). Exit status and output are the command's.
"""

from __future__ import annotations

import resource
import signal
import sys

from gwr_desktop.cli import main

if __name__ == "__main__":
    limit = int(sys.argv[1])
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.exit(main(sys.argv[2:]))
