"""A seeded fuzzer of plan files and its oracle (issue 17): never a silent loss, never a traceback.

Text cases mutate the seed's lines (byte flips, truncation, deleted / duplicated / swapped / inserted lines,
stray 附件 labels) and write them in a random encoding; .docx cases damage a generated Word file's package and
XML (truncation, flipped bytes, huge spans, understated sizes, entities, missing parts).

Besides the seed, text cases mutate other places' plans (tests/fixtures/plans/city_fixtures.py) written as
text: 第X部分 over 一、, numbers restarting in each section (keys 二-(二)-1), 责任单位： lines under the items,
bare unit lists, numbered headings over （1） items, one numbering through the whole document.

Oracle: a case is refused with a PlanSourceError/PlanParseError (a clean refusal), or accepted; an accepted
plan must give every item of the clean catalogue whose own lines were not touched either exactly as the clean
parse does, or name it in a problem the clean parse does not report (or report that the document ends early).
Anything else is a silent loss; any other exception is a traceback.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gwr_desktop.domain.plan import ParsedPlan, PlanItem, Role
from gwr_desktop.domain.plan_parser import PlanParseError, parse_plan, parse_plan_file
from gwr_desktop.domain.reading import PlanSourceError
from tests.fixtures.plans.check import keys_named
from tests.fixtures.plans.model import registry, seed_text

ENCODINGS = ("utf-8", "gb18030", "utf-16", "utf-16-le", "utf-8-sig")
_STRAYS = ("附件1", "附表 1", "— 12 —", "2", "二、重点工作", "（三）着力建设科技创新中心", "——打造高能级创新平台",
           "12. 新增项目若干。", "位:市科技局)", "", "责任单位：市发改委", "第二部分 重点工作任务", "1．新增项目。",
           "（2）推进改革。", "（市发改委、市财政局）")
# Other places' plans as text, each a different structure and grammar (city_fixtures.SPECS).
CITY_BASELINES = ("xiangyang_txt", "yichang_docx", "ezhou_txt", "changsha_gbk", "suizhou_norule", "liaocheng_docx",
                  "state_council_docx")


@dataclass(frozen=True)
class Baseline:
    """A clean plan text the mutations start from, its clean parse and the lines each of its items spans."""

    name: str
    text: str
    plan: ParsedPlan
    spans: dict[str, range]


@cache
def baseline(name: str = "seed") -> Baseline:
    if name == "seed":
        text = seed_text()
    else:
        from tests.fixtures.plans.city_fixtures import SPEC_BY_NAME, notice_of, plan_events, text_lines

        spec = SPEC_BY_NAME[name]
        text = "\n".join(text_lines(spec, notice_of(spec), plan_events(spec)))
    plan = parse_plan(text, registry())
    total = len(text.splitlines())
    items = plan.items
    spans = {item.key: range(item.source_line, items[i + 1].source_line if i + 1 < len(items) else total + 1)
             for i, item in enumerate(items)}
    return Baseline(name, text, plan, spans)


@dataclass
class Case:
    name: str
    data: bytes
    suffix: str
    touched: set[int] = field(default_factory=set)  # 1-based line numbers of the clean text
    cut_at: int | None = None  # the clean line after which the text was truncated
    base: str = "seed"  # the clean plan it was made from


@dataclass
class Tally:
    cases: int = 0
    refused: int = 0
    flagged: int = 0
    clean: int = 0
    silent: int = 0
    tracebacks: int = 0
    examples: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"cases {self.cases}, clean refusals {self.refused}, accepted-and-flagged {self.flagged}, "
                f"accepted unchanged {self.clean}, silent losses {self.silent}, tracebacks {self.tracebacks}")


def clean_plan() -> ParsedPlan:
    return baseline().plan


def _facts(item: PlanItem) -> tuple:
    leads = frozenset(a.unit for a in item.assignments if a.effective_role is Role.LEAD)
    return item.text, leads, frozenset(a.unit for a in item.assignments) - leads


def item_lines() -> dict[str, range]:
    """The clean text's lines each item spans (to the line before the next item, headings included)."""
    return baseline().spans


