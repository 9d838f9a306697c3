"""The cached start view: the window painted from it shows what the services would show, nothing can
write before the database is attached, and a stale snapshot is refused or replaced."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from gwr_desktop.domain.plan import Role
from gwr_desktop.services import catalogue as catalogue_service
from gwr_desktop.services import start_view
from gwr_desktop.services.database import Database
from gwr_desktop.services.preferences import UNIT_KEY, get_setting, set_setting
from gwr_desktop.ui.main_window import MainWindow
from tests.ui.conftest import visible_keys

UNIT = "市商务局"


def fresh_view(db: Database) -> start_view.StartView:
    return start_view.read_view(db, catalogue_service.units(db))


def window_texts(window: MainWindow) -> dict[str, object]:
    model = window.browser.table_model
    rows = [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]
    return {"title": window.windowTitle(), "plan": window.plan_label.text(), "unit": window.unit_label.text(),
            "status": window.status_unit_label.text(), "counts": window.count_label.text(),
            "keys": visible_keys(window.browser), "rows": rows, "problems": window.problems.model.rowCount(),
            "plans": [window.plan_combo.itemText(i) for i in range(window.plan_combo.count())]}


def test_the_snapshot_round_trips_exactly(db: Database) -> None:
    set_setting(db, UNIT_KEY, UNIT)
    view = fresh_view(db)
    assert view.unit == UNIT and len(view.catalogue.items) == 322
    assert {Role.LEAD, Role.RESPONSIBLE} == set(view.roles.values())
    assert start_view.decode(start_view.encode(view)) == view
    assert start_view.decode('{"schema": 999, "view": {}}') is None
    assert start_view.decode("not json") is None


def test_the_decoded_snapshot_holds_each_repeated_text_once(db: Database) -> None:
    """Unit names, roles and titles repeat on every item: decoded, they share one object per distinct text
    (a 32,000-item plan otherwise held ~40 MB of copies), and the rows carry no per-instance __dict__."""
    set_setting(db, UNIT_KEY, UNIT)
    view = start_view.decode(start_view.encode(fresh_view(db)))
    assert view is not None and view.catalogue is not None
    items = view.catalogue.items
    units = [a.unit for item in items for a in item.assignments]
    assert len(units) > len(set(units))  # the check below means something: names do repeat
    assert len({id(unit) for unit in units}) == len(set(units))
    sections = [item.section_title for item in items if item.section_title]
    assert len({id(title) for title in sections}) == len(set(sections))
    assert not hasattr(items[0], "__dict__") and not hasattr(items[0].assignments[0], "__dict__")


def test_the_cached_view_is_read_only_while_it_still_fits(db: Database) -> None:
    assert start_view.read_cached(db.url) is None  # nothing stored yet
    set_setting(db, UNIT_KEY, UNIT)
    assert start_view.store(db, fresh_view(db)) is True
    assert start_view.store(db, fresh_view(db)) is False  # unchanged: no write
    assert start_view.read_cached(db.url) == fresh_view(db)
    set_setting(db, UNIT_KEY, "市财政局")  # e.g. the command line changed the unit since
    assert start_view.read_cached(db.url) is None
    assert start_view.store(db, fresh_view(db)) is True
    cached = start_view.read_cached(db.url)
    assert cached is not None and cached.unit == "市财政局"


def test_a_deadline_or_form_changed_from_the_command_line_makes_the_snapshot_stale(sqlite_db: Database) -> None:
    """What `set-deadline` and `set-form` change is part of the view: the snapshot no longer fits."""
    db = sqlite_db  # snapshots are kept for SQLite files only
    import datetime as dt

    from gwr_desktop.domain.plan import DeadlineKind, FormKind
    from gwr_desktop.services.plan_settings import set_deadline, set_form_setting

    set_setting(db, UNIT_KEY, UNIT)
    start_view.store(db, fresh_view(db))
    assert start_view.read_cached(db.url) is not None and start_view.cache_fits(db)
    set_deadline(db, "2023", DeadlineKind.PROGRESS, dt.date(2023, 7, 14), quarter=2)
    assert start_view.read_cached(db.url) is None and not start_view.cache_fits(db)
    start_view.store(db, fresh_view(db))
    assert start_view.cache_fits(db)
    set_form_setting(db, "2023", FormKind.PROGRESS, label="附表4", title_pattern="{unit}{quarter}工作目标完成情况")
    assert start_view.read_cached(db.url) is None and not start_view.cache_fits(db)


def test_a_postgresql_url_has_no_cached_view() -> None:
    assert start_view.read_cached("postgresql+psycopg://nobody@localhost/none") is None


def test_the_window_from_the_snapshot_shows_what_the_services_show(db: Database, ui_settings: QSettings,
                                                                     qtbot) -> None:  # noqa: ANN001
    set_setting(db, UNIT_KEY, UNIT)
    start_view.store(db, fresh_view(db))
    cached = start_view.read_cached(db.url)
    assert cached is not None
    from_cache = MainWindow(None, ui_settings, view=cached)
    from_services = MainWindow(db, ui_settings)
    for window in (from_cache, from_services):
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
    assert window_texts(from_cache) == window_texts(from_services)
    assert from_cache.unit.roles == from_services.unit.roles and len(from_cache.unit.roles) > 0
    assert from_cache.unit.viewer == from_services.unit.viewer
    assert from_cache.attach(db) is False  # nothing to replace
    assert window_texts(from_cache) == window_texts(from_services)


def test_choices_made_before_the_database_is_attached_are_written_then(db: Database, ui_settings: QSettings,
                                                                       qtbot) -> None:  # noqa: ANN001
    """Usable at first paint (issue 15): 切换单位 works before the services are open; nothing is written until
    they are, and then the choice is."""
    window = MainWindow(None, ui_settings, view=fresh_view(db))
    qtbot.addWidget(window)
    assert window.db is None
    assert window.switch_unit_action.isEnabled()
    assert not window.import_plan_action.isEnabled()  # a dialog that writes at once waits for the database
    chooser = window.open_unit_chooser()
    assert chooser.model.rowCount() > 50  # the snapshot's units: the chooser needs no database
    chooser._select_name(UNIT)
    chooser.accept()
    assert get_setting(db, UNIT_KEY) is None and "数据库打开后" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.context_changed):
        window.attach(db)
    assert get_setting(db, UNIT_KEY) == UNIT and window.unit_name == UNIT
    assert window.import_plan_action.isEnabled() and window.statusBar().currentMessage() == ""


def test_the_window_names_the_settings_as_the_services_do() -> None:
    from gwr_desktop.services import preferences
    from gwr_desktop.ui import main_window

    assert (main_window.UNIT_SETTING, main_window.PLAN_SETTING) == (preferences.UNIT_KEY, preferences.PLAN_KEY)


def test_a_first_run_offers_the_registry_units_the_database_will_hold(db: Database) -> None:
    assert start_view.registry_units() == catalogue_service.units(db)
    first = start_view.registry_view()
    assert first.catalogue is None and first.unit is None and first.units == catalogue_service.units(db)


def test_a_stale_snapshot_is_replaced_when_the_database_is_attached(db: Database, ui_settings: QSettings,
                                                                    qtbot) -> None:  # noqa: ANN001
    stale = fresh_view(db)  # painted before the unit was chosen elsewhere (the command line)
    set_setting(db, UNIT_KEY, UNIT)
    window = MainWindow(None, ui_settings, view=stale)
    qtbot.addWidget(window)
    assert window.unit_name is None and "未选择单位" in window.windowTitle()
    assert window.attach(db) is True
    assert window.unit_name == UNIT and window.unit.roles == fresh_view(db).roles
    assert UNIT in window.windowTitle() and window.current_view() == fresh_view(db)
    with qtbot.waitSignal(window.context_changed):  # and it follows changes like any window
        set_setting(db, UNIT_KEY, "市财政局")
    assert window.unit_name == "市财政局"
