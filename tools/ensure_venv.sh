#!/usr/bin/env bash
# Make .venv and `pip install -e '.[test]'` into it, skipped while pyproject.toml is unchanged.
# Sourced by .ci/run and tools/run.sh; leaves VIRTUAL_ENV and PATH pointing at the venv.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
venv="$repo/.venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
    echo "setup: creating $venv"
    rm -rf "$venv"
    "${PYTHON:-python3}" -m venv "$venv"
fi
stamp="$venv/.gwr-installed"
wanted="$(sha256sum "$repo/pyproject.toml" | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]]; then
    echo "setup: pip install -e '.[test]'"
    rm -f "$stamp"
    (cd "$repo" && "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q -e '.[test]')
    echo "$wanted" >"$stamp"
fi
export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"
hash -r
