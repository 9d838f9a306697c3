"""Each hostile or damaged plan file of issue 17 / issue 9: a Chinese message or flagged problems, bounded in
time and memory, never a traceback (the bounds are measured in a fresh process)."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gwr_desktop.domain.plan_parser import PlanParseError, parse_plan, parse_plan_file
from gwr_desktop.domain.reading import PlanSourceError
from tests.fixtures.plans.model import registry, seed_text
from tests.fuzz import plan_fuzz

ROOT = Path(__file__).resolve().parents[2]
_PROBE = """
import json, sys, time
from pathlib import Path
from gwr_desktop.domain.plan_parser import parse_plan_file
from gwr_desktop.domain.units import UnitRegistry
from gwr_desktop.paths import registry_path
started, cpu_started = time.monotonic(), time.process_time()
try:
    parse_plan_file(Path(sys.argv[1]), UnitRegistry.from_json(registry_path()))
    outcome = "accepted"
except ValueError as error:
    outcome = str(error)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking (pytest) process.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"outcome": outcome, "seconds": time.monotonic() - started,
                  "cpu_seconds": time.process_time() - cpu_started, "rss_mb": peak / 1024}))
"""


def within(result: dict, seconds: float) -> bool:
    """The work is bounded: its CPU time within `seconds` (what the reader itself spends, whatever else loads the
    machine's two cores), and its wall time within three times that (no hang, no waiting on anything)."""
    return result["cpu_seconds"] < seconds and result["seconds"] < 3 * seconds


def probe(path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _seed_docx(tmp_path: Path) -> bytes:
    return plan_fuzz.clean_docx(tmp_path)


@pytest.mark.parametrize("kind, message", [
    ("span", "列"), ("understate", "word/document.xml"), ("paragraphs", "段落过多"), ("entities", "实体"),
    ("no-body", "没有正文"),
])
def test_hostile_docx_stopped_within_bounds(tmp_path: Path, kind: str, message: str) -> None:
    data = plan_fuzz._DOCX_MUTATIONS[kind](random.Random(1), _seed_docx(tmp_path))
    if kind == "span":
        data = plan_fuzz._edit_document(_seed_docx(tmp_path), lambda xml: xml.replace(b"<w:body>", (
            b'<w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr><w:p/></w:tc></w:tr>'
            b'</w:tbl>'), 1))
    path = tmp_path / "hostile.docx"
    path.write_bytes(data)
    result = probe(path)
    assert message in result["outcome"]
    assert within(result, 10) and result["rss_mb"] < 400


def test_two_million_paragraphs_stopped_early(tmp_path: Path) -> None:
    many = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 2_000_000
    path = tmp_path / "big.docx"
    data = plan_fuzz._edit_document(_seed_docx(tmp_path), lambda x: x.replace(b"</w:body>", many + b"</w:body>"))
    path.write_bytes(data)
    result = probe(path)
    assert "段落过多" in result["outcome"] or "过大" in result["outcome"]
    assert within(result, 15) and result["rss_mb"] < 400


def test_a_100_mb_text_file_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as stream:
        stream.truncate(100 * 1024 * 1024)
    result = probe(path)
    assert "过大" in result["outcome"] and within(result, 2) and result["rss_mb"] < 150


def test_vmerge_continuation_first_is_read(tmp_path: Path) -> None:
    data = plan_fuzz._edit_document(_seed_docx(tmp_path), lambda xml: xml.replace(b"<w:body>", (
        b"<w:body><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
        b"</w:tbl>"), 1))
    path = tmp_path / "vmerge.docx"
    path.write_bytes(data)
    assert len(parse_plan_file(path, registry()).items) == 322


@pytest.mark.parametrize("name, data, message", [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "另存为"),
    ("plan.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "WPS 文字"),
    ("secret.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 600, "密码"),
    ("plan.docx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "改为 .pdf"),
    ("plan.rtf", b"{\\rtf1\\ansi hello}", "RTF"),
    ("empty.txt", b"", "空的"),
    ("binary.txt", bytes(range(256)) * 40, "编码"),
    ("cut.docx", b"PK\x03\x04" + b"\x00" * 100, "损坏"),
    ("scan.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
                 b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n",
     "扫描件"),
])
def test_unreadable_files_get_a_chinese_message(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises((PlanSourceError, PlanParseError), match=message):
        parse_plan_file(path, registry())


def test_a_directory_or_missing_file_is_a_message(tmp_path: Path) -> None:
    with pytest.raises(PlanSourceError, match="不是普通文件"):
        parse_plan_file(tmp_path, registry())
    with pytest.raises(PlanSourceError, match="找不到"):
        parse_plan_file(tmp_path / "none.txt", registry())


def test_truncated_zip_is_a_message(tmp_path: Path) -> None:
    data = _seed_docx(tmp_path)
    path = tmp_path / "cut.docx"
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(PlanSourceError, match="损坏"):
        parse_plan_file(path, registry())


# -- issue 17's text cases, each a regression -----------------------------------------------------------------


def _lines() -> list[str]:
    return seed_text().splitlines()


def test_one_flipped_byte_keeps_the_rest_of_the_part() -> None:
    lines = _lines()
    at = next(i for i, line in enumerate(lines) if line.startswith("63. "))
    lines[at] = "\t3." + lines[at][3:]
    plan = parse_plan("\n".join(lines), registry())
    assert len(plan.items) == 321 and plan.per_part()["二"] == 240
    assert any("缺少 二-63" in p.location for p in plan.problems)
    assert any(p.kind == "duplicate_number" and p.after_item == "二-3" for p in plan.problems)


@pytest.mark.parametrize("label, after", [("附表 1", 41), ("附件1", "二、重点工作")])
def test_a_stray_label_in_the_body_ends_nothing(label: str, after: object) -> None:
    lines = _lines()
    at = after if isinstance(after, int) else lines.index(after) + 1
    lines.insert(at, label)
    plan = parse_plan("\n".join(lines), registry())
    assert len(plan.items) == 322
    assert [p.kind for p in plan.problems if p.kind == "stray_appendix_label"] == ["stray_appendix_label"]


def test_a_truncated_file_says_so_with_counts() -> None:
    plan = parse_plan("\n".join(_lines()[:300]), registry())
    truncated = next(p for p in plan.problems if p.kind == "document_truncated")
    assert f"共读到 {len(plan.items)} 项" in truncated.location and truncated.after_item == plan.items[-1].key
    assert any(p.kind == "missing_forms" for p in plan.problems)


def test_many_items_without_units_are_flagged_loudly() -> None:
    text = "\n".join(line.split("(牵头单位")[0].split("(责任单位")[0] for line in _lines())
    plan = parse_plan(text, registry())
    assert any(p.kind == "many_without_units" for p in plan.problems)


def test_no_rule_and_several_units_without_a_lead_is_a_problem_not_a_guess() -> None:
    text = seed_text().replace("(无牵头单位的,责任单位即为牵头单位,下同)", "")
    plan = parse_plan(text, registry())
    assert plan.lead_rule is None
    undecided = [p.after_item for p in plan.problems if p.kind == "lead_undecided"]
    assert undecided == ["三-1", "三-2", "三-5", "三-6", "三-7"]
    item = next(i for i in plan.items if i.key == "三-1")
    assert {a.effective_role for a in item.assignments} == {None}


def test_control_characters_are_removed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "bel.txt"
    path.write_text(seed_text().replace("着力振兴汉派服装", "着力振兴\x07汉派服装"), encoding="utf-8")
    plan = parse_plan_file(path, registry())
    assert next(i for i in plan.items if i.key == "二-7").text.startswith("着力振兴汉派服装")
    assert [p.after_item for p in plan.problems if p.kind == "invisible_characters"] == ["二-7"]


def test_zip_with_a_bomb_member_reports_the_member(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (40 * 1024 * 1024))
    path = tmp_path / "bomb.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(PlanSourceError, match="word/document.xml"):
        parse_plan_file(path, registry())
