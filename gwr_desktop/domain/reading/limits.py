"""Bounds on the work done for one file, counted while reading (issue 17 #4).

Real plans hold 79–322 items: a .docx of the 2023 Wuhan plan is ~60 KB of text in ~1 MB of XML. The limits
below are one to two orders of magnitude above that, and low enough that a hostile file is stopped within
seconds and a few hundred MB. They are counted as the reader goes, never trusted from a file's own header.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from gwr_desktop.domain.reading.errors import LimitExceeded

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 50 * MB  # the file on disk (zip, pdf)
    text_file_bytes: int = 20 * MB  # a plain-text dump
    member_bytes: int = 32 * MB  # one zip member, uncompressed, as measured while inflating
    total_bytes: int = 96 * MB  # all zip members read, uncompressed
    members: int = 2000
    paragraphs: int = 300_000  # paragraphs, table cells and text lines together
    text_chars: int = 12_000_000
    columns: int = 64  # cells of one table row, spans included
    rows: int = 100_000  # table rows / sheet rows
    cells: int = 1_000_000  # table or sheet cells
    pages: int = 2000  # PDF pages
    seconds: float = 20.0  # wall time for reading one file


DEFAULT_LIMITS = Limits()


@dataclass
class Budget:
    """Counts the work of reading one file against its Limits; raises LimitExceeded with a Chinese message."""

    limits: Limits = DEFAULT_LIMITS
    name: str = ""
    paragraphs: int = 0
    chars: int = 0
    cells: int = 0
    started: float = field(default_factory=time.monotonic)

    def paragraph(self, text_length: int) -> None:
        self.paragraphs += 1
        self.chars += text_length
        if self.paragraphs > self.limits.paragraphs:
            raise LimitExceeded(f"文件段落过多（超过{self.limits.paragraphs:,}段）"
                f"，不像一份责任分解方案，已停止读取：{self.name}")
        if self.chars > self.limits.text_chars:
            raise LimitExceeded(f"文件文字过多（超过{self.limits.text_chars:,}字），已停止读取：{self.name}")
        if self.paragraphs % 4096 == 0:
            self.check_time()

    def cell(self, count: int = 1) -> None:
        self.cells += count
        if self.cells > self.limits.cells:
            raise LimitExceeded(f"表格单元格过多（超过{self.limits.cells:,}个），已停止读取：{self.name}")

    def columns(self, count: int) -> None:
        if count > self.limits.columns:
            raise LimitExceeded(f"表格一行有{count:,}列（合并单元格跨度异常），"
                f"不像一份责任分解方案，已停止读取：{self.name}")

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.limits.seconds:
            raise LimitExceeded(f"读取文件用时过长（超过{self.limits.seconds:.0f}秒），已停止：{self.name}")
