"""The main window: tabs (the task browser first; form editors and others are added with add_page),
the 待核对问题 dock, the unit switcher, and a status bar naming the plan and the unit.

At start-up the window first shows a StartView without a database — the snapshot cached by the last run, or
the registry's units and no plan yet — and takes input at once: tabs, search, 切换单位 and the plan switcher
work; a unit or plan chosen then is kept and written when the services are attached (`attach`, once the
services loader has opened them on its thread; see ui/services_loader.py). Until then the status bar says
that the database is opening.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from gwr_desktop import APP_TITLE, __version__
from gwr_desktop.domain.catalogue import UnitRow
from gwr_desktop.domain.plan import Role
from gwr_desktop.services.events import Change
from gwr_desktop.services.start_view import StartView
from gwr_desktop.ui.context import PlanContext, UnitContext, contexts_of, load_unit, view_of
from gwr_desktop.ui.hub_bridge import HubBridge
from gwr_desktop.ui.item_detail import Viewer
from gwr_desktop.ui.plan_import.menu import install_plan_import
from gwr_desktop.ui.problems_panel import ProblemsPanel
from gwr_desktop.ui.safety.data_menu import install_data_actions
from gwr_desktop.ui.task_browser import TaskBrowser
from gwr_desktop.ui.unit_chooser import UnitChoice, UnitChooserDialog

# services/preferences.py's keys, spelled here so choosing before the services are imported needs nothing of
# them (tests/ui/test_start_view.py checks they agree)
UNIT_SETTING, PLAN_SETTING = "unit", "plan"

if TYPE_CHECKING:
    from gwr_desktop.services.database import Database
    from gwr_desktop.ui.contributions.menu import ContributionsTab
    from gwr_desktop.ui.forms_page import FormsPage
    from gwr_desktop.ui.office.menu import OfficePage
    from gwr_desktop.ui.office.outcomes import OutcomeDialog
    from gwr_desktop.ui.officer.backup_schedule import BackupSchedule
    from gwr_desktop.ui.officer.contacts_offer import ContactsOffer
    from gwr_desktop.ui.officer.dock_room import DockMakesRoom
    from gwr_desktop.ui.officer.handover_dialog import HandoverDialog
    from gwr_desktop.ui.officer.help_dialog import HelpDialog
    from gwr_desktop.ui.officer.save_state import SaveTracker
    from gwr_desktop.ui.plan_import.flow import PlanImportFlow


class MainWindow(QMainWindow):
    context_changed = Signal(str, str)  # plan key, unit ("" when not chosen) — for pages added later

    # Set by the features' install functions (ui/pages.py and what it calls), not here; declared for type checkers.
    forms_page: FormsPage  # ui/pages.py
    opening_action: QAction | None
    export_actions: dict[str, QAction]
    contributions_tab: ContributionsTab  # ui/contributions/menu.py
    contribution_actions: dict[str, QAction]
    contribution_dialog: OutcomeDialog
    office_page: OfficePage  # ui/office/menu.py
    office_actions: dict[str, QAction]
    save_tracker: SaveTracker  # ui/officer/window_actions.py
    backups: BackupSchedule
    contacts_offer: ContactsOffer
    dock_room: DockMakesRoom
    import_form_action: QAction
    save_action: QAction
    handover_action: QAction
    help_action: QAction
    handover_dialog: HandoverDialog
    help_dialog: HelpDialog

    def __init__(self, db: Database | None, ui_settings: QSettings | None = None, parent: QWidget | None = None,
                 *, view: StartView | None = None) -> None:
        """With db: read everything now. Without: show view (a cached StartView) until attach(db)."""
        super().__init__(parent)
        self.db: Database | None = None
        self.ui_settings = ui_settings
        self.bridge: HubBridge | None = None
        self.plan = PlanContext(plans=[], catalogue=None)
        self.unit = UnitContext(unit=None, viewer=Viewer(None))
        self.units: list[UnitRow] = []  # read by reload()
        self._shown = False  # whether show_view has run (an empty database still needs its titles)
        self._pending: dict[str, str] = {}  # settings chosen before the services were attached
        self._unit_chooser: UnitChooserDialog | None = None
        self.unit_choices: list[UnitChoice] = []  # offered besides the units (督查室 …), added by features
        self.plan_import: PlanImportFlow | None = None  # 文件 → 导入方案…, made on first use
        self.browser = TaskBrowser(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.browser, "责任事项")
        self.setCentralWidget(self.tabs)
        self.problems = ProblemsPanel(self)
        self.problems_dock = self._build_dock()
        self._build_actions()
        self._build_status_bar()
        self.problems.jump_requested.connect(self._jump_to_item)
        self.browser.counts_changed.connect(self._show_counts)
        self._fit_to_screen(1400, 860)
        if db is not None:
            self.attach(db)
        else:
            self._set_writable(False)
            if view is not None:
                self.show_view(view)

    def show_loading(self, text: str | None) -> None:
        """Say that something is still opening (None: done), where the plan's name is shown."""
        if text:
            self.statusBar().showMessage(text)
        else:
            self.statusBar().clearMessage()

    # --- public API -------------------------------------------------------------------------------

    def add_page(self, widget: QWidget, title: str) -> int:
        """Add a feature page (form editor, dashboard …) as a tab; returns its tab index."""
        return self.tabs.addTab(widget, title)

    def show_page(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)

    @property
    def plan_key(self) -> str | None:
        return self.plan.key

    @property
    def unit_name(self) -> str | None:
        return self.unit.unit

    def attach(self, db: Database, fresh: StartView | None = None) -> bool:
        """The services are ready: listen for changes, show what they say (`fresh`, read here when not
        given), write what was chosen meanwhile, allow everything. True when what the services say differs
        from the view shown so far (a stale snapshot), which is then replaced."""
        self.db = db
        self.bridge = HubBridge(db.hub, self)
        self.bridge.changed.connect(self._on_change)
        if fresh is None:
            from gwr_desktop.services import catalogue as catalogue_service
            from gwr_desktop.services.start_view import read_view

            fresh = read_view(db, catalogue_service.units(db))
        stale = not self._shown or fresh != self.current_view()
        if stale:
            self.show_view(fresh)
        self._set_writable(True)
        self.show_loading(None)
        self._write_pending()
        return stale

    def current_view(self) -> StartView:
        return view_of(self.plan, self.unit, self.units)

    def reload(self) -> None:
        """Read plans, the chosen plan and the chosen unit again (start-up, import, settings change)."""
        from gwr_desktop.services import catalogue as catalogue_service
        from gwr_desktop.services.start_view import read_view

        assert self.db is not None, "reload needs the database (attach first)"
        self.units = catalogue_service.units(self.db)
        self.show_view(read_view(self.db, self.units))

    def show_view(self, view: StartView) -> None:
        """Show a plan and unit: read from the services, or the snapshot cached by the last run."""
        self.plan, self.unit = contexts_of(view)
        self.units = list(view.units) or self.units
        self._shown = True
        with self.browser.announcing_once():  # the plan, the unit and the role filter: counted once
            if self.plan.catalogue is not None:
                self.browser.load(self.plan.catalogue, self.unit.roles, self.unit.viewer)
                self.problems.set_problems(self.plan.catalogue.problems)
            self.browser.set_role_filter(self.browser.default_role_filter())
        self._show_plans()
        self._announce()

    def open_unit_chooser(self) -> UnitChooserDialog:
        """Open the chooser (window-modal, not blocking); accepting it stores the unit in the database."""
        if self._unit_chooser is not None:
            # One chooser at a time; the previous one is released here rather than by WA_DeleteOnClose,
            # which raced with the window's own teardown.
            self._unit_chooser.deleteLater()
        dialog = UnitChooserDialog(self.units, self.unit.unit, self, [c.label for c in self.unit_choices])
        dialog.accepted.connect(self._on_unit_chosen)
        self._unit_chooser = dialog
        dialog.open()
        return dialog

    def ask_unit_if_missing(self) -> UnitChooserDialog | None:
        """First run: nobody has said whose liaison officer this is yet."""
        if self.unit.unit is not None or any(choice.is_current() for choice in self.unit_choices):
            return None
        return self.open_unit_chooser()

    def save_ui_state(self) -> None:
        if self.ui_settings is None:
            return
        self.ui_settings.setValue("window/geometry", self.saveGeometry())
        self.ui_settings.setValue("window/state", self.saveState())
        self.browser.save_state(self.ui_settings)
        self.ui_settings.sync()

    def restore_ui_state(self) -> None:
        if self.ui_settings is None:
            return
        geometry, state = self.ui_settings.value("window/geometry"), self.ui_settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self.browser.restore_state(self.ui_settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_ui_state()
        if self.bridge is not None:
            self.bridge.close()
        super().closeEvent(event)

    # --- construction -----------------------------------------------------------------------------

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The first-run size, but never larger than the screen (1366×768 laptops are common)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() * 95 // 100), min(height, screen.height() * 95 // 100)
        self.resize(width, height)

    def _build_dock(self) -> QDockWidget:
        dock = QDockWidget("待核对问题", self)
        dock.setObjectName("problems_dock")
        dock.setWidget(self.problems)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.resizeDocks([dock], [105], Qt.Orientation.Vertical)
        return dock

    def _build_actions(self) -> None:
        self.switch_unit_action = QAction("切换单位…", self)
        self.switch_unit_action.setShortcut(QKeySequence("Ctrl+U"))
        self.switch_unit_action.setToolTip("选择本单位（Ctrl+U）")
        self.switch_unit_action.triggered.connect(self.open_unit_chooser)
        clear_action = QAction("清除筛选", self)
        clear_action.triggered.connect(self.browser.clear_filters)
        quit_action = QAction("退出", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        about_action = QAction("关于", self)
        about_action.triggered.connect(self._about)
        problems_action = self.problems_dock.toggleViewAction()
        problems_action.setText("待核对问题")
        menus = self.menuBar()
        self.file_menu = menus.addMenu("文件")
        self.file_menu.addAction(quit_action)
        self.import_plan_action = install_plan_import(self)
        menus.addMenu("单位").addAction(self.switch_unit_action)
        self.forms_menu = menus.addMenu("表格")  # filled by ui.pages: 定稿与导出, 打印预览, 定稿记录
        view_menu = menus.addMenu("查看")
        view_menu.addActions([clear_action, problems_action])
        menus.addMenu("帮助").addAction(about_action)
        self.data_actions = install_data_actions(self)  # 备份到…, 数据文件夹…, 帮助 → 日志文件夹
        toolbar = QToolBar("工具栏", self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.switch_unit_action)
        self.unit_label = QLabel(self)
        self.unit_label.setContentsMargins(8, 0, 16, 0)
        self.unit_label.setStyleSheet("font-weight: bold;")
        toolbar.addWidget(self.unit_label)
        self.plan_combo_label = QLabel("方案：", self)
        self.plan_combo = QComboBox(self)
        self.plan_combo.setToolTip("当前方案：窗口显示它，命令行默认用它（选择另一年度的方案即切换）")
        self.plan_combo.activated.connect(self._on_plan_chosen)
        self.plan_combo_label_action = toolbar.addWidget(self.plan_combo_label)
        self.plan_combo_action = toolbar.addWidget(self.plan_combo)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.plan_label, self.status_unit_label, self.count_label = QLabel(self), QLabel(self), QLabel(self)
        for label in (self.plan_label, self.status_unit_label, self.count_label):
            label.setContentsMargins(8, 0, 8, 0)
        bar = self.statusBar()
        bar.addWidget(self.plan_label, 1)
        bar.addPermanentWidget(self.status_unit_label)
        bar.addPermanentWidget(self.count_label)

    # --- reactions --------------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        from gwr_desktop.services.preferences import PLAN_KEY, UNIT_KEY  # changes arrive only after attach

        if change.topic == "catalogue":
            self.reload()
        elif change.topic == "settings" and change.detail.get("key") == UNIT_KEY:
            self._reload_unit()
        elif change.topic == "settings" and change.detail.get("key") == PLAN_KEY:
            self.reload()

    def _set_writable(self, writable: bool) -> None:
        """Before attach nothing may write: a unit or plan chosen is kept until then (see _choose); the plan
        import, a dialog that writes at once, waits for the database."""
        self.import_plan_action.setEnabled(writable)

    def _choose(self, key: str, value: str) -> None:
        """A setting the officer chose: written now, or when the services are attached."""
        from gwr_desktop.services.preferences import set_setting  # only once the services are open

        if self.db is None:
            self._pending[key] = value
            self.statusBar().showMessage(f"已选择“{value}”，数据库打开后即切换…")
            return
        set_setting(self.db, key, value)

    def _write_pending(self) -> None:
        pending, self._pending = self._pending, {}
        for key, value in pending.items():
            self._choose(key, value)

    def _reload_unit(self) -> None:
        assert self.db is not None, "a unit is reloaded on a change, and changes arrive only after attach"
        self.unit = load_unit(self.db, self.plan.key, self.units)
        self.browser.set_unit(self.unit.roles, self.unit.viewer)
        self.browser.set_role_filter(self.browser.default_role_filter())
        self._announce()

    def _on_unit_chosen(self) -> None:
        extra = self._unit_chooser.chosen_extra() if self._unit_chooser is not None else None
        choice = next((c for c in self.unit_choices if c.label == extra), None)
        if choice is not None:
            choice.choose()
            return
        name = self._unit_chooser.chosen_unit() if self._unit_chooser is not None else None
        if name:
            self._choose(UNIT_SETTING, name)

    def _on_plan_chosen(self, row: int) -> None:
        key = self.plan_combo.itemData(row)
        if key and key != self.plan.key:
            self._choose(PLAN_SETTING, key)

    def _show_counts(self, shown: int, total: int) -> None:
        self.count_label.setText(f"显示 {shown} / 共 {total} 项")

    def _jump_to_item(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.browser)
        if not self.browser.select_item(key):
            self.statusBar().showMessage(f"方案中没有 {key}。", 5000)

    def _show_plans(self) -> None:
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for plan in self.plan.plans:
            self.plan_combo.addItem(f"{plan.year}年方案（{plan.doc_number or plan.key}）", plan.key)
        self.plan_combo.setCurrentIndex(max(0, self.plan_combo.findData(self.plan.key)))
        self.plan_combo.blockSignals(False)
        self.plan_combo_action.setVisible(len(self.plan.plans) > 1)
        self.plan_combo_label_action.setVisible(len(self.plan.plans) > 1)

    def _announce(self) -> None:
        summary = self.plan.catalogue.summary if self.plan.catalogue else None
        unit = self.unit.unit
        plan_text = f"{summary.title}（{summary.doc_number}）" if summary else "尚未导入方案"
        self.setWindowTitle(f"{APP_TITLE} — {summary.title if summary else '尚未导入方案'} — {unit or '未选择单位'}")
        self.plan_label.setText(plan_text)
        self.unit_label.setText(f"本单位：{unit}" if unit else "本单位：未选择")
        if unit:
            lead, helping = self.unit.count(Role.LEAD), self.unit.count(Role.RESPONSIBLE)
            self.status_unit_label.setText(f"{unit}：牵头 {lead} 项，参与 {helping} 项")
        else:
            self.status_unit_label.setText("未选择单位（单位 → 切换单位）")
        self.context_changed.emit(self.plan.key or "", unit or "")

    def _about(self) -> None:
        from gwr_desktop.services.database import display_url

        where = display_url(self.db.url) if self.db is not None else "…"  # never a server login's password
        QMessageBox.about(self, "关于", f"{APP_TITLE}\n版本 {__version__}\n\n离线使用，数据保存在本机：\n{where}")
