#!/usr/bin/env bash
# The wheel, as a new user installs it: built from a clean copy of the working tree, installed into a fresh
# venv outside the repository, and run from an unrelated folder for a new user (empty HOME):
#   gwr-desktop tasks --unit 市商务局 --json   lists the unit's items on a database made from the bundled plan
#   a missing _data folder in the installed package is named ("安装不完整"), not "由更新版本的本程序写入"
#
#   bash packaging/check_wheel.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
work="$(mktemp -d /tmp/gwr-wheel.XXXXXX)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src" "$work/home" "$work/elsewhere"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard \
    | tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$work/src"
"${PYTHON:-python3}" -m venv "$work/venv"
pip=("$work/venv/bin/python" -m pip --disable-pip-version-check --no-input -q)
quiet_pip() { "${pip[@]}" "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
quiet_pip wheel --no-deps -w "$work/wheel" "$work/src"
wheel="$(ls "$work"/wheel/gwr_desktop-*.whl)"
listing="$("$work/venv/bin/python" -m zipfile -l "$wheel")"
for shipped in gwr_desktop/_data/migrations/versions/0001_ gwr_desktop/_data/forms/plan.json \
        gwr_desktop/_data/resources/plans/wuhan_2023.txt; do
    [[ "$listing" == *"$shipped"* ]] || { echo "wheel: $shipped… is not in $wheel" >&2; exit 1; }
done
quiet_pip install "$wheel"
if "$work/venv/bin/python" -c "import psycopg" 2>/dev/null; then
    echo "wheel: psycopg came with a plain install; it belongs to the [postgres] extra" >&2
    exit 1
fi

run() {
    (cd "$work/elsewhere" && env -i PATH="/usr/bin:/bin" HOME="$work/home" LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen "$work/venv/bin/gwr-desktop" "$@")
}
run tasks --unit 市商务局 --json >"$work/tasks.json" 2>"$work/tasks.err"
count="$("$work/venv/bin/python" -c 'import json,sys; print(len(json.load(open(sys.argv[1], encoding="utf-8"))))' \
    "$work/tasks.json")"
grep -q "首次使用：已导入内置方案" "$work/tasks.err"
[[ -f "$work/home/.local/share/gwr_desktop/gwr.db" ]]
[[ "$count" -eq 44 ]] || { echo "wheel: tasks listed $count items, expected 44" >&2; exit 1; }
echo "wheel: $(basename "$wheel") ($(du -h "$wheel" | cut -f1)) installed in a fresh venv; tasks --unit 市商务局 --json: $count items on a new database"

# An installation without its data (a broken copy): the message names it, the database is left alone.
site="$(cd "$work/elsewhere" && "$work/venv/bin/python" -c \
    'import gwr_desktop, pathlib; print(pathlib.Path(gwr_desktop.__file__).parent)')"
mv "$site/_data" "$work/data-aside"
before="$(sha256sum "$work/home/.local/share/gwr_desktop/gwr.db" | cut -d' ' -f1)"
if run tasks --unit 市商务局 >"$work/broken.out" 2>"$work/broken.err"; then
    echo "wheel: a package without its data still ran" >&2
    exit 1
fi
grep -q "安装不完整" "$work/broken.err" && ! grep -q "更新版本" "$work/broken.err" \
    || { cat "$work/broken.err" >&2; exit 1; }
[[ "$(sha256sum "$work/home/.local/share/gwr_desktop/gwr.db" | cut -d' ' -f1)" == "$before" ]]
echo "wheel: without gwr_desktop/_data: $(head -n 1 "$work/broken.err" | cut -c1-60)…; database untouched"
