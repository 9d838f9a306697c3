"""Launcher: `python main.py` opens the app; `python main.py COMMAND …` runs the command line."""

import sys

from gwr_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
