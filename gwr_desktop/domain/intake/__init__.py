"""Taking a filled 附表1/附表3 in from elsewhere: a Word table, an Excel sheet, a block pasted from either.

    table = read_form_table(lines, definition)      # header → columns, rows → items (rows.py)
    result = match_items(table.items, form_items)   # each row group → one of the unit's items (match.py)

Plain data and rules only (no Qt, no database): the service (services/form_intake.py) reads the file with the
bounded readers of domain/reading, turns the matches into form edits and applies them as one change.
"""

from gwr_desktop.domain.intake.columns import ColumnTarget, TableColumns, find_columns
from gwr_desktop.domain.intake.match import Match, MatchResult, Unmatched, match_items
from gwr_desktop.domain.intake.rows import FormTable, ImportedItem, SkippedRow, read_form_table

__all__ = ["ColumnTarget", "FormTable", "ImportedItem", "Match", "MatchResult", "SkippedRow", "TableColumns",
           "Unmatched", "find_columns", "match_items", "read_form_table"]
