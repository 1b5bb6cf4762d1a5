"""Watching the content folder: the fact sheets, the Talk board's phrases and the
pronunciation lexicon, loaded at start and again when a file changes."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from kiosk import core
from kiosk.content import Library, load_library, merge_reload
from kiosk.content_cache import load_with_cache, phrases_file
from kiosk.content_cache import remember as remember_content
from kiosk.core.activity import Activity
from kiosk.core.messages import ContentLoaded
from kiosk.core.scanning import ScanConfig
from kiosk.phrases import PhraseBoard, default_board, load_phrases
from kiosk.screens.typing.prediction import model_for_content
from kiosk.settings import Settings, content_dir
from kiosk.speech.lexicon import Lexicon, lexicon_for
from kiosk.speech.spoken_text import SHIPPED_LEXICON

log = logging.getLogger("kiosk.app")

Stamp = tuple[tuple[str, int, int], ...]


class ContentWatcher:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.folder = content_dir(settings)
        self.stamp = self._stamp()
        # Set while the saved copy is shown (the folder is not mounted yet, or a sheet broke).
        self.note: str | None = None

    def _stamp(self) -> Stamp:
        try:
            return tuple(
                sorted(
                    (p.name, p.stat().st_mtime_ns, p.stat().st_size)
                    for p in self.folder.glob("*.md")
                )
            )
        except OSError:
            return ()

    def library(self) -> Library:
        """The sheets at start; the saved copy fills in what is missing (kiosk/content_cache.py)."""
        library, self.note = load_with_cache(self.folder)
        for error in library.errors:
            log.error("content problem: %s", error)
        return library

    def phrases(self) -> PhraseBoard:
        """The Talk board from the content folder; the built-in one when there is no file."""
        path = phrases_file(self.folder)  # the saved copy while the folder is missing
        if not path.exists():
            return default_board()
        board = load_phrases(path)
        for error in board.errors:
            log.error("phrase board problem: %s", error)
        return board

    def lexicon(self) -> tuple[Lexicon, str | None]:
        lexicon, problem = lexicon_for(self.folder, SHIPPED_LEXICON)
        if problem:
            log.error("%s", problem)
        return lexicon, problem or None

    def changed(self) -> bool:
        """Whether a fact sheet changed since the last call (or the start)."""
        stamp = self._stamp()
        if stamp == self.stamp:
            return False
        self.stamp = stamp
        return True

    def reload(self, shown: Library, caption: str, other_problems: Sequence[str]) -> ContentLoaded:
        """Edited fact sheets: a file that is now broken keeps its last good version on
        screen (and its problem is reported); new good files appear; a vanished or
        unmounted folder keeps every sheet (kiosk/content.py merge_reload)."""
        self.stamp = self._stamp()
        fresh = load_library(self.folder)
        remember_content(self.folder, fresh)  # on disk for the next start
        if fresh.sheets and not fresh.folder_missing:
            self.note = None  # the folder is back: its own sheets are shown
        library = merge_reload(shown, fresh)
        phrases = self.phrases()
        errors = tuple(str(e) for e in fresh.errors) + tuple(other_problems)
        errors += tuple(str(e) for e in phrases.errors)
        log.info(
            "content loaded: %d sheet(s), %d problem(s)", len(library.sheets), len(fresh.errors)
        )
        return ContentLoaded(library, errors, caption, phrases, model_for_content(library, phrases))


def first_state(
    settings: Settings, content: ContentWatcher, other_problems: Sequence[str], now: float
) -> core.State:
    """The kiosk's state at start: the content folder's sheets and phrases, the site's
    speech, switch and idle settings, and every problem found on the way."""
    library = content.library()
    phrases = content.phrases()
    state = core.initial_state(library, settings.speech_rate, settings.volume)
    extra = tuple(settings.problems) + tuple(other_problems)
    extra += tuple(str(e) for e in phrases.errors) + ((content.note,) if content.note else ())
    state = replace(
        state,
        scan_config=ScanConfig.from_settings(settings),
        phrases=phrases,
        talk_volume=settings.talk_volume,
        voice_confirm_s=settings.voice_confirm_s,
        activity=Activity(idle_timeout_s=settings.idle_timeout_s, last_input=now),
        errors=state.errors + extra,
        typing=replace(state.typing, word_model=model_for_content(library, phrases)),
    )
    if library.errors or phrases.errors:
        state = core.with_notice(state, "content", core.CONTENT_NOTICE)
    return state
