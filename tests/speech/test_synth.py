"""The real engine: pyttsx3 with espeak-ng, on text from the ALS fact sheet."""

from __future__ import annotations

import os
import shutil
import threading

import numpy as np
import pytest

from kiosk.speech.spoken_text import speakable
from kiosk.speech.synth import (
    Clip,
    Pyttsx3Synthesizer,
    SpeechUnavailable,
    SynthesisFailed,
    _EspeakCapture,
    clamp_rate,
)

from .conftest import sox_stat

PAGE = (
    "It's important to get an accurate ALS diagnosis as soon as possible. ALS treatments may "
    "be most effective soon after symptoms start. A neurologist familiar with ALS can help a "
    "person get diagnosed early. There is no single test that can definitely diagnose ALS. A "
    "doctor will conduct a physical exam and review the person's full medical history. A "
    "neurologic examination will test reflexes, muscle strength, and other responses."
)
SENTENCES = (
    "Motor neurons are the nerve cells in the brain and spinal cord.",
    "They control voluntary muscle movement and breathing.",
    "The disease is progressive.",
)


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


def voiced_segments(clip: Clip, min_gap_s: float = 0.15, frame_s: float = 0.01):
    """(start, end) seconds of the speech in a clip, split at silences >= min_gap_s."""
    frame = int(clip.sample_rate * frame_s)
    count = len(clip.samples) // frame
    frames = clip.samples[: count * frame].astype(np.float64).reshape(count, frame)
    loud = np.sqrt((frames**2).mean(axis=1)) > 300
    segments: list[list[float]] = []
    silent_run = 0
    for index, is_loud in enumerate(loud):
        if is_loud:
            if segments and silent_run * frame_s < min_gap_s:
                segments[-1][1] = (index + 1) * frame_s
            else:
                segments.append([index * frame_s, (index + 1) * frame_s])
            silent_run = 0
        else:
            silent_run += 1
    return [tuple(segment) for segment in segments]


def test_a_page_of_the_fact_sheet_is_real_audible_speech(real_synth):
    text = speakable(PAGE)
    clip = real_synth.synthesize(text, 165)
    words = len(PAGE.split())
    assert clip.samples.dtype == np.int16 and clip.samples.ndim == 1
    assert clip.sample_rate == 22050
    assert rms(clip.samples) > 1000, "not silent"
    assert np.abs(clip.samples).max() < 32767, "not clipped"
    seconds_per_word = clip.duration / words
    assert 0.25 < seconds_per_word < 0.6, f"{seconds_per_word:.2f} s per word at 165 wpm"
    # Speech has pauses: a real voice, not a tone or noise.
    assert len(voiced_segments(clip)) >= 6


def test_rate_changes_the_length_and_is_clamped(real_synth):
    slow = real_synth.synthesize(SENTENCES[0], 100).trimmed()
    normal = real_synth.synthesize(SENTENCES[0], 165).trimmed()
    fast = real_synth.synthesize(SENTENCES[0], 260).trimmed()
    assert slow.duration > normal.duration > fast.duration
    assert 1.3 < slow.duration / normal.duration < 2.0
    too_fast = real_synth.synthesize(SENTENCES[0], 900).trimmed()
    assert abs(too_fast.duration - fast.duration) < 0.05
    assert clamp_rate(10) == 100 and clamp_rate(1000) == 260 and clamp_rate("x") == 165


def test_sentence_clips_match_the_sentences_in_continuous_speech(real_synth):
    """Highlighting moves on when each sentence's own clip ends. For that to follow the
    voice, each separately made clip must be the same speech as in a continuous reading:
    the voiced parts found by silence gaps in the continuous audio line up with them."""
    together = real_synth.synthesize(" ".join(SENTENCES), 165)
    separate = [real_synth.synthesize(s, 165).trimmed() for s in SENTENCES]
    segments = voiced_segments(together, min_gap_s=0.25)
    assert len(segments) == 3, segments
    for (start, end), clip in zip(segments, separate, strict=True):
        assert abs((end - start) - clip.duration) < 0.12, (end - start, clip.duration)
    # Onsets: the continuous audio's sentence onsets, predicted from the separate clips
    # and the measured silences between them, agree within a frame or two.
    predicted = segments[0][0]
    for index, clip in enumerate(separate):
        assert abs(segments[index][0] - predicted) < 0.12
        if index + 1 < len(segments):
            predicted += clip.duration + (segments[index + 1][0] - segments[index][1])


