"""A helper's contribution to a lead, and files made from it, for the contribution tests."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

from gwr_desktop.domain.contribution import WorkProposal
from gwr_desktop.services import contribution_drafts
from gwr_desktop.services.contribution_export import export_contribution
from gwr_desktop.services.database import Database

PLAN, HELPER, LEAD, ITEM = "2023", "市经信局", "市商务局", "二-2"
NOTE = "配合开展“乐购武汉”主题活动，组织重点工业企业参与12场，带动销售额3.6亿元。\n联合发布新能源汽车促销政策。"
WORK = (WorkProposal("组织工业企业参与“乐购武汉”促消费活动", "4-6月"),
        WorkProposal("推动新能源汽车生产企业开展让利促销", "5月"))


def type_contribution(db: Database, note: str = NOTE, quarter: int = 2) -> None:
    contribution_drafts.set_note(db, PLAN, HELPER, ITEM, quarter, note)
    contribution_drafts.set_work(db, PLAN, HELPER, ITEM, list(WORK))


def export(db: Database, folder: Path, *, quarter: int | None = 2, when: dt.datetime | None = None,
           formats: tuple[str, ...] = ("docx", "xlsx")) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return export_contribution(db, PLAN, HELPER, LEAD, folder, quarter=quarter, formats=formats, now=when)


def rewrite_manifest(path: Path, target: Path, **changes: object) -> Path:
    """A copy of the file whose manifest says something else (its table untouched)."""
    source = zipfile.ZipFile(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/custom.xml":
                data = _changed(data, changes)
            out.writestr(info, data)
    target.write_bytes(buffer.getvalue())
    return target


def _changed(xml: bytes, changes: dict) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml)
    for prop in root:
        if prop.get("name") == "gwr.manifest":
            value = prop[0]
            manifest = json.loads(value.text)
            manifest.update(changes)
            value.text = json.dumps(manifest, ensure_ascii=False)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
