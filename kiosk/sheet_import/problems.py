"""The one error an import gives: a plain line for clinic staff, nothing written."""

from __future__ import annotations


class ImportProblem(Exception):
    """Why a file cannot become a fact sheet, in plain words (one line)."""
