#!/usr/bin/env bash
# Install the Debian 12 packages that gwr_desktop and its test suite need.
#
# Idempotent: when every package is already installed (checked with dpkg-query) it
# touches nothing and does not run `apt-get update`, so reruns take well under a second.
#
#   bash tools/setup_system.sh                          # app + tests
set -euo pipefail

packages=(
    # Qt runtime for PySide6 (QtGui, QtWidgets, QtPrintSupport, the offscreen platform
    # plugin and the CUPS print-support plugin); found with ldd/objdump on PySide6 6.12.
    libegl1
    libgl1
    libx11-6
    libxkbcommon0
    libfontconfig1
    libfreetype6
    libdbus-1-3
    libglib2.0-0
    libcups2
    # --- packaging branch: Qt's xcb platform (the window on an X11 desktop, and under Xvfb in CI) ---
    # Every library PySide6's libqxcb.so, libQt6XcbQpa.so.6 and xcbglintegrations link to
    # (objdump -p … | grep NEEDED; PySide6 6.11, checked by tests/packaging/test_setup_system.py).
    # A fresh Debian 12 desktop lacks at least libxcb-icccm4 and libxcb-keysyms1: without them
    # `bash tools/run.sh` aborts with "could not load the Qt platform plugin xcb".
    libx11-xcb1
    libxcb1
    libxcb-cursor0
    libxcb-glx0
    libxcb-icccm4
    libxcb-image0
    libxcb-keysyms1
    libxcb-randr0
    libxcb-render0
    libxcb-render-util0
    libxcb-shape0
    libxcb-shm0
    libxcb-sync1
    libxcb-util1
    libxcb-xfixes0
    libxcb-xkb1
    libxkbcommon-x11-0
    # CI: a virtual X server for the first-paint checks (packaging/first_paint.py), and binutils
    # (objdump) for PyInstaller's bundle build (packaging/build_linux.sh).
    xvfb
    binutils
    # --- end of packaging branch ---
    # Chinese glyphs for widgets and printed PDFs.
    fonts-noto-cjk
    # pdftoppm / pdffonts, used by tests to inspect printed PDFs.
    poppler-utils
    # PostgreSQL 15 server binaries (tools/pg_test_server.sh runs a throwaway cluster).
    postgresql
    # --- exports (issue 10): LibreOffice renders the .docx/.xlsx to PDF in the export tests, and the
    # real print preview runs under Xvfb with Qt's xcb platform (the xcb plugin's libraries, from ldd).
    libreoffice-writer-nogui
    libreoffice-calc-nogui
    xvfb
    xauth
    libxcb-icccm4
    libxcb-keysyms1
    libxcb-image0
    libxcb-render-util0
    libxcb-xinerama0
    libxcb-xkb1
    libxcb-randr0
    libxcb-shape0
    libxcb-xfixes0
    libxcb-sync1
    libxcb-shm0
    libxcb-cursor0
    libxkbcommon-x11-0
    # --- end exports
)

# Debian's own python3 can only create a venv (used by .ci/run) with python3-venv.
python_bin="${PYTHON:-python3}"
if command -v "$python_bin" >/dev/null 2>&1 && ! "$python_bin" -c 'import ensurepip' >/dev/null 2>&1; then
    if [[ "$(command -v "$python_bin")" == /usr/bin/* ]]; then
        packages+=(python3-venv)
    fi
fi

missing=()
for pkg in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    if [[ "$status" != "installed" ]]; then
        missing+=("$pkg")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "setup_system: all ${#packages[@]} system packages already installed"
    exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
    echo "setup_system: missing Debian packages: ${missing[*]}" >&2
    echo "setup_system: run as root to install them:  sudo bash tools/setup_system.sh" >&2
    echo "setup_system: (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
fi

echo "setup_system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup_system: done"
