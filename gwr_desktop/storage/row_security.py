"""Unit isolation inside PostgreSQL itself: row-level security on the tables units own, and the change signal.

Which tables a unit owns is said once, here (`UNIT_OWNED`); the policies, the grants and the change-counting
triggers are generated from that list, so a new unit-owned table (the contributions of branch `loop`) is covered
by adding one line and running `server init` again (or a migration calling `install`).

How a login is bound to a unit: `gwr_logins` maps a PostgreSQL login (`current_user`) to a unit id, or marks it
as the 督查室 (office). It is owned by the owner role and has row-level security itself: a login sees only its own
row and may not change it. The policies compare each row's unit with `gwr_login_unit()`:

- a unit login reads and writes only rows of its own unit (USING and WITH CHECK), everything else is invisible;
- the office login reads every row (a SELECT policy) and has no write grant on any of them;
- the owner (who created the tables) and superusers bypass row-level security, as PostgreSQL always lets them.

The helper functions name `gwr_logins` with its schema and run with a fixed search_path, so a login cannot shadow
it with a temporary table of its own. `gwr_form_changes` counts the changes of each form (a trigger on the form
tables, run as the owner) with the application name of the last writer: the windows poll it to show other
people's commits (services/server_watch.py), and it is row-level secured like the forms themselves.
Nothing here runs on SQLite: the embedded database has one user.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

LOGINS = "gwr_logins"
CHANGES = "gwr_form_changes"  # per form: how often it changed, and the application name of its last writer


@dataclass(frozen=True)
class OwnedTable:
    """A table whose rows belong to a unit. `owners` are SQL expressions giving a unit id for a row (a column, or a
    subquery through a parent row); the row is the login's when any of them is the login's unit."""

    name: str
    owners: tuple[str, ...] = ("unit_id",)
    rights: str = "INSERT, UPDATE, DELETE"  # a unit's grants beyond SELECT ("INSERT": rows are only ever added)
    counted: bool = False  # changes are counted in CHANGES (needs plan_id, unit_id, kind, quarter columns)


# Rows that hang off a signed version belong to the version's unit.
_BY_VERSION = "(SELECT v.unit_id FROM form_versions AS v WHERE v.id = version_id)"
UNIT_OWNED: tuple[OwnedTable, ...] = (
    OwnedTable("form_heads", counted=True),
    OwnedTable("form_rows", counted=True),
    OwnedTable("form_versions", rights="INSERT", counted=True),
    OwnedTable("form_submissions", (_BY_VERSION,),
               rights="INSERT"),
    OwnedTable(CHANGES, rights=""),  # written by the counting trigger (as the owner), read by the windows
    OwnedTable("version_scans", (_BY_VERSION,),
               rights="INSERT, DELETE"),  # the signed page's scan, replaced by deleting and adding
    # 配合材料: the helper's drafts (unit_id = the helper), the files, items and merges a lead took in (the lead)
    OwnedTable("contribution_drafts"),
    OwnedTable("contribution_files", rights="INSERT, DELETE"),
    OwnedTable("contribution_items", rights="INSERT, DELETE"),
    OwnedTable("contribution_merges", rights="INSERT"),
    # The 督查室 consolidates in its own database; on a shared server a unit sees only its own returns, read-only.
    OwnedTable("office_returns", rights=""),
)


def owned_names() -> tuple[str, ...]:
    return tuple(table.name for table in UNIT_OWNED)


def is_postgresql(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def install(connection: Connection) -> list[str]:
    """Create (or refresh) the login table, its functions, the policies and the triggers; idempotent.

    Tables of UNIT_OWNED that do not exist yet are skipped (a later migration or `server init` covers them);
    returns the tables now protected.
    """
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    existing = set(connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).scalars())
    for statement in _login_statements(schema):
        connection.execute(text(statement))
    existing.add(CHANGES)
    covered = []
    for table in UNIT_OWNED:
        if table.name not in existing:
            continue
        for statement in _policy_statements(table):
            connection.execute(text(statement))
        covered.append(table.name)
    return covered


def uninstall(connection: Connection) -> None:
    """Undo `install` (the migration's downgrade)."""
    for table in UNIT_OWNED:
        connection.execute(text(f"DROP TRIGGER IF EXISTS gwr_count_change ON {table.name}"))
        for policy in ("gwr_unit_rows", "gwr_office_reads"):
            connection.execute(text(f"DROP POLICY IF EXISTS {policy} ON {table.name}"))
        connection.execute(text(f"ALTER TABLE IF EXISTS {table.name} DISABLE ROW LEVEL SECURITY"))
    for function in ("gwr_count_change()", "gwr_login_unit()", "gwr_login_office()"):
        connection.execute(text(f"DROP FUNCTION IF EXISTS {function}"))
    connection.execute(text(f"DROP TABLE IF EXISTS {CHANGES}"))
    connection.execute(text(f"DROP TABLE IF EXISTS {LOGINS}"))


def _login_statements(schema: str) -> list[str]:
    logins = f'"{schema}".{LOGINS}'
    fixed_path = f"SET search_path = pg_catalog, \"{schema}\""
    return [
        f"""CREATE TABLE IF NOT EXISTS {LOGINS} (
            login name PRIMARY KEY,
            unit_id integer REFERENCES units(id) ON DELETE CASCADE,
            office boolean NOT NULL DEFAULT false,
            created_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
            CONSTRAINT gwr_logins_unit_or_office CHECK ((unit_id IS NOT NULL) <> office))""",
        f"ALTER TABLE {LOGINS} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS gwr_logins_self ON {LOGINS}",
        f"CREATE POLICY gwr_logins_self ON {LOGINS} FOR SELECT USING (login = current_user)",
        f"""CREATE OR REPLACE FUNCTION gwr_login_unit() RETURNS integer LANGUAGE sql STABLE {fixed_path}
            AS $$ SELECT unit_id FROM {logins} WHERE login = current_user $$""",
        f"""CREATE OR REPLACE FUNCTION gwr_login_office() RETURNS boolean LANGUAGE sql STABLE {fixed_path}
            AS $$ SELECT coalesce((SELECT office FROM {logins} WHERE login = current_user), false) $$""",
        f"""CREATE TABLE IF NOT EXISTS {CHANGES} (
            plan_id integer NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            unit_id integer NOT NULL REFERENCES units(id) ON DELETE CASCADE,
            kind varchar(20) NOT NULL,
            quarter integer NOT NULL,
            changes bigint NOT NULL DEFAULT 0,
            origin text NOT NULL DEFAULT '',
            PRIMARY KEY (plan_id, unit_id, kind, quarter))""",
        # SECURITY DEFINER: the count is kept by the owner, so a unit needs no write right on it. The row of a
        # form is locked by its writers anyway (the head row), so counting adds no contention between forms —
        # unlike NOTIFY, whose commit lock serialised every committing transaction on the server (bench).
        f"""CREATE OR REPLACE FUNCTION gwr_count_change() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            {fixed_path} AS $$
            DECLARE r record;
            BEGIN
                IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
                INSERT INTO "{schema}".{CHANGES} AS c (plan_id, unit_id, kind, quarter, changes, origin)
                VALUES (r.plan_id, r.unit_id, r.kind, r.quarter, 1,
                        coalesce(current_setting('application_name', true), ''))
                ON CONFLICT (plan_id, unit_id, kind, quarter)
                DO UPDATE SET changes = c.changes + 1, origin = EXCLUDED.origin;
                RETURN NULL;
            END $$""",
    ]


def _policy_statements(table: OwnedTable) -> list[str]:
    mine = " OR ".join(f"({owner}) = (SELECT gwr_login_unit())" for owner in table.owners)
    statements = [
        f"ALTER TABLE {table.name} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS gwr_unit_rows ON {table.name}",
        f"CREATE POLICY gwr_unit_rows ON {table.name} FOR ALL USING ({mine}) WITH CHECK ({mine})",
        f"DROP POLICY IF EXISTS gwr_office_reads ON {table.name}",
        f"CREATE POLICY gwr_office_reads ON {table.name} FOR SELECT USING ((SELECT gwr_login_office()))",
        f"DROP TRIGGER IF EXISTS gwr_count_change ON {table.name}",
    ]
    if table.counted:
        statements.append(f"CREATE TRIGGER gwr_count_change AFTER INSERT OR UPDATE OR DELETE ON {table.name} "
                          "FOR EACH ROW EXECUTE FUNCTION gwr_count_change()")
    return statements
