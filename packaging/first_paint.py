"""Start the real program under Xvfb with Qt's xcb platform, for a new user, and wait for its first paint.

    python packaging/first_paint.py [--timeout S] [--screenshot OUT.png] -- COMMAND [ARGS...]

What a fresh desktop does: Xvfb on a free display, a new empty home folder (so the per-user data and log
folders are the defaults and empty), QT_QPA_PLATFORM=xcb. The program must write the line the window logs at
its first paint (gwr_desktop.app.FIRST_PAINT_LOGGED, "…Qt 平台 xcb") into its application log within the
timeout; the screen is then grabbed (through xcb too) and must show a window, not a blank screen. A missing
xcb library makes Qt abort before any window: the program's own output is shown then.
Exit status 0 when painted; 1 otherwise. Uses PySide6 and platformdirs from the Python running it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MARK = "窗口已显示"
PLATFORM_MARK = "Qt 平台 xcb"


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("first_paint: Xvfb is missing (bash tools/setup_system.sh installs xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as stream:
        number = stream.readline().strip()
    if not number:
        server.kill()
        raise SystemExit("first_paint: Xvfb did not start")
    return server, f":{number}"


def user_env(home: Path, display: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("XDG_", "GWR_", "QT_")) and key not in ("WAYLAND_DISPLAY",)}
    env.update(HOME=str(home), DISPLAY=display, QT_QPA_PLATFORM="xcb", LANG=os.environ.get("LANG", "C.UTF-8"))
    return env


def log_file_for(home: Path) -> Path:
    """Where the program logs for this user: platformdirs' per-user log folder under the new home."""
    import platformdirs

    saved = {key: os.environ.pop(key) for key in list(os.environ) if key.startswith("XDG_")}
    old_home = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        return platformdirs.user_log_path("gwr_desktop", appauthor=False) / "gwr_desktop.log"
    finally:
        os.environ.update(saved)
        if old_home is not None:
            os.environ["HOME"] = old_home


def wait_for_paint(program: subprocess.Popen[bytes], log: Path, timeout: float) -> str | None:
    """The first-paint line, or None when the program exits or the time runs out first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists():
            for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
                if MARK in line:
                    return line
        if program.poll() is not None:
            return None
        time.sleep(0.2)
    return None


def screen_shows_a_window(display: str, screenshot: Path | None) -> float:
    """Fraction of the screen that is not Xvfb's black background."""
    os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed for the grab
    image = QGuiApplication.primaryScreen().grabWindow(0).toImage()
    if screenshot is not None:
        image.save(str(screenshot))
    step = 8
    samples = [(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)]
    lit = sum(1 for x, y in samples if image.pixelColor(x, y).lightness() > 16)
    return lit / max(len(samples), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    server, display = start_xvfb()
    home = Path(tempfile.mkdtemp(prefix="gwr-fresh-user-"))
    log = log_file_for(home)
    output = home / "program-output.txt"
    started = time.monotonic()
    try:
        with output.open("wb") as sink:
            program = subprocess.Popen(command, env=user_env(home, display), stdout=sink, stderr=subprocess.STDOUT)
            line = wait_for_paint(program, log, args.timeout)
            seconds = time.monotonic() - started
            lit = screen_shows_a_window(display, args.screenshot) if line else 0.0
            program.terminate()
            try:
                program.wait(timeout=20)
            except subprocess.TimeoutExpired:
                program.kill()
                program.wait()
        return report(line, seconds, lit, output, log)
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(home, ignore_errors=True)


def report(line: str | None, seconds: float, lit: float, output: Path, log: Path) -> int:
    if line is None or PLATFORM_MARK not in line or lit < 0.10:
        print(f"first_paint: FAILED after {seconds:.1f} s (painted line: {line!r}, lit screen {lit:.0%})")
        print("--- program output ---\n" + output.read_text(encoding="utf-8", errors="replace")[-4000:])
        if log.exists():
            print("--- application log ---\n" + log.read_text(encoding="utf-8", errors="replace")[-2000:])
        return 1
    print(f"first_paint: painted on xcb in {seconds:.1f} s; {lit:.0%} of the screen shows the window")
    print(f"first_paint: {line.split(': ', 1)[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
