"""The printed page of a form: A4, GB/T 9704 margins, and the width a table may take (the 版心)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


# GB/T 9704: 天头 37, 订口 28, 版心 156 × 225 mm. A landscape table page is the portrait page turned, so the
# 订口 (28) is at the top where the table head sits, and the 版心 is 225 × 156 mm.
PORTRAIT_MARGINS = Margins(top=37, bottom=35, left=28, right=26)
LANDSCAPE_MARGINS = Margins(top=28, bottom=26, left=35, right=37)
A4_SHORT, A4_LONG = 210.0, 297.0
_STANDARD = Margins(-1, -1, -1, -1)  # "the standard margins for the orientation", filled in at construction


@dataclass(frozen=True)
class PageSpec:
    """Every measure is a field (not worked out from constants) so a signed version freezes its page too."""

    landscape: bool
    width_mm: float = 0.0
    height_mm: float = 0.0
    margins: Margins = _STANDARD

    def __post_init__(self) -> None:
        if not self.width_mm:
            object.__setattr__(self, "width_mm", A4_LONG if self.landscape else A4_SHORT)
        if not self.height_mm:
            object.__setattr__(self, "height_mm", A4_SHORT if self.landscape else A4_LONG)
        if self.margins == _STANDARD:
            object.__setattr__(self, "margins", LANDSCAPE_MARGINS if self.landscape else PORTRAIT_MARGINS)

    @property
    def content_width_mm(self) -> float:
        return self.width_mm - self.margins.left - self.margins.right

    @property
    def content_height_mm(self) -> float:
        return self.height_mm - self.margins.top - self.margins.bottom


def page_for(orientation: str) -> PageSpec:
    return PageSpec(landscape=orientation == "landscape")


def printable_width_mm(orientation: str) -> float:
    """How wide a form's table may be on its page."""
    return page_for(orientation).content_width_mm
