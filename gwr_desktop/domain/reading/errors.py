"""The one error a document reader raises: the file cannot be read as a plan. The message is for the user."""

from __future__ import annotations


class PlanSourceError(ValueError):
    """The file cannot be read as a plan document. The message is for the user, in Chinese."""


class LimitExceeded(PlanSourceError):
    """The file asks for more work than any real plan needs (a zip bomb, 2 million paragraphs …)."""
