"""What every screen says: the sentences the core and the shared parts of the view show
or say, ready for a second language. A screen's own sentences are in its folder's
`words.py` (kiosk/screens/<name>/words.py)."""

from __future__ import annotations

NO_CONTENT = "No fact sheets could be loaded. Please tell the reception desk."


def quoted(phrase: str) -> str:
    return f"\u201c{phrase}\u201d"


def page_of(page: int, pages: int) -> str:
    return f"Page {page} of {pages}"


def paged_by_bar_note(last: bool) -> str:
    """After the page line where no "More" tile pages a list: where the rest is."""
    return f", {quoted('Next')} {'goes back to page 1' if last else 'shows more'}"
