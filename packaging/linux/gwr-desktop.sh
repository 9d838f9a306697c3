#!/bin/sh
# Start 政府工作报告任务办理 from the unpacked bundle (this file sits beside the gwr_desktop/ folder).
#   ./gwr-desktop.sh                 the window
#   ./gwr-desktop.sh tasks --unit …  the command line (any command of `gwr-desktop --help`)
# The folder may be anywhere, also under a path with Chinese characters or spaces.
here=$(dirname "$(readlink -f "$0")")
# Qt picks Wayland when a Wayland session is announced; 统信 UOS and 麒麟 run X11 desktops (DDE, UKUI), and X11
# (also through XWayland) is what the bundle is tested on.
if [ -z "${QT_QPA_PLATFORM:-}" ] && [ -n "${DISPLAY:-}" ]; then
    QT_QPA_PLATFORM=xcb
    export QT_QPA_PLATFORM
fi
if [ $# -eq 0 ]; then
    exec "$here/gwr_desktop/gwr-desktopw"
fi
exec "$here/gwr_desktop/gwr-desktop" "$@"
