"""Issue 14 #3: no lost update. An edit carries what the editor saw; a commit on something someone else changed
since is refused with both texts, on SQLite and on PostgreSQL alike (the protocol is the service's)."""

from __future__ import annotations

import pytest

from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import form_content as fc
from gwr_desktop.services import form_edits as e
from gwr_desktop.services.database import Database
from gwr_desktop.services.form_conflicts import DELETED, with_seen

PLAN, UNIT, ITEM = "2023", "市商务局", "二-1"


def _read(db: Database) -> fc.FormStamps:
    return fc.load_for_editing(db, PLAN, UNIT, FormKind.PLAN)[1]


def _value(db: Database, index: int, key: str = "content") -> str:
    item = next(i for i in fc.load_content(db, PLAN, UNIT, FormKind.PLAN).items if i.key == ITEM)
    return item.entries[index].get(key) if index < len(item.entries) else ""


def _set(db: Database, stamps: fc.FormStamps, index: int, text: str, key: str = "content") -> list[e.Edit]:
    edit = e.SetValue(FormKind.PLAN, 0, e.entry(ITEM, index), key, text)
    return fc.apply_edits(db, PLAN, UNIT, [with_seen(stamps, edit)])


def test_the_second_of_two_editors_gets_the_conflict_with_both_texts(db: Database) -> None:
    _set(db, _read(db), 0, "原来的内容")
    mine, theirs = _read(db), _read(db)  # two editors showing the same form
    _set(db, theirs, 0, "对方写的")
    with pytest.raises(fc.FormConflictError) as refused:
        _set(db, mine, 0, "我写的")
    [conflict] = refused.value.conflicts
    assert (conflict.mine, conflict.theirs, conflict.row, conflict.key) == ("我写的", "对方写的", e.entry(ITEM, 0),
                                                                           "content")
    assert "对方写的" in str(refused.value) and "我写的" in str(refused.value)
    assert _value(db, 0) == "对方写的"  # nothing overwritten
    _set(db, _read(db), 0, "我写的")  # 用我的: on what is there now, it goes through
    assert _value(db, 0) == "我写的"


def test_other_columns_of_the_same_row_are_both_kept(db: Database) -> None:
    _set(db, _read(db), 0, "内容")
    mine, theirs = _read(db), _read(db)
    _set(db, theirs, 0, "3-6月", key="period")
    _set(db, mine, 0, "新的内容")
    assert (_value(db, 0), _value(db, 0, "period")) == ("新的内容", "3-6月")


def test_an_edit_follows_its_row_when_someone_inserts_above(db: Database) -> None:
    _set(db, _read(db), 0, "第一条")
    mine = _read(db)
    fc.apply_edits(db, PLAN, UNIT, [e.InsertRow(FormKind.PLAN, 0, e.entry(ITEM, 0), {"content": "他人插入"})])
    inverses = _set(db, mine, 0, "第一条（改）")
    assert (_value(db, 0), _value(db, 1)) == ("他人插入", "第一条（改）")
    assert inverses[0].row == e.entry(ITEM, 1)  # its undo names where it landed


def test_a_row_someone_deleted_is_a_conflict_not_a_write_elsewhere(db: Database) -> None:
    for n, text in enumerate(("一", "二")):
        _set(db, _read(db), n, text)
    mine = _read(db)
    fc.apply_edits(db, PLAN, UNIT, [e.DeleteRow(FormKind.PLAN, 0, e.entry(ITEM, 0))])
    with pytest.raises(fc.FormConflictError) as refused:
        _set(db, mine, 0, "改一")
    assert refused.value.conflicts[0].theirs == DELETED
    assert _value(db, 0) == "二"
    with pytest.raises(fc.FormConflictError):  # deleting the entry someone changed meanwhile
        delete = with_seen(mine, e.DeleteRow(FormKind.PLAN, 0, e.entry(ITEM, 1)))
        _set(db, _read(db), 0, "二（改）")
        fc.apply_edits(db, PLAN, UNIT, [delete])
    assert _value(db, 0) == "二（改）"


def test_a_cell_empty_when_read_and_filled_since_is_a_conflict(db: Database) -> None:
    mine, theirs = _read(db), _read(db)
    _set(db, theirs, 0, "先到的")
    with pytest.raises(fc.FormConflictError) as refused:
        _set(db, mine, 0, "后到的")
    assert (refused.value.conflicts[0].mine, refused.value.conflicts[0].theirs) == ("后到的", "先到的")


def test_undo_does_not_overwrite_a_later_change_by_someone_else(db: Database) -> None:
    _set(db, _read(db), 0, "旧")
    undo = _set(db, _read(db), 0, "我的新")
    _set(db, _read(db), 0, "他人更新")
    with pytest.raises(fc.FormConflictError):
        fc.apply_edits(db, PLAN, UNIT, undo)
    assert _value(db, 0) == "他人更新"
    redo = fc.apply_edits(db, PLAN, UNIT, fc.apply_edits(db, PLAN, UNIT, _set(db, _read(db), 0, "再改")))
    assert _value(db, 0) == "再改" and redo


def test_values_above_the_table_conflict_too(db: Database) -> None:
    mine, theirs = _read(db), _read(db)
    fc.apply_edits(db, PLAN, UNIT, [with_seen(theirs, e.SetHeader(FormKind.PLAN, 0, "principal", "张三"))])
    with pytest.raises(fc.FormConflictError) as refused:
        fc.apply_edits(db, PLAN, UNIT, [with_seen(mine, e.SetHeader(FormKind.PLAN, 0, "principal", "李四"))])
    assert (refused.value.conflicts[0].row, refused.value.conflicts[0].theirs) == (None, "张三")


def test_edits_without_what_was_seen_write_as_before(db: Database) -> None:
    """fill, the command line and copy-from-last-quarter carry no stamps: they write as they always did."""
    _set(db, _read(db), 0, "编辑器")
    fc.set_value(db, PLAN, UNIT, FormKind.PLAN, e.entry(ITEM, 0), "content", "命令行")
    assert _value(db, 0) == "命令行"


@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
@pytest.mark.parametrize("trial", range(3))
def test_two_processes_edit_one_cell_exactly_one_wins(db: Database, trial: int) -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    texts = [f"甲{trial}", f"乙{trial}"]
    children = [subprocess.Popen([sys.executable, "-m", "tests.server.editor_child", db.url, text], cwd=root,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for text in texts]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        for child in children:  # as close together as two people pressing Enter
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outcomes = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            child.kill() if child.poll() is None else None
    lines = [out.strip() for out, _err in outcomes]
    assert sorted(line.split(" ")[0] for line in lines) == ["conflict", "ok"], [err for _o, err in outcomes]
    winner = texts[lines.index("ok")]
    loser = texts[1 - lines.index("ok")]
    assert lines[1 - lines.index("ok")] == f"conflict {loser}|{winner}"  # both texts intact in the refusal
    assert _value(db, 0) == winner
