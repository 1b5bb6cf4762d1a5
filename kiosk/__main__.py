"""`python -m kiosk ...`: staff tools.

    python -m kiosk check-content [DIR]     validate the fact sheets (exit 1 on problems)
    python -m kiosk models download vosk    install the Vosk speech model (needs internet)
    python -m kiosk stats [--out FILE]      usage counts per day as CSV
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.settings import PROJECT_DIR


def check_content(directory: Path) -> int:
    from kiosk.content import load_library

    library = load_library(directory)
    for error in library.errors:
        print(f"PROBLEM {error}")
    for sheet in library.sheets:
        subsections = sum(len(s.subsections) for s in sheet.sections)
        print(f"OK      {sheet.path.name}: {sheet.title} ({len(sheet.sections)} sections, "
              f"{subsections} subsections)")
    print(f"{len(library.sheets)} fact sheet(s) loaded, {len(library.errors)} problem(s).")
    return 1 if library.errors or not library.sheets else 0


def stats(out: Path | None) -> int:
    from kiosk.usage import UsageCounter

    text = UsageCounter().to_csv()
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        print(f"usage counts written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk", description="Kiosk staff tools")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check-content", help="validate the fact sheets")
    check.add_argument("directory", nargs="?", type=Path, default=PROJECT_DIR / "content")
    models = commands.add_parser("models", help="manage speech recognition models")
    models.add_argument("action", choices=["download"])
    models.add_argument("engine", choices=["vosk"])
    usage = commands.add_parser("stats", help="usage counts per day as CSV")
    usage.add_argument("--out", type=Path, help="write to this file instead of the screen")
    args = parser.parse_args(argv)
    if args.command == "check-content":
        return check_content(args.directory)
    if args.command == "models":
        from kiosk.voice.models import models_cli

        return models_cli([args.action, args.engine])
    return stats(args.out)


if __name__ == "__main__":
    sys.exit(main())
