"""Contributions (配合材料) in the window: the helper's page, and the pane beside the lead's own cells."""
