"""This process's own peak resident memory, for the probes that report it."""

from __future__ import annotations


def peak_mb() -> float:
    """VmHWM in MB: this process's own peak (ru_maxrss may carry the parent's over exec on Linux); 0 elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return 0.0