# -- text cases ------------------------------------------------------------------------------------------------


def text_case(rng: random.Random, index: int, base: Baseline | None = None) -> Case:
    base = base or baseline()
    lines = base.text.splitlines()
    kind = rng.choice(("flip", "flip", "truncate", "delete", "duplicate", "swap", "insert", "insert", "multi"))
    touched: set[int] = set()
    cut_at = None
    for _ in range(rng.randint(2, 4) if kind == "multi" else 1):
        chosen = kind if kind != "multi" else rng.choice(("flip", "delete", "duplicate", "swap", "insert"))
        lines, cut = _mutate(rng, lines, chosen, touched)
        cut_at = cut if cut is not None else cut_at
    encoding = rng.choice(ENCODINGS)
    text = "\n".join(lines)
    data = text.encode(encoding, errors="replace")
    if kind == "flip" and rng.random() < 0.5:  # a flip in the encoded bytes, not only in the text
        position = rng.randrange(len(data))
        data = data[:position] + bytes([data[position] ^ (1 << rng.randrange(8))]) + data[position + 1:]
        touched |= _byte_line(data, position, encoding)
    return Case(f"text-{base.name}-{index}-{kind}-{encoding}", data, ".txt", touched, cut_at, base.name)


def _byte_line(data: bytes, position: int, encoding: str) -> set[int]:
    """The clean line(s) a flipped byte falls in; the neighbours too, as a broken sequence may eat a newline."""
    width = 2 if encoding.startswith("utf-16") else 1
    line = data[:position].count(b"\n" + b"\x00" * (width - 1) if width == 2 else b"\n") + 1
    return {line - 1, line, line + 1}


