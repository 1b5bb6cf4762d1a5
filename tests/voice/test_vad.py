"""Voice activity detection on real synthesized speech and noise."""

from __future__ import annotations

import numpy as np

from kiosk.voice.vad import FRAME, Segmenter
from tests.support.speech_clips import espeak, noise_only, room


def feed(segmenter: Segmenter, audio: np.ndarray) -> list[tuple[str, np.ndarray | None]]:
    events = []
    for start in range(0, len(audio) - FRAME + 1, FRAME):
        event = segmenter.feed(audio[start : start + FRAME])
        if event[0] in ("start", "end", "dropped"):
            events.append(event)
    return events


def test_one_command_between_silences_is_one_utterance():
    speech = espeak("number three", "en-us", 160)
    audio = room(speech, pad_s=1.0)
    events = feed(Segmenter(), audio)
    assert [e for e, _ in events] == ["start", "end"]
    utterance = events[-1][1]
    assert 0.8 * len(speech) < len(utterance) < len(speech) + 16000  # whole, with margins


def test_two_commands_with_a_pause_are_two_utterances():
    audio = np.concatenate(
        [
            room(espeak("go back", "en-us", 160), pad_s=0.8),
            room(espeak("help me", "en-us", 160), pad_s=0.8),
        ]
    )
    events = [e for e, _ in feed(Segmenter(), audio)]
    assert events.count("end") == 2


def test_a_knock_is_too_short_to_be_a_command():
    events = [e for e, _ in feed(Segmenter(), noise_only("knock"))]
    assert "end" not in events


def test_long_talk_is_dropped_not_decoded():
    talk = np.concatenate(
        [
            espeak(
                "Amyotrophic lateral sclerosis is a rare neurological "
                "disease that affects the nerve cells of the brain and "
                "the spinal cord and causes loss of muscle control",
                "en-us",
                150,
            )
        ]
    )
    events = [e for e, _ in feed(Segmenter(), room(talk, pad_s=0.5))]
    assert "dropped" in events and "end" not in events


def test_the_noise_floor_follows_a_noisy_room():
    segmenter = Segmenter()
    feed(segmenter, noise_only("babble", seconds=6.0) // 4)
    quiet = Segmenter()
    feed(quiet, room(np.zeros(16000 * 2)))
    assert segmenter.floor_dbfs > quiet.floor_dbfs + 10
