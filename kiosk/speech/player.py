"""Reading aloud: synthesis ahead of time on a worker thread, playback from the main loop.

The worker turns the next sentence or two into audio while the current one plays. Only
`update()`, called by the pygame main loop every frame, touches pygame: it starts each
clip on a reserved mixer channel when the previous one (and the pause after it) is over.
So the item reported as current is always the one whose audio is actually playing, and
`is_speaking` is exact, which the voice input uses to avoid hearing the kiosk itself.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kiosk.settings import DEFAULT_VOLUME
from kiosk.speech.cache import DEFAULT_MAX_BYTES, CacheKey, ClipCache
from kiosk.speech.spoken_text import clauses, speakable, spoken_words
from kiosk.speech.synth import (
    DEFAULT_SPEECH_RATE,
    Clip,
    SynthesisCancelled,
    Synthesizer,
    clamp_rate,
)
from kiosk.speech.words import NO_SOUND_MESSAGE

log = logging.getLogger("kiosk.speech")

LOOKAHEAD = 2  # pieces synthesized beyond the one playing
CLAUSE_PAUSE_MS = (
    250  # between the clauses of a long sentence made in parts: Piper's own comma pause
)
AHEAD_LIMIT = 8  # texts waiting to be made ahead (synthesize_ahead); older ones are dropped
SPEECH_CHANNEL = 0  # reserved mixer channel, so feedback sounds never cut the voice off


@dataclass(frozen=True)
class SpeechItem:
    key: Hashable
    text: str  # display text; the player turns it into spoken form
    pause_after_ms: int = 200
    volume: float | None = None  # this item's own volume (a quiet name, a loud phrase)
    # Its words count as the kiosk's own voice for the listener's echo check. Off for
    # prompts that suggest what to say ("You can say next page"): the person's answer
    # right after must not be taken for an echo (while the prompt plays, the listener
    # only takes stop and pause anyway).
    echo_words: bool = True


@dataclass(frozen=True)
class ItemStarted:
    key: Hashable


@dataclass(frozen=True)
class ItemFinished:
    key: Hashable


@dataclass(frozen=True)
class QueueFinished:
    pass


@dataclass(frozen=True)
class SpeechError:
    message: str


SpeechEvent = ItemStarted | ItemFinished | QueueFinished | SpeechError


@dataclass(frozen=True)
class _Piece:
    """What is synthesized and played as one clip: an item, or one clause of a long one."""

    item: SpeechItem
    text: str  # spoken form
    first: bool = True  # the item starts with it
    last: bool = True  # the item ends with it


def clamp_volume(volume: float) -> float:
    try:
        value = float(volume)
    except (TypeError, ValueError):
        return 0.8
    if value != value:  # NaN
        return 0.8
    return max(0.0, min(1.0, value))


def _to_mixer_array(clip: Clip, mixer: tuple[int, int, int]) -> np.ndarray:
    """Clip samples in the mixer's own format (rate, sample type, channels)."""
    frequency, size, channels = mixer
    samples = clip.samples.astype(np.float32)
    if clip.sample_rate != frequency and len(samples) > 1:
        # Linear interpolation is plenty for speech, and keeps numpy the only dependency.
        count = max(1, int(round(len(samples) * frequency / clip.sample_rate)))
        positions = np.arange(count) * (clip.sample_rate / frequency)
        samples = np.interp(positions, np.arange(len(samples)), samples).astype(np.float32)
    if size == -16:
        out = np.clip(samples, -32768, 32767).astype(np.int16)
    elif size == 16:
        out = (np.clip(samples, -32768, 32767) + 32768).astype(np.uint16)
    elif size == 8:
        out = (np.clip(samples, -32768, 32767) / 256 + 128).astype(np.uint8)
    elif size == -8:
        out = (np.clip(samples, -32768, 32767) / 256).astype(np.int8)
    elif size == 32:
        out = (samples / 32768.0).astype(np.float32)
    else:
        raise ValueError(f"unsupported mixer sample format {size}")
    if channels > 1:
        out = np.repeat(out[:, None], channels, axis=1)
    return np.ascontiguousarray(out)


