"""Item keys listed in a problem, short enough to read and complete enough to name every item.

A problem that says "these items may belong elsewhere" must name each of them (the officer checks them one by
one), yet a lost part heading can concern a hundred items. Consecutive keys of one numbering scope are written
as a run, "二-6至二-32"; the list is bounded by the number of runs, not of items.
"""

from __future__ import annotations

_RUNS = 20  # runs (or single keys) named in one problem


def listed(keys: list[str], limit: int = _RUNS) -> str:
    """"一-1、一-3至一-9、二-(一)-1至二-(一)-4"; "…" when more runs than `limit` are left."""
    runs: list[tuple[str, int, int, str, str]] = []  # (prefix, first, last, first key, last key)
    for key in keys:
        prefix, _, tail = key.rpartition("-")
        if not tail.isdigit():
            if len(runs) > limit:
                break
            runs.append((key, -1, -1, key, key))
            continue
        number = int(tail)
        if runs and runs[-1][0] == prefix and runs[-1][2] == number - 1 and runs[-1][1] >= 0:
            runs[-1] = (prefix, runs[-1][1], number, runs[-1][3], key)
        else:
            if len(runs) > limit:
                break  # the rest are not shown: "…" says so (a lost part can concern thousands of items)
            runs.append((prefix, number, number, key, key))
    shown = [_run(first_key, last_key, first, last) for _, first, last, first_key, last_key in runs[:limit]]
    return "、".join(shown) + ("…" if len(runs) > limit else "")


def _run(first_key: str, last_key: str, first: int, last: int) -> str:
    if first == last:
        return first_key
    if last == first + 1:
        return f"{first_key}、{last_key}"
    return f"{first_key}至{last_key}"
