"""Which backups to keep: the newest per day, ISO week and month, for the last N of each (like restic --keep-*).

Pure functions over timestamps, so the policy is tested over simulated years without touching files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RetentionPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    # Everything this recent is kept too, so the state from just before a restore or import is never
    # thinned away by a later backup on the same day.
    keep_within: dt.timedelta = dt.timedelta(hours=24)


DEFAULT_POLICY = RetentionPolicy()


def _day(moment: dt.datetime) -> Hashable:
    return moment.date()


def _week(moment: dt.datetime) -> Hashable:
    year, week, _ = moment.isocalendar()
    return (year, week)


def _month(moment: dt.datetime) -> Hashable:
    return (moment.year, moment.month)


def _newest_per_bucket(moments: list[dt.datetime], bucket: Callable[[dt.datetime], Hashable], count: int) -> set:
    """Walk newest first; keep the first backup seen in each new bucket until `count` buckets are covered."""
    kept: set[dt.datetime] = set()
    seen: set[Hashable] = set()
    for moment in moments:
        if len(seen) >= count:
            break
        key = bucket(moment)
        if key not in seen:
            seen.add(key)
            kept.add(moment)
    return kept


def backups_to_keep(moments: Iterable[dt.datetime], now: dt.datetime,
                    policy: RetentionPolicy = DEFAULT_POLICY) -> set[dt.datetime]:
    newest_first = sorted(set(moments), reverse=True)
    kept = {moment for moment in newest_first if now - moment < policy.keep_within}
    kept |= _newest_per_bucket(newest_first, _day, policy.daily)
    kept |= _newest_per_bucket(newest_first, _week, policy.weekly)
    kept |= _newest_per_bucket(newest_first, _month, policy.monthly)
    return kept
