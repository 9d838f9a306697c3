"""Entry point of both bundled executables: gwr-desktop (console: the command line, or the window without a
command) and gwr-desktopw (no console: the window). The same script; only PyInstaller's console flag differs."""

import sys

from gwr_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
