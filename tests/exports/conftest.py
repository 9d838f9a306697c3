"""Layouts of the three forms for 市发改委 (the unit leading the most items), built once per test session."""

from __future__ import annotations

import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.layout import FormLayout, build_layout
from gwr_desktop.services import form_content
from gwr_desktop.services.database import Database
from tests.exports import samples


@pytest.fixture(autouse=True)
def _widgets_app_first(qapp) -> None:  # noqa: ANN001, PT004
    """PDF export makes a bare QGuiApplication when none exists (the command line); in one pytest process that
    would block pytest-qt's QApplication later, so every test here starts with the widgets application."""


def layout_of(kind: FormKind, content=None, **kwargs) -> FormLayout:  # noqa: ANN001
    makers = {FormKind.PLAN: samples.plan_content, FormKind.CONTACTS: samples.contacts_content,
              FormKind.PROGRESS: samples.progress_content}
    content = content if content is not None else makers[kind]()
    return build_layout(content, part_titles=samples.PART_TITLES, **kwargs)


@pytest.fixture(scope="session")
def plan_layout() -> FormLayout:
    return layout_of(FormKind.PLAN)


@pytest.fixture(scope="session")
def contacts_layout() -> FormLayout:
    return layout_of(FormKind.CONTACTS)


@pytest.fixture(scope="session")
def progress_layout() -> FormLayout:
    return layout_of(FormKind.PROGRESS)


@pytest.fixture
def filled_db(db: Database) -> Database:
    """市发改委's three forms filled in (附表3 for the second quarter)."""
    for content in (samples.plan_content(), samples.contacts_content(), samples.progress_content()):
        form_content.replace_content(db, content)
    return db
