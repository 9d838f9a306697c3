"""Issue 14 #2: unit isolation in the database itself, checked with raw SQL as each role (not through the app).

Every statement is tried on every unit-owned table: unit A's login cannot SELECT, UPDATE, DELETE or INSERT unit B's
rows; the 督查室's login reads all of them and writes none. The tests guard themselves against a false pass: the
logins are neither superusers nor owners, and the owner does see B's rows.
"""

from __future__ import annotations

import pytest
from sqlalchemy import exc, text

from gwr_desktop.storage.row_security import UNIT_OWNED
from tests.server.conftest import ON_SERVER, UNIT_A, UNIT_B, Server

pytestmark = ON_SERVER
TABLES = [table.name for table in UNIT_OWNED]
UNIT_OF = {
    "form_submissions": "(SELECT v.unit_id FROM form_versions AS v WHERE v.id = version_id)",
    "version_scans": "(SELECT v.unit_id FROM form_versions AS v WHERE v.id = version_id)",
}
TEXT_COLUMN = {"form_versions": "digest", "form_submissions": "folder", "gwr_form_changes": "origin",
               "version_scans": "name", "contribution_files": "file_name", "contribution_items": "note",
               "contribution_merges": "helper", "office_returns": "note"}  # others: values_json


def _unit_id(server: Server, name: str) -> int:
    with server.engine().connect() as connection:
        return connection.execute(text("SELECT id FROM units WHERE name = :n"), {"n": name}).scalar_one()


def _where(table: str) -> str:
    return f"{UNIT_OF.get(table, 'unit_id')} = :unit"


def _login(server: Server, prefix: str) -> str:
    return next(name for name in server.logins if name.startswith(prefix))


def _count(server: Server, login: str | None, table: str, unit: int) -> int:
    with server.engine(login).connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table} WHERE {_where(table)}"), {"unit": unit}).scalar()


def _refused_or_nothing(server: Server, login: str, statement: str, params: dict) -> None:
    """The statement either fails for lack of permission or touches no row."""
    with server.engine(login).connect() as connection:
        try:
            result = connection.execute(text(statement), params)
        except exc.ProgrammingError as error:  # 42501 insufficient_privilege / RLS violation
            assert getattr(error.orig, "sqlstate", "") == "42501", error
            return
        assert result.rowcount == 0, statement


def test_the_logins_are_neither_owners_nor_superusers(two_units: Server) -> None:
    with two_units.engine().connect() as connection:
        for login in two_units.logins:
            row = connection.execute(text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :r"),
                                     {"r": login}).one()
            assert row == (False, False)
            owners = connection.execute(text(
                "SELECT count(*) FROM pg_tables WHERE tableowner = :r"), {"r": login}).scalar()
            assert owners == 0
    b = _unit_id(two_units, UNIT_B)
    assert all(_count(two_units, None, table, b) == 1 for table in TABLES)  # the owner sees B's rows


@pytest.mark.parametrize("table", TABLES)
def test_unit_a_sees_and_changes_only_its_own_rows(two_units: Server, table: str) -> None:
    a, b = _unit_id(two_units, UNIT_A), _unit_id(two_units, UNIT_B)
    login = _login(two_units, "unit_a_")
    assert _count(two_units, login, table, a) == 1
    assert _count(two_units, login, table, b) == 0
    with two_units.engine(login).connect() as connection:
        assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 1  # only its own, no filter
    column = TEXT_COLUMN.get(table, "values_json")
    _refused_or_nothing(two_units, login, f"UPDATE {table} SET {column} = 'x' WHERE {_where(table)}", {"unit": b})
    _refused_or_nothing(two_units, login, f"DELETE FROM {table} WHERE {_where(table)}", {"unit": b})
    assert _count(two_units, None, table, b) == 1  # B's row is still there, unchanged below
    with two_units.engine().connect() as connection:
        kept = connection.execute(text(f"SELECT {column} FROM {table} WHERE {_where(table)}"), {"unit": b}).scalar()
    assert kept != "x"


