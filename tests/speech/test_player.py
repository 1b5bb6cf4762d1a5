"""SpeechPlayer driven like the pygame main loop drives it.

Most tests use a deterministic fake synthesizer (clip length from the word count, sample
value from the rate) and play on a fake clock through a channel that is busy for each
sound's length on that clock: their timing is exact and no real time passes. The real
engines' tests play through SDL's dummy audio driver in real time.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass

import numpy as np
import pygame
import pytest

from kiosk.speech import speech_items
from kiosk.speech.player import (
    NO_SOUND_MESSAGE,
    WORKER_NICENESS,
    ItemFinished,
    ItemStarted,
    QueueFinished,
    SpeechError,
    SpeechItem,
    SpeechPlayer,
)
from kiosk.speech.spoken_text import speakable
from kiosk.speech.synth import Clip, SynthesisCancelled
from kiosk.testing import FakeClock

RATE = 22050


class FakeSynth:
    """0.06 s per word at 165 wpm (shorter when faster); samples equal to the rate."""

    def __init__(self, fail_on: str = "") -> None:
        self.calls: list[tuple[str, int, str]] = []
        self.fail_on = fail_on

    def synthesize(self, text: str, speech_rate: int) -> Clip:
        self.calls.append((text, speech_rate, threading.current_thread().name))
        if self.fail_on and self.fail_on in text:
            raise RuntimeError("engine hiccup")
        seconds = 0.06 * len(text.split()) * 165 / speech_rate
        return Clip(np.full(int(seconds * RATE), speech_rate * 10, dtype=np.int16), RATE, text)


def items(*texts: str, pause_ms: int = 50) -> list[SpeechItem]:
    return [SpeechItem(i, text, pause_ms) for i, text in enumerate(texts)]


class ClockChannel:
    """The speech channel on a fake clock: busy for each sound's length from play(),
    held where it was by pause() (the real one is pygame.mixer.Channel)."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self._until = 0.0
        self._left: float | None = None  # paused: what was left to play
        self._volume = 1.0

    def play(self, sound, *args) -> None:
        self._until, self._left = self.clock() + sound.get_length(), None

    def get_busy(self) -> bool:
        return self._left is not None or self.clock() < self._until

    def pause(self) -> None:
        if self._left is None:
            self._left = max(0.0, self._until - self.clock())

    def unpause(self) -> None:
        if self._left is not None:
            self._until, self._left = self.clock() + self._left, None

    def stop(self) -> None:
        self._until, self._left = 0.0, None

    def set_volume(self, volume: float) -> None:
        self._volume = volume

    def get_volume(self) -> float:
        return self._volume


def on_fake_clock(synth, **options) -> SpeechPlayer:
    """A player whose time and audio run on a FakeClock (`player._channel.clock`)."""
    clock = FakeClock()
    player = SpeechPlayer(synth, clock=clock, **options)
    player._channel = ClockChannel(clock)
    return player


def settle(player: SpeechPlayer, timeout: float = 2.0) -> None:
    """Wait (real time, milliseconds) until the synthesis worker has made what is wanted
    now: on a fake clock, audio made in no time is what a fast engine looks like."""
    deadline = time.monotonic() + timeout
    while True:
        with player._cond:
            if player._working is None and player._wanted() is None and not player._ahead:
                return
        assert time.monotonic() < deadline, "the worker did not finish"
        time.sleep(0.0005)


def run(player: SpeechPlayer, until, timeout: float = 5.0) -> list[tuple[float, object]]:
    """Call update() like a 200 fps main loop until `until(events)`; timestamped events.
    On a fake clock (on_fake_clock) no real time passes."""
    clock = getattr(player._channel, "clock", None)
    now = clock if clock is not None else time.monotonic
    start = now()
    seen: list[tuple[float, object]] = []
    while now() - start < timeout:
        if clock is not None:
            settle(player)
        for event in player.update():
            seen.append((now() - start, event))
        if until([event for _, event in seen]):
            return seen
        if clock is not None:
            clock.advance(0.005)
        else:
            time.sleep(0.005)
    raise AssertionError(f"timed out; events so far: {seen}")


