"""Setting up a shared PostgreSQL server, run by IT with the owner login: the schema, the policies, the logins.

    init_server(owner_url)                          # once, and again after an upgrade: idempotent
    add_user(owner_url, "shangwu", "secret", unit="市商务局")   # → the URL the officer's app connects with
    list_users(owner_url)

The owner login creates the tables through the migrations, so it owns them and bypasses row-level security
(PostgreSQL's rule); the officers never get it. Every unit's login and the 督查室's are separate roles whose rights
come from the grants and policies made here (storage/server_roles.py, storage/row_security.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from gwr_desktop.services.database import Database, DatabaseUrlError, display_url, open_database
from gwr_desktop.storage import row_security, server_roles
from gwr_desktop.storage.server_roles import Login

__all__ = ["InitReport", "Login", "ServerAdminError", "add_user", "init_server", "list_users", "login_url"]
MIN_PASSWORD = 8


class ServerAdminError(ValueError):
    """The server cannot be set up as asked; the message (Chinese) says why. Nothing was changed."""


@dataclass(frozen=True)
class InitReport:
    protected: tuple[str, ...]  # the unit-owned tables now under row-level security
    units_role: str
    office_role: str
    plans: int
    imported: str | None  # the bundled plan's key when init imported it (an empty server)


def _owner_database(owner_url: str) -> Database:
    from gwr_desktop.services.database import is_server_url

    if not is_server_url(owner_url):
        raise ServerAdminError(f"“{display_url(owner_url)}”不是 PostgreSQL 服务器地址；共享服务器只支持 PostgreSQL，"
                               "本机的 SQLite 数据库不需要这一步。")
    db = open_database(owner_url)
    if db.login is not None:
        db.close()
        raise ServerAdminError("这是某个单位（或督查室）的登录，不能设置服务器。请用建立数据库的所有者登录运行。")
    return db


def init_server(owner_url: str) -> InitReport:
    """Schema at head (migrations), policies refreshed, group roles and grants; the bundled plan on an empty server."""
    db = _owner_database(owner_url)
    try:
        imported = _ensure_plan(db)
        with db.transaction() as session:
            connection = session.connection()
            unclassified = server_roles.unclassified_unit_tables(connection)
            if unclassified:
                raise ServerAdminError(
                    f"数据表 {'、'.join(unclassified)} 含有单位列，但没有声明是否归单位所有"
                    "（storage/row_security.py 的 UNIT_OWNED），为免泄露各单位的数据，没有设置服务器。")
            protected = row_security.install(connection)
            groups = server_roles.ensure_groups(connection)
            server_roles.grant(connection, groups)
        from gwr_desktop.services import catalogue

        return InitReport(tuple(protected), groups.units, groups.office, len(catalogue.plans(db)), imported)
    finally:
        db.close()


def _ensure_plan(db: Database) -> str | None:
    from gwr_desktop.services import catalogue
    from gwr_desktop.services.plan_import import ensure_bundled_plan

    if catalogue.plans(db):
        return None
    result = ensure_bundled_plan(db)
    return result.plan_key if result is not None else None


def add_user(owner_url: str, login: str, password: str, *, unit: str | None = None, office: bool = False) -> str:
    """A login for one unit (or the 督查室); returns the URL the officer's app connects with (no password in it)."""
    _check_request(login, password, unit, office)
    db = _owner_database(owner_url)
    try:
        unit_name, unit_id = _unit(db, unit) if unit is not None else (None, None)
        with db.transaction() as session:
            connection = session.connection()
            if server_roles.role_exists(connection, login):
                raise ServerAdminError(f"服务器上已有名为“{login}”的角色，请换一个登录名。")
            groups = server_roles.ensure_groups(connection)
            server_roles.grant(connection, groups)
            group = groups.office if office else groups.units
            server_roles.create_login(connection, login, password, group, unit_id)
        return login_url(db.url, login)
    finally:
        db.close()


def _check_request(login: str, password: str, unit: str | None, office: bool) -> None:
    if (unit is None) == (not office):
        raise ServerAdminError("请指定 --unit 单位 或 --office（督查室），二者只能选一。")
    if not server_roles.LOGIN_NAME.match(login):
        raise ServerAdminError(f"登录名“{login}”不可用：请用 3～40 个小写英文字母、数字或下划线，并以字母开头"
                               "（例如 shangwu、jiangxia_qu）。")
    if len(password) < MIN_PASSWORD:
        raise ServerAdminError(f"密码太短：至少 {MIN_PASSWORD} 个字符。")


def _unit(db: Database, name: str) -> tuple[str, int]:
    from gwr_desktop.services import catalogue

    try:
        with db.reading() as session:
            found = catalogue.find_unit(session, name)
            return found.name, found.id
    except catalogue.UnknownUnitError as error:
        raise ServerAdminError(str(error)) from error


def list_users(owner_url: str) -> list[Login]:
    db = _owner_database(owner_url)
    try:
        with db.reading() as session:
            return server_roles.logins(session.connection())
    finally:
        db.close()


def login_url(owner_url: str, login: str) -> str:
    """The owner's URL with the login in place of the owner and without any password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(owner_url).set(username=login, password=None).render_as_string(hide_password=False)
    except Exception as error:  # noqa: BLE001 - SQLAlchemy's URL errors have several types
        raise DatabaseUrlError(f"数据库地址“{display_url(owner_url)}”的格式不正确。") from error
