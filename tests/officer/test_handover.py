"""报送 through the services, on SQLite and PostgreSQL: the 督查室's address as plan data, scans kept with their
version (PDF/JPG/PNG by content, bounded), the files handed over and the zip named like them (UTF-8 names)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from gwr_desktop.domain.handover import AddressError, check_addresses, mailto_url, package_name
from gwr_desktop.domain.plan import FormKind
from gwr_desktop.services import handover, signoff
from gwr_desktop.services.database import Database
from tests.forms.sample_content import PLAN, UNIT, fill_sample

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def signed(db: Database, tmp_path: Path) -> tuple[signoff.SignedVersion, list[Path]]:
    fill_sample(db)
    folder = tmp_path / "报送 文件夹"
    folder.mkdir()
    return signoff.sign_off(db, PLAN, UNIT, FormKind.CONTACTS, folder, formats=["docx", "pdf"])


def test_the_office_address_is_plan_data(db: Database) -> None:
    assert handover.office_email(db, PLAN) == ""
    assert handover.set_office_email(db, PLAN, " duchashi@wuhan.gov.cn ； dcs2@wuhan.gov.cn") == \
        "duchashi@wuhan.gov.cn; dcs2@wuhan.gov.cn"
    assert handover.office_email(db, PLAN) == "duchashi@wuhan.gov.cn; dcs2@wuhan.gov.cn"
    with pytest.raises(handover.HandoverError, match="不是有效的邮箱地址"):
        handover.set_office_email(db, PLAN, "督查室@")
    assert handover.set_office_email(db, PLAN, "") == "" and handover.office_email(db, PLAN) == ""


def test_a_scan_is_kept_with_its_version_and_handed_over_beside_the_files(
        db: Database, tmp_path: Path, signed: tuple[signoff.SignedVersion, list[Path]]) -> None:
    version, paths = signed
    scan = tmp_path / "签字页.png"
    scan.write_bytes(PNG)
    info = handover.attach_scan(db, version.id, scan)
    assert (info.media_type, info.size, info.name) == ("image/png", len(PNG), "签字页.png")
    scan.unlink()  # the officer tidies the scanner's folder: the version still has it
    with pytest.raises(handover.HandoverError, match="已经附加过"):
        (tmp_path / "again.png").write_bytes(PNG)
        handover.attach_scan(db, version.id, tmp_path / "again.png")
    files = handover.handover_files(db, version, paths)
    assert files[:2] == paths and files[2].name == paths[0].stem + "_签字盖章页.png"
    assert files[2].read_bytes() == PNG and files[2].parent == paths[0].parent
    archive = handover.pack_zip(files)
    assert archive.name == paths[0].stem + ".zip" and archive.parent == paths[0].parent
    with zipfile.ZipFile(archive) as opened:
        assert [i.filename for i in opened.infolist()] == [f.name for f in files]
        assert all(i.flag_bits & 0x800 for i in opened.infolist())  # UTF-8 names, flagged
        assert opened.read(files[2].name) == PNG and opened.testzip() is None


def test_only_scans_are_accepted_and_they_are_bounded(db: Database, tmp_path: Path,
                                                       signed: tuple[signoff.SignedVersion, list[Path]]) -> None:
    version, _ = signed
    text = tmp_path / "page.pdf"
    text.write_text("not a pdf at all", encoding="utf-8")
    with pytest.raises(handover.HandoverError, match="不是 PDF、JPG 或 PNG"):
        handover.attach_scan(db, version.id, text)
    big = tmp_path / "big.pdf"
    with big.open("wb") as out:
        out.write(PDF)
        out.truncate(handover.SCAN_LIMIT + 1)
    with pytest.raises(handover.HandoverError, match="扫描件过大"):
        handover.attach_scan(db, version.id, big)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(PDF)
    first = handover.attach_scan(db, version.id, pdf)
    assert [s.id for s in handover.scans(db, version.id)] == [first.id]
    handover.remove_scan(db, first.id)
    assert handover.scans(db, version.id) == []


def test_mailto_is_percent_encoded_utf8() -> None:
    subject = "市商务局报送2023年《政府工作报告》附表2督办工作人员名单（第1版）"
    body = "市政府督查室：\n\n　　现报送…\n　　1. 2023_市商务局_附表2.docx"
    url = mailto_url("duchashi@wuhan.gov.cn; b@wuhan.gov.cn", subject, body)
    assert url.isascii() and url.startswith("mailto:duchashi@wuhan.gov.cn,b@wuhan.gov.cn?subject=%E5%B8%82")
    query = parse_qs(urlsplit(url).query)
    assert query["subject"] == [subject] and query["body"] == [body.replace("\n", "\r\n")]
    assert "%0D%0A" in url and "+" not in url and unquote(url).count("\r\n") == 3


def test_address_checks_and_package_names() -> None:
    assert check_addresses("a@b.cn, c@d.gov.cn") == "a@b.cn; c@d.gov.cn"
    for bad in ("a@b", "a b@c.cn", "@c.cn", "a@.cn"):
        with pytest.raises(AddressError):
            check_addresses(bad)
    assert package_name(["2023_市商务局_附表1_办理方案_v1.docx", "2023_市商务局_附表1_办理方案_v1.pdf",
                         "2023_市商务局_附表1_办理方案_v1_签字盖章页.png"]) == "2023_市商务局_附表1_办理方案_v1.zip"
