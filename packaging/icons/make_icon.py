"""Draw the program icon (a red seal-like square with 督) as PNG and ICO; run again after changing it.

    QT_QPA_PLATFORM=offscreen python packaging/icons/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath

HERE = Path(__file__).resolve().parent


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = size * 0.04
    square = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    path = QPainterPath()
    path.addRoundedRect(square, size * 0.16, size * 0.16)
    painter.fillPath(path, QColor("#c8102e"))
    font = QFont(["Noto Sans CJK SC", "Noto Serif CJK SC", "SimHei"])
    font.setPixelSize(int(size * 0.62))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(square, Qt.AlignmentFlag.AlignCenter, "督")
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts need the application
    draw(256).save(str(HERE / "gwr_desktop.png"))
    draw(256).save(str(HERE / "gwr_desktop.ico"), "ICO")
    return 0


if __name__ == "__main__":
    sys.exit(main())
