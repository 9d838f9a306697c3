"""The data folder: chosen in a small per-user config, network drives detected (UNC, mapped drives, NFS/CIFS/
gvfs mounts), the current database copied over verified; a second backup folder gets every automatic backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gwr_desktop import paths, user_config
from gwr_desktop.safety import backup as backups
from gwr_desktop.safety.data_location import (
    check_folder,
    linux_network_reason,
    move_data,
    windows_network_reason,
)
from gwr_desktop.safety.sqlite_files import verify_file

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/督查室 /mnt/share cifs rw,vers=3.0 0 0
nas:/export/home /home/nfs nfs4 rw 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid 0 0
/dev/sdb1 /media/u\\040盘 vfat rw 0 0
/dev/sda2 /mnt/share/local ext4 rw 0 0
"""


@pytest.fixture
def mounts(tmp_path: Path) -> Path:
    path = tmp_path / "mounts"
    path.write_text(MOUNTS, encoding="utf-8")
    return path


@pytest.mark.parametrize(("folder", "kind"), [
    ("/mnt/share/数据", "cifs"), ("/home/nfs/liaison/gwr", "nfs4"),
    ("/run/user/1000/gvfs/smb-share:server=fs,share=d/gwr", "fuse.gvfsd-fuse")])
def test_network_mounts_on_linux(mounts: Path, folder: str, kind: str) -> None:
    reason = linux_network_reason(Path(folder), mounts)
    assert reason is not None and kind in reason


@pytest.mark.parametrize("folder", ["/home/liaison/gwr", "/media/u 盘/备份", "/mnt/share/local/数据", "/"])
def test_local_folders_on_linux(mounts: Path, folder: str) -> None:
    assert linux_network_reason(Path(folder), mounts) is None


def test_network_drives_on_windows() -> None:
    types = {"C:\\": 3, "D:\\": 3, "Z:\\": 4, "E:\\": 2}
    assert "网络共享" in (windows_network_reason(r"\\fileserver\督查室\gwr", types.get) or "")
    assert "网络共享" in (windows_network_reason("//fileserver/share", types.get) or "")
    assert "Z:" in (windows_network_reason(r"Z:\政府工作报告", types.get) or "")
    assert windows_network_reason(r"D:\政府工作报告", types.get) is None
    assert windows_network_reason(r"E:\U盘备份", types.get) is None  # removable: fine for backups and data


def test_a_network_folder_is_usable_but_warned_against(tmp_path: Path) -> None:
    folder = tmp_path / "共享"
    mounts = tmp_path / "mounts"
    mounts.write_text(f"server:/x {tmp_path} nfs rw 0 0\n", encoding="utf-8")
    check = check_folder(folder, mounts_file=mounts)
    assert check.usable and check.warnings and "网络" in check.warnings[0]
    assert check_folder(folder, mounts_file=tmp_path / "none").warnings == []


def test_an_unwritable_or_too_deep_folder_is_refused(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert not check_folder(blocked / "sub").usable
    deep = tmp_path / ("层" * 240)
    assert any("路径过长" in problem for problem in check_folder(deep).problems)


def test_the_chosen_folder_is_kept_outside_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        plan_template: Path) -> None:
    monkeypatch.setenv("GWR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("GWR_DATA_DIR")
    monkeypatch.setattr(paths, "default_data_dir", lambda: tmp_path / "default")
    assert paths.user_data_dir() == tmp_path / "default"
    current = tmp_path / "default" / "gwr.db"
    current.write_bytes(plan_template.read_bytes())
    chosen = tmp_path / "D盘" / "政府工作报告 数据"
    message = move_data(current, chosen)
    assert "已把当前数据复制" in message and verify_file(chosen / "gwr.db") == []
    assert paths.user_data_dir() == chosen
    assert paths.default_database_url().endswith(str(chosen / "gwr.db"))
    assert current.exists()  # the original stays where it was
    assert "使用" in move_data(current, chosen)  # a database already there is used, not overwritten


def test_a_damaged_config_reads_as_nothing_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GWR_CONFIG_DIR", str(tmp_path))
    (tmp_path / user_config.CONFIG_FILE).write_bytes(b"\xff{not json")
    assert user_config.load() == user_config.UserConfig()
    (tmp_path / user_config.CONFIG_FILE).write_text('{"data_folder": 5, "unknown": 1}', encoding="utf-8")
    assert user_config.load() == user_config.UserConfig()


def test_automatic_backups_also_go_to_the_second_folder(populated_db: Path, tmp_path: Path) -> None:
    stick = tmp_path / "U盘" / "备份"
    user_config.update(backup_mirror=str(stick))
    url = f"sqlite:///{populated_db}"
    info = backups.backup_before(url, "import", now=dt.datetime(2024, 3, 1, 9, 0))
    assert info is not None
    (copy,) = backups.list_backups(stick)
    assert copy.path.name == info.path.name and copy.fingerprint == info.fingerprint
    assert verify_file(copy.path) == []


def test_a_missing_second_folder_never_stops_the_backup(populated_db: Path, tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    user_config.update(backup_mirror=str(blocked / "备份"))
    info = backups.backup_before(f"sqlite:///{populated_db}", "import")
    assert info is not None and verify_file(info.path) == []
    assert "未能把备份另存到第二个文件夹" in caplog.text


@pytest.fixture
def populated_db(tmp_path: Path, plan_template: Path) -> Path:
    path = tmp_path / "data" / "gwr.db"
    path.parent.mkdir()
    path.write_bytes(plan_template.read_bytes())
    return path
