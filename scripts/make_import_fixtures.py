# ruff: noqa: E501 (the pages below are HTML written as a site would write it)
"""Make the fact-sheet import fixtures in tests/data/sheet_import/ from content/als.md.

The shipped sheet is laid out as a publisher would publish it: a web page with a site's
header, menus, "share this page" and footer around the text (two different layouts), a
PDF with running headers and page numbers, a plain-text file, and a scanned PDF (a picture
of text, no text layer). The importer must bring the sheet's text back word for word.

    .venv/bin/python scripts/make_import_fixtures.py

Needs fpdf2 (LGPL-3.0, pip install fpdf2) for the PDFs; the kiosk and the tests do not.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk.content import Block, FactSheet, Section, load_fact_sheet  # noqa: E402

OUT = ROOT / "tests" / "data" / "sheet_import"
FONTS = ROOT / "assets" / "fonts"
PUBLICATION_LINE = "NIH Publication No. 25-NS-916 · March 2025"


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def block_html(block: Block, heading_tag: str) -> str:
    if block.kind == "heading":
        return f"<{heading_tag}>{esc(block.text)}</{heading_tag}>"
    if block.kind == "paragraph":
        return f"<p>{esc(block.text)}</p>"
    if block.lead:
        rest = block.text[len(block.lead) :]
        return f"<li><strong>{esc(block.lead)}</strong>{esc(rest)}</li>"
    return f"<li>{esc(block.text)}</li>"


def blocks_html(blocks: tuple[Block, ...], heading_tag: str, list_tag: str) -> list[str]:
    out: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind == "list_item" and not in_list:
            out.append(f"<{list_tag}>")
            in_list = True
        elif block.kind != "list_item" and in_list:
            out.append(f"</{list_tag}>")
            in_list = False
        out.append(block_html(block, heading_tag))
    if in_list:
        out.append(f"</{list_tag}>")
    return out


def body_html(sheet: FactSheet, tags: tuple[str, str, str], list_tag: str = "ul") -> str:
    section_tag, sub_tag, inner_tag = tags
    out: list[str] = []

    def add(section: Section, tag: str) -> None:
        out.append(f'<{tag} id="s{section.line}">{esc(section.title)}</{tag}>')
        out.extend(blocks_html(section.blocks, inner_tag, list_tag))
        for sub in section.subsections:
            add(sub, sub_tag)

    for section in sheet.sections:
        add(section, section_tag)
    return "\n".join(out)


MENU = """<nav class="main-menu" aria-label="Main">
<ul>
<li><a href="/health-information">Health Information</a>
  <ul><li><a href="/disorders">Disorders</a></li><li><a href="/patient-caregiver-education">
  Patient &amp; Caregiver Education</a></li><li><a href="/clinical-trials">Clinical Trials</a></li></ul></li>