# How far ahead of the clock the mixer may finish a clip: SDL's dummy audio driver (the
# tests' and CI's) takes the mixer's 1024-sample buffers (46 ms at 22050 Hz) in bursts, up
# to about two ahead (bench_speech_sync.py measured -104 ms at worst in 50 runs). Load
# only ever makes the highlight later, so this bound holds on a busy machine.
FRAME_SLACK_S = 3 * 1024 / 22050


def finished(events) -> bool:
    return any(isinstance(e, QueueFinished) for e in events)


@pytest.fixture
def player(mixer):
    speech = on_fake_clock(FakeSynth(), speech_rate=165, volume=0.8, prepare=lambda text: text)
    yield speech
    speech.close()


def test_items_are_spoken_in_order_with_their_pauses(player):
    player.speak(items("one two three", "four five", "six", pause_ms=150))
    timed = run(player, finished)
    events = [event for _, event in timed]
    assert events == [
        ItemStarted(0),
        ItemFinished(0),
        ItemStarted(1),
        ItemFinished(1),
        ItemStarted(2),
        ItemFinished(2),
        QueueFinished(),
    ]
    at = {repr(event): t for t, event in timed}
    assert at[repr(ItemStarted(0))] < 0.1, "the first audio starts at once"
    assert 0.15 <= at[repr(ItemFinished(0))] < 0.35, "item 0 lasts its 0.18 s of audio"
    assert 0.14 <= at[repr(ItemStarted(1))] - at[repr(ItemFinished(0))] < 0.25, "150 ms pause"
    assert not player.is_speaking and player.current_key is None


def test_current_key_is_the_item_being_played(player):
    player.speak(items("one two three four five", "six seven eight nine ten"))
    keys = []
    run(player, lambda events: keys.append(player.current_key) or finished(events))
    heard = [key for key in keys if key is not None]
    assert heard[0] == 0 and heard[-1] == 1
    assert heard == sorted(heard), "0 then 1, never back"
    assert keys[-1] is None, "nothing is current once the queue is done"


def test_synthesis_happens_on_the_worker_thread_ahead_of_playback(mixer):
    synth = FakeSynth()
    player = SpeechPlayer(synth, prepare=lambda text: text)
    try:
        player.speak(items(*[f"sentence number {n}" for n in range(8)]))
        run(player, lambda events: ItemStarted(0) in events)
        time.sleep(0.05)
        texts = [text for text, _, _ in synth.calls]
        assert 2 <= len(texts) <= 4, "a sentence or two ahead, not the whole queue"
        assert {thread for _, _, thread in synth.calls} == {"speech-synthesis"}
    finally:
        player.close()


def test_pause_holds_and_resume_continues_the_same_item(player):
    player.speak(items("one two three four five six seven eight", "nine"))
    clock = player._channel.clock
    run(player, lambda events: ItemStarted(0) in events)
    clock.advance(0.1)
    player.pause()
    assert not player.is_speaking and player.current_key == 0
    paused_at = clock()
    clock.advance(0.6)  # longer than the whole item
    assert player.update() == []
    player.resume()
    assert player.is_speaking
    timed = run(player, lambda events: ItemFinished(0) in events)
    elapsed = clock() - paused_at
    # 0.48 s of audio, 0.1 s heard before the pause: about 0.38 s remain after resume.
    assert 0.6 + 0.25 < elapsed < 0.6 + 0.6, elapsed
    assert [e for _, e in timed][0] == ItemFinished(0), "it finished the item, not restarted"


def test_pause_between_items_keeps_the_rest_of_the_gap(player):
    player.speak(items("one", "two", pause_ms=400))
    run(player, lambda events: ItemFinished(0) in events)
    player.pause()
    player._channel.clock.advance(0.5)
    assert player.update() == []
    player.resume()
    timed = run(player, lambda events: ItemStarted(1) in events)
    assert timed[-1][0] > 0.3, "the rest of the 400 ms pause is still kept"


def test_stop_silences_at_once_and_clears_the_queue(player):
    player.speak(items("one two three four five six seven eight nine ten", "eleven"))
    run(player, lambda events: ItemStarted(0) in events)
    channel = player._channel
    assert channel.get_busy()
    player.stop()
    assert not channel.get_busy(), "silent at once"
    assert not player.is_speaking and player.current_key is None
    player._channel.clock.advance(0.3)
    assert player.update() == []  # nothing more: no next item, no QueueFinished


