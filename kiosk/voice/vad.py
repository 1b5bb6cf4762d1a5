"""Voice-activity detection: cut the microphone stream into utterances, so that only
speech is decoded.

Energy against an adaptive noise floor: a waiting room's television and talk raise the
floor, and speech must stand clear of it. Pure numpy, one frame at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

FRAME = 480  # samples: 30 ms at 16 kHz


def frame_dbfs(frame: np.ndarray) -> float:
    rms = float(np.sqrt(np.mean(frame.astype(np.float64) ** 2))) if len(frame) else 0.0
    return 20 * np.log10(rms / 32768.0 + 1e-10)


@dataclass
class VadSettings:
    above_floor_db: float = 9.0  # speech must be this much louder than the noise floor
    min_level_dbfs: float = -50.0  # and at least this loud
    start_frames: int = 3  # 90 ms of speech opens an utterance
    hangover_frames: int = 7  # 210 ms of quiet closes it
    # After 90 ms of quiet the utterance is decoded at once, while the hangover makes sure
    # it has ended: its action comes when both are done (talking on discards it).
    early_frames: int = 3
    preroll_frames: int = 10  # 300 ms kept from before the start (soft first consonants)
    min_speech_frames: int = 5  # shorter is a click or a cough
    max_frames: int = 134  # ~4 s: longer is conversation, not a command


@dataclass
class Segmenter:
    """Feed 30 ms frames; get back finished utterances (int16 arrays) or events."""

    settings: VadSettings = field(default_factory=VadSettings)
    floor_dbfs: float = -60.0
    in_speech: bool = False
    _frames: list[np.ndarray] = field(default_factory=list)
    _pending: list[np.ndarray] = field(default_factory=list)
    _speech_run: int = 0
    _quiet_run: int = 0
    _voiced: int = 0
    _too_long: bool = False

    def _is_speech(self, level: float) -> bool:
        s = self.settings
        return level > self.floor_dbfs + s.above_floor_db and level > s.min_level_dbfs

    def _track_floor(self, level: float) -> None:
        # Falls fast, rises slowly: follows the room's noise, not the speech in it.
        rate = 0.3 if level < self.floor_dbfs else 0.01
        self.floor_dbfs += rate * (level - self.floor_dbfs)

    def feed(self, frame: np.ndarray) -> tuple[str, np.ndarray | None]:
        """Returns ("quiet"|"start"|"speech"|"end"|"dropped", utterance-or-None)."""
        s = self.settings
        level = frame_dbfs(frame)
        speech = self._is_speech(level)
        if not self.in_speech:
            self._track_floor(level)
            self._pending.append(frame)
            self._pending = self._pending[-(s.preroll_frames + s.start_frames) :]
            self._speech_run = self._speech_run + 1 if speech else 0
            if self._speech_run >= s.start_frames:
                self.in_speech = True
                self._frames = list(self._pending)
                self._voiced, self._quiet_run, self._too_long = self._speech_run, 0, False
                return "start", None
            return "quiet", None
        self._frames.append(frame)
        if speech:
            self._voiced += 1
            self._quiet_run = 0
        else:
            self._quiet_run += 1
        if len(self._frames) > s.max_frames:
            self._too_long = True
        if self._quiet_run >= s.hangover_frames:
            return self._finish()
        return "speech", None

    def _finish(self) -> tuple[str, np.ndarray | None]:
        s = self.settings
        frames, voiced, too_long = self._frames, self._voiced, self._too_long
        self.in_speech, self._frames, self._pending, self._speech_run = False, [], [], 0
        if too_long or voiced < s.min_speech_frames:
            return "dropped", None
        return "end", np.concatenate(frames)

    @property
    def quiet_frames(self) -> int:
        """Quiet frames since the last speech of the utterance being heard."""
        return self._quiet_run if self.in_speech else 0

    def so_far(self) -> np.ndarray:
        """The utterance being heard, up to now."""
        return np.concatenate(self._frames) if self._frames else np.zeros(0, np.int16)

    @property
    def enough_speech(self) -> bool:
        """Enough voiced frames that ending now would give an utterance, not a drop."""
        s = self.settings
        return self._voiced >= s.min_speech_frames and not self._too_long

    def reset(self) -> None:
        self.in_speech, self._frames, self._pending, self._speech_run = False, [], [], 0
