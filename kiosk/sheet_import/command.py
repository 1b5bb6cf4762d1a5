"""`python -m kiosk import FILE [--out content/NAME.md]`: a page, PDF or text -> a sheet.

Prints one line per finding, as `check-content` does: PROBLEM (nothing is written),
WARNING (written; will not show well), NOT PLACED (a table or an image's text the
kiosk cannot show: add it by hand), NOTE (look at this line of the sheet), then OK.
"""

from __future__ import annotations

import argparse
import logging
import re
from pathlib import Path

from kiosk.sheet_import import ImportProblem, read_file, to_markdown

log = logging.getLogger("kiosk.import")


def default_out(source_file: Path, settings_file: Path | None) -> Path:
    """content_dir from the settings (else the shipped content/), named after the file."""
    from kiosk.settings import content_dir, load_settings

    name = re.sub(r"[^a-z0-9]+", "-", source_file.stem.casefold()).strip("-") or "sheet"
    return content_dir(load_settings(settings_file)) / f"{name}.md"


def import_sheet(
    source_file: Path,
    out: Path | None = None,
    *,
    source: str = "",
    force: bool = False,
    settings_file: Path | None = None,
) -> int:
    """Import one file; 0 when the sheet was written, 1 (and nothing written) otherwise."""
    from kiosk.content import ContentFileError, parse_fact_sheet
    from kiosk.content_check import check_sheet
    from kiosk.files import write_atomically

    out = out or default_out(source_file, settings_file)
    if out.suffix.lower() != ".md":
        return _refuse(f"--out must name a .md file (the kiosk reads only those), not {out}")
    if out.exists() and not force:
        return _refuse(f"{out} already exists: give another --out, or add --force to replace it")
    try:
        draft = read_file(source_file)
    except ImportProblem as problem:
        return _refuse(str(problem))
    draft.source = source or draft.source
    if not draft.source:
        return _refuse(
            f"no publisher was found in {source_file.name}: "
            'name it with --source "Publisher name" (the kiosk shows it under the sheet)'
        )
    text = to_markdown(draft)
    try:
        sheet = parse_fact_sheet(text, out)
    except ContentFileError as error:
        for found in error.errors:
            print(f"PROBLEM {found}")
        return _refuse("the imported sheet does not pass the content checks")
    for warning in check_sheet(sheet):
        print(f"WARNING {warning}")
    for what in draft.unplaced:
        print(f"NOT PLACED {what}")
    for note in draft.notes:
        print(f"NOTE    {note}")
    try:
        write_atomically(out, text)
    except OSError as error:
        return _refuse(f"{out} could not be written ({error.strerror or error})")
    subsections = sum(len(s.subsections) for s in sheet.sections)
    print(
        f"OK      {out}: {sheet.title} ({len(sheet.sections)} sections, {subsections} "
        f"subsections; from {source_file.name})"
    )
    print('Read it through, add short tile names ({short="..."}) where headings are long,')
    print("then press Reload content on the staff screen (or wait for the next visitor).")
    return 0


def _refuse(line: str) -> int:
    print(f"PROBLEM {line}")
    print("Nothing was written.")
    return 1


def add_import(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import",
        help="make a fact sheet from a saved web page, a PDF or plain text",
        description="Turn a saved web page (HTML), a PDF or plain text into a fact sheet in "
        "the kiosk's format, check it as check-content does, and write it. Menus, footers "
        "and share buttons are left out; tables and pictures are named, not dropped.",
    )
    command.add_argument("file", type=Path, help="the page (.html), PDF or text file")
    command.add_argument(
        "--out", type=Path, help="the sheet to write (default: the content folder, NAME.md)"
    )
    command.add_argument("--source", default="", help="the publisher, if the file names none")
    command.add_argument("--force", action="store_true", help="replace --out if it exists")
    command.add_argument("--settings", type=Path, help="settings file (for the content folder)")
    command.set_defaults(
        run=lambda args: import_sheet(
            args.file,
            args.out,
            source=args.source,
            force=args.force,
            settings_file=args.settings,
        )
    )
