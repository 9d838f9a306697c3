#!/bin/sh
# Remove the menu entry, the desktop icon and the command that install.sh made. The database, its backups and
# the logs are left where they are (~/.local/share/gwr_desktop or the folder chosen in 文件 → 数据文件夹…).
set -eu
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
desktop=$(xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/Desktop")
rm -f "$apps/gwr-desktop.desktop" "$desktop/gwr-desktop.desktop" "$HOME/.local/bin/gwr-desktop"
echo "已卸载菜单项和命令；数据文件未删除。可以直接删除本文件夹。"
