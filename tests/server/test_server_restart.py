"""Issue 14 #4: the server restarts while an officer works in the real window. The window says so (banner),
refuses edits without losing what was typed (kept in the cells, marked unsaved), reconnects by itself, then
saves what was held — every edit typed before, during and after the outage is in the database, whole.

The test starts its own throwaway cluster (tools/pg_test_server.sh on another port), so it can stop and start it
without disturbing the suite's server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from gwr_desktop.services import server_admin
from gwr_desktop.services.database import open_database
from tests.forms.test_editors_ui import col, type_into

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]
UNIT, ITEM, OTHER = "市商务局", "二-5", "二-1"


class Cluster:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port

    def _run(self, action: str) -> str:
        env = {**os.environ, "GWR_PG_TEST_PORT": str(self.port)}
        done = subprocess.run(["bash", str(ROOT / "tools" / "pg_test_server.sh"), action, str(self.folder)],
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def start(self) -> str:
        return self._run("start")

    def stop(self) -> None:
        self._run("stop")


@pytest.fixture
def cluster() -> Iterator[tuple[Cluster, str]]:
    if not os.environ.get("GWR_TEST_PG_URL"):
        pytest.skip("needs PostgreSQL (GWR_TEST_PG_URL says the suite has one)")
    folder = Path(tempfile.mkdtemp(prefix="gwr-rs-", dir="/tmp"))
    own = Cluster(folder, int(os.environ.get("GWR_PG_TEST_PORT", "54329")) + 500)
    admin_url = own.start()
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE restart ENCODING 'UTF8' TEMPLATE template0"))
        admin.dispose()
        yield own, admin_url.replace("/postgres?", "/restart?")
    finally:
        own.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _stored(owner_url: str) -> dict[tuple[str, str], str]:
    engine = create_engine(owner_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT anchor, level, ordinal, values_json FROM form_rows")).all()
    finally:
        engine.dispose()
    import json

    return {(anchor, f"{level}{ordinal}"): json.loads(values) for anchor, level, ordinal, values in rows}


def test_a_restart_mid_session_loses_nothing(qtbot: QtBot, cluster: tuple[Cluster, str]) -> None:
    from gwr_desktop.app import build_main_window
    from gwr_desktop.ui.server.status import ServerStatus

    own, owner_url = cluster
    server_admin.init_server(owner_url)
    unit_url = server_admin.add_user(owner_url, "shangwu", "correct-horse-1", unit=UNIT)
    db = open_database(unit_url)
    window = build_main_window(db)
    qtbot.addWidget(window)
    window.show()
    window.show_page(window.forms_page)
    status = window.findChild(ServerStatus)
    assert status is not None and "市商务局" in status.login_label.text()
    assert not window.switch_unit_action.isEnabled()  # a unit's login belongs to its unit
    workspace = window.forms_page.workspace
    workspace.open_form(workspace.plan_editor.model.kind)
    editor = workspace.plan_editor
    leader, content = col(editor, "leader"), col(editor, "content")
    try:
        type_into(qtbot, editor, editor.model.row_of(ITEM, 0), leader, "断线前")
        assert _stored(owner_url)[(ITEM, "item0")] == {"leader": "断线前"}

        own.stop()
        qtbot.waitUntil(lambda: status.offline, timeout=5000)
        assert "连接中断" in status.banner.text()
        type_into(qtbot, editor, editor.model.row_of(OTHER, 0), leader, "断线时输入")
        pasted = editor.model.paste(editor.model.row_of(ITEM, 0), content, [["第一条", "3月"], ["第二条", "4-6月"]])
        assert not pasted
        cell = editor.model.index(editor.model.row_of(OTHER, 0), leader)
        assert cell.data() == "断线时输入"  # kept in the cell
        assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#ffd8a8"
        assert editor.held_bar.isVisible()

        own.start()
        qtbot.waitUntil(lambda: not status.offline, timeout=15000)
        qtbot.waitUntil(lambda: not editor.model.held.items, timeout=5000)  # saved by themselves
        stored = _stored(owner_url)
        assert stored[(ITEM, "item0")] == {"leader": "断线前"}
        assert stored[(OTHER, "item0")] == {"leader": "断线时输入"}
        assert stored[(ITEM, "entry0")] == {"content": "第一条", "period": "3月"}  # the paste, whole
        assert stored[(ITEM, "entry1")] == {"content": "第二条", "period": "4-6月"}
        assert not editor.held_bar.isVisible()
        type_into(qtbot, editor, editor.model.row_of(ITEM, 0), leader, "恢复后")
        assert _stored(owner_url)[(ITEM, "item0")] == {"leader": "恢复后"}
    finally:
        window.close()
        status.stop()
        db.close()
