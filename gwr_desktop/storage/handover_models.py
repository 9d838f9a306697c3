"""What goes with a signed version when it is handed over: the scan of its signed, stamped page.

The scan is kept in the database, beside the version it belongs to, rather than as a file in the submission
folder: the version is a database record, so its scan follows it into every verified backup and restore, and
cannot be lost when the officer tidies, moves or e-mails away the folder. Its SHA-256 is stored with it so a
package can be checked. A scan is at most a few MB (services/handover.SCAN_LIMIT).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from gwr_desktop.storage.models import Base


class VersionScan(Base):
    __tablename__ = "version_scans"
    __table_args__ = (Index("ix_version_scans_version", "version_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("form_versions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))  # the file's name as it was chosen
    media_type: Mapped[str] = mapped_column(String(40))  # application/pdf, image/jpeg, image/png
    size: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))  # sha256 of data
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)
