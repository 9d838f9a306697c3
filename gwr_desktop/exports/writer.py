"""Write one form layout as .docx/.xlsx/.pdf files into a folder, all or nothing, with safe names.

Before anything is written: characters no Office file can carry are taken out (text_clean, the last defence),
and a PDF is refused with a Chinese message when no installed font can print Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.naming import export_filename, inside
from gwr_desktop.exports.safe_write import ExportWriteError, WriteJob, write_files
from gwr_desktop.exports.text_clean import clean_layout
from gwr_desktop.exports.visible_digest import with_cells_digest

FORMATS = ("docx", "xlsx", "pdf")


class UnknownFormatError(ValueError):
    """A format other than docx, xlsx or pdf was asked for. The message is for the user."""


def parse_formats(text: str | Sequence[str]) -> tuple[str, ...]:
    items = text.split(",") if isinstance(text, str) else list(text)
    formats = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in items if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UnknownFormatError(f"不支持的格式：{'、'.join(unknown) or '（空）'}。可用：docx、xlsx、pdf。")
    return formats


def file_names(layout: FormLayout, year: int | str, form_name: str, formats: Sequence[str]) -> dict[str, str]:
    manifest = layout.manifest
    return {fmt: export_filename(year, manifest.unit, layout.label, form_name, fmt, quarter=manifest.quarter,
                                 version=manifest.version, draft=layout.draft) for fmt in formats}


def write_form(layout: FormLayout, folder: Path, names: dict[str, str]) -> list[Path]:
    """Render and write each named format into folder; returns the paths written, in the order given."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportWriteError(f"文件夹“{folder}”不存在或不是文件夹，未写入任何文件。", folder)
    if "pdf" in names:
        _require_pdf_fonts(folder)
    layout, _ = clean_layout(layout)
    layout = with_cells_digest(layout)  # what the table shows, so a return edited after export is seen
    jobs = [_job(layout, fmt, inside(folder, name)) for fmt, name in names.items()]
    return write_files(jobs)


def _require_pdf_fonts(folder: Path) -> None:
    from gwr_desktop.exports.pdf import ensure_gui_app
    from gwr_desktop.exports.pdf_fonts import NoChineseFontError, require_chinese_font

    ensure_gui_app()
    try:
        require_chinese_font()
    except NoChineseFontError as error:
        raise ExportWriteError(f"{error}（未写入任何文件。）", folder) from error


def _job(layout: FormLayout, fmt: str, path: Path) -> WriteJob:
    if fmt == "docx":
        return WriteJob(path, lambda temp: temp.write_bytes(_bytes(layout, "docx")))
    if fmt == "xlsx":
        return WriteJob(path, lambda temp: temp.write_bytes(_bytes(layout, "xlsx")))
    return WriteJob(path, lambda temp: _pdf(layout, temp), check=check_pdf_complete)


def _bytes(layout: FormLayout, fmt: str) -> bytes:
    buffer = BytesIO()
    if fmt == "docx":
        from gwr_desktop.exports.docx_render import render_docx

        render_docx(layout, buffer)
    else:
        from gwr_desktop.exports.xlsx_render import render_xlsx

        render_xlsx(layout, buffer)
    return buffer.getvalue()


def _pdf(layout: FormLayout, temp: Path) -> None:
    from gwr_desktop.exports.pdf import render_pdf  # Qt loads only when a PDF is asked for

    render_pdf(layout, temp)


def check_pdf_complete(path: Path) -> None:
    """Qt does not report a failed write (a full disk leaves a cut-off file), so look for the trailer."""
    import errno

    size = path.stat().st_size
    with open(path, "rb") as stream:
        stream.seek(max(size - 1024, 0))
        tail = stream.read()
    if size == 0 or b"%%EOF" not in tail:
        raise OSError(errno.ENOSPC, "PDF 文件未写完整")
