"""PostgreSQL roles of a shared server: one group role for the units' logins, one for the 督查室, their grants, and
the logins themselves. Run by the owner role (`server init`, `server add-user`); never on SQLite.

Role names are cluster-wide while our tables are per database, so the group roles carry the database's name
(`<db>_units`, `<db>_office`): two databases on one server never share a role. Grants:

- both groups: CONNECT, USAGE on the schema, SELECT on every table (the plan catalogue; row-level security
  filters the unit-owned ones, see row_security.py);
- units: the rights each unit-owned table names (INSERT/UPDATE/DELETE, or INSERT only), their sequences;
- nobody else: the database's CONNECT and TEMPORARY and the schema's CREATE are taken from PUBLIC.

A login's password never travels or is stored in plain text: libpq turns it into a SCRAM-SHA-256 verifier on
the client, and that is what CREATE ROLE receives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from gwr_desktop.storage.row_security import LOGINS, UNIT_OWNED, owned_names

LOGIN_NAME = re.compile(r"^[a-z][a-z0-9_]{2,39}$")
# Tables with a unit column that are not a unit's own rows: the plan says which unit leads or helps an item.
SHARED_UNIT_TABLES = frozenset({"item_assignments", "unit_aliases", LOGINS})


@dataclass(frozen=True)
class Groups:
    units: str
    office: str


@dataclass(frozen=True)
class Login:
    name: str
    unit: str | None  # None for the office
    office: bool
    can_login: bool


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def groups(connection: Connection) -> Groups:
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    base = database.encode("utf-8")[:48].decode("utf-8", "ignore")
    return Groups(f"{base}_units", f"{base}_office")


def ensure_groups(connection: Connection) -> Groups:
    found = groups(connection)
    for role in (found.units, found.office):
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
        if exists is None:
            connection.execute(text(f"CREATE ROLE {quote(role)} NOLOGIN"))
    return found


def grant(connection: Connection, found: Groups) -> None:
    """Give both groups what they need and take from PUBLIC what nobody else should have; idempotent."""
    database = quote(connection.execute(text("SELECT current_database()")).scalar_one())
    schema = quote(connection.execute(text("SELECT current_schema()")).scalar_one())
    both = f"{quote(found.units)}, {quote(found.office)}"
    for statement in (
        f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC",
        f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {database} TO {both}",
        f"GRANT USAGE ON SCHEMA {schema} TO {both}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {both}",
    ):
        connection.execute(text(statement))
    existing = set(connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars())
    for table in UNIT_OWNED:
        if table.name not in existing:
            continue
        if not table.rights:
            continue
        connection.execute(text(f"GRANT {table.rights} ON {table.name} TO {quote(found.units)}"))
        sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
        if sequence:
            connection.execute(text(f"GRANT USAGE ON SEQUENCE {sequence} TO {quote(found.units)}"))


def unclassified_unit_tables(connection: Connection) -> list[str]:
    """Tables with a unit column that are neither unit-owned nor known to be shared: they would be readable by
    every unit, so `server init` refuses until the table is classified in row_security.UNIT_OWNED."""
    rows = connection.execute(text(
        "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND (column_name = 'unit' OR column_name LIKE '%unit_id')")).scalars()
    return sorted(set(rows) - set(owned_names()) - SHARED_UNIT_TABLES)


def role_exists(connection: Connection, name: str) -> bool:
    return connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": name}).first() is not None


def password_verifier(connection: Connection, name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of a password, computed by libpq on this side: the server never sees the text."""
    pgconn = connection.connection.driver_connection.pgconn  # type: ignore[union-attr]
    return pgconn.encrypt_password(password.encode("utf-8"), name.encode("utf-8"), b"scram-sha-256").decode("ascii")


def create_login(connection: Connection, name: str, password: str, group: str, unit_id: int | None) -> None:
    """A login role in one group, bound to a unit (or to the office when unit_id is None)."""
    verifier = password_verifier(connection, name, password)
    literal = "'" + verifier.replace("'", "''") + "'"
    # Not through text(): the verifier holds ':' that would read as bind parameters; no parameters here at all.
    connection.exec_driver_sql(f"CREATE ROLE {quote(name)} LOGIN PASSWORD {literal} IN ROLE {quote(group)}")
    connection.execute(text(f"INSERT INTO {LOGINS} (login, unit_id, office) VALUES (:l, :u, :o)"),
                       {"l": name, "u": unit_id, "o": unit_id is None})


def logins(connection: Connection) -> list[Login]:
    rows = connection.execute(text(
        f"SELECT l.login, u.name, l.office, coalesce(r.rolcanlogin, false) FROM {LOGINS} AS l "
        "LEFT JOIN units AS u ON u.id = l.unit_id LEFT JOIN pg_roles AS r ON r.rolname = l.login "
        "ORDER BY l.office DESC, u.name, l.login")).all()
    return [Login(str(name), unit, bool(office), bool(can)) for name, unit, office, can in rows]


def own_login(connection: Connection) -> tuple[str | None, bool] | None:
    """(unit name, office) of the connected login; None when it is no server login (owner, superuser, plain)."""
    exists = connection.execute(text("SELECT to_regclass(:t)"), {"t": LOGINS}).scalar()
    if exists is None:
        return None
    row = connection.execute(text(
        f"SELECT u.name, l.office FROM {LOGINS} AS l LEFT JOIN units AS u ON u.id = l.unit_id "
        "WHERE l.login = current_user")).first()
    return None if row is None else (row[0], bool(row[1]))
