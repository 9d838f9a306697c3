"""The colours that tell an error from a warning, information and success, the same in every message line."""

from __future__ import annotations

from enum import StrEnum


class Tone(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    SUCCESS = "success"


# Text colours readable on the light window background (contrast ≥ 4.5:1); errors and warnings also get a faint
# background, so they are told apart without relying on colour vision alone. No symbol glyphs: a 信创 PC's
# fonts may lack them.
STYLES = {
    Tone.ERROR: "color: #a4262c; background: #fde7e9; padding: 3px 6px; border-radius: 3px;",
    Tone.WARNING: "color: #8a5300; background: #fff4ce; padding: 3px 6px; border-radius: 3px;",
    Tone.INFO: "color: #1f4e79; padding: 3px 6px;",
    Tone.SUCCESS: "color: #2e6b30; padding: 3px 6px;",
}
