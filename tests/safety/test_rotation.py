"""Retention: 7 daily, 4 weekly, 12 monthly, plus the last 24 hours; checked over simulated days and real files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gwr_desktop.safety import backup as backups
from gwr_desktop.safety.rotation import RetentionPolicy, backups_to_keep
from gwr_desktop.safety.sqlite_files import verify_file
from tests.safety.conftest import add_typed_rows

NO_GRACE = RetentionPolicy(keep_within=dt.timedelta(0))


def _days(first: dt.date, last: dt.date, hour: int = 9) -> list[dt.datetime]:
    count = (last - first).days + 1
    return [dt.datetime.combine(first + dt.timedelta(days=n), dt.time(hour)) for n in range(count)]


def test_a_year_of_daily_backups_thins_to_the_policy() -> None:
    moments = _days(dt.date(2025, 1, 1), dt.date(2026, 1, 31))
    now = dt.datetime(2026, 1, 31, 18, 0)
    kept = {moment.date() for moment in backups_to_keep(moments, now, NO_GRACE)}
    daily = {dt.date(2026, 1, day) for day in range(25, 32)}
    # 2026-01-31 is a Saturday: the newest of the four newest ISO weeks are Jan 31, 25, 18 and 11.
    weekly = {dt.date(2026, 1, 31), dt.date(2026, 1, 25), dt.date(2026, 1, 18), dt.date(2026, 1, 11)}
    monthly = {dt.date(2026, 1, 31), dt.date(2025, 12, 31), dt.date(2025, 11, 30), dt.date(2025, 10, 31),
               dt.date(2025, 9, 30), dt.date(2025, 8, 31), dt.date(2025, 7, 31), dt.date(2025, 6, 30),
               dt.date(2025, 5, 31), dt.date(2025, 4, 30), dt.date(2025, 3, 31), dt.date(2025, 2, 28)}
    assert kept == daily | weekly | monthly
    assert len(kept) == 20


def test_several_backups_a_day_keep_the_newest_of_each_day_and_all_of_the_last_24_hours() -> None:
    moments = [dt.datetime(2026, 3, day, hour) for day in range(1, 11) for hour in (9, 13, 17)]
    now = dt.datetime(2026, 3, 10, 20, 0)
    kept = backups_to_keep(moments, now)
    recent = {dt.datetime(2026, 3, 10, hour) for hour in (9, 13, 17)}
    newest_per_day = {dt.datetime(2026, 3, day, 17) for day in range(4, 11)}
    assert recent <= kept
    assert kept == recent | newest_per_day | {dt.datetime(2026, 3, 1, 17)}  # newest of the previous ISO week


def test_gaps_between_uses_still_keep_seven_backup_days() -> None:
    moments = [dt.datetime(2026, 1, 1) + dt.timedelta(days=3 * n) for n in range(30)]
    kept = backups_to_keep(moments, moments[-1], NO_GRACE)
    assert sorted(kept)[-7:] == moments[-7:]


def test_rotation_over_simulated_days_on_real_files(populated_db: Path) -> None:
    start = dt.datetime(2025, 11, 1, 10, 0)
    for day in range(75):  # one change and one start-up backup per day, with the clock injected
        add_typed_rows(populated_db, 1, start=1000 + day)
        taken = backups.backup_before(f"sqlite:///{populated_db}", "startup", now=start + dt.timedelta(days=day))
        assert taken is not None
    remaining = backups.list_backups(backups.backup_folder(populated_db))
    now = start + dt.timedelta(days=74)
    assert now.date() == dt.date(2026, 1, 14)  # a Wednesday
    daily = {dt.date(2026, 1, day) for day in range(8, 15)}
    weekly = {dt.date(2026, 1, 14), dt.date(2026, 1, 11), dt.date(2026, 1, 4), dt.date(2025, 12, 28)}
    monthly = {dt.date(2026, 1, 14), dt.date(2025, 12, 31), dt.date(2025, 11, 30)}
    assert {info.created.date() for info in remaining} == daily | weekly | monthly
    assert len(remaining) == 11
    for info in remaining:
        assert verify_file(info.path) == []
        assert info.summary.filled_rows == 5 + (info.created - start).days + 1
    folder = backups.backup_folder(populated_db)
    assert len(list(folder.glob("*.json"))) == len(remaining)
