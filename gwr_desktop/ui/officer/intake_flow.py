"""Content arriving from elsewhere, in an editor: 从文件导入… (a filled 附表1/附表3 as .docx/.xlsx) and a pasted
block that carries a 序号 or 责任事项 column. Both show what lands where first (IntakeDialog) and apply it as
one step on the editor's undo stack, so Ctrl+Z takes the whole import back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from gwr_desktop.domain.form_defs import quarter_label
from gwr_desktop.services.form_content import FormInputError
from gwr_desktop.services.form_intake import (
    FormIntakeError,
    IntakePreview,
    keyed_block,
    preview_block,
    preview_file,
)
from gwr_desktop.ui.officer.intake_dialog import IntakeDialog
from gwr_desktop.ui.officer.tones import Tone
from gwr_desktop.ui.ui_state import ui_state_settings

if TYPE_CHECKING:
    from gwr_desktop.ui.forms.editor_base import FormEditor

FILE_FILTER = "Word 或 Excel 表格 (*.docx *.xlsx);;所有文件 (*)"
LAST_FOLDER = "intake/last_folder"


class Prompts:
    """The file chooser, a classmethod so tests can replace it."""

    @classmethod
    def open_file(cls, parent: QWidget | None, folder: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "从 Word/Excel 导入已填写的表格", folder, FILE_FILTER)
        return Path(name) if name else None


def install_intake(editor: FormEditor) -> None:
    """The editor's 从文件导入… tool and its keyed paste (one line in the 附表1/附表3 editors)."""
    editor.add_tool("从文件导入…", lambda: choose_and_import(editor),
                    tip="从 Word/Excel 文件导入已填写的本表：按序号和责任事项对应到本单位的事项，导入前可核对")
    editor.table.paste_hook = lambda column, block: paste_keyed(editor, column, block)


def form_name(editor: FormEditor) -> str:
    content = editor.model.content
    period = quarter_label(content.quarter) if content.quarter else ""
    return f"{content.definition.label}（{period}{content.definition.name}）"


def choose_and_import(editor: FormEditor) -> IntakeDialog | None:
    settings: QSettings = ui_state_settings()
    path = Prompts.open_file(editor, str(settings.value(LAST_FOLDER, "")))
    if path is None:
        return None
    settings.setValue(LAST_FOLDER, str(path.parent))
    return import_file(editor, path)


def import_file(editor: FormEditor, path: Path) -> IntakeDialog | None:
    model = editor.model
    try:
        preview = preview_file(editor.db, editor.plan_key, editor.unit, model.kind, model.quarter or None, path)
    except (FormIntakeError, FormInputError) as error:
        editor.notify(f"未能导入：{error}", Tone.ERROR)
        return None
    return open_preview(editor, preview, f"从“{path.name}”导入")


def paste_keyed(editor: FormEditor, column: int, block: list[list[str]]) -> bool:
    """A block naming items (序号 or 责任事项): preview it; False for a plain block (the usual paste)."""
    table = keyed_block(editor.model.content, block, column)
    if table is None or not table.items:
        return False
    open_preview(editor, preview_block(editor.model.content, table), f"粘贴 {len(block)} 行")
    return True


def open_preview(editor: FormEditor, preview: IntakePreview, label: str) -> IntakeDialog:
    dialog = IntakeDialog(preview, form_name(editor), editor)
    dialog.accepted.connect(lambda: apply(editor, preview, label))
    dialog.finished.connect(dialog.deleteLater)
    editor.intake_dialog = dialog  # for tests and screenshots: the dialog on screen
    dialog.open()
    return dialog


def apply(editor: FormEditor, preview: IntakePreview, label: str) -> bool:
    """One undo step for the whole import; the service checks everything before anything is written."""
    if not editor.model.execute(list(preview.edits), label):
        return False
    editor.notify(f"已{label}：{preview.changed_items} 个事项已写入（{len(preview.edits)} 处修改）。"
                  "如有不对，按 Ctrl+Z 一步撤销。", Tone.SUCCESS)
    return True
