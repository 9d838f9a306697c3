"""Layouts of the three forms for 市发改委 (the unit leading the most items), built once per test session."""

from __future__ import annotations

import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.exports.layout import FormLayout, build_layout
from tests.exports import samples


def layout_of(kind: FormKind, content=None, **kwargs) -> FormLayout:  # noqa: ANN001
    makers = {FormKind.PLAN: samples.plan_content, FormKind.CONTACTS: samples.contacts_content,
              FormKind.PROGRESS: samples.progress_content}
    content = content if content is not None else makers[kind]()
    return build_layout(content, samples.SETTINGS[kind], samples.definition(kind),
                        part_titles=samples.PART_TITLES, **kwargs)


@pytest.fixture(scope="session")
def plan_layout() -> FormLayout:
    return layout_of(FormKind.PLAN)


@pytest.fixture(scope="session")
def contacts_layout() -> FormLayout:
    return layout_of(FormKind.CONTACTS)


@pytest.fixture(scope="session")
def progress_layout() -> FormLayout:
    return layout_of(FormKind.PROGRESS)
