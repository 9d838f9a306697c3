"""One returned file read in one go, with every failure a Chinese reason rather than an exception."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from gwr_desktop.domain.reading.limits import Limits
from gwr_desktop.domain.returns.cells import cells_digest
from gwr_desktop.domain.returns.manifest import manifest_of
from gwr_desktop.domain.returns.package import RETURN_LIMITS, ReturnFileError, open_package
from gwr_desktop.domain.returns.rows import TableRows, table_rows
from gwr_desktop.domain.returns.table import read_table


@dataclass
class ReturnedFile:
    path: Path
    sha256: str = ""
    format: str = ""
    manifest: dict | None = None
    table: TableRows = field(default_factory=TableRows)
    error: str = ""  # why it could not be read; everything else is empty then

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def digest(self) -> str:
        """The digest of what the file's table shows now."""
        return cells_digest(self.table.rows)

    @property
    def edited(self) -> bool | None:
        """True when the table differs from what the app wrote; None when the manifest cannot tell."""
        expected = (self.manifest or {}).get("cells") or ""
        return None if not expected else expected != self.digest


def read_returned(path: Path, header_words: Collection[str], limits: Limits = RETURN_LIMITS) -> ReturnedFile:
    try:
        package = open_package(path, limits)
        manifest = manifest_of(package)
        table = table_rows(read_table(package), header_words)
    except ReturnFileError as error:
        return ReturnedFile(Path(path), error=str(error))
    except (ValueError, LookupError, TypeError, AttributeError, RecursionError, MemoryError) as error:
        # A malformed part no reader foresaw: the file is set aside, the import goes on.
        reason = f"文件内部结构异常，无法读取：{Path(path).name}（{type(error).__name__}）"
        return ReturnedFile(Path(path), error=reason)
    return ReturnedFile(Path(path), package.sha256, package.format, manifest, table)
