"""Render the three forms of 市发改委 (the unit leading the most items) to PNG for review.

    QT_QPA_PLATFORM=offscreen python3 docs/exports/render.py [OUT_DIR]

Fills a scratch database (bundled 2023 plan) with the sample content used by tests/exports, exports .docx,
.xlsx and the app's own .pdf, converts the Office files with LibreOffice (`soffice --headless --convert-to
pdf`) and rasterises chosen pages with `pdftoppm -png -r 70`. LibreOffice is pointed at a fontconfig file
that maps 仿宋_GB2312 / 方正小标宋简体 / 黑体 to Noto CJK, as a PC with those fonts installed would show them.
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
from gwr_desktop.paths import bundled_plan  # noqa: E402
from gwr_desktop.services import form_content, signoff  # noqa: E402
from gwr_desktop.services.database import open_database  # noqa: E402
from gwr_desktop.services.plan_import import import_plan  # noqa: E402
from tests.exports import samples  # noqa: E402

FONTS_CONF = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
<alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
<alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
<alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
<alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>"""

# (form, quarter, source, pages) — a few representative pages, not all of them
PAGES = [
    (FormKind.PLAN, None, "docx", (1, 2)), (FormKind.PLAN, None, "xlsx", (1,)), (FormKind.PLAN, None, "pdf", (1, 2)),
    (FormKind.CONTACTS, None, "docx", (1,)), (FormKind.CONTACTS, None, "xlsx", (1,)),
    (FormKind.CONTACTS, None, "pdf", (1,)),
    (FormKind.PROGRESS, 2, "docx", (1,)), (FormKind.PROGRESS, 2, "xlsx", (1,)), (FormKind.PROGRESS, 2, "pdf", (1, -1)),
]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="gwr-render-"))
    db = open_database(f"sqlite:///{work / 'render.db'}")
    import_plan(db, bundled_plan())
    for content in (samples.plan_content(), samples.contacts_content(), samples.progress_content()):
        form_content.replace_content(db, content)
    conf = work / "fonts.conf"
    conf.write_text(FONTS_CONF, encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    for kind, quarter, source, pages in PAGES:
        files = signoff.export_form(db, "2023", samples.UNIT, kind, work, quarter=quarter, formats=[source])
        pdf = files[0] if source == "pdf" else _office_to_pdf(files[0], work, env)
        count = int(_pdfinfo(pdf)["Pages"])
        for page in pages:
            number = count if page == -1 else page
            stem = out / f"{kind.value}_{'app-pdf' if source == 'pdf' else 'lo-' + source}_p{number}"
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(number), "-l", str(number), "-singlefile",
                            str(pdf), str(stem)], check=True)
        print(f"{kind.value:9s} {source:5s} {count:3d} pages")
    db.close()
    shutil.rmtree(work)


def _office_to_pdf(path: Path, work: Path, env: dict) -> Path:
    target = work / "lo"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(target), str(path)],
                   check=True, capture_output=True, env=env, timeout=300)
    return target / (path.stem + ".pdf")


def _pdfinfo(path: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line) | {
        k: v.strip() for k, v in (line.split(":", 1) for line in text.splitlines() if ":" in line)}


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
