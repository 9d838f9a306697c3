"""The 督查室's consolidation as plain rules: who has reported (台账), what the reports say item by item, and
the checks that lighten the reading (same text as last quarter, no figure for a quantitative target, share
of a target reached). No Qt, no SQL: services/office_* feed them what was imported."""
