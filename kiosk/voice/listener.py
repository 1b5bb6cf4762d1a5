"""The voice listener: microphone -> voice activity -> recognizer -> rules -> actions.

Runs in its own thread and only posts actions to the app's queue (the main thread draws).
The microphone and the engine are retried in the background when they fail, so voice
control comes back by itself when a microphone is plugged in again.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from kiosk.actions import Action, Command, Do
from kiosk.timings import ECHO_WINDOW_S, ENGINE_RETRY_S, MIC_RETRY_S, MIC_SILENT_S, REPEAT_WINDOW_S
from kiosk.voice.lips import LipActivity
from kiosk.voice.rules import Decision, decide
from kiosk.voice.types import SAMPLE_RATE, Recognition, Recognizer, RecognizerError
from kiosk.voice.vad import FRAME, Segmenter, VadSettings
from kiosk.voice.vocabulary import Vocabulary, build_vocabulary
from kiosk.voice.words import OFF_MESSAGE

log = logging.getLogger("kiosk.voice")


@dataclass(frozen=True)
class Heard:
    """What the recognizer made of one utterance, before anything is done about it."""

    mode: str  # normal | barge-in | asleep: which vocabulary it was heard with
    vocabulary: Vocabulary
    recognition: Recognition | None  # None: not decoded (`skipped` says why)
    seconds: float
    skipped: str = ""  # why it is not decoded at all: "lips still", "no recognizer"


@dataclass(frozen=True)
class ListenerReport:
    state: str  # starting | listening | hearing | asleep | off | error
    caption: str  # "Heard: next page" / "Sorry, I didn't catch that..."
    caption_id: int  # changes with every new caption, even a repeated one
    message: str  # plain words for the person when voice control is not working


def _default_microphone(callback: Callable[[np.ndarray], None]) -> Any:
    from kiosk.voice.audio import Microphone

    return Microphone(callback)


class VoiceListener:
    def __init__(
        self,
        recognizer_factory: Callable[[], Recognizer],
        post: Callable[[Action], None],
        speaking: Callable[[], bool],
        recent_words: Callable[[float], set[str]],
        microphone_factory: Callable[[Callable[[np.ndarray], None]], Any] | None = None,
        vad: VadSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        say_again_s: float = REPEAT_WINDOW_S,
        lips: LipActivity | None = None,
        on_unsure: Callable[[Action], None] | None = None,
    ) -> None:
        self._make_recognizer = recognizer_factory
        self._post = post
        self._speaking = speaking
        self._recent_words = recent_words
        self._make_microphone = microphone_factory or _default_microphone
        self._clock = clock
        self._say_again_s = say_again_s  # settings.say_again_s; 0 turns it off
        # each block with the time its last sample arrived (the camera's clock too)
        self._blocks: queue.Queue[tuple[float, np.ndarray]] = queue.Queue(maxsize=200)
        # The camera's view of the person in front (see `see_face`); None: no camera.
        self.lips = lips
        # The one command the kiosk was unsure of, for the screen to ask about
        # ("Next page? Say yes, or look at Yes"): called on the listening thread.
        self._on_unsure = on_unsure
        self._segmenter = Segmenter(vad or VadSettings())
        self._lock = threading.Lock()
        self._targets: tuple = ()
        self._confirm_words = False  # see set_confirm_words
        self._vocabularies: dict[str, Vocabulary] = {}
        self._recognizer: Recognizer | None = None
        self._microphone: Any = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._asleep = False
        self._enabled = True
        self._state = "starting"
        self._caption, self._caption_id, self._message = "", 0, ""
        self._last_block = 0.0
        self._spoke_in_utterance = False
        self._early: Heard | None = None  # decoded at the start of the hangover
        self._mic_error = ""  # the last "no microphone" reason, logged once
        # the last utterance when it was a near miss, and when: said again soon, it counts
        self._near_miss: tuple[Recognition | None, float] = (None, 0.0)
        self.decisions: list[Decision] = []  # the last few, for --listen and tests (no audio)

    # ------------------------------------------------------------ app side (main thread)
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="voice", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=3)
        self._close_microphone()

    def status(self) -> ListenerReport:
        with self._lock:
            return ListenerReport(self._state, self._caption, self._caption_id, self._message)

    def set_context(self, targets: Iterable, screen_kind: str = "") -> None:
        """The screen changed: what can be said is rebuilt from its targets."""
        targets = tuple(targets)
        with self._lock:
            self._targets = targets
            self._vocabularies = {}

    def set_confirm_words(self, offered: bool) -> None:
        """Look and confirm: "this", "open", "yes" are offered only while the eyes frame a
        tile, so a waiting room's "yes" means nothing the rest of the time."""
        with self._lock:
            if offered != self._confirm_words:
                self._confirm_words = offered
                self._vocabularies = {}

    def sleep(self) -> None:
        with self._lock:
            self._asleep = True

    def wake(self) -> None:
        with self._lock:
            self._asleep = False

    def set_enabled(self, enabled: bool) -> None:
        """Privacy: disabled closes the microphone until enabled again."""
        with self._lock:
            self._enabled = enabled

    def see_face(self, time: float, landmarks: np.ndarray | None) -> None:
        """One camera frame's face-mesh landmarks (x and y in the same units; None: no
        face), at its time on the monotonic clock. Only with `lips` set; no image kept."""
        if self.lips is not None:
            self.lips.see(time, landmarks)

    # ------------------------------------------------------------ microphone side
    def feed(self, block: np.ndarray) -> None:
        """Called from the audio thread with each block of 16 kHz int16 samples."""
        self._last_block = now = self._clock()
        try:
            self._blocks.put_nowait((now, block))
        except queue.Full:  # the decoder is behind: dropping audio beats growing memory
            pass

    # ------------------------------------------------------------ the listening thread
    def vocabulary(self, mode: str) -> Vocabulary:
        with self._lock:
            vocabulary = self._vocabularies.get(mode)
            if vocabulary is None:
                vocabulary = build_vocabulary(self._targets, mode, self._confirm_words)
                self._vocabularies[mode] = vocabulary
            return vocabulary

    def handle_utterance(
        self,
        audio: np.ndarray,
        kiosk_spoke: bool,
        ended_at: float | None = None,
        early: Heard | None = None,
    ) -> Decision:
        """Decode one utterance and act on it. Runs on the listening thread (or in tests).
        `ended_at`: when its last sample was heard (monotonic clock), for the lips.
        `early`: what `hear` made of it when it had just fallen quiet (used when the
        mode is still the same), so the hangover and the decoding overlap."""
        if early is None or early.mode != self._mode(kiosk_spoke):
            early = self.hear(audio, kiosk_spoke, ended_at)
        return self.act(early, kiosk_spoke)

    def _mode(self, kiosk_spoke: bool) -> str:
        with self._lock:
            asleep = self._asleep
        return "asleep" if asleep else ("barge-in" if kiosk_spoke else "normal")

    def hear(
        self,
        audio: np.ndarray,
        kiosk_spoke: bool,
        ended_at: float | None = None,
    ) -> Heard:
        """The recognizer's view of an utterance, before anything is done about it."""
        mode = self._mode(kiosk_spoke)
        vocabulary = self.vocabulary(mode)
        recognizer = self._recognizer
        if recognizer is None:
            return Heard(mode, vocabulary, None, 0.0, "no recognizer")
        if self.lips is not None and ended_at is not None:
            visitor_s = self._visitor_s_part(audio, ended_at)
            if visitor_s is None:  # a face in front, lips still: someone else talking
                return Heard(mode, vocabulary, None, 0.0, "lips still")
            audio = visitor_s
        recognizer.set_phrases(list(vocabulary.phrases))
        return Heard(mode, vocabulary, recognizer.decode(audio), len(audio) / SAMPLE_RATE)

    def act(self, heard: Heard, kiosk_spoke: bool) -> Decision:
        """Act on what was heard: post the action, show the caption, keep a near miss."""
        recognition, vocabulary = heard.recognition, heard.vocabulary
        if recognition is None:
            if heard.skipped == "lips still":
                log.debug("voice: speech while the lips in front were still; ignored")
            return Decision(None, "", "ignored")
        spoke_lately = kiosk_spoke or self._speaking()
        words = self._recent_words(ECHO_WINDOW_S + heard.seconds) if spoke_lately else set()
        if self._say_again_s <= 0:  # turned off: a near miss is an ordinary miss
            recognition = replace(recognition, repeatable=False)
        now = self._clock()
        near_miss, heard_at = self._near_miss
        if now - heard_at > self._say_again_s:
            near_miss = None
        decision = decide(recognition, vocabulary, words, near_miss)
        self._near_miss = (recognition, now) if decision.outcome == "almost" else (None, 0.0)
        if decision.unsure is not None and self._on_unsure is not None:
            self._on_unsure(decision.unsure)
        if decision.action is not None:
            # The action, never the words; at debug level only: the log keeps no per-visitor trail.
            log.debug("voice command: %s", decision.action.name)
            if decision.action == Do(Command.SLEEP_VOICE, decision.action.source):
                self.sleep()
            self._post(decision.action)
        else:
            log.debug("voice: %s (%s)", decision.outcome, recognition.reason or "no match")
        if decision.caption:
            with self._lock:
                self._caption, self._caption_id = decision.caption, self._caption_id + 1
        self.decisions = (self.decisions + [decision])[-20:]
        return decision

    def _visitor_s_part(self, audio: np.ndarray, ended_at: float) -> np.ndarray | None:
        """The utterance cut to when the lips in front moved; None when a face was there
        all along and its lips were still; unchanged when the camera cannot tell."""
        assert self.lips is not None
        began_at = ended_at - len(audio) / SAMPLE_RATE
        verdict = self.lips.verdict(began_at, ended_at)
        if verdict.state == "still":
            return None
        if verdict.state == "moving":
            first = int(max(0.0, verdict.start - began_at) * SAMPLE_RATE)
            last = int(min(len(audio) / SAMPLE_RATE, verdict.end - began_at) * SAMPLE_RATE)
            if last - first >= FRAME:
                return audio[first:last]
        return audio

    def _set(self, state: str, message: str | None = None) -> None:
        with self._lock:
            self._state = state
            if message is not None:
                self._message = message

    def _run(self) -> None:
        next_engine_try = next_mic_try = 0.0
        while not self._stopping.is_set():
            now = self._clock()
            with self._lock:
                enabled, asleep = self._enabled, self._asleep
            if self._recognizer is None:
                if now < next_engine_try:
                    self._stopping.wait(0.2)
                    continue
                try:
                    self._recognizer = self._make_recognizer()
                    log.info("voice recognizer ready: %s", self._recognizer.describe())
                except (RecognizerError, Exception) as error:
                    log.error("voice recognizer failed to load: %s", error)
                    self._set("error", OFF_MESSAGE.format("the speech recognizer did not load"))
                    next_engine_try = now + ENGINE_RETRY_S
                    continue
            if not enabled:
                self._close_microphone()
                self._set("off", "")
                self._stopping.wait(0.2)
                continue
            if self._microphone is None or not self._microphone_alive(now):
                if self._microphone is not None:
                    log.warning("microphone lost; trying again every %g s", MIC_RETRY_S)
                    self._close_microphone()
                    self._set("error", OFF_MESSAGE.format("the microphone was disconnected"))
                    next_mic_try = now + MIC_RETRY_S
                if now < next_mic_try:
                    self._stopping.wait(0.2)
                    continue
                if not self._open_microphone(now):
                    next_mic_try = now + MIC_RETRY_S
                    continue
            self._set(
                "asleep" if asleep else ("hearing" if self._segmenter.in_speech else "listening"),
                "",
            )
            try:
                arrived, block = self._blocks.get(timeout=0.2)
            except queue.Empty:
                continue
            self._listen(block, arrived)

    def _listen(self, block: np.ndarray, arrived: float | None = None) -> None:
        """`arrived`: when the block's last sample was heard."""
        segmenter = self._segmenter
        for start in range(0, len(block) - FRAME + 1, FRAME):
            frame = block[start : start + FRAME]
            if segmenter.in_speech:
                self._spoke_in_utterance |= self._speaking()
            else:
                self._spoke_in_utterance = self._speaking()
            event, utterance = segmenter.feed(frame)
            heard_at = (
                None if arrived is None else arrived - (len(block) - start - FRAME) / SAMPLE_RATE
            )
            try:
                if event == "speech" and segmenter.quiet_frames == 0:
                    self._early = None  # they went on talking
                elif (
                    event == "speech"
                    and segmenter.quiet_frames == segmenter.settings.early_frames
                    and segmenter.enough_speech
                ):
                    audio, spoke = segmenter.so_far(), self._spoke_in_utterance
                    self._early = self.hear(audio, spoke, heard_at)
                elif event == "end" and utterance is not None:
                    early, self._early = self._early, None
                    self.handle_utterance(utterance, self._spoke_in_utterance, heard_at, early)
                elif event == "dropped":
                    self._early = None
            except Exception as error:  # one bad decode must not end voice control
                self._early = None
                log.error("voice decoding failed: %s", error)

    def _microphone_alive(self, now: float) -> bool:
        mic = self._microphone
        if getattr(mic, "failed", False):
            return False
        return now - self._last_block < MIC_SILENT_S

    def _open_microphone(self, now: float) -> bool:
        try:
            mic = self._make_microphone(self.feed)
            self._last_block = now
            mic.start()
        except Exception as error:
            message = str(error)
            # Said once; the same failure on every retry would bury the log for weeks.
            (log.debug if message == self._mic_error else log.warning)(
                "no microphone: %s (trying again every %g s)", message, MIC_RETRY_S
            )
            self._mic_error = message
            self._set("error", OFF_MESSAGE.format("no microphone was found"))
            return False
        self._microphone = mic
        self._mic_error = ""
        self._segmenter.reset()
        log.info("microphone on")
        return True

    def _close_microphone(self) -> None:
        mic, self._microphone = self._microphone, None
        if mic is not None:
            try:
                mic.stop()
            except Exception as error:
                log.debug("closing microphone: %s", error)
            log.info("microphone off")
        while not self._blocks.empty():  # audio of the last person goes with the microphone
            try:
                self._blocks.get_nowait()
            except queue.Empty:
                break