def _mutate(rng: random.Random, lines: list[str], kind: str, touched: set[int]) -> tuple[list[str], int | None]:
    """Mutations keep the clean numbering of the lines they touch, so `touched` names clean lines."""
    at = rng.randrange(len(lines))
    if kind == "flip" and lines[at]:
        text = lines[at]
        pos = rng.randrange(len(text))
        new = chr(rng.choice((0x09, 0x07, 0x00, 0x30 + rng.randrange(10), ord(text[pos]) ^ 1, 0x3000)))
        lines = [*lines[:at], text[:pos] + new + text[pos + 1:], *lines[at + 1:]]
        touched.add(at + 1)
        return lines, None
    if kind == "truncate":
        cut = rng.randrange(len(lines) // 10, len(lines))
        touched.update({cut, cut + 1})  # the last line kept whole, and the one kept in part
        return lines[:cut] + ([lines[cut][:rng.randrange(max(1, len(lines[cut])))]] if rng.random() < 0.5 else []), cut
    if kind == "delete":
        touched.add(at + 1)
        return [*lines[:at], "", *lines[at + 1:]], None  # an emptied line keeps the others' numbers
    if kind == "duplicate":  # the copy shares its line's slot, so later mutations still name clean lines
        touched.update({at + 1, at + 2})
        lines = list(lines)
        lines[at] = lines[at] + "\n" + lines[at]
        return lines, None
    if kind == "swap" and at + 2 < len(lines):
        other = at + 2
        lines = list(lines)
        lines[at], lines[other] = lines[other], lines[at]
        touched.update({at + 1, other + 1})
        return lines, None
    if kind == "insert":
        stray = rng.choice(_STRAYS)
        touched.update({at, at + 1, at + 2})
        lines = list(lines)
        lines[at] = lines[at] + "\n" + stray if rng.random() < 0.5 else stray + "\n" + lines[at]
        return lines, None
    return lines, None


# -- docx cases ------------------------------------------------------------------------------------------------


@cache
def clean_docx(folder: Path) -> bytes:
    from tests.fixtures.plans.build import _docx_seed_paragraphs

    return _docx_seed_paragraphs(folder).read_bytes()


def docx_case(rng: random.Random, index: int, folder: Path) -> Case:
    data = clean_docx(folder)
    kind = rng.choice(tuple(_DOCX_MUTATIONS))
    return Case(f"docx-{index}-{kind}", _DOCX_MUTATIONS[kind](rng, data), ".docx", touched=set(range(0, 10 ** 6)))


def _members(data: bytes) -> dict[str, bytes]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _pack(members: dict[str, bytes]) -> bytes:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _edit_document(data: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    members = _members(data)
    members["word/document.xml"] = edit(members["word/document.xml"])
    return _pack(members)


def _flip(rng: random.Random, data: bytes) -> bytes:
    position = rng.randrange(len(data))
    return data[:position] + bytes([data[position] ^ 0xFF]) + data[position + 1:]


def _xml_flip(rng: random.Random, data: bytes) -> bytes:
    return _edit_document(data, lambda xml: _flip(rng, xml))


def _span(rng: random.Random, data: bytes) -> bytes:
    table = (b'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'
             if rng.random() < 0.5 else
             b'<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>'
             b'</w:tbl>')
    return _edit_document(data, lambda xml: xml.replace(b"<w:body>", b"<w:body>" + table, 1))


def _paragraphs(rng: random.Random, data: bytes) -> bytes:
    many = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 400_000
    return _edit_document(data, lambda xml: xml.replace(b"</w:body>", many + b"</w:body>", 1))


def _entities(rng: random.Random, data: bytes) -> bytes:
    dtd = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
           b'<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    entity = b"<w:t>&b;&x;</w:t><w:t "
    return _edit_document(data, lambda xml: dtd + xml.split(b"?>", 1)[1].replace(b"<w:t ", entity, 1))


def _no_body(rng: random.Random, data: bytes) -> bytes:
    return _edit_document(data, lambda xml: re.sub(rb"<w:body>.*</w:body>", b"", xml, flags=re.S))


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data) // 4, len(data))]


def _understate(rng: random.Random, data: bytes) -> bytes:
    """A zip whose directory says a member is 1,000 bytes while it inflates to 40 MB."""
    import io
    import struct

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in _members(data).items():
            archive.writestr(name, content if name != "word/document.xml" else content[:-20] + b" " * 40_000_000
                             + content[-20:])
    raw = bytearray(out.getvalue())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (found := raw.find(signature, start)) >= 0:
            name_length = struct.unpack_from("<H", raw, found + (28 if signature == b"PK\x01\x02" else 26))[0]
            name_start = found + (46 if signature == b"PK\x01\x02" else 30)
            if bytes(raw[name_start:name_start + name_length]) == b"word/document.xml":
                struct.pack_into("<I", raw, found + offset, 1000)
            start = found + 4
    return bytes(raw)


def _drop_member(rng: random.Random, data: bytes) -> bytes:
    members = _members(data)
    members.pop(rng.choice(sorted(members)))
    return _pack(members)


_DOCX_MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "zip-flip": _flip, "xml-flip": _xml_flip, "span": _span, "entities": _entities, "no-body": _no_body,
    "truncate": _truncate, "drop-member": _drop_member, "understate": _understate, "paragraphs": _paragraphs,
}


# -- the oracle ------------------------------------------------------------------------------------------------


def judge(case: Case, folder: Path, tally: Tally) -> None:
    tally.cases += 1
    path = folder / f"case{case.suffix}"
    path.write_bytes(case.data)
    try:
        plan = parse_plan_file(path, registry())
    except (PlanSourceError, PlanParseError) as error:
        assert str(error) and re.search(r"[\u4e00-\u9fff]", str(error)), case.name
        tally.refused += 1
        return
    except Exception as error:  # noqa: BLE001 - counting them is the point
        tally.tracebacks += 1
        tally.examples.append(f"{case.name}: traceback {type(error).__name__}: {error}"[:300])
        return
    lost = silent_items(plan, case)
    if lost:
        tally.silent += 1
        tally.examples.append(f"{case.name}: silently lost/wrong {lost[:5]}")
    elif {(p.kind, p.text) for p in plan.problems} - {(p.kind, p.text) for p in baseline(case.base).plan.problems}:
        tally.flagged += 1
    else:
        tally.clean += 1


