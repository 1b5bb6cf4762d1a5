"""A saved web page -> a Draft: trafilatura finds the main text (menus, banners, share
buttons, sidebars and footers left out) and gives it as XML with headings, paragraphs,
lists, tables and images marked; this module walks that XML in order."""

from __future__ import annotations

import re
from datetime import date

from kiosk.sheet_import.draft import (
    DATE,
    PUBLICATION,
    Draft,
    Piece,
    collapse,
    take_metadata,
)
from kiosk.sheet_import.problems import ImportProblem

MAX_MARKUP_CHARS = 5_000_000  # a fact sheet page is under 1 MB without its scripts and pictures
_HEAVY = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<svg\b.*?</svg\s*>|"
    r"(?:src|href)\s*=\s*\"data:[^\"]*\"",
    re.IGNORECASE | re.DOTALL,
)
_SOURCE_META = (
    "og:site_name",
    "citation_publisher",
    "dc.publisher",
    "publisher",
    "author",
)


def read_html(data: bytes) -> Draft:
    """Raise ImportProblem with one plain line when the page cannot be imported."""
    import trafilatura
    from lxml import etree
    from trafilatura.utils import decode_file

    markup = _HEAVY.sub(" ", decode_file(data))
    if len(markup) > MAX_MARKUP_CHARS:
        raise ImportProblem(
            f"the page holds {len(markup) / 1e6:.1f} million characters of text and markup "
            "(a fact sheet page holds far less): is it the right file?"
        )
    tail = markup[-4096:].lower()
    if "</html" not in tail and "</body" not in tail:
        raise ImportProblem(
            "the page is cut off before its end (it has no closing </html>): "
            "save the whole page again and import that"
        )
    extracted = trafilatura.extract(
        markup,
        output_format="xml",
        include_formatting=True,
        include_tables=True,
        include_images=True,
        include_links=False,
        include_comments=False,
        with_metadata=True,
        favor_recall=True,
    )
    if not extracted:
        raise ImportProblem(
            "no main text was found on this page: is it a fact sheet, or a menu, search "
            "or login page?"
        )
    document = etree.fromstring(extracted.encode("utf-8"))
    draft = Draft(title=collapse(document.get("title") or ""))
    main = document.find("main")
    if main is not None:
        _walk(main, draft)
    _page_metadata(markup, document, draft)
    return draft


def _text(element: object) -> str:
    from lxml import etree

    assert isinstance(element, etree._Element)
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append(" ")
        elif child.tag != "list":  # a nested list is read as its own items
            parts.append(_text(child))
        parts.append(child.tail or "")
    return collapse("".join(parts))


def _last_heading(draft: Draft) -> str:
    for piece in reversed(draft.pieces):
        if piece.kind == "heading":
            return f'under "{piece.text}"'
    return "before the first heading"


def _walk(main: object, draft: Draft) -> None:
    for element in main:  # type: ignore[attr-defined]
        tag = element.tag
        if tag == "head":
            text = _text(element)
            level = int((element.get("rend") or "h2").lstrip("h") or 2)
            if level == 1 and (not draft.title or text == draft.title):
                draft.title = text
            elif text:
                draft.pieces.append(Piece("heading", text, level))
        elif tag == "list":
            _list(element, draft)
        elif tag == "table":
            cells = [[_text(cell) for cell in row] for row in element.findall(".//row")]
            named = [" | ".join(c for c in row if c) for row in cells if sum(map(bool, row)) > 1]
            draft.unplaced.append(
                f"a table {_last_heading(draft)} ({len(cells)} rows; "
                f"{named[0] if named else 'no text'!r} ...): the kiosk shows no tables; "
                "write its facts as sentences or a list"
            )
        elif tag == "graphic":
            alt = collapse(element.get("alt") or element.get("title") or "")
            what = f"an image with the text {alt!r}" if alt else "an image with no text"
            draft.unplaced.append(f"{what} {_last_heading(draft)}: the kiosk shows no images")
        else:
            text = _text(element)
            if text and not take_metadata(draft, text):
                draft.pieces.append(Piece("paragraph", text))


def _list(element: object, draft: Draft) -> None:
    for item in element.findall("item"):  # type: ignore[attr-defined]
        text = _text(item)
        first = item[0] if len(item) else None
        lead = ""
        if (
            first is not None
            and first.tag == "hi"
            and "#b" in (first.get("rend") or "")
            and not (item.text or "").strip()
        ):
            lead = _text(first)
        if text:
            draft.pieces.append(Piece("list_item", text, lead=lead if text != lead else ""))
        for nested in item.findall("list"):
            _list(nested, draft)


def _page_metadata(markup: str, document: object, draft: Draft) -> None:
    """The publisher, publication number and date from the page's own tags and text, where
    the main text did not hold them."""
    from lxml import html

    try:
        page = html.fromstring(markup)
    except (ValueError, html.etree.ParserError):
        return
    for name in _SOURCE_META:
        for meta in page.iter("meta"):
            key = (meta.get("property") or meta.get("name") or "").lower()
            if key == name and collapse(meta.get("content") or ""):
                draft.source = draft.source or collapse(meta.get("content") or "")
    draft.source = draft.source or collapse(document.get("sitename") or "")  # type: ignore[attr-defined]
    for junk in page.xpath("//script|//style|//noscript"):
        junk.drop_tree()
    text = collapse(page.text_content())
    found = PUBLICATION.search(text)
    if found and not draft.publication:
        draft.publication = found.group(1)
    if not draft.date and found:
        near = DATE.search(text, found.end(), found.end() + 120)
        draft.date = near.group(0) if near else ""
    if not draft.date and document.get("date"):  # type: ignore[attr-defined]
        try:
            when = date.fromisoformat(document.get("date"))  # type: ignore[attr-defined]
            draft.date = f"{when.day} {when:%B %Y}"
        except ValueError:
            pass