def test_speak_replaces_what_is_playing(player):
    player.speak(items("one two three four five six seven eight nine ten"))
    run(player, lambda events: ItemStarted(0) in events)
    player.speak([SpeechItem("new", "hello")])
    events = [e for _, e in run(player, finished)]
    assert events == [ItemStarted("new"), ItemFinished("new"), QueueFinished()]


class PlaySpy:
    """The player's mixer channel, noting the first sample of every sound it plays."""

    def __init__(self, channel, played: list[int]) -> None:
        self.channel, self.played = channel, played

    def play(self, sound, *args):
        self.played.append(int(pygame.sndarray.array(sound)[0]))
        return self.channel.play(sound, *args)

    def __getattr__(self, name):
        return getattr(self.channel, name)


def test_rate_change_applies_from_the_next_item_and_redoes_the_queue(mixer):
    synth = FakeSynth()
    player = on_fake_clock(synth, speech_rate=165, prepare=lambda text: text)
    played: list[int] = []
    try:
        player.speak(items("a b c d", "e f g h", "i j k l", "m n o p"))
        run(player, lambda events: ItemStarted(0) in events)
        settle(player)  # the worker has made items 1 and 2 at 165 wpm
        assert ("e f g h", 165, "speech-synthesis") in synth.calls
        player.set_rate(220)
        player._channel = PlaySpy(player._channel, played)
        run(player, finished)
    finally:
        player.close()
    assert played == [2200, 2200, 2200], "items 1-3 were re-made at 220 wpm"
    assert ("m n o p", 220, "speech-synthesis") in synth.calls
    assert player.speech_rate == 220


def test_volume_applies_immediately_and_is_bounded(player):
    player.speak(items("one two three four five six seven eight"))
    run(player, lambda events: ItemStarted(0) in events)
    assert player._channel.get_volume() == pytest.approx(0.8, abs=0.01)
    player.set_volume(0.3)
    assert player._channel.get_volume() == pytest.approx(0.3, abs=0.01)
    player.set_volume(7)
    assert player.volume == 1.0
    player.set_volume(float("nan"))
    assert 0.0 <= player.volume <= 1.0


def test_a_failed_sentence_is_reported_and_reading_goes_on(mixer):
    player = on_fake_clock(FakeSynth(fail_on="bad"), prepare=lambda text: text)
    try:
        player.speak(items("good one", "bad one", "good two"))
        events = [e for _, e in run(player, finished)]
    finally:
        player.close()
    errors = [e for e in events if isinstance(e, SpeechError)]
    assert len(errors) == 1 and "engine hiccup" in errors[0].message
    assert [e.key for e in events if isinstance(e, ItemStarted)] == [0, 2]


def test_no_sound_output_is_reported_once_and_the_player_stays_usable():
    player = SpeechPlayer(FakeSynth(), mixer_available=False)
    try:
        player.speak(items("one"))
        assert player.update() == [SpeechError(NO_SOUND_MESSAGE), QueueFinished()]
        player.speak(items("two"))
        assert player.update() == [QueueFinished()], "reported once only"
        player.pause()
        player.resume()
        player.set_rate(200)
        player.set_volume(0.5)
        player.stop()
        assert not player.is_speaking and player.update() == []
    finally:
        player.close()
    assert NO_SOUND_MESSAGE.startswith("No sound output:")


def test_is_speaking_and_recent_words_can_be_read_from_another_thread(player):
    player.speak(items("hello kiosk world"))
    seen: list[bool] = []
    stop = threading.Event()

    def listener() -> None:
        while not stop.is_set():
            seen.append(player.is_speaking)
            player.recent_words(1.0)
            time.sleep(0.001)

    thread = threading.Thread(target=listener)
    thread.start()
    run(player, finished)
    stop.set()
    thread.join()
    assert True in seen
    assert player.recent_words(5.0) == {"hello", "kiosk", "world"}
    assert player.spoken_recently(5.0)
    clock = player._channel.clock
    assert not player.spoken_recently(0.0, now=clock() + 1)
    assert player.recent_words(0.5, now=clock() + 10) == set()


