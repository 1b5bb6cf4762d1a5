"""The lips: whether the person in front talks, and when (kiosk/voice/lips.py), on
synthetic talking-face landmarks lined up with real recordings of people
(tests/support/talking_face.py; no real audio-visual recording was available)."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.voice.lips import LipActivity, LipVerdict, lip_verdict, mouth_opening
from tests.support import real_speech as R
from tests.support.face_shape import face_shape
from tests.support.talking_face import FPS, talking_face

realspeech = pytest.mark.skipif(R.realspeech_dir() is None, reason="no ../shared/realspeech")


def test_the_mouth_opening_of_a_real_face_shape_and_of_bad_landmarks():
    assert 0.1 < mouth_opening(face_shape()) < 0.3  # the astronaut smiles, teeth showing
    assert mouth_opening(np.zeros((20, 3))) is None
    assert mouth_opening(np.full((478, 3), np.nan)) is None
    assert mouth_opening(np.zeros((478, 3))) is None  # no width: no mouth


def _verdict(times, faces, start, end) -> LipVerdict:
    return lip_verdict(times, [None if f is None else mouth_opening(f) for f in faces], start, end)


@realspeech
def test_lips_lined_up_with_real_commands_move_and_say_when():
    """Report speakers' commands: the face talks with the recording; the span it gives
    holds the word's loud part, and a still face (closed, or resting open) is still."""
    clips = [c for c in R.load_clips() if c.side == "report" and c.is_command][:12]
    for n, clip in enumerate(clips):
        audio = R.read(clip.path)
        times, faces = talking_face(audio, len(audio) / 16000, seed=n)
        verdict = _verdict(times, faces, 0.0, times[-1])
        assert verdict.state == "moving", clip.key
        loud = np.flatnonzero(np.abs(audio) > 0.3 * np.abs(audio).max())
        assert verdict.start <= loud[0] / 16000 and verdict.end >= loud[-1] / 16000 - 0.1
        for rest in (0.02, 0.3):
            still_times, still = talking_face(None, 1.0, seed=n, rest_opening=rest)
            assert _verdict(still_times, still, 0.0, 1.0).state == "still"


def test_no_face_or_too_few_frames_cannot_tell():
    times, faces = talking_face(None, 1.0)
    assert _verdict(times, [None] * len(faces), 0.0, 1.0).state == "unknown"
    assert _verdict(times[::10], faces[::10], 0.0, 1.0).state == "unknown"  # 3 frames a second
    half = [f if t < 0.2 else None for t, f in zip(times, faces)]  # the face left early
    assert _verdict(times, half, 0.0, 1.0).state == "unknown"


def test_the_activity_keeps_only_seconds_of_numbers_and_clears_between_visitors():
    lips = LipActivity(keep_s=2.0)
    times, faces = talking_face(None, 5.0)
    for t, face in zip(times, faces):
        lips.see(t, face)
    assert len(lips._samples) <= 2.0 * FPS + 1
    assert all(isinstance(v, float) for _, v in lips._samples)  # numbers, no landmarks kept
    assert lips.verdict(4.0, 4.9).state == "still"
    lips.clear()
    assert lips.verdict(4.0, 4.9).state == "unknown"
