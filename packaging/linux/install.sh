#!/bin/sh
# Per-user install, no root needed: a menu entry (and a desktop icon when there is a desktop folder) for the
# bundle in the folder this script sits in, and `gwr-desktop` on the command line (~/.local/bin).
# Run it again after moving the folder. ./uninstall.sh removes what it made; the data stays.
set -eu
here=$(dirname "$(readlink -f "$0")")
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps" "$HOME/.local/bin"
escaped=$(printf '%s' "$here" | sed 's/[\/&|]/\\&/g')
sed "s|@HERE@|$escaped|g" "$here/gwr-desktop.desktop.in" > "$apps/gwr-desktop.desktop"
chmod 644 "$apps/gwr-desktop.desktop"
desktop=$(xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/Desktop")
if [ -d "$desktop" ]; then
    cp "$apps/gwr-desktop.desktop" "$desktop/gwr-desktop.desktop"
    chmod 755 "$desktop/gwr-desktop.desktop"  # GNOME-like desktops ask for the executable bit
fi
ln -sf "$here/gwr-desktop.sh" "$HOME/.local/bin/gwr-desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
echo "已安装：开始菜单（办公）中的“政府工作报告任务办理”，命令行 ~/.local/bin/gwr-desktop。"