<li><a href="/funding">Research Funding</a></li>
<li><a href="/current-research">Current Research</a></li>
<li><a href="/news-events">News &amp; Events</a></li>
<li><a href="/about-ninds">About NINDS</a></li>
</ul>
</nav>"""

FOOTER = """<footer class="site-footer">
<div class="footer-links"><ul>
<li><a href="/contact">Contact Us</a></li><li><a href="/accessibility">Accessibility</a></li>
<li><a href="/privacy">Privacy Policy</a></li><li><a href="/foia">FOIA</a></li>
<li><a href="/disclaimer">Disclaimers</a></li><li><a href="/vulnerability">HHS Vulnerability
Disclosure</a></li></ul></div>
<p>National Institute of Neurological Disorders and Stroke, National Institutes of Health,
31 Center Drive, Bethesda, MD 20892. Follow us on social media for the latest news and updates
from the institute.</p>
<p>Last reviewed on March 3, 2025. Sign up for email updates from the institute.</p>
</footer>"""


def page_a(sheet: FactSheet) -> str:
    """A NINDS-like page: banner, menu, search, breadcrumb, share buttons, sidebar, footer."""
    body = body_html(sheet, ("h2", "h3", "h4"))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(sheet.title)} | National Institute of Neurological Disorders and Stroke</title>
<meta property="og:site_name" content="National Institute of Neurological Disorders and Stroke">
<meta name="description" content="Learn about ALS, its symptoms, diagnosis and treatment.">
<style>body {{ font-family: sans-serif; }} .share li {{ display: inline; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag() {{ dataLayer.push(arguments); }}</script>
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header>
<div class="gov-banner">An official website of the United States government.
<button>Here is how you know</button></div>
<a class="logo" href="/"><img src="logo.svg" alt="National Institute of Neurological Disorders and Stroke"></a>
{MENU}
<form role="search"><label>Search NINDS <input type="search" name="q"></label><button>Search</button></form>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>
<li><a href="/health-information">Health Information</a></li><li><a href="/disorders">Disorders</a></li>
<li>Amyotrophic Lateral Sclerosis (ALS)</li></ol></nav>
<main id="main">
<article class="fact-sheet">
<h1>{esc(sheet.title)}</h1>
<div class="share"><span>Share this page</span><ul><li><a href="#">Facebook</a></li>
<li><a href="#">X / Twitter</a></li><li><a href="#">LinkedIn</a></li><li><a href="#">Email</a></li>
<li><a href="#">Print</a></li></ul></div>
<p class="publication">{esc(PUBLICATION_LINE)}</p>
{body}
</article>
<aside class="sidebar"><h2>Related</h2><ul><li><a href="/pls">Primary Lateral Sclerosis</a></li>
<li><a href="/mnd">Motor Neuron Diseases</a></li><li><a href="/sma">Spinal Muscular Atrophy</a></li></ul></aside>
</main>
{FOOTER}
</body>
</html>
"""


TABLE = """<table class="drugs"><caption>Medicines approved for ALS</caption>
<tr><th>Medicine</th><th>How it is taken</th></tr>
<tr><td>Riluzole</td><td>By mouth</td></tr>
<tr><td>Edaravone</td><td>By mouth or IV</td></tr>
<tr><td>Tofersen</td><td>Spinal injection</td></tr>
</table>"""

FIGURE = """<figure><img src="motor-neuron.png" alt="Drawing of a motor neuron linking the spinal cord to a muscle">
</figure>"""


