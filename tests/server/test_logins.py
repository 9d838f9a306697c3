"""A unit's login and the 督查室's login in the app's own services: whose unit, what may be chosen and changed."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import DatabaseReadOnlyError, open_database
from gwr_desktop.services.preferences import PLAN_KEY, UNIT_KEY, get_setting, set_setting
from tests.server.conftest import ON_SERVER, UNIT_A, UNIT_B, Server

pytestmark = ON_SERVER


def test_a_unit_login_is_its_unit_and_keeps_its_choices_to_itself(server: Server) -> None:
    db = open_database(server.add("pref_unit", unit=UNIT_A))
    try:
        assert db.login is not None and db.login.unit == UNIT_A and db.read_only is None
        assert get_setting(db, UNIT_KEY) == UNIT_A
        with pytest.raises(DatabaseReadOnlyError) as refused:
            set_setting(db, UNIT_KEY, UNIT_B)
        assert UNIT_A in str(refused.value)
        set_setting(db, PLAN_KEY, "2023")  # kept for the session: no unit may write the shared settings
        assert get_setting(db, PLAN_KEY) == "2023"
        with server.engine().connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM settings WHERE key = 'plan'")).scalar() == 0
        fc.set_value(db, "2023", UNIT_A, FormKind.PLAN, e.item("二-1"), "leader", "本单位")
        with pytest.raises(DatabaseReadOnlyError):  # another unit's form: the database refuses the write
            fc.set_value(db, "2023", UNIT_B, FormKind.PLAN, e.item("一-1"), "leader", "越权")
    finally:
        db.close()


def test_the_office_reads_every_unit_and_changes_nothing(server: Server) -> None:
    owner = open_database(server.owner_url)
    fc.set_value(owner, "2023", UNIT_B, FormKind.PLAN, e.item("一-1"), "leader", "发改委填写")
    owner.close()
    db = open_database(server.add("pref_office", office=True))
    try:
        assert db.login is not None and db.login.office and "督查室" in (db.read_only or "")
        set_setting(db, UNIT_KEY, UNIT_B)  # the office looks at any unit, for its session
        assert get_setting(db, UNIT_KEY) == UNIT_B
        item = next(i for i in fc.load_content(db, "2023", UNIT_B, FormKind.PLAN).items if i.key == "一-1")
        assert item.get("leader") == "发改委填写"
        with pytest.raises(DatabaseReadOnlyError):
            fc.set_value(db, "2023", UNIT_B, FormKind.PLAN, e.item("一-1"), "leader", "督查室改")
    finally:
        db.close()
