"""`python -m kiosk ...`: staff tools.

    python -m kiosk check-content [DIR]     validate the fact sheets (exit 1 on problems)
    python -m kiosk models download vosk    install the Vosk speech model (needs internet)
    python -m kiosk stats [--out FILE]      usage counts per day as CSV
    python -m kiosk pin-hash                set the staff PIN (its hash, in the settings)
    python -m kiosk unlock-staff            end a staff PIN lockout
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

from kiosk import words
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
def pin_hash(
    settings_file: Path | None = None,
    if_missing: bool = False,
    print_only: bool = False,
    read_pin: Callable[[str], str] | None = None,
) -> int:
    """Ask for a PIN twice and write its salted scrypt hash into the settings file.

    Only here, on the computer itself, is a PIN set: never at the kiosk's screen, where a
    visitor could choose it. `if_missing` (what `make run` uses) asks only when the file
    has no PIN line at all; `print_only` prints the line instead of writing it."""
    import getpass

    from kiosk.pin import hash_pin, is_pin_hash, normalized, pin_problem
    from kiosk.settings import default_settings_path, load_settings
    from kiosk.settings_lines import save_pin_hash

    path = settings_file or default_settings_path()
    if if_missing:
        logging.disable(logging.WARNING)  # the kiosk reports the file's problems itself
        try:
            current = load_settings(path if path.exists() else None).staff_pin_hash
        finally:
            logging.disable(logging.NOTSET)
        if is_pin_hash(current):
            return 0
        print(
            f"No usable staff PIN is set in {path}. Staff need one to open the staff screen "
            "and to close the kiosk; it can only be set here, on this computer (Ctrl+D: "
            "skip; the kiosk then starts with staff mode closed)."
        )
    read = read_pin or getpass.getpass
    try:
        pin = read(words.ASK_NEW_PIN)
        problem = pin_problem(pin)
        if problem:
            print(problem)
            return 1
        again = read(words.ASK_NEW_PIN_AGAIN)
    except UnicodeDecodeError:
        print("That PIN could not be read as text (it is not valid UTF-8). Please type it again.")
        return 1
    except (EOFError, KeyboardInterrupt):
        print("No PIN was typed; nothing was changed.")
        return 1
    if normalized(again) != normalized(pin):
        print("The two PINs are different; nothing was changed. Please try again.")
        return 1
    stored = hash_pin(pin)
    if print_only:
        print("Put this line in settings.toml (and no other staff_pin_hash line):")
        print(f'staff_pin_hash = "{stored}"')
        return 0
    try:
        save_pin_hash(path, stored)
    except OSError as error:
        print(f"The PIN could not be saved in {path} ({error.strerror or error}).")
        return 1
    print(f"Staff PIN set: only its hash is saved, in {path}. Restart the kiosk to use it.")
    return 0


def add_pin_hash(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "pin-hash",
        help="set the staff PIN (writes its hash into the settings file)",
        description="Ask for a staff PIN (twice, not shown) and write the line "
        'staff_pin_hash = "..." into the settings file, replacing any PIN line there. '
        "Only a salted, slow hash of the PIN is stored.",
    )
    command.add_argument("--settings", type=Path, help="settings file (default: the kiosk's own)")
    command.add_argument(
        "--if-missing", action="store_true", help="ask only if no PIN line is set yet"
    )
    command.add_argument(
        "--print", dest="print_only", action="store_true", help="print the line, write nothing"
    )
    command.set_defaults(run=lambda args: pin_hash(args.settings, args.if_missing, args.print_only))


# ---------------------------------------------------------------- unlock-staff
def unlock_staff() -> int:
    """End a staff PIN lockout from the computer; a running kiosk takes it at the next chord."""
    from kiosk.pin import clear_lockout
    from kiosk.screens.staff.mode import lockout_path

    store = lockout_path()
    try:
        was_locked = clear_lockout(store)
    except OSError as error:
        print(f"The lockout could not be cleared in {store} ({error.strerror or error}).")
        return 1
    if was_locked:
        print("Staff mode is unlocked: the wrong PINs are forgotten; type the PIN at the kiosk.")
    else:
        print("Staff mode was not locked; nothing to clear.")
    return 0


def add_unlock_staff(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "unlock-staff",
        help="end a staff PIN lockout (after wrong PINs)",
        description="Forget the wrong staff PINs typed at the kiosk and end a lockout at "
        "once; a running kiosk takes it at the next staff chord.",
    )
    command.set_defaults(run=lambda args: unlock_staff())


TOOLS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_check_content,
    add_models,
    add_stats,
    add_pin_hash,
    add_unlock_staff,
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
