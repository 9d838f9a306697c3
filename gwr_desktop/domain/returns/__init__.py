"""Reading the files units send back: the app's own .docx/.xlsx (manifest, body table) and hand-made ones.

Everything here is bounded and entity-free (domain/reading's SafeZip and XML parsing) and Qt/SQL-free: the
contribution import (the lead's side) and the 督查室's consolidation both read through it.
"""
