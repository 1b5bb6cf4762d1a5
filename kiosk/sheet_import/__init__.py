"""Import a fact sheet: a saved web page, a PDF or plain text -> the kiosk's Markdown.

`read_file(path)` gives a `Draft` (or raises `ImportProblem` with one plain line);
`to_markdown(draft)` writes the sheet; `kiosk/sheet_import/command.py` is the
`python -m kiosk import` tool that checks it as `check-content` does and writes it.
Bounded: files over MAX_FILE_BYTES are refused before they are read, a page's markup and
a PDF's pages are capped, and a file with too few words is not taken for a fact sheet.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.sheet_import.draft import Draft, to_markdown
from kiosk.sheet_import.problems import ImportProblem

__all__ = ["Draft", "ImportProblem", "MAX_FILE_BYTES", "read_file", "to_markdown"]

MAX_FILE_BYTES = 30 * 1024 * 1024  # a fact sheet's PDF with its pictures is a few MB
MIN_WORDS = 80  # fewer words than a short paragraph or two: not a fact sheet
_TEXT_SUFFIXES = {".txt", ".text", ".md"}


def kind_of(data: bytes, path: Path) -> str:
    """ "pdf", "html" or "text", from the bytes first and the name second."""
    head = data[:2048].lstrip().lower()
    if data.startswith(b"%PDF") or b"%pdf-" in data[:1024].lower():
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return "html"
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return "html"
    if path.suffix.lower() == ".pdf":
        return "pdf"
    return "text"


def read_file(path: Path) -> Draft:
    """The draft of a sheet from one file; ImportProblem (one plain line) if it cannot be."""
    try:
        if not path.is_file():
            raise ImportProblem(f"{path} does not exist or is not a file")
        size = path.stat().st_size
        if size == 0:
            raise ImportProblem(f"{path.name} is empty")
        if size > MAX_FILE_BYTES:
            raise ImportProblem(
                f"{path.name} is {size / 1e6:.1f} MB; a fact sheet's page or PDF is at most "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB: is it the right file?"
            )
        data = path.read_bytes()
    except OSError as error:
        raise ImportProblem(f"{path} cannot be read ({error.strerror or error})") from error
    kind = kind_of(data, path)
    if kind != "pdf" and b"\x00" in data[:65536]:
        raise ImportProblem(f"{path.name} holds binary data: it is not a web page or text")
    if kind == "pdf":
        from kiosk.sheet_import.pdf_file import read_pdf

        draft = read_pdf(data)
    elif kind == "html":
        from kiosk.sheet_import.html_page import read_html

        draft = read_html(data)
    else:
        draft = _read_text(data, path)
    _check_enough(draft, path)
    return draft


def _read_text(data: bytes, path: Path) -> Draft:
    from kiosk.sheet_import.plain_text import read_text

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # an old Windows editor's text
    if not text.strip():
        raise ImportProblem(f"{path.name} holds only blank space")
    return read_text(text)


def _check_enough(draft: Draft, path: Path) -> None:
    words = draft.words()
    if words < MIN_WORDS:
        raise ImportProblem(
            f"{path.name} holds only {words} words of main text: it does not look like a "
            "fact sheet (a menu, search, login or error page?)"
        )
    if not draft.title:
        draft.title = path.stem.replace("_", " ").replace("-", " ").strip()
        draft.notes.append(f'no title was found: "{draft.title}" (the file name) is used')
