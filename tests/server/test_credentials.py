"""Issue 14 #1: the officer's app connects with its own login; the password comes from the OS credential store
(keyring) or is typed at start — never written to a file. Where no store exists (信创 Linux without a Secret
Service, like this machine) the app asks every time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from gwr_desktop.services import credentials
from gwr_desktop.ui.server import login
from tests.server.conftest import UNIT_A, Server, on_server

PASSWORD = "s3cret-of-shangwu"


class MemoryKeyring(KeyringBackend):
    """A credential store for the test: what Windows Credential Manager does, in memory."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def store() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def no_store() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def unit_url(server: Server) -> str:
    return server.add("cred_shangwu", unit=UNIT_A)


def _never_asked(*_args: object) -> None:
    raise AssertionError("the password was asked although it is stored")


@on_server
def test_the_printed_url_has_no_password_and_a_stored_one_opens_without_asking(
        unit_url: str, store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    assert credentials.needs_password(unit_url) and PASSWORD not in unit_url
    assert credentials.remember(unit_url, PASSWORD)
    monkeypatch.setattr(login.PasswordDialog, "ask", _never_asked)
    opened = login.complete_login(unit_url)
    assert opened == credentials.with_password(unit_url, PASSWORD)


@on_server
def test_remembered_when_asked_to(unit_url: str, store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(login.PasswordDialog, "ask", lambda *_: (PASSWORD, True))
    assert login.complete_login(unit_url) is not None
    assert store.items == {(credentials.SERVICE, credentials.account(unit_url)): PASSWORD}


@on_server
def test_without_a_store_it_is_asked_and_written_nowhere(
        qtbot: QtBot, unit_url: str, no_store: None, monkeypatch: pytest.MonkeyPatch,
        private_user_folders: Path) -> None:
    asked: list[str] = []
    monkeypatch.setattr(login.PasswordDialog, "ask", lambda url, problem, parent: asked.append(url) or (PASSWORD, True))
    opened = login.complete_login(unit_url)
    assert opened is not None and asked == [unit_url]
    assert not credentials.remember(unit_url, PASSWORD) and credentials.stored_password(unit_url) is None
    if private_user_folders.exists():
        for path in private_user_folders.rglob("*"):
            assert not path.is_file() or PASSWORD.encode() not in path.read_bytes(), path
    dialog = login.PasswordDialog(unit_url)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()  # nothing to remember it in: said in the dialog


@on_server
def test_cancelling_the_login_opens_nothing(unit_url: str, no_store: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(login.PasswordDialog, "ask", lambda *_: None)
    assert login.complete_login(unit_url) is None


def test_sqlite_and_full_urls_pass_through(tmp_path: Path) -> None:
    for url in (f"sqlite:///{tmp_path / 'a.db'}", "postgresql+psycopg://u:p@h/db"):
        assert login.complete_login(url) == url
