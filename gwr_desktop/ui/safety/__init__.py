"""Data-safety UI: the crash dialog, restore and damaged-database dialogs, input guards, guarded start-up."""
