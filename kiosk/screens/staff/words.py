"""The staff screen's sentences (its status lines are worded in lines.py; its buttons in
drawing.py)."""

from __future__ import annotations

TITLE = "Staff"
