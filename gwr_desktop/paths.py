"""Where things live: the data shipped with the program, and the per-user folders.

Shipped data — the form definitions (forms/), the plan and unit registry (resources/) and the Alembic
migrations (db/migrations/) — stays in those top-level folders of the repository; the build maps them into
the package as `gwr_desktop/_data/{forms,resources,migrations}` (pyproject.toml: package-dir/package-data;
the PyInstaller spec collects the same package). So they are found through importlib.resources in a wheel
and in a frozen bundle, and in the checkout itself (an editable install, `python main.py`) where the package
has no `_data`. When neither has them the install is incomplete: MissingDataError says so, instead of
migrations "not found" reading as a database "from a newer version".

Nothing here creates directories at import time; callers ask for a folder and it is made then.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from gwr_desktop import APP_NAME

# Each shipped folder: its name inside the package's _data, and where it sits in the repository.
_SHIPPED = {"forms": ("forms",), "resources": ("resources",), "migrations": ("db", "migrations")}
_NAMES = {"forms": "表格定义（forms）", "resources": "内置方案与单位名录（resources）",
          "migrations": "数据库结构脚本（migrations）"}
# What must be there for the program to work; checked at start-up (check_installation).
_REQUIRED = (("forms", "plan.json"), ("forms", "contacts.json"), ("forms", "progress.json"),
             ("resources", "units.json"), ("resources", "plans", "wuhan_2023.txt"),
             ("migrations", "env.py"), ("migrations", "versions"))


class MissingDataError(RuntimeError):
    """The program's own data files are missing: an incomplete installation. The message is in Chinese."""


def _package_folder() -> Path:
    root = resources.files("gwr_desktop")
    if not isinstance(root, Path):  # a zip import: never how this program is shipped
        raise MissingDataError("程序不能从压缩包中运行，请按说明安装。")
    return root


def shipped_dir(name: str) -> Path:
    """The folder of one kind of shipped data: the installed package's copy, else the checkout's."""
    package = _package_folder()
    candidates = [package / "_data" / name]
    if (package.parent / "pyproject.toml").is_file():  # the checkout: never a stray folder in site-packages
        candidates.append(package.parent.joinpath(*_SHIPPED[name]))
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise MissingDataError(f"安装不完整：找不到程序自带的{_NAMES[name]}（应在“{package / '_data' / name}”）。"
                           "请重新安装本程序；已有的数据库没有被改动。")


def check_installation() -> None:
    """Raise MissingDataError naming the first shipped file that is missing."""
    for name, *parts in _REQUIRED:
        path = shipped_dir(name).joinpath(*parts)
        if not path.exists():
            raise MissingDataError(f"安装不完整：缺少程序自带的文件“{path}”。请重新安装本程序；"
                                   "已有的数据库没有被改动。")
    if not any(migrations_path().joinpath("versions").glob("*.py")):
        raise MissingDataError(f"安装不完整：“{migrations_path() / 'versions'}”中没有数据库结构脚本。"
                               "请重新安装本程序；已有的数据库没有被改动。")


def resource_path(*parts: str) -> Path:
    return shipped_dir("resources").joinpath(*parts)


def migrations_path() -> Path:
    return shipped_dir("migrations")


def forms_path() -> Path:
    return shipped_dir("forms")


def bundled_plan() -> Path:
    return resource_path("plans", "wuhan_2023.txt")


def registry_path() -> Path:
    return resource_path("units.json")


def default_data_dir() -> Path:
    """The per-user data folder when none was chosen (Windows: %LOCALAPPDATA%\\gwr_desktop)."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def user_data_dir() -> Path:
    """Where the database and its backups live: GWR_DATA_DIR (tests, portable use), else the folder chosen in
    the window (文件 → 数据文件夹…, kept in user_config), else the per-user default. Made if missing."""
    override = os.environ.get("GWR_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from gwr_desktop.user_config import data_folder

        path = data_folder() or default_data_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_log_dir() -> Path:
    """The per-user log folder (application log, crash reports); it stays on this PC when the data moves."""
    override = os.environ.get("GWR_DATA_DIR")
    if override:
        path = Path(override) / "logs"
    else:
        import platformdirs

        path = platformdirs.user_log_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    return f"sqlite:///{user_data_dir() / 'gwr.db'}"