class _Synthesis:
    """The queue's shared state and the worker thread that makes its audio ahead of the
    playing item (SpeechPlayer plays it)."""

    def __init__(
        self,
        synthesizer: Synthesizer,
        speech_rate: int,
        prepare: Callable[[str], str],
        cache_bytes: int,
    ) -> None:
        self._synth = synthesizer
        # Which engine speaks, in plain words (the staff screen and diagnostics show it).
        self.engine_description: str = str(getattr(synthesizer, "description", ""))
        self._engine_key = str(getattr(synthesizer, "cache_key", type(synthesizer).__name__))
        self.cache = ClipCache(cache_bytes)
        self._prepare = prepare
        self._rate = clamp_rate(speech_rate)
        self._cond = threading.Condition()
        # Shared with the worker (under _cond):
        self._generation = 0
        self._pieces: list[_Piece] = []
        self._clips: dict[int, Clip | Exception] = {}
        self._next = 0  # index of the next piece to start
        self._ahead: deque[str] = deque(maxlen=AHEAD_LIMIT)  # spoken texts to make early
        # (text, rate, made ahead?) of what the worker is making now
        self._working: tuple[str, int, bool] | None = None
        self._closed = False
        self._active = False  # a queue is being spoken (playing or between items)
        self._worker = threading.Thread(target=self._work, name="speech-synthesis", daemon=True)

    # ------------------------------------------------------------ worker thread
    def _work(self) -> None:
        _lower_this_threads_priority()
        while True:
            with self._cond:
                while True:
                    if self._closed:
                        return
                    index = self._wanted()
                    if index is not None or self._ahead:
                        break
                    self._cond.wait()
                rate = self._rate
                if index is None:
                    ahead = self._ahead.popleft()  # nothing is waiting to be heard: work ahead
                    self._working = (ahead, rate, True)
                else:
                    generation, text = self._generation, self._pieces[index].text
                    self._clips[index] = _IN_PROGRESS
                    self._working = (text, rate, False)
            if index is None:
                try:
                    self._clip(ahead, rate)
                except Exception as error:  # it will be tried again, and reported, if spoken
                    log.debug("could not synthesize ahead: %s", error)  # per page: not at INFO
                with self._cond:
                    self._working = None
                continue
            try:
                result: Clip | Exception = self._clip(text, rate)
            except Exception as error:  # reported to the app by update(), never raised here
                result = error
            with self._cond:
                self._working = None
                if generation == self._generation:
                    if isinstance(result, SynthesisCancelled):
                        self._clips.pop(index, None)  # still wanted after all: make it again
                    else:
                        self._clips[index] = result
                    self._cond.notify_all()

    def _cancel_stale_locked(self) -> None:
        """Stop making a sentence the new queue will not play first (under _cond): a
        slow engine would otherwise hold the next one up by a second or more."""
        if self._working is None:
            return
        text, rate, _ = self._working
        wanted = {(piece.text, self._rate) for piece in self._pieces[: LOOKAHEAD + 1]}
        if (text, rate) in wanted and self._active:
            return
        _call_if_present(self._synth, "cancel", text)

    def _key(self, text: str, rate: int) -> CacheKey:
        return (self._engine_key, rate, text)

    def _clip(self, text: str, rate: int) -> Clip:
        """The trimmed clip for spoken text at a rate: from the cache, or made and kept."""
        key = self._key(text, rate)
        clip = self.cache.get(key)
        if clip is None:
            clip = self._synth.synthesize(text, rate).trimmed()
            self.cache.put(key, clip)
        return clip

    def _wanted(self) -> int | None:
        """The first piece near the playing one that has no audio yet (under _cond)."""
        if not self._active:
            return None
        for index in range(self._next, min(len(self._pieces), self._next + LOOKAHEAD + 1)):
            if index not in self._clips:
                return index
        return None

    def _split(self, items: Sequence[SpeechItem]) -> list[_Piece]:
        """Items in spoken form, long ones in clauses when the engine is slow to start
        (its `clause_words`): the first clause is heard sooner, and the rest is made
        while it plays."""
        limit = int(getattr(self._synth, "clause_words", 0) or 0)
        pieces: list[_Piece] = []
        for item in items:
            spoken = self._prepare(item.text)
            parts = clauses(spoken, limit) if limit else [spoken]
            for number, part in enumerate(parts):
                pieces.append(_Piece(item, part, number == 0, number == len(parts) - 1))
        return pieces


