"""Smoke test of the bundle itself, as an officer would use it: under a path with Chinese characters and a
space, for a new user, no Python of ours involved in running it.

    python packaging/smoke_test.py dist/gwr_desktop-<version>-linux-<arch>.tar.gz [SCREENSHOT.png]
    python packaging/smoke_test.py <PyInstaller's dist/gwr_desktop folder>      (Windows: build_windows.ps1)

The first command creates the database from the bundled plan; then tasks, form/fill (through a GBK file, as
a redirect on Chinese Windows writes it), export (docx, xlsx, pdf, opened again with python-docx/openpyxl),
signoff, backup/check, a closed pipe, argparse's Chinese, and the window's first paint: on Linux the tarball's
launcher and install.sh, for a new home folder, the window under Xvfb with xcb (packaging/first_paint.py); on
Windows the folder's two .exe files, with GWR_DATA_DIR as the new user's folder and the window on the desktop.
Exit status 0 when every step passed. Needs python-docx and openpyxl (the build venv has them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
UNIT = "市商务局"
PEOPLE = {"leader": ("张建国", "副局长"), "office": ("李明", "办公室主任"), "handler": ("王芳", "科员")}


class Bundle:
    """The bundle to test and a new user's environment: the tarball's launcher (Linux, a new HOME) or the
    folder's executables (Windows, a new GWR_DATA_DIR; platformdirs there does not follow HOME)."""

    def __init__(self, root: Path, user: Path, folder: Path | None = None) -> None:
        self.root, self.user = root, user
        self.env = {key: value for key, value in os.environ.items()
                    if not key.startswith(("GWR_", "XDG_", "PYTHON", "VIRTUAL_ENV", "QT_"))}
        if folder is None:
            self.launcher = next(root.glob("gwr_desktop-*")) / "gwr-desktop.sh"
            self.cli, self.window = [str(self.launcher)], [str(self.launcher)]
            self.env.update(HOME=str(user), LANG="C.UTF-8")
            self.data = user / ".local" / "share" / "gwr_desktop"
        else:
            suffix = ".exe" if os.name == "nt" else ""
            self.launcher = folder / f"gwr-desktop{suffix}"
            self.cli, self.window = [str(self.launcher)], [str(folder / f"gwr-desktopw{suffix}")]
            self.data = user / "数据"
            self.env["GWR_DATA_DIR"] = str(self.data)
            if os.name != "nt":  # the folder mode tried out on Linux: no screen needed
                self.env["QT_QPA_PLATFORM"] = "offscreen"
        self.cli_env = {**self.env, "QT_QPA_PLATFORM": "offscreen"}  # PDF export needs no screen

    @property
    def tarball(self) -> bool:
        return self.launcher.name.endswith(".sh")

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        done = subprocess.run([*self.cli, *args], env=self.cli_env, cwd=self.root, capture_output=True, timeout=300,
                              check=False)
        if check and done.returncode != 0:
            raise AssertionError(f"{' '.join(args)} → {done.returncode}\n{done.stderr.decode(errors='replace')}")
        return done


def first_run_creates_the_database(bundle: Bundle) -> str:
    done = bundle.run("tasks", "--unit", UNIT, "--json")
    rows = json.loads(done.stdout)
    assert len(rows) == 44 and {row["role"] for row in rows} == {"lead", "responsible"}, len(rows)
    assert "首次使用：已导入内置方案" in done.stderr.decode()
    database = bundle.data / "gwr.db"
    assert database.is_file(), database
    return f"{len(rows)} items for {UNIT}; database {database.relative_to(bundle.user)}"


def form_and_fill_round_trip(bundle: Bundle) -> str:
    form = json.loads(bundle.run("form", "--unit", UNIT, "--form", "contacts", "--json").stdout)
    for person in form["people"]:
        name, title = PEOPLE[person["role"]]
        person.update(name=name, title=title, office_phone="027-82826016", mobile="13627297755")
    gbk = bundle.root / "附表2 填写.json"
    gbk.write_bytes(json.dumps(form, ensure_ascii=False).encode("gbk"))  # as `form --json > f` on Chinese Windows
    assert "已填写" in bundle.run("fill", "--unit", UNIT, "--form", "contacts", "--from", str(gbk)).stdout.decode()
    out = bundle.root / "附表2 导出.json"
    bundle.run("form", "--unit", UNIT, "--form", "contacts", "--out", str(out))
    again = json.loads(out.read_bytes().decode("utf-8"))
    assert [p["name"] for p in again["people"]] == [PEOPLE[r][0] for r in ("leader", "office", "handler")]
    return "form --json → GBK file → fill --from → form --out (UTF-8): same content"


def export_all_formats(bundle: Bundle) -> str:
    from docx import Document
    from openpyxl import load_workbook

    folder = bundle.root / "导出 文件"
    written = [Path(line) for line in bundle.run("export", "--unit", UNIT, "--form", "contacts", "--format",
                                                 "docx,xlsx,pdf", "--out", str(folder)).stdout.decode().splitlines()]
    by_suffix = {path.suffix: path for path in written}
    assert set(by_suffix) == {".docx", ".xlsx", ".pdf"}, written
    text = "\n".join(cell.text for table in Document(str(by_suffix[".docx"])).tables for row in table.rows
                     for cell in row.cells)
    assert "张建国" in text and "13627297755" in text, text
    workbook = load_workbook(by_suffix[".xlsx"])
    cells = [str(cell.value) for row in workbook.active.iter_rows() for cell in row if cell.value]
    workbook.close()
    assert "李明" in cells, cells
    assert by_suffix[".pdf"].read_bytes()[:5] == b"%PDF-", by_suffix[".pdf"]
    plan = bundle.run("export", "--unit", UNIT, "--form", "plan", "--out", str(folder)).stdout.decode().splitlines()
    assert len(plan) == 3, plan
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".~gwr-")]
    assert not leftovers, leftovers
    return f"{', '.join(sorted(p.name for p in folder.iterdir()))}"


