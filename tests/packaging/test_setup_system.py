"""tools/setup_system.sh installs every library Qt's xcb platform links to, so `bash tools/run.sh` opens the
window on a fresh Debian desktop (the suite itself runs offscreen and would never notice a missing one)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Always on a Debian system (Essential or required by Python itself): not worth listing.
BASE_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g"}


def listed_packages() -> set[str]:
    lines = (ROOT / "tools" / "setup_system.sh").read_text(encoding="utf-8").splitlines()
    start = lines.index("packages=(") + 1
    block = lines[start:lines.index(")", start)]
    return {line.split("#")[0].strip() for line in block} - {""}


def xcb_libraries() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    return [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6",
            *sorted((qt / "plugins" / "xcbglintegrations").glob("*.so"))]


def needed(library: Path) -> list[str]:
    dump = subprocess.run(["objdump", "-p", str(library)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", dump, re.MULTILINE)


def owning_packages(sonames: set[str]) -> dict[str, str | None]:
    """The Debian package of each library the dynamic loader would pick (None: not installed at all).
    Both the loader's path and the resolved one are asked: with merged /usr, dpkg knows only one of them."""
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    candidates: dict[str, list[str]] = {}
    for soname in sonames:
        match = re.search(rf"^\s*{re.escape(soname)} .*=> (\S+)$", cache, re.MULTILINE)
        if match is not None:
            candidates[soname] = [match[1], str(Path(match[1]).resolve())]
    asked = sorted({path for paths in candidates.values() for path in paths})
    owners = subprocess.run(["dpkg", "-S", *asked], capture_output=True, text=True, check=False).stdout
    by_path = {line.split(": ", 1)[1]: line.split(":", 1)[0] for line in owners.splitlines() if ": " in line}
    return {soname: next((by_path[p] for p in candidates.get(soname, []) if p in by_path), None)
            for soname in sonames}


@pytest.mark.skipif(not (shutil.which("dpkg") and shutil.which("objdump")), reason="Debian tools (dpkg, objdump)")
def test_every_library_of_the_xcb_platform_comes_from_a_listed_package() -> None:
    packages = listed_packages()
    sonames = {soname for library in xcb_libraries() for soname in needed(library)
               if not soname.startswith(("libQt6", "libicu"))}  # those ship inside the PySide6 wheel
    owners = owning_packages(sonames)
    missing = {soname: owner for soname, owner in owners.items() if owner not in packages | BASE_PACKAGES}
    assert missing == {}, "add these Debian packages to tools/setup_system.sh"
    assert {"libxcb-icccm4", "libxcb-keysyms1", "xvfb"} <= packages
