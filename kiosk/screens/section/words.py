"""Every sentence a section's tile screen shows or says (its title is the content's)."""

from __future__ import annotations

OVERVIEW = "Overview"


def overview_of(title: str) -> str:
    return f"Overview of {title}"