def sign_off(bundle: Bundle) -> str:
    folder = bundle.root / "报送 文件夹"
    done = bundle.run("signoff", "--unit", UNIT, "--form", "contacts", "--out", str(folder))
    names = sorted(Path(line).name for line in done.stdout.decode().splitlines())
    assert len(names) == 3 and all("_v1." in name for name in names), names
    assert "第 1 版" in done.stderr.decode()
    return ", ".join(names)


def backup_and_check(bundle: Bundle) -> str:
    stick = bundle.root / "U 盘" / "备份.db"
    assert "已通过完整性检查" in bundle.run("backup", "--out", str(stick)).stdout.decode()
    assert "完好" in bundle.run("check").stdout.decode()
    return f"backup --out {stick.name} verified; check ok"


def command_line_manners(bundle: Bundle) -> str:
    reader = subprocess.Popen([*bundle.cli, "tasks", "--unit", "江夏区人民政府"], env=bundle.cli_env, cwd=bundle.root,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    first = reader.stdout.readline()
    reader.stdout.close()  # like `| head -n 1`: the reader goes away after one line
    errors = reader.stderr.read()
    status = reader.wait(timeout=120)
    assert first and status == 0 and errors == b"", (status, errors.decode(errors="replace"))
    wrong = bundle.run("form", "--unit", UNIT, "--form", "progress", "--quarter", "5", check=False)
    message = wrong.stderr.decode()
    assert wrong.returncode == 2 and "无效的取值 5" in message and "invalid" not in message, message
    return "a closed pipe ends quietly; --quarter 5 → 无效的取值 5（可选：1, 2, 3, 4）"


def menu_entry(bundle: Bundle) -> str:
    if not bundle.tarball:
        return "skipped: the Windows installer makes the Start-menu entry"
    install = bundle.launcher.parent / "install.sh"
    done = subprocess.run([str(install)], env=bundle.env, capture_output=True, text=True, timeout=60, check=True)
    entry = bundle.user / ".local" / "share" / "applications" / "gwr-desktop.desktop"
    text = entry.read_text(encoding="utf-8")
    assert f'Exec="{bundle.launcher}"' in text and "Name=政府工作报告任务办理" in text, text
    validate = shutil.which("desktop-file-validate")
    if validate:
        subprocess.run([validate, str(entry)], check=True, capture_output=True)
    assert (bundle.user / ".local" / "bin" / "gwr-desktop").resolve() == bundle.launcher.resolve()
    return done.stdout.strip()


def window_first_paint(bundle: Bundle, screenshot: Path | None) -> str:
    if not bundle.tarball:
        return _native_first_paint(bundle)
    command = [sys.executable, str(HERE / "first_paint.py")]
    if screenshot is not None:
        command += ["--screenshot", str(screenshot)]
    done = subprocess.run([*command, "--", *bundle.window], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().splitlines()[0]


def _native_first_paint(bundle: Bundle, timeout: float = 120.0) -> str:
    """The windowed executable on the desktop it runs on: wait for the line the window logs at its first paint."""
    log = bundle.data / "logs" / "gwr_desktop.log"
    window = subprocess.Popen(bundle.window, env=bundle.env, cwd=bundle.root)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and window.poll() is None:
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
            painted = [line for line in lines if "窗口已显示" in line]
            if painted:
                return painted[0].split(": ", 1)[-1]
            time.sleep(0.3)
        raise AssertionError(f"no first paint within {timeout:.0f} s (exit code {window.poll()})")
    finally:
        window.kill()
        window.wait(timeout=30)


STEPS: list[tuple[str, Callable[[Bundle], str]]] = [
    ("first run: database from the bundled plan", first_run_creates_the_database),
    ("form / fill", form_and_fill_round_trip),
    ("export docx, xlsx, pdf", export_all_formats),
    ("signoff", sign_off),
    ("backup, check", backup_and_check),
    ("closed pipe and argparse", command_line_manners),
    ("install.sh menu entry", menu_entry),
]


def unpack(target: Path, root: Path) -> Path | None:
    """The tarball unpacked under root (None), or the PyInstaller folder copied there (its new place)."""
    if target.is_dir():
        return Path(shutil.copytree(target, root / target.name))
    with tarfile.open(target) as archive:
        archive.extractall(root, filter="data")
    return None


def main() -> int:
    target = Path(sys.argv[1]).resolve()
    screenshot = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else None
    base = Path(tempfile.mkdtemp(prefix="gwr-smoke-"))
    root = base / "信创 测试" / "政府工作报告 软件"
    root.mkdir(parents=True)
    user = base / "新 用户"
    user.mkdir()
    failures = 0
    steps = [*STEPS, ("window first paint", lambda b: window_first_paint(b, screenshot))]
    try:
        bundle = Bundle(root, user, unpack(target, root))
        print(f"smoke: bundle at {bundle.launcher.parent}")
        for title, step in steps:
            started = time.monotonic()
            try:
                detail = step(bundle)
                print(f"smoke: ok   {title} ({time.monotonic() - started:.1f} s): {detail}")
            except Exception as error:  # noqa: BLE001 - report every step, then fail
                failures += 1
                print(f"smoke: FAIL {title}: {error}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    # Not "N passed, N failed": that is a test runner's closing line, and pytest's is the suite's count.
    print(f"smoke: {failures} of {len(steps)} steps failed" if failures else f"smoke: all {len(steps)} steps ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
