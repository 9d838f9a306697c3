"""The desktop window (PySide6). Only this package imports QtWidgets."""