class SpeechPlayer(_Synthesis):
    """Speaks a queue of items; drive it by calling `update()` every frame."""

    def __init__(
        self,
        synthesizer: Synthesizer,
        speech_rate: int = DEFAULT_SPEECH_RATE,
        volume: float = DEFAULT_VOLUME,
        mixer_available: bool = True,
        *,
        prepare: Callable[[str], str] = speakable,
        clock: Callable[[], float] = time.monotonic,
        cache_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(synthesizer, speech_rate, prepare, cache_bytes)
        self._clock = clock
        self._volume = clamp_volume(volume)
        self._mixer_available = mixer_available
        # Read by other threads (under _cond):
        self._current: int | None = None  # index of the piece whose audio is playing
        self._paused = False
        self._heard = _Heard()  # what was audible when: the voice input ignores it
        # Main thread only:
        self._channel: Any = None
        self._gap_until = 0.0
        self._gap_left = 0.0
        self._finish_pending = False
        self._no_sound_reported = False
        self._events: list[SpeechEvent] = []
        self._worker.start()

    # ------------------------------------------------------------ control (main thread)
    def synthesize_ahead(self, items: Sequence[SpeechItem], count: int = 1) -> None:
        """Make the first `count` items' audio now, on the worker, while nothing else needs
        it, so that reading them starts at once (e.g. a page's first sentence when the page
        is shown). Cheap when they are already made."""
        firsts = [piece.text for piece in self._split(list(items)[: max(0, count)]) if piece.first]
        with self._cond:
            for text in firsts:
                if text and self._key(text, self._rate) not in self.cache:
                    if text not in self._ahead:
                        self._ahead.append(text)
            self._cond.notify_all()

    def speak(self, items: Sequence[SpeechItem]) -> None:
        """Say these items in order, replacing anything queued or playing."""
        self._stop_channel()
        with self._cond:
            self._generation += 1
            self._pieces = self._split(items)
            self._clips = {}
            if self._pieces:  # made ahead: it can start in this very frame
                first = self.cache.get(self._key(self._pieces[0].text, self._rate))
                if first is not None:
                    self._clips[0] = first
            self._next = 0
            self._end_current_locked()
            self._paused = False
            self._active = True
            self._cancel_stale_locked()
            self._cond.notify_all()
        self._gap_until = 0.0
        self._finish_pending = True

    def append(self, items: Sequence[SpeechItem]) -> None:
        """Say these items after what is being said now (or at once if nothing is)."""
        with self._cond:
            if self._active and not self._paused:
                self._pieces.extend(self._split(items))
                self._finish_pending = True
                self._cond.notify_all()
                return
        self.speak(items)

    def set_prepare(self, prepare: Callable[[str], str]) -> None:
        """How display text becomes spoken text from now on (e.g. a reloaded lexicon)."""
        with self._cond:
            self._prepare = prepare

    def stop(self) -> None:
        """Silence at once and forget the queue."""
        self._stop_channel()
        with self._cond:
            self._generation += 1
            self._pieces, self._clips = [], {}
            self._next = 0
            self._end_current_locked()
            self._paused = False
            self._active = False
            if self._working is not None and not self._working[2]:
                self._cancel_stale_locked()  # made ahead for a page: still worth having
        self._finish_pending = False

    def pause(self) -> None:
        """Hold the voice where it is; `resume()` continues from the same sample."""
        with self._cond:
            if self._paused or not self._active:
                return
            self._paused = True
            if self._current is None:
                self._gap_left = max(0.0, self._gap_until - self._clock())
            else:
                self._end_current_locked(keep_current=True)  # silent while paused
        if self._channel is not None:
            self._channel.pause()

    def resume(self) -> None:
        with self._cond:
            if not self._paused:
                return
            self._paused = False
            playing = self._current is not None
            if playing:
                self._heard.resumed()
        if playing and self._channel is not None:
            self._channel.unpause()
        elif not playing:
            self._gap_until = self._clock() + self._gap_left

    def set_rate(self, wpm: int) -> None:
        """New speed from the next item on: audio made ahead at the old speed is redone."""
        with self._cond:
            rate = clamp_rate(wpm)
            if rate == self._rate:
                return
            self._rate = rate
            self._generation += 1
            self._clips = {}
            self._ahead.clear()
            self._cancel_stale_locked()
            self._cond.notify_all()

    def set_volume(self, volume: float) -> None:
        """Louder or softer at once, even in the middle of a sentence."""
        self._volume = clamp_volume(volume)
        if self._channel is not None:
            self._channel.set_volume(self._volume)

    @property
    def speech_rate(self) -> int:
        return self._rate

    @property
    def volume(self) -> float:
        return self._volume

    # ------------------------------------------------------------ the frame (main thread)
    def update(self, now: float | None = None) -> list[SpeechEvent]:
        """Call every frame: notices the end of a clip and starts the next one."""
        now = self._clock() if now is None else now
        events, self._events = self._events, []
        if not self._sound_ready():
            with self._cond:
                had_queue = self._active
                self._pieces, self._clips, self._active = [], {}, False
            if had_queue and self._finish_pending:
                if not self._no_sound_reported:
                    events.append(SpeechError(NO_SOUND_MESSAGE))
                    self._no_sound_reported = True
                events.append(QueueFinished())
                self._finish_pending = False
            return events
        while True:
            with self._cond:
                if self._paused or not self._active:
                    return events
                current = self._current
            if current is not None:
                if self._channel is not None and self._channel.get_busy():
                    return events  # still speaking
                self._finish_item(current, now, events)
                continue
            with self._cond:
                finished = self._next >= len(self._pieces)
                if finished:
                    self._active = False  # no pause after the last item
                else:
                    index = self._next
                    clip = self._clips.get(index)
            if finished:
                if self._finish_pending:
                    events.append(QueueFinished())
                    self._finish_pending = False
                return events
            if now < self._gap_until:
                return events
            if clip is None or clip is _IN_PROGRESS:
                return events  # the worker is still making it
            if isinstance(clip, Exception):
                log.error("speech synthesis failed: %s", clip)
                events.append(SpeechError(f"Could not say a sentence: {clip}"))
                self._skip_item(index, events)
                continue
            self._start_item(index, clip, now, events)
            if clip.duration == 0:
                continue  # nothing to hear: finish it at once
            return events

    def _skip_item(self, index: int, events: list[SpeechEvent]) -> None:
        """Go past the rest of the item this piece belongs to (it cannot be said whole);
        an item already started is reported finished."""
        with self._cond:
            piece = self._pieces[index]
            end = index + 1
            while end < len(self._pieces) and not self._pieces[end].first:
                end += 1
            for skipped in range(index, end):
                self._clips.pop(skipped, None)
            self._next = end
            self._cond.notify_all()
        if not piece.first:
            events.append(ItemFinished(piece.item.key))

    def _start_item(self, index: int, clip: Clip, now: float, events: list[SpeechEvent]) -> None:
        piece = self._pieces[index]
        item = piece.item
        if clip.duration > 0:
            try:
                import pygame

                mixer = pygame.mixer.get_init()
                sound = pygame.sndarray.make_sound(_to_mixer_array(clip, mixer))
                channel = self._speech_channel()
                own = item.volume
                channel.set_volume(self._volume if own is None else clamp_volume(own))
                channel.play(sound)
            except Exception as error:  # a bad clip or mixer hiccup: skip it, keep reading
                log.error("could not play speech: %s", error)
                events.append(SpeechError(f"Could not play speech: {error}"))
                self._skip_item(index, events)
                return
        with self._cond:
            self._current = index
            self._next = index + 1
            self._clips.pop(index, None)
            # Both forms, so an echo is recognised whichever way the listener spells it.
            words = spoken_words(piece.text) | spoken_words(item.text) if item.echo_words else set()
            self._heard.started(now, frozenset(words))
            self._cond.notify_all()  # the worker can move its window on
        if piece.first:
            events.append(ItemStarted(item.key))

    def _finish_item(self, index: int, now: float, events: list[SpeechEvent]) -> None:
        piece = self._pieces[index]
        with self._cond:
            self._end_current_locked(now)
        pause_ms = piece.item.pause_after_ms if piece.last else CLAUSE_PAUSE_MS
        self._gap_until = now + max(0, pause_ms) / 1000.0
        if piece.last:
            events.append(ItemFinished(piece.item.key))

    def _end_current_locked(self, now: float | None = None, keep_current: bool = False) -> None:
        """Record when the playing item stopped being heard (under _cond)."""
        if self._current is not None:
            self._heard.ended(self._clock() if now is None else now)
        if not keep_current:
            self._current = None

    def _sound_ready(self) -> bool:
        return self._mixer_available and _mixer_ready()

    def _speech_channel(self) -> Any:
        if self._channel is None:
            self._channel = _reserve_speech_channel()
        return self._channel

    def _stop_channel(self) -> None:
        if self._channel is not None:
            try:
                self._channel.stop()
            except Exception as error:  # the mixer went away; nothing is playing then
                log.warning("could not stop the speech channel: %s", error)

    # ------------------------------------------------------------ state (any thread)
    @property
    def current_key(self) -> Hashable | None:
        """Key of the item whose audio is playing now (None between items and when idle)."""
        with self._cond:
            return None if self._current is None else self._pieces[self._current].item.key

    @property
    def is_speaking(self) -> bool:
        """True while a queue is being spoken and not paused, including the short pauses
        between its items."""
        with self._cond:
            return self._active and not self._paused

    def spoken_recently(self, within_s: float, now: float | None = None) -> bool:
        """Speaking now, or stopped speaking less than `within_s` seconds ago."""
        now = self._clock() if now is None else now
        with self._cond:
            if self._active and not self._paused:
                return True
            return bool(self._heard.since(now - within_s))

    def recent_words(self, within_s: float, now: float | None = None) -> set[str]:
        """Lower-case words of the items heard in the last `within_s` seconds (spoken form)."""
        now = self._clock() if now is None else now
        with self._cond:
            return set().union(*self._heard.since(now - within_s))

    def close(self) -> None:
        """Stop speaking and end the worker (and the synthesizer's engine, if it has one)."""
        self.stop()
        with self._cond:
            self._closed = True
            self._ahead.clear()
            if self._working is not None:  # made ahead or not: nobody will play it now
                _call_if_present(self._synth, "cancel", self._working[0])
            self._cond.notify_all()
        # A sentence being made cannot be interrupted; the worker ends after it on its own.
        self._worker.join(timeout=0.5)
        _call_if_present(self._synth, "close")


# Added to the process's own niceness. A probe (Piper making sentences non-stop beside a
# 6 ms frame, on a machine loaded by other work): frame p95 38 ms at 0, 22-26 ms at 5,
# 22 ms at 10. 5 keeps most of the gain while leaving synthesis a fair share beside the
# kiosk's other threads (the camera's face mesh runs at niceness 0).
WORKER_NICENESS = 5


class _Heard:
    """When each item was audible, and its words (the caller holds the player's lock)."""

    def __init__(self) -> None:
        self._items: deque[tuple[float, float | None, frozenset[str]]] = deque(maxlen=50)

    def started(self, now: float, words: frozenset[str]) -> None:
        self._items.append((now, None, words))

    def ended(self, now: float) -> None:
        if self._items and self._items[-1][1] is None:
            start, _, words = self._items[-1]
            self._items[-1] = (start, now, words)

    def resumed(self) -> None:
        if self._items:
            start, _, words = self._items[-1]
            self._items[-1] = (start, None, words)  # audible again

    def since(self, when: float) -> list[frozenset[str]]:
        """The words of every item audible at or after `when` (still audible included)."""
        return [words for _, end, words in self._items if end is None or end >= when]


def _mixer_ready() -> bool:
    try:
        import pygame

        return pygame.mixer.get_init() is not None
    except Exception:
        return False


def _reserve_speech_channel() -> Any:
    """The mixer channel kept for speech (interface sounds never take it)."""
    import pygame

    if pygame.mixer.get_num_channels() <= SPEECH_CHANNEL:
        pygame.mixer.set_num_channels(SPEECH_CHANNEL + 1)
    pygame.mixer.set_reserved(SPEECH_CHANNEL + 1)
    return pygame.mixer.Channel(SPEECH_CHANNEL)


def _call_if_present(engine: object, method: str, *args: object) -> None:
    """Engines may offer cancel() and close(); those that do not need neither."""
    call = getattr(engine, method, None)
    if callable(call):
        call(*args)


def _lower_this_threads_priority() -> None:
    """Synthesis yields the processor to the main loop, so frames stay smooth while a
    sentence is made (Linux: each thread has its own niceness)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        thread = threading.get_native_id()
        niceness = os.getpriority(os.PRIO_PROCESS, thread) + WORKER_NICENESS
        os.setpriority(os.PRIO_PROCESS, thread, min(19, niceness))
    except (OSError, AttributeError) as error:
        log.info("could not lower the speech worker's priority: %s", error)


class _InProgress(Exception):
    """Marker: the worker is synthesizing this item."""


_IN_PROGRESS = _InProgress()
