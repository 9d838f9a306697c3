"""A canonical description of a written .xlsx, to prove a change to the writer prints nothing differently.

Every XML part of the package in canonical form (C14N 2.0: attributes sorted, namespaces normalised), with each
cell's style index replaced by the style it names (its font, fill, border, alignment, protection and number
format, resolved from styles.xml), so two files describe alike exactly when Excel, WPS or LibreOffice would
show and print them alike: values, merges, styles, row heights, columns, print set-up, header and footer, print
titles and area, document properties. Left out: the creation and modification times in docProps/core.xml, and
the order of styles.xml's lists (only what each cell resolves to counts).

Also a script: `python -m tests.exports.xlsx_canon OUT.json` writes the descriptions of the workbooks the
exporter writes for the test fixtures (the three forms, the long-answer forms, a very long merged text, a
draft, the benchmark's 200-item forms); `python -m tests.exports.xlsx_canon --compare A.json B.json` names
the first difference.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as StdTree

from defusedxml import ElementTree

from gwr_desktop.exports.layout import FormLayout

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_VOLATILE = {f"{{http://purl.org/dc/terms/}}{name}" for name in ("created", "modified")}
RAW = "raw sha256 of "  # the parts' bytes: equal when the writer wrote the very same XML
_STYLE_LISTS = {"fonts": "font", "fills": "fill", "borders": "border"}


def describe(path: Path | str) -> dict[str, str]:
    """Part name → canonical XML text (the sheets with their cells' styles resolved)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in sorted(archive.namelist())}
    resolve = _style_resolver(parts["xl/styles.xml"])
    result = {}
    for name, data in parts.items():
        if name == "xl/styles.xml":
            continue  # compared through the cells that use it
        root = ElementTree.fromstring(data)
        if name.startswith("xl/worksheets/"):
            for cell in root.iter(f"{{{MAIN}}}c"):
                cell.set("s", resolve(int(cell.get("s", "0"))))
        if name == "docProps/core.xml":
            for child in [c for c in root if c.tag in _VOLATILE]:
                root.remove(child)
        result[name] = _canonical(root)
        if name != "docProps/core.xml":
            result[f"{RAW}{name}"] = hashlib.sha256(data).hexdigest()
    return result


def _canonical(root: StdTree.Element) -> str:
    return StdTree.canonicalize(StdTree.tostring(root, encoding="unicode"), strip_text=False)


def _style_resolver(styles_xml: bytes):  # noqa: ANN202 - returns index → description
    root = ElementTree.fromstring(styles_xml)
    lists = {key: [_canonical(e) for e in _children(root, key)] for key in _STYLE_LISTS}
    formats = {e.get("numFmtId"): _canonical(e) for e in _children(root, "numFmts")}
    xfs = _children(root, "cellXfs")

    def resolve(index: int) -> str:
        xf = xfs[index]
        described = {key: lists[key][int(xf.get(f"{tag}Id", "0"))] for key, tag in _STYLE_LISTS.items()}
        described["numFmt"] = formats.get(xf.get("numFmtId", "0"), xf.get("numFmtId", "0"))
        described["xf"] = _canonical(xf)  # alignment, protection and the apply* flags
        return json.dumps(described, ensure_ascii=False, sort_keys=True)

    return resolve


def _children(root: StdTree.Element, tag: str) -> list[StdTree.Element]:
    found = root.find(f"{{{MAIN}}}{tag}")
    return list(found) if found is not None else []


def fixture_layouts() -> dict[str, FormLayout]:
    """The layouts the export tests use, plus a draft and the benchmark's forms (800-row 附表1)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import export_probe  # bench/export_probe.py: the forms `xlsx_ratio` times

    from gwr_desktop.domain.plan import FormKind
    from tests.exports import long_text
    from tests.exports.conftest import layout_of

    layouts = {"plan": layout_of(FormKind.PLAN), "contacts": layout_of(FormKind.CONTACTS),
               "progress": layout_of(FormKind.PROGRESS),
               "long_plan": layout_of(FormKind.PLAN, long_text.plan_content()),
               "long_progress": layout_of(FormKind.PROGRESS, long_text.progress_content())}
    layouts["draft_progress"] = replace(layouts["progress"], draft=True)
    content = long_text.plan_content()  # a 责任事项 longer than its item's rows hold at 409 pt: rows added
    first = replace(content.items[0], text=long_text.long_text(99, 6000), entries=content.items[0].entries[:1])
    layouts["long_merged"] = layout_of(FormKind.PLAN, replace(content, items=(first, *content.items[1:])))
    for name, layout in zip(("plan", "contacts", "progress"), export_probe.layouts(200, 4), strict=True):
        layouts[f"bench_{name}"] = layout
    return layouts


def exported(layouts: dict[str, FormLayout]) -> dict[str, dict[str, str]]:
    """Each layout written through the exporter (write_form: cleaning, digest, safe write) and described."""
    from gwr_desktop.exports.writer import write_form

    with tempfile.TemporaryDirectory() as folder:
        return {name: describe(write_form(layout, Path(folder), {"xlsx": f"{name}.xlsx"})[0])
                for name, layout in layouts.items()}


def first_difference(before: dict, after: dict, *, raw: bool = False) -> str | None:
    """The first part that differs (what prints), or with raw=True the first whose bytes differ."""
    for name in sorted(before.keys() | after.keys()):
        parts_a, parts_b = before.get(name, {}), after.get(name, {})
        for part in sorted(parts_a.keys() | parts_b.keys()):
            if part.startswith(RAW) != raw:
                continue
            a, b = parts_a.get(part, ""), parts_b.get(part, "")
            if a != b:
                at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
                return f"{name} {part} at {at}: {a[max(0, at - 80):at + 80]!r} ≠ {b[max(0, at - 80):at + 80]!r}"
    return None


def main(argv: list[str]) -> int:
    if argv[:1] == ["--compare"]:
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:3])
        difference = first_difference(before, after)
        print(difference or f"identical: {len(before)} workbooks")
        changed = sorted({part[len(RAW):] for name in before for part, digest in before[name].items()
                          if part.startswith(RAW) and after.get(name, {}).get(part) != digest})
        print("bytes:", f"written differently: {', '.join(changed)}" if changed else "every part byte-identical")
        return 1 if difference else 0
    described = exported(fixture_layouts())
    text = json.dumps(described, ensure_ascii=False, sort_keys=True, indent=0)
    Path(argv[0]).write_text(text, encoding="utf-8")
    print(f"{len(described)} workbooks, sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
