import sys

from gwr_desktop.cli import main

sys.exit(main(sys.argv[1:]))
