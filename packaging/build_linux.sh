#!/usr/bin/env bash
# Build the Linux bundle for 信创 desktops (统信 UOS, 麒麟) from a clean copy of the working tree:
#
#   bash packaging/build_linux.sh [OUT_DIR]      # default: packaging/dist
#
#   1. a clean copy: the tracked and not-ignored files only (no .venv, build/, caches)
#   2. the wheel, built from that copy (the same wheel .ci/run installs into a fresh venv)
#   3. a build venv with the wheel and the pinned PyInstaller (packaging/requirements-bundle.txt)
#   4. PyInstaller, packaging/gwr_desktop.spec: one folder, two executables (gwr-desktopw, gwr-desktop)
#   5. OUT_DIR/gwr_desktop-<version>-linux-<arch>.tar.gz: the folder, gwr-desktop.sh, install.sh,
#      uninstall.sh, the .desktop template, the icon, README.txt; and OUT_DIR/bundle-report.txt
#      (sizes, build time, the newest glibc symbol the bundle needs)
# Nothing is reused from an earlier run. PYTHON picks the interpreter (default python3, 3.11+).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
out="$(mkdir -p "${1:-$repo/packaging/dist}" && cd "${1:-$repo/packaging/dist}" && pwd -P)"
work="$(mktemp -d /tmp/gwr-bundle.XXXXXX)"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
step() { echo "bundle: [$(( $(date +%s) - started ))s] $*"; }

step "clean copy of the working tree"
mkdir -p "$work/src"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard \
    | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$work/src"

step "wheel"
"${PYTHON:-python3}" -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check --no-input -q)
quiet_pip() { "${pip[@]}" "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
quiet_pip wheel --no-deps -w "$work/wheel" "$work/src"
wheel="$(ls "$work"/wheel/gwr_desktop-*.whl)"
version="$(basename "$wheel" | cut -d- -f2)"

step "build venv: the wheel and PyInstaller"
quiet_pip install "$wheel" -r "$work/src/packaging/requirements-bundle.txt"

step "PyInstaller"
pyinstaller_started=$(date +%s)
(cd "$work" && "$work/venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$work/dist" \
    --workpath "$work/build" "$work/src/packaging/gwr_desktop.spec")
pyinstaller_done=$(date +%s)

step "tarball"
name="gwr_desktop-$version-linux-$(uname -m)"
stage="$work/stage/$name"
mkdir -p "$stage"
mv "$work/dist/gwr_desktop" "$stage/gwr_desktop"
cp "$work/src/packaging/linux/"{gwr-desktop.sh,install.sh,uninstall.sh,gwr-desktop.desktop.in,README.txt} "$stage/"
cp "$work/src/packaging/icons/gwr_desktop.png" "$stage/"
chmod 755 "$stage/"*.sh
tar -C "$work/stage" -czf "$out/$name.tar.gz" "$name"

glibc="$(find "$stage/gwr_desktop" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
    | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -u -V | tail -n 1 || true)"
finished=$(date +%s)
report="$out/bundle-report.txt"
{
    echo "bundle: $name"
    echo "folder size: $(du -sh "$stage/gwr_desktop" | cut -f1) ($(du -sb "$stage/gwr_desktop" | cut -f1) bytes)"
    echo "tarball: $(du -h "$out/$name.tar.gz" | cut -f1) ($(stat -c %s "$out/$name.tar.gz") bytes)"
    echo "files: $(find "$stage/gwr_desktop" -type f | wc -l)"
    echo "newest glibc symbol needed: ${glibc:-unknown} (built on $(ldd --version | head -n 1))"
    echo "build time: $(( finished - started )) s, of which PyInstaller $(( pyinstaller_done - pyinstaller_started )) s"
} | tee "$report"
echo "$out/$name.tar.gz"
