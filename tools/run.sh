#!/usr/bin/env bash
# Set up (system libraries, .venv) and open the app. Arguments go to main.py:
#   bash tools/run.sh                       # the window, on the per-user database
#   bash tools/run.sh --db /tmp/try.db      # the window, on another SQLite file (or any SQLAlchemy URL)
#   bash tools/run.sh tasks --unit 市商务局   # a command instead of the window
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash tools/setup_system.sh
source tools/ensure_venv.sh
exec python main.py "$@"
