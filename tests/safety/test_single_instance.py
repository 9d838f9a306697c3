"""One instance per database, with real processes: hand-over, a frozen holder, and locks left by SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from gwr_desktop.safety.instance_lock import lock_holder, lock_path_for

CHILD = Path(__file__).with_name("instance_child.py")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")


@contextmanager
def running(db: Path, mode: str) -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen([sys.executable, str(CHILD), str(db), mode], stdout=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None
            assert child.stdout.readline().split()[0] == "primary"
            yield child
        finally:
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
            child.wait()


def once(db: Path) -> tuple[str, float, str]:
    completed = subprocess.run([sys.executable, str(CHILD), str(db), "once"], capture_output=True, text=True,
                               timeout=60)
    claim, seconds, *message = completed.stdout.split(maxsplit=2)
    return claim, float(seconds), " ".join(message)


def test_second_launch_hands_over_to_the_first(tmp_path: Path) -> None:
    db = tmp_path / "共享.db"
    with running(db, "serve") as first:
        claim, seconds, message = once(db)
        assert claim == "handed_over" and "切换" in message
        assert seconds < 2.0
        assert first.stdout is not None and first.stdout.readline().strip() == "activated"
        holder = lock_holder(str(db))
        assert holder is not None and holder.pid == first.pid
    assert lock_holder(str(db)) is None  # killed: the lock is stale


def test_a_frozen_first_instance_is_explained_not_shared(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with running(db, "hang") as first:
        claim, seconds, message = once(db)
        assert claim == "busy" and str(first.pid) in message and "关闭另一个程序" in message
        assert seconds < 2.5  # the hand-over timeout is 2 s


def test_a_lock_left_by_a_killed_instance_is_recovered(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    for _trial in range(10):
        with running(db, "serve"):
            pass  # SIGKILLed on leaving: the lock file and the socket file stay behind
        assert lock_path_for(str(db)).exists()
    claim, _seconds, _message = once(db)
    assert claim == "primary"