def test_an_empty_queue_finishes_at_once(player):
    player.speak([])
    assert player.update() == [QueueFinished()]


# ---------------------------------------------------------------- the real engine


@dataclass(frozen=True)
class SpeakItem:  # shaped like kiosk.core.SpeakItem
    key: tuple
    text: str
    kind: str


def test_real_speech_starts_every_sentence_in_order_as_its_audio_plays(mixer, real_synth):
    page = [
        SpeakItem(("sentence", 1, 0), "Diagnosing ALS", "heading"),
        SpeakItem(("sentence", 1, 1), "It is rare.", "paragraph"),
        SpeakItem(("sentence", 1, 2), "Call 617-441-7200.", "list_item"),
    ]
    player = SpeechPlayer(real_synth, speech_rate=260)
    try:
        spoken = speech_items(page)
        assert [item.pause_after_ms for item in spoken] == [600, 200, 350]
        player.speak(spoken)
        timed = run(player, finished, timeout=60)
    finally:
        player._synth = None  # the session's engine stays open for other tests
        player.close()
    starts = [(t, e.key) for t, e in timed if isinstance(e, ItemStarted)]
    assert [key for _, key in starts] == [item.key for item in page]
    # Each highlight change comes only once the previous sentence's audio (as made by the
    # engine, silence trimmed) and its pause are over: never ahead of what is heard. How
    # soon after is the machine's speed, measured by benchmarks/bench_speech_sync.py.
    for (t0, _), (t1, _), item in zip(starts, starts[1:], spoken, strict=False):
        clip = real_synth.synthesize(speakable(item.text), 260).trimmed()
        expected = clip.duration + item.pause_after_ms / 1000
        assert t1 - t0 >= expected - FRAME_SLACK_S, (t1 - t0, expected)


# ---------------------------------------------------------------- made ahead, cached


def test_a_page_made_ahead_starts_in_the_first_frame(mixer):
    synth = FakeSynth()
    player = on_fake_clock(synth, prepare=lambda text: text)
    try:
        page = items("first sentence of the page", "second one")
        player.synthesize_ahead(page)
        deadline = time.monotonic() + 2
        while ("first sentence of the page", 165, "speech-synthesis") not in synth.calls:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        deadline = time.monotonic() + 2
        while len(player.cache) == 0:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        assert [text for text, _, _ in synth.calls] == ["first sentence of the page"]
        player.speak(page)
        assert player.update() == [ItemStarted(0)], "no frame waits for synthesis"
        run(player, finished)
        made = [text for text, _, _ in synth.calls]
        assert made.count("first sentence of the page") == 1, "made once, played from the cache"
    finally:
        player.close()


def test_the_cache_is_keyed_by_rate_and_engine_and_bounded(mixer):
    synth = FakeSynth()
    player = on_fake_clock(synth, prepare=lambda text: text, cache_bytes=30_000)
    try:
        player.speak(items("one two three"))
        run(player, finished)
        player.speak(items("one two three"))  # again: from the cache
        run(player, finished)
        assert [t for t, _, _ in synth.calls] == ["one two three"]
        player.set_rate(220)
        player.speak(items("one two three"))  # another rate: made anew
        run(player, finished)
        assert [r for _, r, _ in synth.calls] == [165, 220]
        assert player.cache.size_bytes <= 30_000
        for n in range(6):  # 0.18 s clips of 8 kB each: the oldest go
            player.cache.put(("FakeSynth", 165, f"clip {n}"), synth.synthesize("a b c", 165))
        assert (
            player.cache.size_bytes <= 30_000 and ("FakeSynth", 165, "clip 0") not in player.cache
        )
    finally:
        player.close()
    other = SpeechPlayer(synth, prepare=lambda text: text)
    try:
        assert other.cache.get(("FakeSynth", 165, "one two three")) is None, "one cache per player"
        assert other._key("x", 165) == ("FakeSynth", 165, "x")
    finally:
        other.close()


