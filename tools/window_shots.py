"""Every window of the program, rendered on a real X server at the two screens officers have (1366×768 laptops,
1920×1080 monitors), into docs/screenshots/<size>/ — and the pictures of the built-in 使用说明 into
resources/help/ (from the 1366×768 run). Look at every one after a UI change.

    python tools/window_shots.py              # both sizes, each under its own Xvfb (xvfb-run)
    python tools/window_shots.py --size 1366x768 --out DIR     # one size, on the display already there

Windows are shown as an officer has them on that screen: the main window filling the screen (maximised),
dialogs at the size they choose for it. The data is 市商务局's sample content (tests/forms/sample_content.py)
on the bundled 2023 plan, and the derived 2024 plan for the year-to-year windows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = ("1366x768", "1920x1080")
HELP_PICTURES = {"main_window": 1100, "form_plan_editor": 1100, "form_progress_editor": 1100, "import_preview": 980,
                 "handover": 760}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=SIZES)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if args.size is None:
        for size in SIZES:
            subprocess.run(["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable, __file__,  # noqa: S603,S607
                            "--size", size, "--out", str(args.out)], check=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "xcb"})
        return 0
    render(args.size, args.out / args.size, ROOT / "resources" / "help" if args.size == SIZES[0] else None)
    return 0


class Shots:
    """The app over a scratch database, and a way to save what is on screen."""

    def __init__(self, folder: Path, help_folder: Path | None) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="gwr-window-shots-"))
        os.environ["GWR_DATA_DIR"] = str(self.scratch / "data")
        from gwr_desktop.app import build_main_window, create_application, install_translations
        from gwr_desktop.paths import bundled_plan
        from gwr_desktop.services.database import open_database
        from gwr_desktop.services.plan_import import import_plan
        from gwr_desktop.services.preferences import UNIT_KEY, set_setting
        from tests.forms.sample_content import fill_sample

        self.app = create_application()
        self.translators = install_translations(self.app)
        self.folder, self.help_folder = folder, help_folder
        folder.mkdir(parents=True, exist_ok=True)
        self.db = open_database(f"sqlite:///{self.scratch / 'gwr.db'}")
        import_plan(self.db, bundled_plan())
        fill_sample(self.db)
        set_setting(self.db, UNIT_KEY, "市商务局")
        self.window = build_main_window(self.db)
        self.window.setGeometry(self.app.primaryScreen().availableGeometry())  # maximised, as officers work
        self.window.show()
        self.settle()

    def settle(self, rounds: int = 6) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

        for _ in range(rounds):
            loop = QEventLoop()
            QTimer.singleShot(15, loop.quit)
            loop.exec()
            QCoreApplication.processEvents()

    def save(self, name: str, widget) -> None:  # noqa: ANN001 - any QWidget
        self.settle()
        image = widget.grab().toImage()
        image.save(str(self.folder / f"{name}.png"), "PNG", 0)
        if self.help_folder is not None and name in HELP_PICTURES:
            from PySide6.QtCore import Qt

            small = image.scaledToWidth(min(image.width(), HELP_PICTURES[name]),
                                        Qt.TransformationMode.SmoothTransformation)
            small.save(str(self.help_folder / f"{name}.png"), "PNG", 0)
        print(f"  {self.folder.name}/{name}.png {image.width()}×{image.height()}")

    def close(self) -> None:
        self.window.close()
        self.db.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


def render(size: str, folder: Path, help_folder: Path | None) -> None:
    shots = Shots(folder, help_folder)
    print(f"{size}（Qt 平台 {shots.app.platformName()}）:")
    for step in STEPS:
        step(shots)
    shots.close()


# ---- the windows, in the order of an officer's day ----------------------------------------------------------------

def main_window(s: Shots) -> None:
    s.window.browser.select_item("二-5")
    s.save("main_window", s.window)
    chooser = s.window.open_unit_chooser()
    chooser.search.setText("区")
    s.save("unit_chooser", chooser)
    chooser.reject()


def forms(s: Shots) -> None:
    window = s.window
    window.show_page(window.forms_page)
    s.settle()
    space = window.forms_page.workspace
    space.setCurrentWidget(space.dashboard)
    s.save("forms_dashboard", window)
    editor = space.plan_editor
    space.setCurrentWidget(editor)
    editor.table.go_to(editor.model.row_of("二-5", 0), editor.model.column_of("content"))
    s.save("form_plan_editor", window)
    space.setCurrentWidget(space.contacts_editor)
    s.save("form_contacts_editor", window)
    progress = space.progress_editor
    space.setCurrentWidget(progress)
    progress.quarter_box.setCurrentIndex(1)
    progress.table.go_to(next(n for n, r in enumerate(progress.model.rows) if r.item and r.item.key == "二-5"), 2)
    s.save("form_progress_editor", window)


def messages(s: Shots) -> None:
    """A refused value at its cell: the red line under the table, and 已保存 beside the completeness."""
    space = s.window.forms_page.workspace
    editor = space.plan_editor
    space.setCurrentWidget(editor)
    model = editor.model
    model.setData(model.index(model.row_of("二-6", 0), model.column_of("content")), "开展老字号认定")
    model.setData(model.index(model.row_of("二-6", 0), model.column_of("period")), "13月")
    s.save("form_plan_error", s.window)
    model.setData(model.index(model.row_of("二-6", 0), model.column_of("period")), "3月")
    s.window.save_action.trigger()
    s.save("form_plan_saved", s.window)


def intake(s: Shots) -> None:
    from gwr_desktop.ui.officer import intake_flow
    from tests.officer import handmade

    space = s.window.forms_page.workspace
    editor = space.plan_editor
    dialog = intake_flow.import_file(editor, handmade.plan_docx(s.scratch))
    s.save("import_preview", dialog)
    dialog.tabs.setCurrentIndex(1)
    s.save("import_preview_unmatched", dialog)
    dialog.reject()
    rows = [["序号", "责任事项", "具体工作内容", "完成时间"],
            ["6", "加快推动“老字号”创新发展", "认定第三批武汉老字号", "9月"],
            ["", "", "举办老字号嘉年华活动", "10月"],
            ["11", "依托黄鹤楼等平台打造新品首发地", "引进品牌首店50家", "全年"]]
    intake_flow.paste_keyed(editor, 2, rows)
    s.save("paste_preview", editor.intake_dialog)
    editor.intake_dialog.reject()


def sign_and_hand_over(s: Shots) -> None:
    from gwr_desktop.domain.plan import FormKind
    from gwr_desktop.services import handover
    from gwr_desktop.ui.export.history import HistoryDialog
    from gwr_desktop.ui.export.signoff_dialog import SignoffDialog
    from gwr_desktop.ui.officer.handover_dialog import HandoverDialog

    dialog = SignoffDialog(s.db, "2023", "市商务局", FormKind.CONTACTS, folder=s.scratch / "报送" / "市商务局",
                           parent=s.window)
    dialog.show()
    s.save("signoff_dialog", dialog)
    dialog.sign_off()
    s.save("signoff_dialog_signed", dialog)
    handover.set_office_email(s.db, "2023", "duchashi@wuhan.gov.cn")
    scan = s.scratch / "签字盖章页.png"
    s.window.grab().toImage().scaledToWidth(600).save(str(scan), "PNG")
    handover.attach_scan(s.db, dialog.signed.id, scan)
    hand = HandoverDialog(s.db, dialog.signed, dialog.written, s.window)
    hand.show()
    hand.copy_files()
    s.save("handover", hand)
    hand.folder_row.open()
    s.save("handover_no_file_manager", hand)
    hand.close()
    history = HistoryDialog(s.db, "2023", "市商务局", FormKind.CONTACTS, parent=s.window)
    history.show()
    s.save("history_dialog", history)
    history.close()
    dialog.close()


def help_and_safety(s: Shots) -> None:
    from gwr_desktop.ui.officer.help_dialog import HelpDialog
    from gwr_desktop.ui.safety.data_folder_dialog import DataFolderDialog, FolderDialog
    from gwr_desktop.ui.safety.restore_dialog import RestoreDialog
    from gwr_desktop.ui.safety.startup import startup_backup

    startup_backup(s.db.url, s.window)
    dialog = HelpDialog(s.window)
    dialog.show()
    s.save("help", dialog)
    dialog.close()
    restore = RestoreDialog(s.scratch / "gwr.db", s.window)
    restore.show()
    s.save("restore_dialog", restore)
    restore.close()
    data = DataFolderDialog(s.scratch / "gwr.db", s.window)
    data.show()
    s.save("data_folder_dialog", data)
    data.close()
    logs = FolderDialog(s.scratch / "data" / "logs", "日志文件夹", "程序日志和错误报告保存在：", s.window)
    logs.show()
    logs.open()
    s.save("log_folder_dialog", logs)
    logs.close()


def print_preview(s: Shots) -> None:
    from gwr_desktop.domain.plan import FormKind
    from gwr_desktop.services import signoff
    from gwr_desktop.services.form_content import load_content
    from gwr_desktop.ui.export.printing import FormPreviewDialog

    layout, _ = signoff.layout_for(s.db, load_content(s.db, "2023", "市商务局", FormKind.PLAN))
    dialog = FormPreviewDialog(layout, s.window)
    dialog.show()
    widget = dialog.preview_widget()
    for _ in range(200):
        if widget.pageCount() > 0:
            break
        s.settle(1)
    s.save("print_preview", dialog)
    dialog.close()


def next_year(s: Shots) -> None:
    """The 2024 plan imported: its review, the contacts offer, then 去年类似事项 beside the editors."""
    from gwr_desktop.services.plan_preview import preview_plan
    from gwr_desktop.services.preferences import PLAN_KEY, set_setting
    from gwr_desktop.ui.plan_import.review_dialog import PlanReviewDialog
    from tests.plan_import.second_year import TEXT_FILE

    review = PlanReviewDialog(preview_plan(s.db, TEXT_FILE), s.window)
    review.show()
    s.save("import_plan_review", review)
    review.reject()
    from gwr_desktop.services.plan_import import import_plan

    import_plan(s.db, TEXT_FILE)
    s.settle()
    offer = s.window.contacts_offer.question
    if offer is not None:
        s.save("contacts_offer", offer)
        offer.reject()
    set_setting(s.db, PLAN_KEY, "2024")
    s.settle()
    window = s.window
    window.show_page(window.forms_page)
    space = window.forms_page.workspace
    editor = space.plan_editor
    space.setCurrentWidget(editor)
    key = next(item.key for item in editor.model.content.items if item.text.startswith("新增品牌连锁便利店"))
    editor.table.go_to(editor.model.row_of(key, 0), editor.model.column_of("content"))
    s.save("form_plan_last_year", window)
    progress = space.progress_editor
    space.setCurrentWidget(progress)
    progress.table.go_to(next(n for n, r in enumerate(progress.model.rows) if r.item and r.item.key == key), 2)
    s.save("form_progress_last_year", window)


STEPS: list[Callable[[Shots], None]] = [main_window, forms, messages, intake, sign_and_hand_over, help_and_safety,
                                        print_preview, next_year]


if __name__ == "__main__":
    sys.exit(main())
