"""The task browser driven through its real widgets: role buttons, keyword box, tree, table, detail, problems."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from gwr_desktop.services.preferences import UNIT_KEY, set_setting
from gwr_desktop.ui.models.plan_tree import BRANCH_ROLE
from gwr_desktop.ui.models.task_table import LEAD_COLUMN, ROLE_COLUMN
from tests.ui.conftest import type_text, visible_keys


def click_row(qtbot, view, row: int, column: int = 0) -> None:  # noqa: ANN001 - pytest-qt bot, item view
    index = view.model().index(row, column)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(2, 0))


def click_key(qtbot, browser, key: str) -> None:  # noqa: ANN001
    click_row(qtbot, browser.table, visible_keys(browser).index(key))


def roles_shown(browser) -> set[str]:  # noqa: ANN001
    proxy = browser.proxy
    return {proxy.index(row, ROLE_COLUMN).data() for row in range(proxy.rowCount())}


def test_every_model_passes_the_model_tester(make_window, qtmodeltester) -> None:
    window = make_window("市商务局")
    browser = window.browser
    qtmodeltester.check(browser.table_model)
    qtmodeltester.check(browser.tree_model)
    qtmodeltester.check(window.problems.model)
    browser.proxy.set_keyword("消费")
    qtmodeltester.check(browser.proxy)


def test_role_buttons_filter_my_items(make_window, qtbot) -> None:
    browser = make_window("市商务局").browser
    bar = browser.filter_bar
    assert bar.role_buttons["mine"].isChecked()  # with a unit chosen, "mine" is where the window opens
    assert bar.count.text() == "显示 44 / 共 322 项"
    qtbot.mouseClick(bar.role_buttons["lead"], Qt.MouseButton.LeftButton)
    assert browser.proxy.rowCount() == 23 and roles_shown(browser) == {"牵头"}
    assert bar.count.text() == "显示 23 / 共 322 项"
    qtbot.mouseClick(bar.role_buttons["responsible"], Qt.MouseButton.LeftButton)
    assert browser.proxy.rowCount() == 21 and roles_shown(browser) == {"参与"}
    qtbot.mouseClick(bar.role_buttons["all"], Qt.MouseButton.LeftButton)
    assert browser.proxy.rowCount() == 322 and roles_shown(browser) == {"牵头", "参与", ""}


def test_without_a_unit_only_the_whole_plan_can_be_shown(make_window) -> None:
    window = make_window()
    bar = window.browser.filter_bar
    assert bar.role_buttons["all"].isChecked() and window.browser.proxy.rowCount() == 322
    assert not bar.role_buttons["lead"].isEnabled()
    assert "未选择单位" in window.windowTitle() and "未选择单位" in window.status_unit_label.text()


def test_keyword_matches_text_units_and_the_item_key(make_window, qtbot) -> None:
    browser = make_window("市商务局").browser
    qtbot.mouseClick(browser.filter_bar.role_buttons["all"], Qt.MouseButton.LeftButton)
    box = browser.filter_bar.keyword
    type_text(box, "二-15")
    assert visible_keys(browser) == ["二-15"]  # the key, exactly: not 二-150…二-159
    box.clear()
    qtbot.keyClicks(box, "2-15")
    assert visible_keys(browser) == ["二-15"]
    box.clear()
    qtbot.keyClicks(box, "5g")  # case-insensitive: the plan prints "5G"
    assert visible_keys(browser) == ["二-28", "二-41", "二-182"]
    box.clear()
    type_text(box, "乡村振兴局 五峰")  # a unit and a word of the text, both required
    assert visible_keys(browser) == ["二-75"]
    box.clear()
    assert browser.proxy.rowCount() == 322


def test_keyword_and_role_combine(make_window, qtbot) -> None:
    browser = make_window("市商务局").browser
    qtbot.mouseClick(browser.filter_bar.role_buttons["lead"], Qt.MouseButton.LeftButton)
    type_text(browser.filter_bar.keyword, "消费")
    keys = visible_keys(browser)
    assert keys and "二-1" in keys and roles_shown(browser) == {"牵头"}
    assert browser.filter_bar.count.text() == f"显示 {len(keys)} / 共 322 项"


def test_rows_follow_the_plan_order_not_string_order(make_window, qtbot) -> None:
    browser = make_window().browser
    keys = visible_keys(browser)
    assert keys[:7] == ["一-1", "一-2", "一-3", "一-4", "一-5", "二-1", "二-2"]
    assert keys.index("二-10") == keys.index("二-9") + 1
    assert keys[-1] == "四-69"
    header = browser.table.horizontalHeader()
    first_column = QPoint(header.sectionViewportPosition(0) + 10, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=first_column)
    assert visible_keys(browser)[:2] == ["四-69", "四-68"]


def test_detail_shows_the_host_office_of_二_1_for_市商务局(make_window, qtbot) -> None:
    browser = make_window("市商务局").browser
    click_key(qtbot, browser, "二-1")
    assert browser.current_item().key == "二-1"
    text = browser.detail.toPlainText()
    assert "二-1" in text and "把恢复和扩大消费摆在优先位置" in text
    assert "市建设国际消费中心城市工作领导小组办公室〈市商务局〉" in text
    assert "二、重点工作" in text and "——千方百计提振促进消费" in text and "第 45 行" in text
    assert "市商务局：牵头" in text and "承办单位" in text


def test_detail_shows_both_scopes_of_二_49(make_window, qtbot) -> None:
    window = make_window("市经信局")
    browser = window.browser
    click_key(qtbot, browser, "二-49")
    text = browser.detail.toPlainText()
    assert "分项分工" in text
    assert "创新“两个一百平方公里”工业园区运营机制" in text and "创新服务业集聚区园区运营机制" in text
    assert "牵头单位：市经信局" in text and "牵头单位：市发改委" in text
    assert "市经信局：牵头" in text


def test_detail_marks_a_lead_that_comes_from_the_no_lead_rule(make_window, qtbot) -> None:
    browser = make_window().browser
    click_key(qtbot, browser, "二-50")
    assert "（无牵头单位，责任单位即为牵头单位）" in browser.detail.toPlainText()
    row = visible_keys(browser).index("二-50")
    assert "无牵头单位" in browser.proxy.index(row, LEAD_COLUMN).data(Qt.ItemDataRole.ToolTipRole)


def test_a_group_reaches_a_district_and_the_detail_says_how(make_window, qtbot) -> None:
    browser = make_window("江夏区人民政府").browser
    click_key(qtbot, browser, "一-1")
    text = browser.detail.toPlainText()
    assert "江夏区人民政府：参与" in text and "属于“各区人民政府”" in text


def test_choosing_a_tree_node_filters_to_that_branch(make_window, qtbot) -> None:
    window = make_window()
    browser = window.browser
    heading = browser.tree_model.index_of_branch(("二", "着力扩大内需，持续增强稳增长内生动力", "千方百计提振促进消费"))
    assert heading.isValid() and heading.data() == "——千方百计提振促进消费"
    browser.tree.expand(heading.parent())
    browser.tree.scrollTo(heading)
    qtbot.mouseClick(browser.tree.viewport(), Qt.MouseButton.LeftButton, pos=browser.tree.visualRect(heading).center())
    assert visible_keys(browser) == [f"二-{n}" for n in range(1, 13)]
    assert browser.filter_bar.part.currentText() == "二、重点工作"
    browser.filter_bar.part.setCurrentIndex(browser.filter_bar.part.findData("四"))
    assert browser.tree.currentIndex().data(BRANCH_ROLE) == ("四", None, None)
    assert browser.proxy.rowCount() == 69 and visible_keys(browser)[0] == "四-1"
    browser.filter_bar.part.setCurrentIndex(0)
    assert browser.tree.currentIndex().data() == "全部" and browser.proxy.rowCount() == 322


def test_problems_panel_lists_the_stray_fragment_and_jumps_to_二_154(make_window, qtbot) -> None:
    window = make_window("市商务局")
    browser, panel = window.browser, window.problems
    qtbot.mouseClick(browser.filter_bar.role_buttons["lead"], Qt.MouseButton.LeftButton)
    assert "二-154" not in visible_keys(browser)
    assert window.problems_dock.windowTitle() == "待核对问题"
    model = panel.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "残留文字"
    assert "二-154 之后" in model.index(0, 1).data()
    assert model.index(0, 2).data() == "位:市科技局、市人社局、市市场监管局)"
    click_row(qtbot, panel.view, 0, 2)
    assert browser.current_item().key == "二-154"  # filters that hid it were cleared
    assert "二-154" in browser.detail.toPlainText()


def test_switching_unit_updates_the_table_title_and_status(make_window, db, qtbot) -> None:
    window = make_window("市商务局")
    browser = window.browser
    assert browser.proxy.rowCount() == 44 and "市商务局" in window.windowTitle()
    with qtbot.waitSignal(window.context_changed):
        set_setting(db, UNIT_KEY, "江夏区人民政府")
    assert browser.proxy.rowCount() == 163
    assert "一-1" in visible_keys(browser)
    row = visible_keys(browser).index("一-1")
    assert browser.proxy.index(row, ROLE_COLUMN).data() == "参与"
    assert "江夏区人民政府" in window.windowTitle()
    assert window.status_unit_label.text() == "江夏区人民政府：牵头 5 项，参与 158 项"
    assert window.unit_label.text() == "本单位：江夏区人民政府"


def test_status_bar_names_plan_and_document_number(make_window) -> None:
    window = make_window("市商务局")
    assert window.plan_label.text() == "2023年市《政府工作报告》目标任务责任分解方案（武政办〔2023〕1号）"
    assert "2023年市《政府工作报告》目标任务责任分解方案" in window.windowTitle()
    assert window.count_label.text() == "显示 44 / 共 322 项"
    assert not window.plan_combo_action.isVisible()  # only one plan: no selector


def test_long_text_is_readable(make_window) -> None:
    browser = make_window().browser
    table = browser.table
    assert table.wordWrap()
    assert table.verticalHeader().defaultSectionSize() >= 3 * table.fontMetrics().lineSpacing()
    row = visible_keys(browser).index("三-1")
    index = browser.proxy.index(row, 1)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()  # the full text, however long
    assert len(index.data()) > 150


def test_sorting_by_my_role_keeps_the_selection(make_window, qtbot, qtmodeltester) -> None:
    browser = make_window("市商务局").browser
    qtbot.mouseClick(browser.filter_bar.role_buttons["all"], Qt.MouseButton.LeftButton)
    click_key(qtbot, browser, "二-7")
    browser.table.sortByColumn(ROLE_COLUMN, Qt.SortOrder.AscendingOrder)
    keys = visible_keys(browser)
    assert keys[:3] == ["二-1", "二-2", "二-4"]  # 牵头 first, in plan order
    assert browser.proxy.index(23, ROLE_COLUMN).data() == "参与"
    assert browser.current_item().key == "二-7"
    assert browser.table.currentIndex().row() == keys.index("二-7")
    qtmodeltester.check(browser.proxy)
    browser.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert visible_keys(browser)[:2] == ["一-1", "一-2"]


def test_the_selected_item_stays_selected_while_filtering(make_window, qtbot) -> None:
    browser = make_window("市商务局").browser
    click_key(qtbot, browser, "二-2")
    type_text(browser.filter_bar.keyword, "消费")
    assert browser.current_item().key == "二-2" and "二-2" in browser.detail.toPlainText()
    qtbot.mouseClick(browser.filter_bar.role_buttons["responsible"], Qt.MouseButton.LeftButton)
    assert browser.current_item() is None  # 二-2 is led by 市商务局, so it is filtered out …
    assert "在左侧表格中选中一项" in browser.detail.toPlainText()  # … and the detail does not pretend otherwise


def test_showing_a_plan_counts_once_and_counts_right(make_window) -> None:
    """Issue 15: showing the plan changed the filters four times and counted every shown item under the outline
    after each (a quarter of the first paint's own work); now once, with the same counts."""
    window = make_window("市商务局")
    browser = window.browser
    announced: list[tuple[int, int]] = []
    browser.counts_changed.connect(lambda shown, total: announced.append((shown, total)))
    window.show_view(window.current_view())
    assert announced == [(44, 322)]
    assert browser.filter_bar.count.text() == "显示 44 / 共 322 项"
    whole = browser.tree_model.whole_plan_index()
    assert "44" in str(whole.siblingAtColumn(1).data())  # the outline's counts are those of the items shown
    browser.set_role_filter("all")
    assert announced[-1] == (322, 322) and len(announced) == 2


def test_the_outline_count_column_fits_without_re_measuring_at_each_keystroke(make_window, qtbot) -> None:
    """Issue 15: ResizeToContents on the count column re-measured the whole outline at every count change (15
    times per keystroke: 9 of a 322-row search's 16 ms). It is sized once per plan, for its largest count."""
    from PySide6.QtWidgets import QHeaderView

    browser = make_window("市商务局").browser
    header = browser.tree.header()
    assert header.sectionResizeMode(1) is QHeaderView.ResizeMode.Fixed
    fits = header.sectionSize(1)
    browser.set_role_filter("all")  # the largest counts there are: the plan's own
    assert fits >= browser.tree.sizeHintForColumn(1) and fits >= header.sectionSizeHint(1)
    type_text(browser.filter_bar.keyword, "消费")
    qtbot.waitUntil(lambda: browser.proxy.rowCount() < 322)
    assert header.sectionSize(1) == fits