def test_making_ahead_never_delays_what_is_being_read(mixer):
    synth = FakeSynth()
    player = on_fake_clock(synth, prepare=lambda text: text)
    try:
        player.speak(items("now one", "now two"))
        player.synthesize_ahead(items("later page"))
        run(player, finished)
        order = [t for t, _, _ in synth.calls]
        assert order == ["now one", "now two", "later page"], "what is to be heard comes first"
    finally:
        player.close()


def test_real_piper_speech_through_the_player(mixer, piper_synth):
    """Piper made ahead, then read through the player: in order, in step with its audio.

    In step is checked the way load cannot break: the highlight never moves on before the
    first sentence and its pause have been heard (load only delays it). How far behind
    the audio it lags is timing: benchmarks/bench_speech_sync.py (median and p95)."""
    page = [
        SpeakItem(("sentence", 1, 0), "Diagnosing ALS", "heading"),
        SpeakItem(("sentence", 1, 1), "It is rare.", "list_item"),
    ]
    spoken = speech_items(page)
    player = SpeechPlayer(piper_synth, speech_rate=240)
    try:
        player.synthesize_ahead(spoken)
        deadline = time.monotonic() + 120  # a hang, not a speed: any load passes this
        while len(player.cache) == 0:
            assert time.monotonic() < deadline, "Piper never made the first sentence"
            time.sleep(0.01)
        player.speak(spoken)
        assert player.update() == [ItemStarted(page[0].key)], "first audio in the first frame"
        assert player.is_speaking
        timed = run(player, finished, timeout=120)
    finally:
        player._synth = None  # the session's voice stays loaded for other tests
        player.close()
    assert [event for _, event in timed] == [
        ItemFinished(page[0].key),
        ItemStarted(page[1].key),
        ItemFinished(page[1].key),
        QueueFinished(),
    ]
    first = piper_synth.synthesize(speakable(page[0].text), 240).trimmed()
    heard_by = first.duration + spoken[0].pause_after_ms / 1000
    started = next(t for t, event in timed if isinstance(event, ItemStarted))
    assert started >= heard_by - FRAME_SLACK_S, "the highlight never runs ahead of the audio"
    assert {"a", "l", "s", "diagnosing"} <= player.recent_words(30.0)


class ClauseSynth(FakeSynth):
    clause_words = 4


def test_a_long_sentence_is_made_in_clauses_and_heard_as_one_item(mixer):
    synth = ClauseSynth()
    player = on_fake_clock(synth, prepare=lambda text: text)
    try:
        player.speak(items("one two three four, five six seven eight, nine ten", "end"))
        timed = run(player, finished)
        events = [e for _, e in timed]
    finally:
        player.close()
    assert events == [
        ItemStarted(0),
        ItemFinished(0),
        ItemStarted(1),
        ItemFinished(1),
        QueueFinished(),
    ], "the highlight moves once per sentence"
    made = [text for text, _, _ in synth.calls]
    assert made == ["one two three four,", "five six seven eight, nine ten", "end"]
    at = {repr(e): t for t, e in timed}
    # 0.24 s + 250 ms pause + 0.36 s of audio: the parts are heard one after the other.
    assert 0.8 < at[repr(ItemFinished(0))] - at[repr(ItemStarted(0))] < 1.05


def test_a_clause_that_fails_skips_its_whole_sentence(mixer):
    player = on_fake_clock(ClauseSynth(fail_on="bad"), prepare=lambda text: text)
    try:
        player.speak(items("one two three four, bad five six seven eight", "good"))
        events = [e for _, e in run(player, finished)]
    finally:
        player.close()
    assert events[:3] == [
        ItemStarted(0),
        SpeechError("Could not say a sentence: engine hiccup"),
        ItemFinished(0),
    ]
    assert events[3:] == [ItemStarted(1), ItemFinished(1), QueueFinished()]


class SlowSynth(FakeSynth):
    """Takes 3 s to make anything starting with "slow", unless cancelled."""

    def __init__(self) -> None:
        super().__init__()
        self.cancelled: list[str] = []
        self._making = ""
        self._cancelling = False
        self.wake = threading.Event()  # set: finish now (cancelled or not)

    def synthesize(self, text: str, speech_rate: int) -> Clip:
        if text.startswith("slow"):
            self._making, self._cancelling = text, False
            self.wake.clear()
            try:
                self.wake.wait(3.0)
                if self._cancelling:
                    raise SynthesisCancelled("no longer wanted")
            finally:
                self._making = ""
        return super().synthesize(text, speech_rate)

    def cancel(self, text: str) -> None:
        if text == self._making:
            self.cancelled.append(text)
            self._cancelling = True
            self.wake.set()


