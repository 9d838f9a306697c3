"""The 填报 tab on the real main window: built only when shown, follows the chosen unit."""

from __future__ import annotations

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content
from gwr_desktop.services.preferences import UNIT_KEY, set_setting


def test_forms_page_waits_for_a_unit(make_window) -> None:  # noqa: ANN001 - fixture factory
    window = make_window()
    window.show_page(window.forms_page)
    assert window.forms_page.workspace is None
    assert window.forms_page.currentWidget() is window.forms_page.hint


def test_forms_page_is_built_when_shown_and_follows_the_unit(make_window, db, qtbot) -> None:  # noqa: ANN001
    window = make_window("市商务局")
    assert window.forms_page.workspace is None  # the first paint does not build the editors
    window.show_page(window.forms_page)
    workspace = window.forms_page.workspace
    assert workspace is not None and window.forms_page.currentWidget() is workspace
    plan_keys = [item.key for item in form_content.load_content(db, "2023", "市商务局", FormKind.PLAN).items]
    assert plan_keys[0] == "二-1"
    set_setting(db, UNIT_KEY, "江夏区人民政府")
    qtbot.waitUntil(lambda: workspace.plan_editor.unit == "江夏区人民政府", timeout=3000)