def test_requests_from_several_threads_are_kept_apart(real_synth):
    expected = {s: real_synth.synthesize(s, 165).duration for s in SENTENCES}
    results: dict[str, float] = {}

    def speak(sentence: str) -> None:
        results[sentence] = real_synth.synthesize(sentence, 165).duration

    threads = [threading.Thread(target=speak, args=(s,)) for s in SENTENCES * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    # espeak-ng varies by a few milliseconds run to run; a mix-up would be seconds.
    assert results == pytest.approx(expected, abs=0.03)


def test_an_abandoned_request_never_leaks_into_the_next(real_synth):
    capture = _EspeakCapture()  # the same libespeak-ng, driven directly
    with pytest.raises(SynthesisFailed):
        capture.synthesize(PAGE * 3, 165, timeout=0.0)
    clip = capture.synthesize(SENTENCES[2], 165, timeout=5.0)
    reference = real_synth.synthesize(SENTENCES[2], 165)
    assert abs(clip.duration - reference.duration) < 0.03


def test_empty_text_gives_an_empty_clip(real_synth):
    clip = real_synth.synthesize("   ", 165)
    assert clip.duration == 0 and clip.trimmed().duration == 0


def test_the_portable_file_path_waits_for_the_whole_file_and_deletes_it(real_synth, capsys):
    """The path SAPI5 and macOS use (save_to_file + runAndWait), run here with espeak-ng."""
    # A ceiling far above any real synthesis: the test checks the audio, not the machine's
    # speed (the default 10 s deadline failed it on a loaded machine).
    synth = Pyttsx3Synthesizer(capture="file", timeout_s=600.0)
    try:
        folder = synth._tmpdir
        clip = synth.synthesize(SENTENCES[0], 165)
        reference = real_synth.synthesize(SENTENCES[0], 165)
        assert abs(clip.duration - reference.duration) < 0.05
        assert rms(clip.samples) > 1000
        assert os.listdir(folder) == [], "the temporary audio file is deleted at once"
    finally:
        synth.close()
    assert not os.path.exists(folder)
    # And the in-memory synthesizer still works after the driver had its callback back.
    assert real_synth.synthesize(SENTENCES[2], 165).duration > 0.5


def test_no_engine_is_reported_in_plain_words():
    with pytest.raises(SpeechUnavailable, match="No speech engine"):
        Pyttsx3Synthesizer(driver="no_such_driver")


def test_clip_rejects_wrong_audio():
    with pytest.raises(ValueError, match="mono"):
        Clip(np.zeros((10, 2), dtype=np.int16), 22050)
    with pytest.raises(ValueError, match="16-bit"):
        Clip(np.zeros(10, dtype=np.float32), 22050)
    with pytest.raises(ValueError, match="sample rate"):
        Clip(np.zeros(10, dtype=np.int16), 0)


@pytest.mark.skipif(shutil.which("sox") is None, reason="sox not installed")
def test_a_real_wav_passes_sox_inspection(real_synth, tmp_path):
    clip = real_synth.synthesize(speakable("Call the ALS Association at 800-782-4747."), 165)
    path = tmp_path / "phone.wav"
    values = sox_stat(clip, path)
    assert abs(float(values["Length (seconds)"]) - clip.duration) < 0.01
    assert float(values["RMS     amplitude"]) > 0.03
    assert float(values["Maximum amplitude"]) < 1.0