def wait_until(condition, timeout: float = 2.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_a_sentence_no_longer_wanted_is_abandoned_not_waited_for(mixer):
    synth = SlowSynth()
    player = SpeechPlayer(synth, prepare=lambda text: text)
    try:
        player.speak(items("slow sentence"))
        wait_until(lambda: synth._making == "slow sentence")
        player.speak(items("something else"))
        run(player, lambda events: ItemStarted(0) in events)
        assert synth.cancelled == ["slow sentence"], "abandoned, not waited for"
        assert "slow sentence" not in [t for t, _, _ in synth.calls]
        player.stop()
        player.speak(items("slow again"))
        wait_until(lambda: synth._making == "slow again")
        player.stop()
        wait_until(lambda: synth.cancelled == ["slow sentence", "slow again"])
    finally:
        player.close()


def test_stop_keeps_what_is_made_ahead_and_speak_keeps_what_it_needs(mixer):
    synth = SlowSynth()
    player = SpeechPlayer(synth, prepare=lambda text: text)
    try:
        player.synthesize_ahead(items("slow first sentence"))
        wait_until(lambda: synth._making == "slow first sentence")
        player.stop()
        player.speak(items("slow first sentence", "then more"))
        time.sleep(0.05)
        assert synth.cancelled == [], "both still want it"
        synth.wake.set()  # it is made: read from the cache, not made again
        run(player, finished, timeout=5)
        assert [t for t, _, _ in synth.calls].count("slow first sentence") == 1
    finally:
        player.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness is Linux's")
def test_synthesis_runs_below_the_main_loop(mixer):
    seen: list[int] = []

    class Spy(FakeSynth):
        def synthesize(self, text: str, speech_rate: int) -> Clip:
            seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
            return super().synthesize(text, speech_rate)

    player = SpeechPlayer(Spy(), prepare=lambda text: text)
    try:
        player.speak(items("one"))
        run(player, finished)
    finally:
        player.close()
    main = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert seen and seen[0] == min(19, main + WORKER_NICENESS) > main


def test_append_waits_for_what_is_being_said(player):
    player.speak(items("one two three"))
    run(player, lambda events: ItemStarted(0) in events)
    player.append([SpeechItem("prompt", "four five")])
    events = [e for _, e in run(player, finished)]
    assert events == [
        ItemFinished(0),
        ItemStarted("prompt"),
        ItemFinished("prompt"),
        QueueFinished(),
    ]
    player.append([SpeechItem("alone", "six")])  # nothing playing: at once
    assert [e for _, e in run(player, finished)][0] == ItemStarted("alone")
    player.set_prepare(str.upper)
    player.speak(items("seven"))
    run(player, finished)
    assert player.recent_words(5.0) >= {"seven"}


def test_prompt_words_are_not_taken_for_an_echo_of_the_kiosk(player):
    player.speak([SpeechItem("prompt", "you can say next page", 50, echo_words=False)])
    run(player, finished)
    assert player.spoken_recently(1.0), "the kiosk did speak"
    assert player.recent_words(5.0) == set(), "but 'next page' said now is the person"


def test_an_item_can_have_its_own_volume(mixer):
    """A Talk board phrase is said louder, a scanned name quieter, than the reading voice."""
    player = SpeechPlayer(FakeSynth(), volume=0.4, prepare=lambda text: text)
    player.speak(
        [
            SpeechItem(0, "please help me", 50, volume=1.0),
            SpeechItem(1, "row one", 50, volume=0.2),
            SpeechItem(2, "reading on", 50),
        ]
    )
    volumes: dict[object, float] = {}

    def note(events) -> bool:
        for event in events:
            if isinstance(event, ItemStarted) and event.key not in volumes:
                volumes[event.key] = round(player._speech_channel().get_volume(), 1)
        return finished(events)

    run(player, note)
    player.close()
    assert volumes == {0: 1.0, 1: 0.2, 2: 0.4}
