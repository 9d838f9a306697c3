"""The manifest of a contribution file: the form manifest plus whom it is for and which items it holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from gwr_desktop.exports.manifest import PREFIX, Manifest


@dataclass(frozen=True)
class ContributionManifest(Manifest):
    lead: str = ""  # the lead unit it is addressed to; `unit` is the helper that wrote it
    items: tuple[str, ...] = ()  # the item keys it holds, in the plan's order
    exported_at: str = ""  # ISO time of the export: the newer of two files from one helper wins

    def properties(self) -> dict[str, str]:
        flat = super().properties()
        flat[f"{PREFIX}items"] = "、".join(self.items)
        return flat

    def as_dict(self) -> dict:
        return asdict(self)
