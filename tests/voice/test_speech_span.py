"""speech_span and pitched_frames: the decoder is given the speech, not the noise around it."""

from __future__ import annotations

import numpy as np

from kiosk.voice.signals import pitched_frames, speech_span


def test_talk_around_a_command_is_cut_off():
    rng = np.random.default_rng(0)
    room = rng.normal(0, 300, 16000 * 2)  # other people, 10 dB or more below the speaker
    t = np.arange(8000) / 16000
    room[12000:20000] += 3000 * np.sin(2 * np.pi * 200 * t)  # the command, 0.75-1.25 s
    span, rise = speech_span(room.astype(np.int16))
    assert 0.5 * 16000 <= len(span) <= 0.8 * 16000  # the command and a little margin
    assert rise > 12


def test_quiet_or_short_audio_is_left_whole():
    quiet = np.random.default_rng(1).normal(0, 30, 16000).astype(np.int16)
    span, rise = speech_span(quiet)
    assert len(span) == len(quiet) and rise < 3  # nothing stands out: nothing is cut
    short = np.zeros(3000, np.int16)
    assert len(speech_span(short)[0]) == len(short)


def test_a_voice_has_a_pitch_and_a_cough_does_not():
    t = np.arange(16000) / 16000
    vowel = 3000 * np.sin(2 * np.pi * 150 * t) + 1000 * np.sin(2 * np.pi * 450 * t)
    cough = np.random.default_rng(2).normal(0, 3000, 16000) * np.exp(-np.linspace(0, 6, 16000))
    assert pitched_frames(vowel.astype(np.int16)) >= 20
    assert pitched_frames(cough.astype(np.int16)) == 0
