"""Start-up pieces: Chinese standard dialogs, lazy imports, the window over an empty database, the hub bridge,
preferences shared with the command line, and the window's own layout remembered between runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from gwr_desktop.app import build_main_window, install_translations
from gwr_desktop.services.database import open_database
from gwr_desktop.services.events import Change
from gwr_desktop.services.preferences import UNIT_KEY, get_setting, set_setting
from gwr_desktop.ui.hub_bridge import HubBridge

ROOT = Path(__file__).resolve().parents[2]


def test_standard_dialogs_speak_chinese(qapp: QApplication) -> None:
    translators = install_translations(qapp)
    try:
        assert translators, "Qt's qtbase_zh_CN catalogue was not found"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert QCoreApplication.translate("QPlatformTheme", "OK") == "确定"
        assert QCoreApplication.translate("QLineEdit", "Select All") == "全选"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, env=env,
                            check=True, timeout=120)
    return set(result.stdout.split())


def test_the_command_line_never_loads_qt() -> None:
    loaded = _modules_after("import gwr_desktop.app, gwr_desktop.cli")
    assert not any(name.startswith("PySide6") for name in loaded)


def test_the_window_loads_no_exporter_libraries(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    code = (
        "import os\n"
        f"os.environ['GWR_DATA_DIR'] = {str(tmp_path)!r}\n"
        "from gwr_desktop.app import create_application, build_main_window\n"
        "from gwr_desktop.services.database import open_database\n"
        "app = create_application()\n"
        f"window = build_main_window(open_database({url!r}))\n"
        "window.show(); app.processEvents()"
    )
    loaded = _modules_after(code)
    assert "gwr_desktop.ui.main_window" in loaded
    assert not {"openpyxl", "docx"} & {name.split(".")[0] for name in loaded}


def test_the_window_copes_with_an_empty_database(tmp_path: Path, qtbot) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        window = build_main_window(db)
        qtbot.addWidget(window)
        window.show()
        assert window.plan_label.text() == "尚未导入方案"
        assert window.browser.proxy.rowCount() == 0
        assert window.browser.filter_bar.count.text() == "显示 0 / 共 0 项"
    finally:
        db.close()


def test_add_page_appends_a_tab_after_the_browser(make_window) -> None:
    from PySide6.QtWidgets import QLabel

    window = make_window("市商务局")
    page = QLabel("附表1")
    index = window.add_page(page, "办理方案")
    assert window.tabs.tabText(0) == "责任事项" and window.tabs.tabText(1) == "填报"  # ui.pages installs 填报
    assert index == window.tabs.count() - 1 and window.tabs.tabText(index) == "办理方案"  # after the feature tabs
    window.show_page(page)
    assert window.tabs.currentWidget() is page


def test_hub_bridge_forwards_changes_until_closed(db, qtbot) -> None:
    bridge = HubBridge(db.hub)
    received: list[Change] = []
    bridge.changed.connect(received.append)
    with qtbot.waitSignal(bridge.changed):
        set_setting(db, UNIT_KEY, "市商务局")
    assert received[-1] == Change("settings", unit="市商务局", detail={"key": UNIT_KEY, "value": "市商务局"})
    bridge.close()
    set_setting(db, UNIT_KEY, "市发改委")
    assert len(received) == 1
    bridge.close()  # closing twice is harmless


def test_preferences_are_stored_once_and_announced_once(db) -> None:
    changes: list[Change] = []
    db.hub.subscribe(changes.append)
    assert get_setting(db, UNIT_KEY) is None
    set_setting(db, UNIT_KEY, "市商务局")
    set_setting(db, UNIT_KEY, "市商务局")  # unchanged: no second announcement
    assert get_setting(db, UNIT_KEY) == "市商务局"
    reopened = open_database(db.url)
    try:
        assert get_setting(reopened, UNIT_KEY) == "市商务局"  # in the file, for the command line too
    finally:
        reopened.close()
    set_setting(db, UNIT_KEY, None)
    assert get_setting(db, UNIT_KEY) is None
    assert [c.detail["value"] for c in changes] == ["市商务局", None]


def test_a_unit_no_longer_in_the_registry_counts_as_not_chosen(make_window, db) -> None:
    set_setting(db, UNIT_KEY, "早已撤销的单位")
    window = make_window()
    assert window.unit_name is None
    assert window.ask_unit_if_missing() is not None


def test_window_layout_is_remembered(make_window, ui_settings) -> None:
    window = make_window("市商务局")
    window.resize(760, 560)  # fits the offscreen screen (800×800), so restoring does not shrink it
    window.browser.splitter.setSizes([150, 400, 190])
    saved = window.browser.splitter.sizes()
    window.close()
    assert ui_settings.value("window/geometry") is not None
    again = make_window(restore=True)
    assert again.size() == window.size()
    assert again.browser.splitter.sizes() == saved


def test_a_second_plan_shows_the_selector_and_only_one_plan_is_loaded(make_window, db, tmp_path, qtbot) -> None:
    from gwr_desktop.paths import bundled_plan
    from gwr_desktop.services.plan_import import import_plan

    window = make_window("市商务局")
    assert not window.plan_combo_action.isVisible()
    text = bundled_plan().read_text(encoding="utf-8")
    revised = text.replace("武政办〔2023〕1号", "武政办〔2023〕9号").replace("增长 6.5% 以上", "增长 7% 以上")
    (tmp_path / "revised.txt").write_text(revised, encoding="utf-8")
    with qtbot.waitSignal(window.context_changed):
        result = import_plan(db, tmp_path / "revised.txt")  # announced on the hub; the window follows
    assert window.plan_combo_action.isVisible() and window.plan_combo.count() == 2
    row = window.plan_combo.findData(result.plan_key)
    window.plan_combo.setCurrentIndex(row)
    with qtbot.waitSignal(window.context_changed):
        window.plan_combo.activated.emit(row)
    assert window.plan_key == result.plan_key
    assert window.browser.table_model.rowCount() == 322  # one plan's items, not both
    assert "武政办〔2023〕9号" in window.plan_label.text()
    assert window.browser.select_item("一-1")
    assert "增长7%以上" in window.browser.detail.toPlainText().replace(" ", "")


FIRST_RUN = """
import argparse, json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gwr_desktop.app import create_application, run_app
from gwr_desktop.ui.main_window import MainWindow