def test_unit_a_cannot_insert_rows_of_unit_b(two_units: Server) -> None:
    b = _unit_id(two_units, UNIT_B)
    login = _login(two_units, "unit_a_")
    with two_units.engine().connect() as connection:
        plan = connection.execute(text("SELECT id FROM plans")).scalar_one()
        b_version = connection.execute(text("SELECT id FROM form_versions WHERE unit_id = :u"), {"u": b}).scalar()
        b_file = connection.execute(text("SELECT id FROM contribution_files WHERE unit_id = :u"), {"u": b}).scalar()
    inserts = {
        "form_heads": "INSERT INTO form_heads (plan_id, unit_id, kind, quarter, values_json, print_optional, version, "
                      "updated_at) VALUES (:p, :u, 'progress', 1, '{}', false, 1, now())",
        "form_rows": "INSERT INTO form_rows (plan_id, unit_id, kind, quarter, anchor, level, ordinal, values_json, "
                     "version, updated_at) VALUES (:p, :u, 'plan', 0, 'y', 'item', 0, '{}', 1, now())",
        "form_versions": "INSERT INTO form_versions (plan_id, unit_id, kind, quarter, version, content_json, digest, "
                         "signed_at) VALUES (:p, :u, 'plan', 0, 2, '', 'd', now())",
        "form_submissions": "INSERT INTO form_submissions (version_id, occasion, written_at, folder, files) "
                            "VALUES (:v, 'signoff', now(), '', '[]')",
        "gwr_form_changes": "INSERT INTO gwr_form_changes (plan_id, unit_id, kind, quarter) VALUES (:p, :u, 'x', 9)",
        "version_scans": "INSERT INTO version_scans (version_id, name, media_type, size, digest, data, added_at) "
                         "VALUES (:v, 'y', 'image/png', 1, 'd', '\\x00', now())",
        "contribution_drafts": "INSERT INTO contribution_drafts (plan_id, unit_id, item_key, level, quarter, ordinal, "
                               "values_json, version, updated_at) VALUES (:p, :u, 'y', 'note', 2, 0, '{}', 1, now())",
        "contribution_files": "INSERT INTO contribution_files (plan_id, unit_id, helper_id, quarter, file_name, "
                              "file_sha256, cells_digest, exported_at, imported_at, version) "
                              "VALUES (:p, :u, :u, 2, 'y', 'y', 'c', now(), now(), 1)",
        "contribution_items": "INSERT INTO contribution_items (file_id, unit_id, item_key, note, work_json) "
                              "VALUES (:f, :u, 'y', '', '[]')",
        "contribution_merges": "INSERT INTO contribution_merges (plan_id, unit_id, helper, file_name, item_key, kind, "
                               "quarter, target, mode, merged_at) "
                               "VALUES (:p, :u, 'y', 'y', 'y', 'progress', 2, 'text', 'copy', now())",
        "office_returns": "INSERT INTO office_returns (plan_id, unit_id, kind, quarter, source, confirmed, edited, "
                          "checkable, file_name, file_sha256, cells_digest, document_digest, received_on, imported_at, "
                          "content_json, current, note, row_version) VALUES (:p, :u, 'progress', 2, 'manifest', true, "
                          "false, true, 'y', 'y', 'c', '', current_date, now(), '{}', true, '', 1)",
    }
    assert set(inserts) == set(TABLES)
    for table, statement in inserts.items():
        with two_units.engine(login).connect() as connection, pytest.raises(exc.ProgrammingError) as refused:
            connection.execute(text(statement), {"p": plan, "u": b, "v": b_version, "f": b_file})
        assert refused.value.orig.sqlstate == "42501", table  # new row violates row-level security policy
        assert _count(two_units, None, table, b) == 1


@pytest.mark.parametrize("table", TABLES)
def test_the_office_reads_every_unit_and_writes_nothing(two_units: Server, table: str) -> None:
    a, b = _unit_id(two_units, UNIT_A), _unit_id(two_units, UNIT_B)
    login = _login(two_units, "office_")
    assert _count(two_units, login, table, a) == 1 and _count(two_units, login, table, b) == 1
    column = "quarter" if table == "gwr_form_changes" else "id"
    for statement in (f"UPDATE {table} SET {column} = {column} WHERE {_where(table)}",
                      f"DELETE FROM {table} WHERE {_where(table)}"):
        with two_units.engine(login).connect() as connection, pytest.raises(exc.ProgrammingError) as refused:
            connection.execute(text(statement), {"unit": a})
        assert refused.value.orig.sqlstate == "42501"
    assert _count(two_units, None, table, a) == 1


def test_a_login_cannot_rebind_itself_or_shadow_the_login_table(two_units: Server) -> None:
    b = _unit_id(two_units, UNIT_B)
    login = _login(two_units, "unit_a_")
    with two_units.engine(login).connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM gwr_logins")).scalar() == 1  # its own row only
        with pytest.raises(exc.ProgrammingError):
            connection.execute(text("UPDATE gwr_logins SET unit_id = :u"), {"u": b})
        with pytest.raises(exc.ProgrammingError):  # TEMPORARY was taken from PUBLIC
            connection.execute(text("CREATE TEMP TABLE gwr_logins (login name, unit_id int, office bool)"))
        with pytest.raises(exc.ProgrammingError):  # nor may it create tables of its own
            connection.execute(text("CREATE TABLE mine (x int)"))
    assert _count(two_units, login, "form_rows", b) == 0


def test_every_plan_table_is_readable_by_a_unit(two_units: Server) -> None:
    login = _login(two_units, "unit_a_")
    with two_units.engine(login).connect() as connection:
        for table in ("plans", "items", "units", "item_assignments", "plan_forms", "plan_deadlines", "settings"):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() >= 0
        with pytest.raises(exc.ProgrammingError):
            connection.execute(text("UPDATE plans SET title = 'x'"))


def test_only_the_owner_upgrades_the_schema(two_units: Server) -> None:
    """A unit's login opening a server whose schema is older than the app is told to ask IT, nothing changed."""
    from gwr_desktop.services import server_admin
    from gwr_desktop.services.database import DatabaseReadOnlyError, open_database

    with two_units.engine().connect() as connection:  # as if the server were still at 0009, the app newer
        connection.execute(text("ALTER TABLE items DROP COLUMN label"))  # what 0010 adds
        connection.execute(text("UPDATE alembic_version SET version_num = '0009'"))
    with pytest.raises(DatabaseReadOnlyError) as refused:
        open_database(two_units.logins[_login(two_units, "unit_a_")])
    assert "server init" in str(refused.value)
    with two_units.engine().connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0009"
    server_admin.init_server(two_units.owner_url)  # the owner: migrations (0010), policies again (idempotent)
    open_database(two_units.logins[_login(two_units, "unit_a_")]).close()
    assert _count(two_units, _login(two_units, "unit_a_"), "form_rows", _unit_id(two_units, UNIT_B)) == 0
