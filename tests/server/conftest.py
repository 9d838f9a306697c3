"""A shared server for the issue-14 tests: a fresh database on the PostgreSQL test server, set up with
`server init`, with logins for two units and the 督查室. Roles are cluster-wide: every role a test made is
dropped afterwards (its privileges in the database first, while the database still exists)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from sqlalchemy import Engine, create_engine, text

from gwr_desktop.services import server_admin
from tests.storage.conftest import cli  # noqa: F401 - the in-process command line, for test_server_cli.py

UNIT_A, UNIT_B = "市商务局", "市发改委"
# For each test module of this folder: the shared server is PostgreSQL, so only the `db_url` fixture's server side.
ON_SERVER = [pytest.mark.postgres,
             pytest.mark.parametrize("db_url", [pytest.param("postgresql", id="postgresql")], indirect=True)]
PASSWORD = "correct-horse-1"


def on_server(test):  # noqa: ANN001, ANN201 - a test function, marked
    """For a single test in a module that also has tests without a server."""
    for mark in reversed(ON_SERVER):
        test = mark(test)
    return test


@dataclass
class Server:
    owner_url: str
    logins: dict[str, str] = field(default_factory=dict)  # login → URL
    engines: list[Engine] = field(default_factory=list)

    def add(self, login: str, *, unit: str | None = None, office: bool = False) -> str:
        url = server_admin.add_user(self.owner_url, login, PASSWORD, unit=unit, office=office)
        self.logins[login] = url
        return url

    def engine(self, login: str | None = None) -> Engine:
        """A plain SQLAlchemy engine as that login (the owner without one): raw SQL, not the app."""
        engine = create_engine(self.logins[login] if login else self.owner_url, isolation_level="AUTOCOMMIT")
        self.engines.append(engine)
        return engine


def _suffix(url: str) -> str:
    from sqlalchemy.engine import make_url

    return (make_url(url).database or "x")[-8:]


@pytest.fixture
def server(db_url: str) -> Iterator[Server]:
    server_admin.init_server(db_url)
    made = Server(db_url)
    try:
        yield made
    finally:
        for engine in made.engines:
            engine.dispose()
        _drop_roles(db_url, list(made.logins))


def _drop_roles(url: str, logins: list[str]) -> None:
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            database = connection.execute(text("SELECT current_database()")).scalar_one()
            groups = [f"{database}_units", f"{database}_office"]
            for role in [*logins, *groups]:
                if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
                    connection.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                            f"WHERE usename = '{role}'"))
                    connection.execute(text(f'DROP OWNED BY "{role}"'))
                    connection.execute(text(f'DROP ROLE "{role}"'))
    finally:
        admin.dispose()


@pytest.fixture
def two_units(server: Server) -> Server:
    """Logins for two units and the office, and content of both units in every unit-owned table."""
    server.add(f"unit_a_{_suffix(server.owner_url)}", unit=UNIT_A)
    server.add(f"unit_b_{_suffix(server.owner_url)}", unit=UNIT_B)
    server.add(f"office_{_suffix(server.owner_url)}", office=True)
    with server.engine().connect() as connection:
        for unit in (UNIT_A, UNIT_B):
            _content_of(connection, unit)
    return server


def _content_of(connection, unit: str) -> None:  # noqa: ANN001 - SQLAlchemy Connection
    ids = {"u": connection.execute(text("SELECT id FROM units WHERE name = :n"), {"n": unit}).scalar_one(),
           "p": connection.execute(text("SELECT id FROM plans WHERE key = '2023'")).scalar_one(), "t": unit}
    connection.execute(text("INSERT INTO form_heads (plan_id, unit_id, kind, quarter, values_json, print_optional, "
                            "version, updated_at) VALUES (:p, :u, 'plan', 0, '{}', false, 1, now())"), ids)
    connection.execute(text("INSERT INTO form_rows (plan_id, unit_id, kind, quarter, anchor, level, ordinal, "
                            "values_json, version, updated_at) VALUES (:p, :u, 'plan', 0, 'x', 'item', 0, "
                            "json_build_object('leader', CAST(:t AS text))::text, 1, now())"), ids)
    version = connection.execute(text(
        "INSERT INTO form_versions (plan_id, unit_id, kind, quarter, version, content_json, digest, signed_at) "
        "VALUES (:p, :u, 'plan', 0, 1, :t, 'd', now()) RETURNING id"), ids).scalar_one()
    connection.execute(text("INSERT INTO form_submissions (version_id, occasion, written_at, folder, files) "
                            "VALUES (:v, 'signoff', now(), :t, '[]')"), {"v": version, "t": unit})
    ids["v"] = version
    connection.execute(text("INSERT INTO version_scans (version_id, name, media_type, size, digest, data, added_at) "
                            "VALUES (:v, :t, 'application/pdf', 1, 'd', '\\x00', now())"), ids)
    connection.execute(text("INSERT INTO contribution_drafts (plan_id, unit_id, item_key, level, quarter, ordinal, "
                            "values_json, version, updated_at) VALUES (:p, :u, 'x', 'note', 1, 0, "
                            "json_build_object('text', CAST(:t AS text))::text, 1, now())"), ids)
    ids["f"] = connection.execute(text(
        "INSERT INTO contribution_files (plan_id, unit_id, helper_id, quarter, file_name, file_sha256, cells_digest, "
        "exported_at, imported_at, version) VALUES (:p, :u, :u, 1, :t, :t, 'c', now(), now(), 1) RETURNING id"),
        ids).scalar_one()
    ids["c"] = connection.execute(text(
        "INSERT INTO contribution_items (file_id, unit_id, item_key, note, work_json) "
        "VALUES (:f, :u, 'x', :t, '[]') RETURNING id"), ids).scalar_one()
    connection.execute(text("INSERT INTO contribution_merges (plan_id, unit_id, contribution_id, helper, file_name, "
                            "item_key, kind, quarter, target, mode, merged_at) "
                            "VALUES (:p, :u, :c, :t, :t, 'x', 'progress', 1, 'text', 'copy', now())"), ids)
    connection.execute(text(
        "INSERT INTO office_returns (plan_id, unit_id, kind, quarter, version, source, confirmed, edited, checkable, "
        "file_name, file_sha256, cells_digest, document_digest, received_on, imported_at, content_json, current, "
        "note, row_version) VALUES (:p, :u, 'progress', 1, 1, 'manifest', true, false, true, :t, :t, 'c', '', "
        "current_date, now(), '{}', true, 'n', 1)"), ids)
