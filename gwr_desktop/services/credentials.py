"""The password of an officer's server login: kept by the operating system's credential store, or asked at start.

Never in a file of ours: the URL the app is given (`server add-user` prints it) names the login without a
password; the password lives in Windows Credential Manager / macOS Keychain / a Linux Secret Service through the
`keyring` library, or — where none is available (信创 Linux without a Secret Service, a locked-down PC) — is
typed at every start and kept in memory only. `keyring` comes with the `.[postgres]` extra; without it the app
simply asks.

    url = with_password(url, password)   # the URL the engine opens (only ever in memory)
    stored_password(url) / remember(url, password) / forget(url)
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

SERVICE = "gwr_desktop"
log = logging.getLogger(__name__)


def needs_password(url: str) -> bool:
    """A server URL naming a login but no password."""
    parts = _parts(url)
    return parts is not None and bool(parts.username) and not parts.password


def account(url: str) -> str:
    """How the credential store names this login: login@host:port/database."""
    parts = _parts(url)
    if parts is None:
        return url
    host = parts.host or dict(parts.query).get("host", "")
    return f"{parts.username}@{host}:{parts.port or 5432}/{parts.database}"


def with_password(url: str, password: str) -> str:
    parts = _parts(url)
    assert parts is not None
    return parts.set(password=password).render_as_string(hide_password=False)


def _parts(url: str) -> Any:  # noqa: ANN401 - sqlalchemy.engine.URL
    if not url.startswith(("postgresql", "postgres")):
        return None
    from sqlalchemy.engine import make_url

    try:
        return make_url(url)
    except Exception:  # noqa: BLE001 - a malformed URL is reported when it is opened
        return None


def _keyring() -> Any:  # noqa: ANN401 - the keyring module, or None when no usable store exists
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring configuration is no keyring
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return keyring


def store_available() -> bool:
    """Whether this PC has a credential store the password can be remembered in."""
    return _keyring() is not None


def stored_password(url: str) -> str | None:
    store = _keyring()
    if store is None:
        return None
    try:
        return store.get_password(SERVICE, account(url))
    except Exception as error:  # noqa: BLE001 - a locked or failing store: ask instead
        log.warning("无法读取系统凭据管理器：%s", type(error).__name__)
        return None


def remember(url: str, password: str) -> bool:
    store = _keyring()
    if store is None:
        return False
    try:
        store.set_password(SERVICE, account(url), password)
    except Exception as error:  # noqa: BLE001
        log.warning("无法写入系统凭据管理器：%s", type(error).__name__)
        return False
    return True


def forget(url: str) -> None:
    """After the server refused the stored password (it was changed): ask again next time."""
    store = _keyring()
    if store is None:
        return
    with contextlib.suppress(Exception):  # nothing stored, or the store failed: nothing to forget
        store.delete_password(SERVICE, account(url))


def refused_login(url: str) -> str | None:
    """Why the server refuses this login and password (Chinese); None when it accepts them — or when it cannot
    be asked (unreachable: the open that follows says so)."""
    from gwr_desktop.storage.engine import make_engine
    from gwr_desktop.storage.errors import DatabaseError
    from gwr_desktop.storage.translate import translated

    engine = make_engine(url)
    try:
        with translated(url):
            engine.connect().close()
    except DatabaseError as error:
        text = str(error)
        return text if "密码" in text else None
    finally:
        engine.dispose()
    return None