def page_b(sheet: FactSheet) -> str:
    """A second layout: a health-library portal with a cookie banner, a toolbar, headings one
    level down (h3 sections), numbered lists, a table and a figure, and a long footer."""
    body = body_html(sheet, ("h3", "h4", "h5"), list_tag="ol")
    # A table and a picture after the first paragraph of "Treating ALS": not placeable.
    anchor = "<p>There's no treatment to reverse damage"
    body = body.replace(anchor, TABLE + "\n" + FIGURE + "\n" + anchor, 1)
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head><meta charset="utf-8">
<title>{esc(sheet.title)}: MedlinePlus-style Health Library</title>
<meta name="author" content="National Institute of Neurological Disorders and Stroke">
</head>
<body class="portal">
<div id="cookie-banner" class="banner">We use cookies to improve your experience.
<button>Accept all cookies</button><button>Manage settings</button></div>
<div id="top"><div class="brand"><a href="/">Health Library</a></div>
<div class="menu"><a href="/a-z">Health Topics A-Z</a> | <a href="/drugs">Drugs &amp; Supplements</a> |
<a href="/genetics">Genetics</a> | <a href="/tests">Medical Tests</a> | <a href="/encyclopedia">Encyclopedia</a></div>
</div>
<div id="wrapper">
<div id="left-column" class="nav"><h3>Health topics</h3><ul><li><a href="/a">ALS</a></li>
<li><a href="/b">Brain diseases</a></li><li><a href="/c">Degenerative nerve diseases</a></li></ul></div>
<div id="content-column">
<div class="toolbar"><a href="#">Print</a> <a href="#">Email</a> <a href="#">Share on Facebook</a></div>
<div class="page-title"><h1>{esc(sheet.title)}</h1></div>
<div class="page-info"><p>Publication No. 25-NS-916. Updated March 2025.</p></div>
<div class="article-body">
{body}
</div>
<div class="page-info">Page last updated 14 March 2025. Topic last reviewed 2 February 2025.</div>
</div>
</div>
<div id="footer"><div class="footer-nav"><a href="/about">About</a> · <a href="/disclaimers">Disclaimers</a> ·
<a href="/copyright">Copyright</a> · <a href="/privacy">Privacy</a> · <a href="/accessibility">Accessibility</a> ·
<a href="/guidelines">Guidelines for Links</a> · <a href="/viewers">Viewers &amp; Players</a></div>
<p>U.S. National Library of Medicine, 8600 Rockville Pike, Bethesda, MD 20894.
U.S. Department of Health and Human Services.</p></div>
</body>
</html>
"""


def plain_text(sheet: FactSheet) -> str:
    """The sheet as someone would paste it into a text editor."""
    out = [sheet.title, "", PUBLICATION_LINE, ""]

    def add(section: Section) -> None:
        out.extend([section.title, ""])
        for index, block in enumerate(section.blocks):
            if block.kind == "list_item":
                out.append(f"• {block.text}")
                following = section.blocks[index + 1] if index + 1 < len(section.blocks) else None
                if following is None or following.kind != "list_item":
                    out.append("")
            else:
                out.extend([block.text, ""])
        for sub in section.subsections:
            add(sub)

    for section in sheet.sections:
        add(section)
    return "\n".join(out)


def make_pdf(sheet: FactSheet, path: Path) -> None:
    from fpdf import FPDF

    class Sheet(FPDF):
        def header(self) -> None:
            self.set_font("Atkinson", "", 8)
            self.cell(0, 6, "NINDS | Amyotrophic Lateral Sclerosis (ALS) Fact Sheet", align="R")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Atkinson", "", 8)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")

    pdf = Sheet(format="Letter")
    pdf.set_title(sheet.title)
    pdf.set_author("National Institute of Neurological Disorders and Stroke")
    pdf.add_font("Atkinson", "", str(FONTS / "AtkinsonHyperlegible-Regular.ttf"))
    pdf.add_font("Atkinson", "B", str(FONTS / "AtkinsonHyperlegible-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Atkinson", "B", 22)
    pdf.multi_cell(0, 10, sheet.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Atkinson", "", 9)
    pdf.multi_cell(0, 6, PUBLICATION_LINE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    def text(size: float, style: str, words: str, before: float = 0.0) -> None:
        pdf.ln(before)
        pdf.set_font("Atkinson", style, size)
        pdf.multi_cell(0, size * 0.5, words, markdown=True, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    def add(section: Section, level: int) -> None:
        text({2: 16.0, 3: 13.0}[level], "B", section.title, before=3)
        for block in section.blocks:
            if block.kind == "heading":
                text(11.5, "B", block.text, before=2)
            elif block.kind == "paragraph":
                text(10.5, "", block.text)
            else:
                pdf.set_font("Atkinson", "", 10.5)
                pdf.cell(6, 5.25, "•")
                words = block.text
                if block.lead:
                    words = f"**{block.lead}**{block.text[len(block.lead) :]}"
                pdf.multi_cell(0, 5.25, words, markdown=True, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
        for sub in section.subsections:
            add(sub, 3)

    for section in sheet.sections:
        add(section, 2)
    pdf.output(str(path))


def make_scanned_pdf(path: Path) -> None:
    """A page that is only a picture (as a scanner makes it): no text layer at all."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    for row in range(30):
        draw.text((60, 60 + row * 32), "Amyotrophic lateral sclerosis is a disorder " * 2, fill=0)
    picture = OUT / ".scan.png"
    image.save(picture)
    pdf = FPDF(format="Letter")
    pdf.add_page()
    pdf.image(str(picture), x=0, y=0, w=pdf.w)
    pdf.output(str(path))
    picture.unlink()


def main() -> None:
    sheet = load_fact_sheet(ROOT / "content" / "als.md")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "als_page.html").write_text(page_a(sheet), encoding="utf-8")
    (OUT / "als_portal.html").write_text(page_b(sheet), encoding="utf-8")
    (OUT / "als.txt").write_text(plain_text(sheet), encoding="utf-8")
    make_pdf(sheet, OUT / "als.pdf")
    make_scanned_pdf(OUT / "scanned.pdf")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
