"""Reading a hand-edited settings file line by line when TOML as a whole refuses it.

One typo (`volume = 0,9`) used to throw the whole file away, the staff PIN with it, and
staff mode then opened for anyone. Now every line that can still be read is kept; a broken
line is reported with its number and its setting keeps the default. A broken
`staff_pin_hash` line, or a file that cannot be read at all, gives the PIN the value
`pin.UNREADABLE`, which no PIN matches: staff mode stays locked until the file is fixed.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import tomllib

from kiosk.files import write_atomically
from kiosk.pin import UNREADABLE

_SECTION = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$")
_KEY = re.compile(r"^\s*[\"']?([A-Za-z0-9_-]+)[\"']?\s*=")
# Any line that sets the PIN, also as `staff.staff_pin_hash` or inside an inline table.
_PIN_LINE = re.compile(
    r"^\s*(?:[\w\"'.-]+\.\s*)?[\"']?staff_pin_hash[\"']?\s*=|^[^#]*\{[^#]*\bstaff_pin_hash\s*="
)
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its mark starts the same
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
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
    text, refused = decode_settings(raw)
    if refused:
        return {PIN_KEY: UNREADABLE}, [
            f"settings file {path} {refused}; every setting keeps its default, and staff "
            "mode stays locked until it is saved as UTF-8 (any editor's plain 'UTF-8')"
        ]
    data: dict[str, Any] | None = None
    if "\ufffd" not in text:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            pass
    if data is None:
        data, problems = _read_lines(text, path.name, problems)
    _lock_a_doubtful_pin(data, text, path.name, problems)
    return data, problems


def decode_settings(raw: bytes) -> tuple[str, str | None]:
    """The file's text, and why it was refused (None if it was read).

    UTF-8 with or without a byte-order mark (Windows Notepad's "UTF-8 with BOM") and
    UTF-16 or UTF-32 with one are read; any other file with NUL bytes (UTF-16 saved
    without a mark) is refused, as reading it as UTF-8 would lose every line."""
    for mark, codec in _MARKS:
        if raw.startswith(mark):
            try:
                return raw[len(mark) :].decode(codec), None
            except UnicodeDecodeError:
                return "", f"starts as {codec.upper()} text but is not valid {codec.upper()}"
    if b"\x00" in raw:
        return "", "holds NUL bytes (UTF-16 text saved without a byte-order mark?)"
    # Bytes that are not UTF-8 become U+FFFD and their lines are reported by _read_lines.
    return raw.decode("utf-8", errors="replace"), None


def _lock_a_doubtful_pin(data: dict[str, Any], text: str, name: str, problems: list[str]) -> None:
    """A PIN line given twice, or given empty, locks staff mode: which one staff meant is
    not for the kiosk to guess, and an empty one must not read as "no PIN" (open)."""
    numbers = [n for n, line in enumerate(text.splitlines(), 1) if _PIN_LINE.match(line)]
    tables = [data, *(v for v in data.values() if isinstance(v, dict))]
    values = [t[PIN_KEY] for t in tables if PIN_KEY in t]
    if len(numbers) > 1 or len(values) > 1:
        problem = f"{name}: staff_pin_hash is given {max(len(numbers), len(values))} times"
        problem += f" (lines {', '.join(map(str, numbers))})" if len(numbers) > 1 else ""
    elif len(values) == 1 and isinstance(values[0], str) and not values[0].strip():
        problem = f"{name}: staff_pin_hash is empty"
        problem += f" (line {numbers[0]})" if numbers else ""
    else:
        return
    problems.append(
        f"{problem}, so staff mode stays locked until there is one line with a PIN hash "
        "(`python -m kiosk pin-hash` writes it)"
    )
    for table in tables[1:]:
        table.pop(PIN_KEY, None)
    data[PIN_KEY] = UNREADABLE


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
    """Put `staff_pin_hash = "..."` at the top of the settings file (before any [section]),
    removing any PIN line there was; every other line is kept as it was (a BOM or UTF-16
    file is written back as UTF-8). The file is written whole or not at all, readable by
    its owner only (0600). Raises OSError."""
    try:
        text, refused = decode_settings(path.read_bytes())
    except FileNotFoundError:
        text, refused = "", None
    if refused:
        raise OSError(f"{path} {refused}: save it as UTF-8 first")
    # Every other PIN line goes (a second one would lock staff mode); the first is replaced
    # where it was, unless it is inside a [section], where it would not be the top one.
    lines = [line for line in text.splitlines() if not _PIN_LINE.match(line)]
    lines.insert(0, f'{PIN_KEY} = "{pin_hash}"')
    write_atomically(path, "\n".join(lines) + "\n")
