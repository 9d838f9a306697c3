"""Run one command line as another, unprivileged user: a database owned by someone else, as an officer meets it.

    python -m tests.storage.as_user_child USER WARM_DB DB ARGS...

The command runs first as root on WARM_DB (a copy root owns), so that every module it needs is imported
while the interpreter's files are readable (they need not be for USER); then the process drops to USER
and runs the same command on DB. Exit status and output are the command's; a traceback would show on stderr.
"""

from __future__ import annotations

import contextlib
import io
import os
import pwd
import sys

from gwr_desktop.cli import main


def run_as(user: str, warm_db: str, db: str, argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(["--db", warm_db, *argv])
    account = pwd.getpwnam(user)
    os.setgroups([])
    os.setgid(account.pw_gid)
    os.setuid(account.pw_uid)
    return main(["--db", db, *argv])


if __name__ == "__main__":
    sys.exit(run_as(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]))
