"""Reading a hand-edited settings file line by line when TOML as a whole refuses it.

One typo (`volume = 0,9`) used to throw the whole file away, the staff PIN with it, and
staff mode then opened for anyone. Now every line that can still be read is kept; a broken
line is reported with its number and its setting keeps the default. A broken
`staff_pin_hash` line, or a file that cannot be read at all, gives the PIN the value
`pin.UNREADABLE`, which no PIN matches: staff mode stays locked until the file is fixed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tomllib

from kiosk.files import write_atomically
from kiosk.pin import UNREADABLE

_SECTION = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*[\"']?([A-Za-z0-9_-]+)[\"']?\s*=")
_AT_LINE = re.compile(r" \(at line \d+, column \d+\)| \(at end of document\)")
PIN_KEY = "staff_pin_hash"


def _locked(where: str) -> str:
    return (
        f"{where}: the staff_pin_hash line could not be read, so staff mode stays locked "
        "until it is fixed (make a new line with `python -m kiosk pin-hash`)"
    )


def read_leniently(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The settings as a TOML table (sections kept), and the problems met reading it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        return {PIN_KEY: UNREADABLE}, [
            f"settings file {path} could not be read ({reason}); every setting keeps its "
            "default, and staff mode stays locked until the file can be read"
        ]
    problems: list[str] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")  # the bad lines are reported below
    if "\ufffd" not in text:
        try:
            return tomllib.loads(text), problems
        except tomllib.TOMLDecodeError:
            pass
    return _read_lines(text, path.name, problems)


def _read_lines(text: str, name: str, problems: list[str]) -> tuple[dict[str, Any], list[str]]:
    data: dict[str, Any] = {}
    table = data
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{name} line {number}"
        section = _SECTION.match(line)
        if section:
            table = data.setdefault(section.group(1), {})
            if not isinstance(table, dict):  # a key and a section of one name
                table = {}
            continue
        key_match = _KEY.match(line)
        key = key_match.group(1) if key_match else None
        try:
            if "\ufffd" in line:
                raise ValueError("it is not valid UTF-8 text")
            value = tomllib.loads(line)
        except (tomllib.TOMLDecodeError, ValueError) as error:
            if key == PIN_KEY:
                problems.append(_locked(where))
                table[PIN_KEY] = UNREADABLE
                continue
            what = f"'{key}' keeps its default" if key else "it is ignored"
            reason = _AT_LINE.sub("", str(error))  # each line is read alone: its "line 1"
            problems.append(f"{where} could not be read ({reason}): {stripped[:60]!r}; {what}")
            continue
        for found, item in value.items():
            if found == PIN_KEY and _pin_already_broken(data):
                continue  # a readable PIN line never unlocks what a broken one locked
            table[found] = item
    return data, problems


def _pin_already_broken(data: dict[str, Any]) -> bool:
    tables = [data, *(v for v in data.values() if isinstance(v, dict))]
    return any(t.get(PIN_KEY) == UNREADABLE for t in tables)


def save_pin_hash(path: Path, pin_hash: str) -> None:
    """Put `staff_pin_hash = "..."` in the settings file, replacing the line there is, or
    at its top (before any [section]); every other line is kept as it was. The file is
    written whole or not at all, readable by its owner only (0600). Raises OSError."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    entry = f'{PIN_KEY} = "{pin_hash}"'
    for index, line in enumerate(lines):
        match = _KEY.match(line)
        if match and match.group(1) == PIN_KEY:
            lines[index] = entry
            break
    else:
        lines.insert(0, entry)
    write_atomically(path, "\n".join(lines) + "\n")
