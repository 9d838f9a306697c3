"""Render the forms of 市发改委 (the unit leading the most items) to PNG for review, the regular sample and the
long-text fixture (cells of 3,000 characters), as the app's PDF and as LibreOffice prints the .docx and .xlsx.

    QT_QPA_PLATFORM=offscreen python3 docs/exports/render.py [OUT_DIR]

Fills a scratch database (bundled 2023 plan) with the sample content of tests/exports, exports drafts and
signed versions, converts all Office files in one LibreOffice run (`soffice --headless --convert-to pdf`, a
private profile, fonts.conf mapping 仿宋_GB2312 / 方正小标宋简体 / 黑体 to Noto CJK as a 信创 PC without them
would) and rasterises chosen pages with `pdftoppm -png -r 70`. Prints each file's page count.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from gwr_desktop.domain.plan import FormKind  # noqa: E402
from gwr_desktop.exports.writer import write_form  # noqa: E402
from gwr_desktop.paths import bundled_plan  # noqa: E402
from gwr_desktop.services import form_content, signoff  # noqa: E402
from gwr_desktop.services.database import open_database  # noqa: E402
from gwr_desktop.services.plan_import import import_plan  # noqa: E402
from tests.exports import long_text, samples  # noqa: E402

FONTS_CONF = Path(__file__).resolve().parent / "fonts.conf"

# (name, kind, quarter, long fixture?, signed?, {source: pages}) — representative pages, not all of them
SETS = [
    ("plan", FormKind.PLAN, None, False, True, {"docx": (1, 2), "xlsx": (1,), "pdf": (1, 2)}),
    ("contacts", FormKind.CONTACTS, None, False, True, {"docx": (1,), "xlsx": (1,), "pdf": (1,)}),
    ("progress", FormKind.PROGRESS, 2, False, True, {"docx": (1,), "xlsx": (1,), "pdf": (1, -1)}),
    ("draft-progress", FormKind.PROGRESS, 2, False, False, {"docx": (1,), "xlsx": (1,), "pdf": (2,)}),
    ("long-plan", FormKind.PLAN, None, True, True, {"docx": (1, 2, 3), "xlsx": (1, 2), "pdf": (1, 2, 3)}),
    ("long-progress", FormKind.PROGRESS, 2, True, True, {"docx": (1, 2), "xlsx": (1, 2), "pdf": (1, 2, 3)}),
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="gwr-render-"))
    db = open_database(f"sqlite:///{work / 'render.db'}")
    import_plan(db, bundled_plan())
    for content in (samples.plan_content(), samples.contacts_content(), samples.progress_content()):
        form_content.replace_content(db, content)
    made: list[tuple[str, str, Path, tuple[int, ...]]] = []
    for name, kind, quarter, long, signed, pages in SETS:
        content = form_content.load_content(db, "2023", samples.UNIT, kind, quarter)
        if long:
            content = long_text.plan_content() if kind is FormKind.PLAN else long_text.progress_content()
        layout, _ = signoff.layout_for(db, content, version=1 if signed else None)
        folder = work / name
        folder.mkdir()
        paths = write_form(layout, folder, {fmt: f"{name}-{fmt}.{fmt}" for fmt in pages})
        made += [(name, path.suffix[1:], path, pages[path.suffix[1:]]) for path in paths]
    office = [path for _, fmt, path, _ in made if fmt != "pdf"]
    converted = dict(zip(office, _office_to_pdf(office, work), strict=True))
    for name, fmt, path, pages in made:
        pdf = converted.get(path, path)
        count = _pages(pdf)
        for page in pages:
            number = count if page == -1 else page
            stem = out / f"{name}_{'app-pdf' if fmt == 'pdf' else 'lo-' + fmt}_p{number}"
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(number), "-l", str(number), "-singlefile",
                            str(pdf), str(stem)], check=True)
        print(f"{name:15s} {fmt:5s} {count:4d} pages")
    db.close()
    shutil.rmtree(work)


def _office_to_pdf(paths: list[Path], work: Path) -> list[Path]:
    target = work / "lo"
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(target), *map(str, paths)], check=True, capture_output=True, env=env,
                   timeout=900)
    return [target / (p.stem + ".pdf") for p in paths]


def _pages(path: Path) -> int:
    text = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split(":", 1)[1] for line in text.splitlines() if line.startswith("Pages:")))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
