"""The Whisper engine: its pure parts (transcript to phrase, tokenizer, front end, the
model pin) and the real model on real recordings of people (../shared/realspeech, report
speakers, whom nothing was fitted on) and on bad input."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from kiosk.voice import whisper_engine as W
from kiosk.voice.__main__ import screen_vocabulary
from kiosk.voice.rules import decide
from kiosk.voice.types import RecognizerError
from kiosk.voice.whisper_model import (
    MODEL_SHA256,
    Tokenizer,
    checked_model_folder,
    log_mel,
    mel_filters,
    model_folder,
)
from tests.support import real_speech as R

HOME = {"one", "two", "three", "number three", "open three", "next page", "go back", "stop"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (" Three.", ["three"]),
        (" 3", ["three"]),
        (" No. 3", ["number", "three"]),
        (" #3!", ["number", "three"]),
        (" Next-page?", ["next", "page"]),
        (" What is ALS?", ["what", "is", "a", "l", "s"]),
        (" I don't know.", ["i", "don't", "know"]),
        (" Go back, please.", ["go", "back", "please"]),
        ("", []),
    ],
)
def test_a_transcript_becomes_phrase_words(text, words):
    assert W.words_of(text) == words


def test_the_prompt_writes_letters_as_an_acronym():
    assert W.written("what is a l s") == "what is ALS" and W.written("go back") == "go back"


def test_only_a_whole_phrase_counts_never_one_inside_a_sentence():
    assert W.whole_phrase(["number", "three"], HOME) == ("number three", 1)
    assert W.whole_phrase(["please", "go", "back"], HOME) == (None, 0)
    assert W.whole_phrase(["three", "of", "clubs"], HOME) == (None, 0)
    assert W.whole_phrase(["tree"], HOME) == (None, 0)
    # a repetition loop ("Three. Three. Three.") is the phrase said several times
    assert W.whole_phrase(["three"] * 5, HOME) == ("three", 5)
    assert W.whole_phrase(["go", "back", "go", "back"], HOME) == ("go back", 2)


def test_number_three_and_open_three_mean_three():
    assert W.same_meaning("number three", "three") and W.same_meaning("open three", "three")
    assert not W.same_meaning("three", "two") and not W.same_meaning(None, "two")


def test_the_unprompted_transcript_vetoes_a_phrase_it_did_not_hear():
    hearing = W.Hearing(" Three.", -0.2, 0.02, False, " Tree.", -0.3, 0.02, 1.0, 50.0)
    judged = W.judge(hearing, HOME)
    assert judged.phrase is None and "other words" in judged.reason
    agreeing = W.Hearing(" Three.", -0.2, 0.02, False, " 3", -0.3, 0.02, 1.0, 50.0)
    assert W.judge(agreeing, HOME).phrase == "three"


@pytest.mark.parametrize("filler", [" Bye.", " Thank you.", " So,", " Okay.", " you", " ."])
def test_what_whisper_writes_for_too_little_sound_does_not_veto_a_sure_phrase(filler):
    """A digit cut at its edges: the plain pass writes "Bye." or "Thank you." (issue 33)."""
    hearing = W.Hearing(" Five.", -0.15, 0.01, False, filler, -0.2, 0.05, 0.4, 50.0)
    measures = W.features(hearing, "five", 1, HOME | {"five"})
    assert not W.vetoed(hearing, measures)
    assert measures[W.FEATURES.index("plain_too_little")] == 1.0
    assert measures[W.FEATURES.index("plain_other_words")] == 0.0
    # real other words still count against it
    tree = W.Hearing(" Five.", -0.15, 0.01, False, " Fife.", -0.2, 0.05, 0.4, 50.0)
    assert W.vetoed(tree, W.features(tree, "five", 1, HOME | {"five"}))


def test_start_is_a_candidate_for_stop_only_where_stop_is_offered_and_never_by_itself():
    start = W.Hearing(" Start.", -0.3, 0.02, False, " Start.", -0.3, 0.02, 1.0, 50.0)
    assert W.candidate(["start"], HOME) == ("stop", 1)
    assert W.candidate(["start", "start"], HOME) == ("stop", 2)
    assert W.candidate(["stop", "start", "start"], HOME) == ("stop", 3)
    assert W.candidate(["start"], {"one", "two"}) == (None, 0)
    assert W.candidate(["start", "now"], HOME) == (None, 0)
    measures = W.features(start, "stop", 1, HOME)
    assert measures[W.FEATURES.index("stop_as_start")] == 1.0
    # the hand rule never takes it; only a fitted weight can
    assert W.judge(start, HOME).phrase is None
    # the unprompted pass writing "start" alone never acts, whatever the screen offers
    listed = W.Hearing(" Go, yes, no,", -0.4, 0.02, False, " Start.", -0.1, 0.02, 1.0, 50.0)
    assert W.judge(listed, HOME).phrase is None


def test_one_command_among_other_words_is_found_and_two_are_not():
    assert W.phrase_inside(["yeah", "stop"], HOME) == ("stop", 1, 1)
    assert W.phrase_inside(["so", "number", "three", "yes"], HOME) == ("number three", 1, 2)
    assert W.phrase_inside(["three", "yes", "three"], HOME) == ("three", 0, 1)
    assert W.phrase_inside(["two", "yes", "three"], HOME) is None  # which one?
    assert W.phrase_inside(["stop"], HOME) is None  # a whole phrase: not "inside"
    assert W.phrase_inside(["yes", "right"], HOME) is None


def test_the_loudest_command_among_the_room_s_words_is_taken_only_when_clearly_louder():
    def said(margin: float) -> W.Hearing:
        return W.Hearing(
            " Yeah, stop,", -0.4, 0.02, False, " Yeah, stop.", -0.4, 0.02, 1.0, 50.0,
            loudest="stop", loudest_margin_db=margin,
        )  # fmt: skip

    assert W.judge(said(W.LOUDEST_MARGIN_DB + 1), HOME).phrase == "stop"
    unsure = W.judge(said((W.LOUDEST_MARGIN_DB + W.UNSURE_MARGIN_DB) / 2), HOME)
    assert unsure.phrase is None and unsure.repeatable and unsure.heard == "stop"
    quiet = W.judge(said(W.UNSURE_MARGIN_DB - 1), HOME)
    assert quiet.phrase is None and not quiet.repeatable


def test_a_rejected_phrase_above_the_unsure_bar_is_marked_unsure():
    weights = (0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    model = W.Rejection(weights, (0.0,) * 8, (1.0,) * 8, bar=0.9, unsure_bar=0.5)
    unsure = W.Hearing(" Three.", 0.5, 0.02, False, " Three.", -0.3, 0.02, 1.0, 50.0)
    judged = W.judge(unsure, HOME, model)  # probability of 0.5 logprob: 0.62
    assert judged.phrase is None and judged.repeatable and judged.heard == "three"
    low = W.Hearing(" Three.", -2.0, 0.02, False, " Three.", -0.3, 0.02, 1.0, 50.0)
    assert not W.judge(low, HOME, model).repeatable
    assert not W.judge(unsure, HOME, W.HAND_RULE).repeatable  # no unsure bar: never


def _tone(seconds: float, level: float) -> np.ndarray:
    t = np.arange(int(seconds * 16000)) / 16000
    return level * np.sin(2 * np.pi * 300 * t)


def test_a_word_at_the_first_and_last_sample_gets_silence_around_it():
    word = _tone(0.5, 8000).astype(np.int16)
    ready = W.prepared(word)
    assert len(ready) == len(word) + 2 * int(0.3 * 16000)
    assert not ready[:4800].any() and not ready[-4800:].any()


def test_in_a_talking_room_the_word_is_cut_out_of_the_talk_around_it():
    rng = np.random.default_rng(0)
    talk = rng.normal(0, 400, 32000)  # the room, about 20 dB under the word
    audio = talk.copy()
    audio[12000:20000] += _tone(0.5, 8000)
    ready = W.prepared(audio.astype(np.int16))
    assert 8000 <= len(ready) <= 8000 + 2 * 0.1 * 16000 + 2 * 4800
    quiet = np.zeros(32000)  # a quiet room: nothing is cut
    quiet[12000:20000] += _tone(0.5, 8000)
    quiet += rng.normal(0, 3, 32000)
    assert len(W.prepared(quiet.astype(np.int16))) == 32000


needs_model = pytest.mark.skipif(model_folder() is None, reason="Whisper model not installed")


@needs_model
def test_the_tokenizer_spells_words_as_the_vocabulary_does():
    tokenizer = Tokenizer.load(checked_model_folder())
    tokens = tokenizer.encode(" one, two, number three, next page.")
    assert tokens == ["Ġone", ",", "Ġtwo", ",", "Ġnumber", "Ġthree", ",", "Ġnext", "Ġpage", "."]
    ids = [tokenizer.vocabulary.index(t) for t in tokens]
    assert ids[0] == 530 and tokenizer.decode(ids) == " one, two, number three, next page."


def test_the_front_end_puts_a_tone_in_its_mel_band_and_silence_at_the_floor():
    t = np.arange(16000) / 16000
    tone = (8000 * np.sin(2 * np.pi * 1000 * t)).astype(np.int16)
    mel = log_mel(tone, 300)
    assert mel.shape == (80, 300) and mel.dtype == np.float32
    band = int(np.argmax(mel[:, 50]))
    assert mel_filters()[band, 25] > 0  # bin 25 of a 400-point FFT is 1 kHz
    assert np.allclose(mel[:, 200:], mel.max() - 2.0)  # 8 below the peak, scaled by 1/4


def test_a_model_file_that_differs_from_the_pin_is_refused(tmp_path):
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (folder / name).write_text("{}")
    with pytest.raises(RecognizerError, match="incomplete"):
        checked_model_folder(folder)
    (folder / "model.bin").write_bytes(b"a repack that is not the one tested")
    with pytest.raises(RecognizerError, match="refused") as error:
        checked_model_folder(folder)
    assert MODEL_SHA256[:12] in str(error.value)


# ------------------------------------------------------------------ the real model


@pytest.fixture(scope="module")
def whisper() -> W.WhisperRecognizer:
    if model_folder() is None:
        pytest.skip("Whisper model not installed")
    return W.WhisperRecognizer()


realspeech = pytest.mark.skipif(
    R.realspeech_dir() is None,
    reason="no ../shared/realspeech beside the repository (the real-speech development set)",
)
EXPECTED = {w: f"select {n}" for n, w in enumerate(R.TILE_WORDS, 1)} | {"stop": "stop"}
SOUND_ALIKES = ("on", "off", "no", "right", "go", "up", "down", "yes", "bed", "nine", "zero")


def report_takes(word: str, count: int) -> list[R.Clip]:
    clips = [c for c in R.load_clips() if c.word == word and c.side == "report"]
    clips.sort(key=lambda c: (c.speaker, c.path.name))
    return clips[:count]


@realspeech
def test_real_people_s_commands_and_other_words_through_the_real_model(whisper):
    """Report speakers: 3 takes of each tile number and "stop" as recorded and in 10 dB
    babble, 1 at 8 kHz; 2 takes of words that sound like commands or are what a waiting
    room says. The bars sit at what this subset measured, minus a clip or two."""
    home = screen_vocabulary("home")
    whisper.set_phrases(list(home.phrases))
    pool = R.babble_pool(R.load_clips(), "report")
    counts: Counter = Counter()
    for word in EXPECTED:
        for n, clip in enumerate(report_takes(word, 3)):
            for condition in ("clean", "8 kHz", "babble") if n == 0 else ("clean", "babble"):
                audio = R.condition_audio(clip, condition, pool)
                action = decide(whisper.decode(audio), home, set())
                name = action.action.name if action.action else None
                counts["command", condition] += 1
                counts["right", condition] += name == EXPECTED[word]
                counts["wrong", condition] += name not in (None, EXPECTED[word])
    for word in SOUND_ALIKES:
        for clip in report_takes(word, 2):
            action = decide(whisper.decode(R.condition_audio(clip, "clean")), home, set())
            counts["other"] += 1
            counts["other acted on"] += action.action is not None
    assert counts["command", "clean"] == 27 and counts["other"] == 2 * len(SOUND_ALIKES)
    assert counts["right", "clean"] >= CLEAN_BAR, counts
    assert counts["right", "8 kHz"] >= EIGHT_KHZ_BAR, counts
    assert counts["right", "babble"] >= BABBLE_BAR, counts
    assert sum(counts["wrong", c] for c in ("clean", "8 kHz", "babble")) <= 1, counts
    assert counts["other acted on"] <= 1, counts


@realspeech
def test_a_real_word_cut_at_its_edges_is_heard_as_with_silence_around(whisper):
    """Issue 33: report speakers' commands (2 takes of each word) as recorded, cut to the
    word with no silence around it, and that cut at 8 kHz, through the real model."""
    home = screen_vocabulary("home")
    whisper.set_phrases(list(home.phrases))
    right: Counter = Counter()
    for word in EXPECTED:
        for clip in report_takes(word, 2):
            recorded = R.read(clip.path)
            cut = R.tight(recorded)
            for name, audio in (
                ("recorded", recorded),
                ("cut", cut),
                ("cut 8 kHz", R.narrow_band(cut)),
            ):
                samples = np.clip(audio, -32768, 32767).astype(np.int16)
                action = decide(whisper.decode(samples), home, set()).action
                right[name] += action is not None and action.name == EXPECTED[word]
    assert right["cut"] >= right["recorded"] - CUT_SLACK, right
    assert right["cut 8 kHz"] >= right["recorded"] - CUT_8KHZ_SLACK, right


# Measured: as recorded 16 of 18, cut 14, cut at 8 kHz 12 (before issue 33: 16, 10, 9):
# still short of "as well as"; the bars allow one clip more and fail the old engine.
CUT_SLACK = 3
CUT_8KHZ_SLACK = 5


# Measured with the shipped rejection: 23 of 27, 8 of 9, babble 5 of 27, others 0 of 22
# (issue 33: 23, 8, babble 7, others 0; the bars are kept).
CLEAN_BAR = 22  # of 27
EIGHT_KHZ_BAR = 7  # of 9
BABBLE_BAR = 4  # of 27


@pytest.mark.parametrize(
    "kind", ["silence", "loud noise", "clipped square wave", "8 seconds of hum", "a click"]
)
def test_bad_input_gets_no_action_in_bounded_time(whisper, kind):
    rng = np.random.default_rng(1)
    audio = {
        "silence": np.zeros(16000, np.int16),
        "loud noise": rng.normal(0, 12000, 32000).clip(-32768, 32767).astype(np.int16),
        "clipped square wave": (np.sign(np.sin(np.arange(24000) / 9)) * 32767).astype(np.int16),
        "8 seconds of hum": (3000 * np.sin(np.arange(128000) * 2 * np.pi * 50 / 16000)).astype(
            np.int16
        ),
        "a click": np.r_[np.zeros(8000), [32767] * 40, np.zeros(8000)].astype(np.int16),
    }[kind]
    whisper.set_phrases(list(screen_vocabulary("home").phrases))
    hearing = whisper.hear(audio)
    # Bounded by the token cap and the window, not by a loop: at most `cap` tokens (a word
    # is one token or more) and at most the window's seconds looked at.
    cap = whisper._cap
    assert len(hearing.prompted.split()) <= cap and len(hearing.plain.split()) <= 224
    assert hearing.seconds <= W.WINDOW_S
    assert whisper.judge(hearing, whisper._allowed).phrase is None, hearing


def test_a_long_input_is_cut_to_the_longest_utterance(whisper):
    whisper.set_phrases(["stop"])
    hearing = whisper.hear(np.zeros(16000 * 60, np.int16))
    assert hearing.seconds == W.MAX_AUDIO_S


def test_a_foreign_model_folder_stops_the_engine_with_plain_words(tmp_path):
    source = model_folder()
    if source is None:
        pytest.skip("Whisper model not installed")
    folder = tmp_path / "model"
    folder.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copy(source / name, folder / name)
    (folder / "model.bin").write_bytes(b"\0" * 1000)
    with pytest.raises(RecognizerError, match="not the one this kiosk was tested with"):
        W.WhisperRecognizer(folder)


def _write_wav(path, samples: np.ndarray, rate: int, width: int, channels: int = 1):
    import wave

    frames = np.repeat(samples[:, None], channels, axis=1).reshape(-1).astype(np.int64)
    if width == 3:
        wide = (frames * 256).astype("<i4").view(np.uint8).reshape(-1, 4)[:, :3]
        raw = wide.tobytes()
    else:
        raw = frames.astype("<i2").tobytes()
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(raw)
    return path


@realspeech
def test_the_command_line_takes_odd_files_and_long_noise_in_bounded_time(tmp_path):
    """Through `python -m kiosk.voice --wav`: a real "three" as stereo 44.1 kHz and as
    24-bit, silence, a clipped recording, and ten minutes of noise: each gets a line (or,
    for the noise, a plain summary) and nothing hangs."""
    import json
    import subprocess
    import sys

    from kiosk.voice.audio import resample

    clip = report_takes("three", 1)[0]
    three = R.read(clip.path)
    rng = np.random.default_rng(0)
    files = {
        "stereo": _write_wav(
            tmp_path / "stereo.wav", resample(three, 16000, 44100), 44100, 2, channels=2
        ),
        "24-bit": _write_wav(tmp_path / "b24.wav", three, 16000, 3),
        "silence": _write_wav(tmp_path / "silence.wav", np.zeros(32000), 16000, 2),
        "clipped": _write_wav(tmp_path / "clip.wav", np.clip(three * 40, -32768, 32767), 16000, 2),
        "noise": _write_wav(tmp_path / "noise.wav", rng.normal(0, 3000, 16000 * 600), 16000, 2),
    }
    result = subprocess.run(  # a ten-minute file is cut to one window, not decoded whole
        [sys.executable, "-m", "kiosk.voice", "--wav", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = {Path(line["file"]).name: line for line in map(json.loads, result.stdout.splitlines())}
    assert lines["stereo.wav"]["action"] == "select 3"
    assert lines["b24.wav"]["action"] == "select 3"
    assert lines["silence.wav"]["action"] is None
    assert lines["clip.wav"]["action"] in (None, "select 3")  # heavily clipped: never another
    assert "noise.wav: 600 s listened to" in result.stderr


def test_the_shipped_rejection_matches_the_measures_and_is_used(whisper):
    shipped = W.Rejection.load()
    assert len(shipped.weights) == len(W.FEATURES) + 1 and 0 <= shipped.bar < 1
    assert whisper.rejection == shipped


def test_the_unprompted_pass_may_name_the_phrase_when_the_prompted_one_drew_a_list():
    """In babble the prompt draws a list of what the room says; the plain pass writes the
    loud word alone. Only a whole phrase said once counts, never a sentence."""
    listed = W.Hearing(" Go, yes, three,", -0.4, 0.02, False, " Three.", -0.6, 0.02, 1.0, 50.0)
    assert W.judge(listed, HOME).phrase == "three"
    sentence = W.Hearing(" Go, yes,", -0.4, 0.02, False, " I said three.", -0.3, 0.0, 1.0, 50.0)
    assert W.judge(sentence, HOME).phrase is None


def test_a_screen_of_many_tiles_keeps_its_prompt_within_whisper_s_limit(whisper):
    tiles = [f"topic number {n} about something long and rather detailed" for n in range(60)]
    whisper.set_phrases(["next page", "go back", *tiles])
    assert len(whisper._prompt) <= W.MAX_PROMPT_TOKENS + 1
    prompt = whisper.tokenizer.decode(
        [whisper.tokenizer.vocabulary.index(t) for t in whisper._prompt[1:]]
    )
    assert prompt.startswith(" topic number") and prompt.endswith("detailed.")


def test_check_names_whisper_or_says_why_it_is_not_used():
    from types import SimpleNamespace

    from kiosk.voice.diagnostics import describe_recognizer

    chosen = SimpleNamespace(voice_engine="pocketsphinx", vosk_model="")
    line = describe_recognizer(chosen)
    assert line.startswith("PocketSphinx") and "not Whisper: voice_engine = pocketsphinx" in line
    if model_folder() is not None:
        auto = describe_recognizer(SimpleNamespace(voice_engine="auto", vosk_model=""))
        assert auto.startswith("Whisper tiny.en") and "not Whisper" not in auto
