"""The 填报 tab on the real main window: built only when shown, follows the chosen unit."""

from __future__ import annotations

from gwr_desktop.domain.plan import FormKind
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
    set_setting(db, UNIT_KEY, "江夏区人民政府")
    qtbot.waitUntil(lambda: workspace.plan_editor.unit == "江夏区人民政府", timeout=3000)


def test_menus_carry_export_and_restore(make_window) -> None:  # noqa: ANN001
    window = make_window("市商务局")
    assert [a.text() for a in window.forms_menu.actions()] == ["定稿与导出…", "打印预览…", "定稿记录…", "报送…"]
    assert window.file_menu.actions()[0].text() == "恢复备份…"
    assert window.file_menu.actions()[-1].text() == "退出"


def test_export_context_is_the_form_on_screen(make_window) -> None:  # noqa: ANN001
    window = make_window("市商务局")
    window.show_page(window.forms_page)
    workspace = window.forms_page.workspace
    assert workspace.current_form() == (FormKind.PLAN, None)
    workspace.setCurrentWidget(workspace.contacts_editor)
    assert workspace.current_form() == (FormKind.CONTACTS, None)
    workspace.open_form(FormKind.PROGRESS, 3)
    assert workspace.current_form() == (FormKind.PROGRESS, 3)
