"""`office`: the 督查室's consolidation of every unit's returns (filled in below)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    return None
