"""The window tests use the UI fixtures: a SQLite file copied from the session's template, the real window."""

from tests.ui.conftest import db, make_window, ui_settings  # noqa: F401 - fixtures, re-exported for this folder
