"""`python -m kiosk ...`: staff tools.

    python -m kiosk check-content [DIR]     validate the fact sheets (exit 1 on problems)
    python -m kiosk models download vosk    install the Vosk speech model (needs internet)
    python -m kiosk stats [--out FILE]      usage counts per day as CSV
    python -m kiosk pin-hash                the settings line for a staff PIN
    python -m kiosk import FILE [--out F]   a fact sheet from a web page, PDF or text

Each tool is a function `add_<name>(commands)` that adds its sub-parser and sets `run` to a
function taking the parsed arguments and returning the exit code; add a new tool by writing
one and listing it in TOOLS.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.settings import PROJECT_DIR
from kiosk.sheet_import.command import add_import

DEFAULT_CONTENT = PROJECT_DIR / "content"


# ---------------------------------------------------------------- check-content
def check_content(
    directory: Path | None = None, settings_file: Path | None = None, max_pages: int | None = None
) -> int:
    """Print one line per problem, warning and good sheet, then a summary; 1 on problems.

    Without a folder, the one the kiosk uses: `content_dir` from the settings file. Warnings
    (words too long for a line, characters the font cannot draw, very long sections) do not
    change the exit code: the sheet still shows.
    """
    from kiosk.content import load_library
    from kiosk.content_check import MAX_PAGES, check_sheet
    from kiosk.phrases import check_report
    from kiosk.settings import content_dir, default_settings_path, load_settings

    settings_path = settings_file or default_settings_path()
    if settings_file is not None and not settings_file.is_file():
        print(f"PROBLEM the settings file {settings_file} does not exist")
        return 1
    settings = load_settings(settings_file)  # None: the usual file, which may be absent
    if directory is None:
        directory = content_dir(settings)
        where = f"content_dir in {settings_path}" if settings.content_dir else "shipped"
        print(f"Checking {directory} ({where})")
    # Every problem is printed below; the loader's own log lines would repeat them on stderr.
    content_log = logging.getLogger("kiosk.content")
    previous = content_log.level
    content_log.setLevel(logging.ERROR)
    try:
        library = load_library(directory)
    finally:
        content_log.setLevel(previous)
    for error in library.errors:
        print(f"PROBLEM {error}")
    warnings = 0
    for sheet in library.sheets:
        for warning in check_sheet(sheet, settings.text_scale, max_pages or MAX_PAGES):
            print(f"WARNING {warning}")
            warnings += 1
    for sheet in library.sheets:
        subsections = sum(len(s.subsections) for s in sheet.sections)
        print(
            f"OK      {sheet.path.name}: {sheet.title} ({len(sheet.sections)} sections, "
            f"{subsections} subsections)"
        )
    talk_lines, talk_ok = check_report(directory)  # the Talk board's phrases.md
    print("\n".join(talk_lines))
    summary = f"{len(library.sheets)} fact sheet(s) loaded, {len(library.errors)} problem(s)"
    print(summary + (f", {warnings} warning(s)." if warnings else "."))
    if library.errors or not library.sheets or not talk_ok:
        print(f"Fix the file and line named above, then run this check again ({directory}).")
        return 1
    return 0


def add_check_content(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check-content",
        help="validate the fact sheets",
        description="Check every .md fact sheet in a folder; print each problem with its "
        "file and line, and warnings about text that will not show well. Exit 0 when "
        "all sheets load, 1 otherwise.",
    )
    check.add_argument(
        "directory",
        nargs="?",
        type=Path,
        default=None,
        help="folder of fact sheets (default: content_dir from the settings, else "
        f"{DEFAULT_CONTENT})",
    )
    check.add_argument("--settings", type=Path, help="settings file (default: the kiosk's own)")
    check.add_argument(
        "--max-pages",
        type=int,
        default=None,
        help="warn about sections needing more reader pages than this (default 12)",
    )
    check.set_defaults(
        run=lambda args: check_content(args.directory, args.settings, args.max_pages)
    )


# ---------------------------------------------------------------- models
def add_models(commands: argparse._SubParsersAction) -> None:
    models = commands.add_parser("models", help="manage speech recognition models")
    models.add_argument("action", choices=["download"])
    models.add_argument("engine", choices=["vosk"])

    def run(args: argparse.Namespace) -> int:
        from kiosk.voice.models import models_cli

        return models_cli([args.action, args.engine])

    models.set_defaults(run=run)


# ---------------------------------------------------------------- stats
def stats(out: Path | None) -> int:
    from kiosk.files import write_atomically
    from kiosk.usage import UsageCounter

    text = UsageCounter().to_csv()
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        write_atomically(out, text)
    except OSError as error:
        print(f"usage counts could not be written to {out}: {error.strerror or error}")
        return 1
    print(f"usage counts written to {out}")
    return 0


def add_stats(commands: argparse._SubParsersAction) -> None:
    usage = commands.add_parser("stats", help="usage counts per day as CSV")
    usage.add_argument("--out", type=Path, help="write to this file instead of the screen")
    usage.set_defaults(run=lambda args: stats(args.out))


# ---------------------------------------------------------------- pin-hash
def pin_hash(read_pin: Callable[[str], str] | None = None) -> int:
    """Ask for a PIN twice and print the settings line holding its salted scrypt hash."""
    import getpass

    from kiosk.pin import hash_pin, normalized, pin_problem

    read = read_pin or getpass.getpass
    try:
        pin = read("Staff PIN (not shown): ")
        problem = pin_problem(pin)
        if problem:
            print(problem)
            return 1
        again = read("The same PIN again: ")
    except UnicodeDecodeError:
        print("That PIN could not be read as text (it is not valid UTF-8). Please type it again.")
        return 1
    except (EOFError, KeyboardInterrupt):
        print("No PIN was typed; nothing was changed.")
        return 1
    if normalized(again) != normalized(pin):
        print("The two PINs are different; nothing was changed. Please try again.")
        return 1
    print(f'Put this line in settings.toml:\nstaff_pin_hash = "{hash_pin(pin)}"')
    return 0


def add_pin_hash(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "pin-hash",
        help="make the settings line for a staff PIN",
        description="Ask for a staff PIN (twice, not shown) and print the line to put in "
        "settings.toml. Only a salted, slow hash of the PIN is stored.",
    )
    command.set_defaults(run=lambda args: pin_hash())


TOOLS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_check_content,
    add_models,
    add_stats,
    add_pin_hash,
    add_import,
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk", description="Kiosk staff tools")
    commands = parser.add_subparsers(dest="command", title="commands")
    for add in TOOLS:
        add(commands)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
