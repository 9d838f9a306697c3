"""报送: what goes to the 督查室 with a signed version — the address it goes to (plan data, editable), the scan
of the signed and stamped page (kept with the version in the database), and the package of files.

    set_office_email(db, "2023", "duchashi@example.gov.cn")
    attach_scan(db, signed.id, Path("签字页.pdf"))        # refused unless PDF/JPG/PNG, at most SCAN_LIMIT
    files = handover_files(db, signed, paths)             # the exports, and each scan written beside them
    pack_zip(files, folder)                               # …_v1.zip, UTF-8 names flagged as such
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from gwr_desktop.domain.handover import AddressError, check_addresses, package_name, scan_file_name, scan_kind
from gwr_desktop.exports.naming import inside, safe_component
from gwr_desktop.exports.safe_write import ExportWriteError, write_bytes, write_via
from gwr_desktop.os_errors import os_error_text
from gwr_desktop.services.catalogue import plan_row
from gwr_desktop.services.database import Database
from gwr_desktop.services.events import Change
from gwr_desktop.services.signoff import SignedVersion
from gwr_desktop.storage.handover_models import VersionScan
from gwr_desktop.storage.signoff_models import FormVersion

SCAN_LIMIT = 20 * 1024 * 1024  # a scanned A4 page at 300 dpi is 0.3–3 MB; a phone photo up to ~8 MB
SCANS_PER_VERSION = 5
log = logging.getLogger(__name__)


class HandoverError(ValueError):
    """Something of the hand-over cannot be done; the message is for the user, nothing was changed."""


@dataclass(frozen=True)
class ScanInfo:
    id: int
    version_id: int
    name: str
    media_type: str
    size: int
    digest: str
    added_at: dt.datetime


# ---- the 督查室's address -------------------------------------------------------------------------------------

def office_email(db: Database, plan_key: str) -> str:
    with db.reading() as session:
        return plan_row(session, plan_key).office_email or ""


def set_office_email(db: Database, plan_key: str, address: str) -> str:
    """Store the address (several separated by ";"); "" clears it. Returns it as stored."""
    try:
        stored = check_addresses(address)
    except AddressError as error:
        raise HandoverError(str(error)) from error
    with db.transaction() as session:
        plan_row(session, plan_key).office_email = stored
    db.hub.emit(Change("handover", plan_key=plan_key, detail={"setting": "office_email"}))
    return stored


# ---- scans of the signed page -----------------------------------------------------------------------------------

def attach_scan(db: Database, version_id: int, path: Path) -> ScanInfo:
    """Keep the scan (PDF, JPG or PNG, recognised by content) with the signed version."""
    data = _read_scan(Path(path))
    kind = scan_kind(data[:16])
    if kind is None:
        raise HandoverError(f"“{Path(path).name}”不是 PDF、JPG 或 PNG 文件；"
                            "请用扫描仪或手机把签字盖章页存为这几种格式。")
    digest = hashlib.sha256(data).hexdigest()
    with db.transaction() as session:
        version = session.get(FormVersion, version_id)
        if version is None:
            raise HandoverError("找不到这个定稿版本。")
        held = session.scalars(select(VersionScan).where(VersionScan.version_id == version_id)).all()
        if any(scan.digest == digest for scan in held):
            raise HandoverError(f"“{Path(path).name}”已经附加过了。")
        if len(held) >= SCANS_PER_VERSION:
            raise HandoverError(f"每个定稿版本最多附加 {SCANS_PER_VERSION} 个扫描件。")
        row = VersionScan(version_id=version_id, name=Path(path).name[:255], media_type=kind[0], size=len(data),
                          digest=digest, data=data, added_at=dt.datetime.now().replace(microsecond=0))
        session.add(row)
        session.flush()
        info = _info(row)
    log.info("附加签字盖章页扫描件：版本 %s，%s（%d 字节）", version_id, info.name, info.size)
    db.hub.emit(Change("handover", detail={"version": version_id, "scans": len(held) + 1}))
    return info


def _read_scan(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > SCAN_LIMIT:
            raise HandoverError(f"扫描件过大（{size / 1024 / 1024:.1f} MB，最多 {SCAN_LIMIT // 1024 // 1024} MB）："
                                f"{path.name}。请降低扫描分辨率（如 200 dpi）后再附加。")
        with path.open("rb") as stream:
            data = stream.read(SCAN_LIMIT + 1)
    except OSError as error:
        raise HandoverError(f"无法读取“{path.name}”：{os_error_text(error)}。") from error
    if len(data) > SCAN_LIMIT:
        raise HandoverError(f"扫描件过大（超过 {SCAN_LIMIT // 1024 // 1024} MB）：{path.name}。")
    if not data:
        raise HandoverError(f"“{path.name}”是空文件。")
    return data


def scans(db: Database, version_id: int) -> list[ScanInfo]:
    with db.reading() as session:
        rows = session.scalars(select(VersionScan).where(VersionScan.version_id == version_id)
                               .order_by(VersionScan.id)).all()
        return [_info(row) for row in rows]


def remove_scan(db: Database, scan_id: int) -> None:
    with db.transaction() as session:
        row = session.get(VersionScan, scan_id)
        if row is None:
            return
        version_id = row.version_id
        session.delete(row)
    db.hub.emit(Change("handover", detail={"version": version_id, "removed": scan_id}))


def _info(row: VersionScan) -> ScanInfo:
    return ScanInfo(row.id, row.version_id, row.name, row.media_type, row.size, row.digest, row.added_at)


# ---- the files handed over --------------------------------------------------------------------------------------

def handover_files(db: Database, signed: SignedVersion, paths: list[Path]) -> list[Path]:
    """The version's files, with each scan written beside them under the files' name (…_v1_签字盖章页.pdf)."""
    if not paths:
        raise HandoverError("还没有这个版本的文件，请先定稿导出或在定稿记录中重新导出。")
    folder, stem = paths[0].parent, package_name([p.name for p in paths]).removesuffix(".zip")
    attached = _scan_data(db, signed.id)
    written = []
    for number, (suffix, data) in enumerate(attached, start=1):
        target = inside(folder, safe_component(scan_file_name(stem, suffix, number, len(attached)), limit=120))
        try:
            if not (target.exists() and target.read_bytes() == data):  # written for an earlier hand-over
                write_bytes(target, data)
        except ExportWriteError as error:
            raise HandoverError(str(error)) from error
        except OSError as error:
            raise HandoverError(f"无法写出扫描件“{target.name}”：{os_error_text(error)}。") from error
        written.append(target)
    return [*paths, *written]


def _scan_data(db: Database, version_id: int) -> list[tuple[str, bytes]]:
    with db.reading() as session:
        rows = session.scalars(select(VersionScan).where(VersionScan.version_id == version_id)
                               .order_by(VersionScan.id)).all()
        return [(next((s for m, s in _SUFFIXES if m == row.media_type), ".bin"), bytes(row.data)) for row in rows]


_SUFFIXES = (("application/pdf", ".pdf"), ("image/jpeg", ".jpg"), ("image/png", ".png"))


def pack_zip(files: list[Path], folder: Path | None = None) -> Path:
    """One zip of the files, named like them, in their folder (or `folder`); names stored as UTF-8 (flag set),
    so 统信/麒麟's and Windows' archivers show the Chinese names."""
    if not files:
        raise HandoverError("没有可以打包的文件。")
    target = inside(folder or files[0].parent, package_name([f.name for f in files]))

    def produce(temp: Path) -> None:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                info = zipfile.ZipInfo(path.name, date_time=_zip_time(path))
                info.flag_bits |= 0x800  # names are UTF-8 (the language encoding flag, APPNOTE 4.4.4 bit 11)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())

    try:
        write_via(target, produce, _check_zip)
    except ExportWriteError as error:
        raise HandoverError(str(error)) from error
    except OSError as error:
        raise HandoverError(f"无法打包“{target.name}”：{os_error_text(error)}。") from error
    log.info("打包报送文件：%s（%d 个文件）", target, len(files))
    return target


def _zip_time(path: Path) -> tuple[int, int, int, int, int, int]:
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime)
    return (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)


def _check_zip(temp: Path) -> None:
    with zipfile.ZipFile(temp) as archive:
        bad = archive.testzip()
    if bad is not None:
        raise OSError(f"压缩包中的“{bad}”校验失败")