def silent_items(plan: ParsedPlan, case: Case) -> list[str]:
    base = baseline(case.base)
    got = {item.key: _facts(item) for item in plan.items}
    known = {(p.kind, p.text, p.location) for p in base.plan.problems}
    told = [p for p in plan.problems if (p.kind, p.text, p.location) not in known]  # what the case added
    named = {p.after_item for p in told if p.after_item}
    named |= {key for p in told for key in keys_named(p.location)}
    truncated = any(p.kind in ("document_truncated", "missing_forms") for p in plan.problems)
    last = plan.items[-1].position if plan.items else 0
    spans = base.spans
    lost = []
    kept = set(got.values())
    for item in base.plan.items:
        if set(spans[item.key]) & case.touched or item.key in named:
            continue
        if got.get(item.key) == _facts(item):
            continue
        if truncated and _facts(item) in kept:
            continue  # a document reported as cut short keys what it kept from what it kept: the facts survive
        if truncated and item.key not in got and item.position > last:
            continue
        if truncated and case.cut_at is not None and spans[item.key].start > case.cut_at + 1:
            continue  # cut away whole: none of its lines is in the document, which is reported as cut short
        if _traceless_part_loss(base, case, item):
            continue
        lost.append(item.key)
    return lost


def _traceless_part_loss(base: Baseline, case: Case, item: PlanItem) -> bool:
    """The one loss the text cannot show, exempted narrowly: a part heading deleted whole ("三、民生实事" gone),
    where the plan numbers items through the document (part 三 goes on from part 二's last number) and that
    part has no sections, so its items read on under the part before with nothing out of sequence, no heading
    out of order and no change of shape. (A part with sections leaves a trace — its sections restart or follow
    bare items — and is not exempt.)"""
    kind = re.search(r"-\d+-([a-z]+)-", case.name)
    if kind is None or kind.group(1) != "delete" or len(case.touched) != 1:
        return False
    parts = base.plan.parts
    index = next((i for i, part in enumerate(parts) if part.numeral == item.part), 0)
    if index == 0 or parts[index].sections:
        return False
    mine = [i for i in base.plan.items if i.part == item.part]
    before = [i for i in base.plan.items if i.part == parts[index - 1].numeral]
    heading_line = mine[0].source_line - 1 if mine else 0
    runs_on = bool(mine and before) and mine[0].number == before[-1].number + 1
    deleted = next(iter(case.touched))
    return runs_on and 0 < deleted <= heading_line and _blank_between(base, deleted, heading_line) \
        and parts[index].title in base.text.splitlines()[deleted - 1]


def _blank_between(base: Baseline, deleted: int, last: int) -> bool:
    """Only blank lines between the deleted line and the part's first item: the deleted line was its heading."""
    lines = base.text.splitlines()
    return all(not lines[n - 1].strip() for n in range(deleted + 1, last + 1)) and bool(lines[deleted - 1].strip())


def run(seed: int, text_cases: int, docx_cases: int, folder: Path, *, cities: int = 0) -> Tally:
    """`text_cases` mutations of the seed, `cities` of the other places' plans (in turn), `docx_cases` of a
    Word file."""
    rng = random.Random(seed)
    tally = Tally()
    for index in range(text_cases):
        judge(text_case(rng, index), folder, tally)
    for index in range(cities):
        judge(text_case(rng, index, baseline(CITY_BASELINES[index % len(CITY_BASELINES)])), folder, tally)
    for index in range(docx_cases):
        judge(docx_case(rng, index, folder), folder, tally)
    return tally
