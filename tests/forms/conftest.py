"""The plan and unit the forms tests fill; the databases (`db`, `sqlite_db`) come from tests/conftest.py."""

from __future__ import annotations

PLAN = "2023"
UNIT = "市商务局"


