"""Start-up speed: opening the window on a prepared database loads no command module, no plan parser,
no Alembic and no exporter library before the first paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

OPEN_WINDOW = """
import sys
from gwr_desktop.cli import main
status = main(["--db", sys.argv[1]])
print("MODULES", " ".join(sorted(sys.modules)))
sys.exit(status)
"""
NOT_BEFORE_FIRST_PAINT = ("gwr_desktop.cli.catalogue_cmds", "gwr_desktop.cli.export_cmds", "gwr_desktop.cli.form_cmds",
                          "gwr_desktop.domain.plan_parser", "alembic", "openpyxl", "docx",
                          # the import machinery: 文件 → 导入方案… loads it on first use
                          "gwr_desktop.services.plan_import", "gwr_desktop.services.plan_preview",
                          "gwr_desktop.domain.plan_review", "gwr_desktop.ui.plan_import.flow",
                          "gwr_desktop.ui.plan_import.review_dialog")


def test_first_paint_loads_only_what_it_needs(tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    generate.build_database(db, 1, tmp_path)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'bench'}", "QT_QPA_PLATFORM": "offscreen",
           "GWR_DATA_DIR": str(tmp_path / "data"), "GWR_BENCH_PAINTED": "1"}
    done = subprocess.run([sys.executable, "-c", OPEN_WINDOW, str(db)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "GWR_BENCH_PAINTED" in done.stdout
    loaded = set(done.stdout.split("MODULES", 1)[1].split())
    assert "gwr_desktop.ui.main_window" in loaded
    early = [name for name in loaded if name in NOT_BEFORE_FIRST_PAINT or name.split(".")[0] in NOT_BEFORE_FIRST_PAINT]
    assert early == []