app = create_application()
seen = {}
started = time.monotonic()

def look():
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if windows:
        window = windows[0]
        asked = window._unit_chooser is not None and window._unit_chooser.isVisible()
        if asked and "asked_before_services" not in seen:
            seen["asked_before_services"] = window.db is None  # the chooser does not wait for the database
        if window.db is not None:
            seen["rows"] = window.browser.table_model.rowCount()
            seen["asked"] = asked
            seen["title"] = window.windowTitle()
            window.close()
            app.quit()
            return
    if time.monotonic() - started > 60:
        app.quit()
        return
    QTimer.singleShot(10, look)

QTimer.singleShot(0, look)
seen["code"] = run_app(argparse.Namespace(db=sys.argv[1], command=None))
print(json.dumps(seen, ensure_ascii=False))
"""


def test_run_app_first_run_builds_the_database_and_asks_for_the_unit(tmp_path: Path) -> None:
    # A real process: QApplication.exec() runs once per process, and after it returns Qt treats the
    # application as closing (focus and editors behave differently), which would leak into later tests.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GWR_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", FIRST_RUN, str(tmp_path / "first.db")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert (seen["code"], seen["rows"], seen["asked"]) == (0, 322, True)
    assert seen["asked_before_services"] is True  # usable at first paint: the registry's units, no waiting
    assert "未选择单位" in seen["title"]
    assert (tmp_path / "first.db").exists()
