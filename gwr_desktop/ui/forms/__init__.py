"""Editors of the three forms (附表1/2/3) and the deadlines dashboard."""
