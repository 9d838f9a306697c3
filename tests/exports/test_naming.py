"""File names safe on Windows whatever the unit is called (hypothesis), and paths that stay in their folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwr_desktop.exports.naming import (
    BYTE_LIMIT,
    FORBIDDEN,
    NAME_LIMIT,
    RESERVED,
    UnsafePathError,
    export_filename,
    inside,
    safe_component,
    submission_folder,
)
from gwr_desktop.exports.safe_write import write_bytes

HOSTILE = st.one_of(
    st.text(),
    st.text(alphabet=FORBIDDEN + ".. \t\n\x00\x1f\x7f\u200b\u2028市发改委/\\CONPRNAUXNULCOM1LPT9", max_size=30),
    st.sampled_from(["CON", "con.txt", "NUL", "COM1", "LPT9.", "..", ".", "   ", "a/../../etc", "..\\..\\x",
                     "市委宣传部〈市文明办〉", "东湖高新区、武汉经开区管委会", "x" * 500, "武" * 300]),
)


def _windows_safe(name: str) -> bool:
    stem = name.split(".")[0].strip().upper()
    return (not any(c in FORBIDDEN for c in name) and not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in name)
            and not name.endswith((".", " ")) and stem not in RESERVED and name.strip() == name and name)


# too_slow: drawing a short text and two small integers is instant; a 2 s draw (seen once in CI) is the shared
# machine stalling, not the strategy — the 300 examples and every assertion stay.
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(unit=HOSTILE, quarter=st.one_of(st.none(), st.integers(1, 4)), version=st.one_of(st.none(), st.integers(1, 999)))
def test_export_filename_is_safe_for_any_unit_name(tmp_path: Path, unit: str, quarter: int | None,
                                                   version: int | None) -> None:
    for ext in ("docx", "xlsx", "pdf"):
        name = export_filename(2023, unit, "附表3", "工作目标完成情况", ext, quarter=quarter, version=version)
        assert _windows_safe(name), name
        assert len(name) <= NAME_LIMIT and len(name.encode()) <= BYTE_LIMIT
        assert name.startswith("2023_") and name.endswith(f".{ext}")
        if version is not None:
            assert name.endswith(f"_v{version}.{ext}")
        path = inside(tmp_path, name)
        assert path.parent == tmp_path.resolve()
        path.write_bytes(b"x")  # the file system accepts it
        path.unlink()


@given(text=HOSTILE)
def test_safe_component_never_empty_or_reserved(text: str) -> None:
    part = safe_component(text)
    assert part and _windows_safe(part + ".x") and len(part) <= 40


def test_examples() -> None:
    assert export_filename(2023, "市发改委", "附表1", "办理方案", "docx", version=1) == (
        "2023_市发改委_附表1_办理方案_v1.docx")
    assert export_filename(2023, "市发改委", "附表3", "工作目标完成情况", "pdf", quarter=2, version=3) == (
        "2023_市发改委_附表3_工作目标完成情况_前2季度_v3.pdf")
    cleaned = export_filename(2023, 'a/b:c*?"<>|', "附表2", "督办工作人员名单", "xlsx")
    assert cleaned.startswith("2023_a_b_c_") and cleaned.endswith("_附表2_督办工作人员名单.xlsx") and "~" in cleaned
    draft = export_filename(2023, "市发改委", "附表1", "办理方案", "pdf", draft=True)
    assert draft == "2023_市发改委_附表1_办理方案_草稿.pdf"
    assert safe_component("CON") == "_CON" and safe_component("com1.txt") == "_com1.txt"
    assert safe_component("单位. . ") == "单位" and safe_component("") == "_"


def test_paths_outside_the_folder_are_refused(tmp_path: Path) -> None:
    for name in ("../x.docx", "sub/x.docx", "/etc/passwd", ".."):
        with pytest.raises(UnsafePathError):
            inside(tmp_path, name)
    assert submission_folder(tmp_path, "../市发改委").parent == tmp_path.resolve()


def test_written_files_are_readable_like_any_saved_file(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "a.docx", b"PK")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_units_differing_only_in_forbidden_characters_get_distinct_names(tmp_path: Path) -> None:
    """市/商务局, 市\\商务局 and 市:商务局 all cleaned to 市_商务局: the second export overwrote the first's files."""
    units = ["市/商务局", "市\\商务局", "市:商务局", "市_商务局", "市*商务局"]
    names = {export_filename(2023, u, "附表1", "办理方案", "docx", version=1) for u in units}
    assert len(names) == len(units)
    folders = {submission_folder(tmp_path, u) for u in units}
    assert len(folders) == len(units) and all(f.parent == tmp_path.resolve() for f in folders)
    long = ["武" * 300 + "甲", "武" * 300 + "乙"]  # cut to the same length: still distinct
    assert len({export_filename(2023, u, "附表1", "办理方案", "docx") for u in long}) == 2
