"""Revision 0006 on a database imported before it: plans read "no rule stated, a text dump", items print nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from gwr_desktop.services import catalogue
from gwr_desktop.services.database import open_database
from gwr_desktop.storage import migrate
from gwr_desktop.storage.engine import make_engine


def test_a_plan_stored_at_0004_reads_after_0006(db_url: str, seed_path: Path) -> None:
    from alembic import command

    engine = make_engine(db_url)
    command.upgrade(migrate._config(engine), "0004")
    with engine.begin() as connection:  # as the 0004 importer stored it: no lead rule, format or print columns
        connection.execute(text(
            "INSERT INTO plans (id, key, title, doc_number, issuer, year, notice_title, source_name, "
            "source_digest, content_digest, imported_at) VALUES (1, '2023', 't', 'd', 'i', 2023, '', 's.txt', "
            "'x', 'y', '2023-01-20 10:00:00')"))
        connection.execute(text("INSERT INTO plan_parts (id, plan_id, ordinal, numeral, title) "
                                "VALUES (1, 1, 1, '一', '目标')"))
        connection.execute(text("INSERT INTO items (id, plan_id, part_id, key, number, text, clause, position, "
                                "source_line) VALUES (1, 1, 1, '一-1', 1, '增长', '', 1, 9)"))
    engine.dispose()
    db = open_database(db_url)  # upgrades to head, as the app does at start
    stored = catalogue.catalogue(db, "2023")
    db.close()
    assert (stored.lead_rule, stored.source_format) == (None, "txt")
    assert [(i.key, i.leader, i.deadline, i.grammar) for i in stored.items] == [("一-1", "", "", "")]
