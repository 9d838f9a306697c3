"""The unit chooser: search by any part of a name or variant, keyboard only, and the choice lands in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gwr_desktop.services.catalogue import units
from gwr_desktop.services.preferences import UNIT_KEY, get_setting
from gwr_desktop.ui.models.unit_list import UnitListModel, UnitSearchProxy
from gwr_desktop.ui.unit_chooser import UnitChooserDialog
from tests.ui.conftest import type_text


def shown_names(dialog: UnitChooserDialog) -> list[str]:
    return [dialog.proxy.index(row, 0).data() for row in range(dialog.proxy.rowCount())]


def test_models_pass_the_model_tester(db, qtmodeltester) -> None:
    model = UnitListModel(units(db))
    proxy = UnitSearchProxy(model)
    qtmodeltester.check(model)
    proxy.set_search("区")
    qtmodeltester.check(proxy)


def test_groups_are_not_choosable_and_units_are_labelled_by_kind(db, qtbot) -> None:
    dialog = UnitChooserDialog(units(db))
    qtbot.addWidget(dialog)
    names = shown_names(dialog)
    assert "各区人民政府" not in names and "市人民政府各部门" not in names
    assert "市商务局" in names and "江夏区人民政府" in names
    row = names.index("江夏区人民政府")
    assert dialog.proxy.index(row, 1).data() == "区人民政府"
    kinds = [dialog.proxy.index(r, 1).data() for r in range(len(names))]
    assert kinds.index("区人民政府") > kinds.index("市政府部门")  # grouped: departments first, then districts
    assert kinds[kinds.index("区人民政府"):].count("市政府部门") == 0


def test_typing_part_of_a_name_and_enter_chooses_it(make_window, db, qtbot) -> None:
    window = make_window()
    dialog = window.ask_unit_if_missing()  # first run: no unit yet, so the chooser opens
    assert dialog is not None and dialog.isVisible()
    type_text(dialog.search, "江夏")
    assert shown_names(dialog) == ["江夏区人民政府"]
    assert dialog.chosen_unit() == "江夏区人民政府"
    with qtbot.waitSignal(window.context_changed):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert get_setting(db, UNIT_KEY) == "江夏区人民政府"
    assert window.unit_name == "江夏区人民政府"
    assert "江夏区人民政府" in window.windowTitle()
    assert window.ask_unit_if_missing() is None  # chosen once, not asked again


def test_a_variant_finds_the_unit(db, qtbot) -> None:
    dialog = UnitChooserDialog(units(db))
    qtbot.addWidget(dialog)
    type_text(dialog.search, "东湖新技术")  # 东湖新技术开发区 is a variant of 东湖高新区管委会
    assert shown_names(dialog) == ["东湖高新区管委会"]


def test_arrow_keys_in_the_search_box_move_the_choice(db, qtbot) -> None:
    dialog = UnitChooserDialog(units(db))
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.search, "区人民政府")
    names = shown_names(dialog)
    assert dialog.chosen_unit() == names[0]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.chosen_unit() == names[2]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Up)
    assert dialog.chosen_unit() == names[1]
    assert dialog.focusWidget() is dialog.search  # typing can go on
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Enter)


def test_no_match_says_so_and_cannot_be_confirmed(db, qtbot) -> None:
    dialog = UnitChooserDialog(units(db), current="市商务局")
    qtbot.addWidget(dialog)
    assert dialog.chosen_unit() == "市商务局"  # the current unit is preselected
    type_text(dialog.search, "不存在的单位")
    assert shown_names(dialog) == []
    assert "没有名称中含“不存在的单位”的单位" in dialog.status.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == 0 and dialog.chosen_unit() is None


def test_switch_unit_is_in_the_menu_and_the_toolbar(make_window, db, qtbot) -> None:
    window = make_window("市商务局")
    action = window.switch_unit_action
    menu_actions = [a for menu in window.menuBar().actions() for a in menu.menu().actions()]
    assert action in menu_actions
    assert any(action in toolbar.actions() for toolbar in window.findChildren(type(window.addToolBar("x"))))
    action.trigger()
    dialog = window.findChild(UnitChooserDialog)
    assert dialog is not None and dialog.chosen_unit() == "市商务局"
    type_text(dialog.search, "江夏")
    with qtbot.waitSignal(window.context_changed):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert get_setting(db, UNIT_KEY) == "江夏区人民政府"
