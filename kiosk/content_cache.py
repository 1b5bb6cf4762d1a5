"""The last good content, kept on disk in the data folder, for a start without the share.

A content folder on a USB stick or a network share may not be mounted yet when the kiosk
starts. The last good version used to live in memory only, so after a restart the fact
sheets were gone and the tiles renumbered. Now every load that found good sheets copies
them (with the Talk board's phrases.md and the pronunciation list) into
`<data folder>/content-cache/`; a start or reload that finds the folder missing, or a
sheet broken, shows the saved copy instead, and the staff screen says it may be out of
date. Talk, Yes / No and the staff screen never depend on content at all.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from dataclasses import replace
from pathlib import Path

from kiosk import words
from kiosk.content import Library, load_library
from kiosk.phrases import PHRASES_FILE
from kiosk.settings import data_dir
from kiosk.speech.lexicon import LEXICON_FILE

log = logging.getLogger("kiosk.content")
STAMP = ".saved.json"


def cache_dir() -> Path:
    return data_dir() / "content-cache"


def _saved_when(cache: Path) -> str:
    try:
        return str(json.loads((cache / STAMP).read_text(encoding="utf-8"))["saved"])
    except (OSError, ValueError, KeyError, TypeError):
        return "an earlier day"


def load_with_cache(directory: Path, cache: Path | None = None) -> tuple[Library, str | None]:
    """Load the content folder; fill in from the saved copy what is missing or broken, and
    save what is good. Returns the library and a staff note when the copy is shown."""
    cache = cache or cache_dir()
    fresh = load_library(directory)
    needed = fresh.folder_missing or bool(fresh.errors)  # else the copy is not read at all
    saved = load_library(cache) if needed and (cache / STAMP).exists() else None
    broken = {error.path.name for error in fresh.errors}
    good = {sheet.path.name for sheet in fresh.sheets}
    from_copy = []
    if saved is not None:
        from_copy = [
            sheet
            for sheet in saved.sheets
            if sheet.path.name not in good and (fresh.folder_missing or sheet.path.name in broken)
        ]
    if fresh.sheets:
        _save(directory, fresh, cache, keep=[s.path.name for s in from_copy])
    if not from_copy:
        return fresh, None
    sheets = sorted(
        [*fresh.sheets, *from_copy], key=lambda s: (s.path.name.casefold(), s.path.name)
    )
    names = ", ".join(s.path.name for s in from_copy)
    reason = "; ".join(str(e) for e in fresh.errors) or words.FOLDER_NOT_READ
    note = words.content_out_of_date(_saved_when(cache), names, reason)
    log.warning("%s", note)
    return replace(fresh, sheets=tuple(sheets)), note


def remember(directory: Path, fresh: Library, cache: Path | None = None) -> None:
    """After a reload: save what loaded well (a sheet broken now keeps its saved copy)."""
    if fresh.sheets:
        cache = cache or cache_dir()
        _save(directory, fresh, cache, keep=[error.path.name for error in fresh.errors])


def phrases_file(directory: Path, cache: Path | None = None) -> Path:
    """The Talk board's file: the content folder's, or the saved copy while the folder is
    missing (its absence then does not mean "use the built-in phrases")."""
    cache = cache or cache_dir()
    if directory.is_dir():
        return directory / PHRASES_FILE
    return cache / PHRASES_FILE


def _save(directory: Path, fresh: Library, cache: Path, keep: list[str]) -> None:
    """Replace the saved copy with the sheets that loaded now (and the saved copy of those
    broken now); whole or not at all. A failure is logged and changes nothing else."""
    staging = cache.with_name(cache.name + ".new")
    old = cache.with_name(cache.name + ".old")
    try:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for sheet in fresh.sheets:
            shutil.copy2(sheet.path, staging / sheet.path.name)
        for name in keep:
            if (cache / name).is_file():
                shutil.copy2(cache / name, staging / name)
        for extra in (PHRASES_FILE, LEXICON_FILE):
            if (directory / extra).is_file():
                shutil.copy2(directory / extra, staging / extra)
        stamp = {"saved": time.strftime("%Y-%m-%d %H:%M"), "from": str(directory)}
        (staging / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
        shutil.rmtree(old, ignore_errors=True)
        if cache.exists():
            os.replace(cache, old)
        os.replace(staging, cache)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        log.warning("the last good content could not be saved in %s (%s)", cache, error)
        shutil.rmtree(staging, ignore_errors=True)
