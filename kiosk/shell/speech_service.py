"""Sound output, the speech player's lifecycle, spoken prompts and headphones.

One service owns everything that makes sound: the output device (the loudspeaker, or the
headphones only when staff choose it), the interface sounds, the speech player (started,
tried again while it is missing, restarted on a new output), the first sentence of a page
made ahead, and the prompts that are said because they are shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from functools import partial

import pygame

from kiosk import core
from kiosk.core.messages import (
    Message,
    ReadingFinished,
    SentenceStarted,
    SpeakingChanged,
    SpeakItem,
    SpeechCommand,
    SpeechFailed,
    SpeechKey,
)
from kiosk.core.state import State
from kiosk.core.words import HEADPHONES_NOTICE, SOUND_NOTICE, SPEECH_NOTICE
from kiosk.screens.staff import words as staff_words
from kiosk.settings import Settings
from kiosk.shell import words
from kiosk.sounds import SoundBank
from kiosk.speech import SpeechItem, create_player, pause_after_ms, speakable, speech_items
from kiosk.speech.lexicon import EMPTY, Lexicon
from kiosk.speech.output import open_mixer
from kiosk.speech.player import ItemStarted, QueueFinished, SpeechError
from kiosk.speech.prompts import PromptAnnouncer
from kiosk.speech.protocol import Preparing, Speaker
from kiosk.timings import SOUND_RETRY_S

log = logging.getLogger("kiosk.app")

RETRY_S = SOUND_RETRY_S

Notify = Callable[[str, str | None], None]  # a notice's topic and text (None: solved)


class SpeechService:
    """`notify` shows or clears a notice; `problem` adds a line for the staff screen."""

    def __init__(
        self,
        settings: Settings,
        notify: Notify,
        problem: Callable[[str], None],
        factory: Callable[..., Speaker] | None = None,
    ) -> None:
        self.settings = settings
        self._notify = notify
        self._problem = problem
        self.factory = factory
        self.headphones_only = settings.headphones_only  # the staff screen can switch it
        self.output = ""  # the output device in use ("" = the computer's default)
        self.sounds: SoundBank | None = None
        self.lexicon: Lexicon = EMPTY
        self.announcer = PromptAnnouncer(settings.spoken_prompts)
        self.ahead_page: str | None = None  # the text made ahead last
        self.player: Speaker | None = None
        self.next_retry = 0.0

    # -------------------------------------------------------------- output and player
    def open(self) -> None:
        """Open the sound output; a missing one is shown, and tried again later."""
        try:
            self._open_output()
        except pygame.error as error:
            log.error("no sound output (%s): text is shown but cannot be read aloud", error)
            self._notify("sound", SOUND_NOTICE)

    def _open_output(self) -> None:
        """Open the sound output the settings name: the headphones' only, when staff chose
        "headphones only" (then never the loudspeaker); raises pygame.error if none works."""
        settings = self.settings
        wanted = settings.headphones_output if self.headphones_only else settings.audio_output
        if self.headphones_only and not wanted.strip():
            raise pygame.error("headphones only, but no headphones_output is set")
        result = open_mixer(wanted, fallback=not self.headphones_only)
        self.output = result.device
        if result.problem:
            self._problem(result.problem)
        if pygame.mixer.get_init() is None:
            raise pygame.error(result.problem or "no sound output")

    def start(self, lexicon: Lexicon, now: float, player: Speaker | None = None) -> None:
        """The interface sounds and the speech player (`player`, or a new one)."""
        self.sounds = SoundBank()
        self.lexicon = lexicon
        self.next_retry = now + RETRY_S
        self.player = player if player is not None else self._start_player()

    def _start_player(self) -> Speaker | None:
        settings = self.settings
        try:
            return (self.factory or create_player)(
                settings.speech_rate,
                settings.volume,
                voice=settings.voice,
                mixer_available=pygame.mixer.get_init() is not None,
                engine=settings.speech_engine,
                piper_model=settings.piper_voice,
                piper_model_sha256=settings.piper_voice_sha256,
                lexicon=self.lexicon,
            )
        except Exception as error:  # any engine failure: the kiosk still shows everything
            log.error("speech engine failed to start: %s", error)
            self._notify("speech", SPEECH_NOTICE)
            return None

    def _replace_player(self) -> None:
        if self.player is not None:  # its channels belong to the mixer about to close
            self.player.close()
            self.player = None

    def retry(self, now: float) -> None:
        """Sound output and the speech engine are tried again while they are missing."""
        if now < self.next_retry:
            return
        self.next_retry = now + RETRY_S
        if pygame.mixer.get_init() is None:
            try:
                self._open_output()
            except pygame.error:
                return
            log.info("sound output is back")
            self._notify("sound", None)
            self.sounds = SoundBank()
            self._replace_player()  # the old player holds channels of the old mixer
        if self.player is None:
            self.player = self._start_player()
            self.ahead_page = None  # the new player has made nothing ahead yet
            if self.player is not None:
                log.info("speech engine is working again")
                self._notify("speech", None)

    def set_lexicon(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        if isinstance(self.player, Preparing):
            self.player.set_prepare(partial(speakable, lexicon=lexicon))

    def toggle_headphones(self) -> str:
        """Staff: speech through the headphones only, or back to the usual output."""
        wanted = not self.headphones_only
        if wanted and not self.settings.headphones_output.strip():
            return staff_words.NO_HEADPHONES_SET
        self._replace_player()
        self.headphones_only = wanted
        try:
            self._open_output()
        except pygame.error as error:
            log.error("sound output: %s", error)
            self._notify("sound", HEADPHONES_NOTICE)
            return staff_words.headphones_not_found(error)
        self._notify("sound", None)
        self.sounds = SoundBank()
        self.player = self._start_player()
        self.ahead_page = None
        where = self.output or "the computer's default output"
        log.info("headphones only %s: sound through %s", "on" if wanted else "off", where)
        return staff_words.headphones_only(wanted, where)

    # -------------------------------------------------------------- each frame
    def events(self, reading_token: Callable[[], int]) -> Iterator[Message]:
        """What the player did since the last frame, as messages for the core."""
        if self.player is None:
            return
        for event in self.player.update():
            if isinstance(event, ItemStarted) and isinstance(event.key, SpeechKey):
                if event.key.sentence is not None:
                    yield SentenceStarted(event.key.token, event.key.sentence)
            elif isinstance(event, QueueFinished):
                yield ReadingFinished(reading_token())
            elif isinstance(event, SpeechError):
                log.error("speech problem: %s", event.message)
                self._notify("speech", event.message)
                yield SpeechFailed(event.message)
        yield SpeakingChanged(bool(self.player.is_speaking))

    def say_prompts(self, shown: Sequence[str], reading: bool) -> None:
        """Every prompt and problem on screen is also said, once, in the same words."""
        for text in self.announcer.update(shown, reading=reading):
            if self.player is not None:
                item = SpeechItem(
                    ("prompt", text), text, pause_after_ms("announce"), echo_words=False
                )
                self.player.append([item])

    def prepare_ahead(self, state: State, ahead: Callable[[State], tuple[SpeakItem, ...]]) -> None:
        """Make what the screen shown now will be asked to say before anyone asks (the
        reader's first sentence, the typing screen's first words), so speech starts at
        once: a slow, natural voice needs a moment to make it."""
        if self.player is None or state.reading != "idle":
            return
        items = ahead(state)
        if items and items[0].text != self.ahead_page:
            self.ahead_page = items[0].text
            self.player.synthesize_ahead(speech_items(items))

    # -------------------------------------------------------------- effects
    def speak(self, items: Sequence[SpeakItem]) -> None:
        if self.player is not None:
            self.player.speak(speech_items(items))

    def control(self, what: SpeechCommand) -> None:
        if self.player is None:
            return
        if what is SpeechCommand.STOP:
            self.player.stop()
        elif what is SpeechCommand.PAUSE:
            self.player.pause()
        else:
            self.player.resume()

    def set_speech(self, speech_rate: int, volume: float) -> None:
        if self.player is not None:
            self.player.set_rate(speech_rate)
            self.player.set_volume(volume)

    def play(self, name: str) -> None:
        if self.sounds is not None:
            self.sounds.play(name)

    def say(self, text: str) -> None:
        """Staff speech: the test sentence, the staff screen's answers."""
        if self.player is not None:
            self.player.speak([SpeechItem(("staff",), text)])

    def stop(self) -> None:
        if self.player is not None:
            self.player.stop()

    def description(self, state: core.State) -> str:
        """The staff screen's speech and sound lines."""
        if self.player is None:
            speech = words.SPEECH_NOT_WORKING
        else:
            engine = str(getattr(self.player, "engine_description", "")) or words.SPEECH_READY
            speech = words.speech_engine_line(engine, state.speech_rate, state.volume)
        output = self.output or words.DEFAULT_OUTPUT
        if self.headphones_only:
            output += words.HEADPHONES_ONLY
        return words.speech_and_sound(speech, output, self.announcer.enabled)

    def close(self) -> None:
        if self.player is not None:
            try:
                self.player.close()
            except Exception:
                log.exception("speech did not close cleanly")
