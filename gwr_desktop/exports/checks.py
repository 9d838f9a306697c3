"""What to tell the user before an export: characters taken out because no file can carry them, and characters
no font on this PC can print (they would be boxes). The sign-off dialog shows these; the command line prints
them on stderr."""

from __future__ import annotations

from gwr_desktop.exports.layout import FormLayout
from gwr_desktop.exports.text_clean import clean_layout


def export_warnings(layout: FormLayout) -> list[str]:
    """Chinese sentences, empty when all is well. Needs Qt's fonts (made here when the caller has no app)."""
    from gwr_desktop.exports.pdf import ensure_gui_app
    from gwr_desktop.exports.pdf_fonts import NoChineseFontError, require_chinese_font, unprintable_warning

    cleaned, removed = clean_layout(layout)
    ensure_gui_app()
    try:
        require_chinese_font()
    except NoChineseFontError as error:
        return [*removed, str(error)]
    boxes = unprintable_warning(cleaned)
    return [*removed, *([boxes] if boxes else [])]
