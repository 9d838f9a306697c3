"""The few per-user settings that cannot live in the database: where the database is, and a second backup folder.

Kept as a small JSON file in the per-user config folder (Windows: %LOCALAPPDATA%\\gwr_desktop; Linux:
~/.config/gwr_desktop), or in GWR_CONFIG_DIR; with GWR_DATA_DIR set (tests, portable use) it lives in
GWR_DATA_DIR/config, so that such a run never reads or changes the user's own choice. An unreadable file is
logged and read as "nothing chosen"; it never stops the app.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from gwr_desktop import APP_NAME

CONFIG_FILE = "settings.json"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UserConfig:
    data_folder: str | None = None  # where gwr.db and its backups live; None: the per-user default
    backup_mirror: str | None = None  # a second folder every automatic backup is copied to


def config_dir() -> Path:
    explicit = os.environ.get("GWR_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    portable = os.environ.get("GWR_DATA_DIR")
    if portable:
        return Path(portable) / "config"
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False, roaming=False)


def config_file() -> Path:
    return config_dir() / CONFIG_FILE


def load() -> UserConfig:
    path = config_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UserConfig()
    except (OSError, ValueError) as error:
        log.warning("用户设置文件“%s”无法读取（%s），按未设置处理。", path, type(error).__name__)
        return UserConfig()
    if not isinstance(data, dict):
        return UserConfig()
    return UserConfig(**{key: value for key, value in data.items()
                         if key in UserConfig.__dataclass_fields__ and isinstance(value, str | None)})


def save(config: UserConfig) -> Path:
    """Write the settings whole (temp file, flush, rename): a crash leaves the old or the new file."""
    from gwr_desktop.exports.safe_write import write_bytes

    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, json.dumps(asdict(config), ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def update(**changes: str | None) -> UserConfig:
    config = replace(load(), **changes)
    save(config)
    log.info("用户设置已更改：%s", "，".join(f"{key}={value or '（默认）'}" for key, value in changes.items()))
    return config


def data_folder() -> Path | None:
    chosen = load().data_folder
    return Path(chosen) if chosen else None


def backup_mirror() -> Path | None:
    chosen = load().backup_mirror
    return Path(chosen) if chosen else None
