"""Every sentence the Repeat screen shows or says."""

from __future__ import annotations

TITLE = "Repeat what I said"
TILE = ("Repeat", "Repeat: show and say again what the kiosk said last")


def say_again(text: str) -> str:
    """What focus on the one tile says (the tile shows the words themselves)."""
    return f"Say it again: {text}"
