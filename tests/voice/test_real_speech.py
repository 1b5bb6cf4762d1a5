"""The built-in engine on recordings of real people: a small fixed subset of
../shared/realspeech (tests/support/real_speech.py `ci_subset`), report speakers only,
whom nothing was fitted on. It guards the level benchmarks/bench_voice.py measures on
the whole set; the thresholds sit at what this subset measured, minus one clip.
"""

from __future__ import annotations

from collections import Counter

import pytest

from kiosk.voice.__main__ import screen_vocabulary
from kiosk.voice.pocketsphinx_engine import PocketSphinxRecognizer
from kiosk.voice.rules import decide
from tests.support import real_speech as R

pytestmark = pytest.mark.skipif(
    R.realspeech_dir() is None,
    reason="no ../shared/realspeech beside the repository (the real-speech development set)",
)
EXPECTED = {w: f"select {n}" for n, w in enumerate(R.TILE_WORDS, 1)} | {"stop": "stop"}


@pytest.fixture(scope="module")
def outcomes() -> Counter:
    """(kind, condition) -> count; kinds: command / command right / other / other acted on."""
    recognizer = PocketSphinxRecognizer()
    home = screen_vocabulary("home")
    recognizer.set_phrases(list(home.phrases))
    clips = R.load_clips()
    pools = {side: R.babble_pool(clips, side) for side in ("fit", "report")}
    counts: Counter = Counter()
    for clip, condition in R.ci_subset():
        audio = R.condition_audio(clip, condition, pools[clip.side])
        recognition = recognizer.decode(audio)
        action = decide(recognition, home, set()).action
        if recognition.repeatable:  # a near miss: said again soon, it would count
            right = clip.is_command and recognition.heard == clip.word
            counts["near miss", "right word" if right else "wrong word"] += 1
        if clip.is_command:
            name = action.name if action else None
            counts["command", condition] += 1
            counts["command right", condition] += name == EXPECTED[clip.word]
            counts["command wrong", condition] += name not in (None, EXPECTED[clip.word])
        else:
            counts["other", condition] += 1
            counts["other acted on", condition] += action is not None
    return counts


def test_the_command_words_are_the_tile_numbers_the_home_screen_offers():
    """Seven ("Talk") and eight ("Yes / No") are tiles; a number beyond them is chatter."""
    home = screen_vocabulary("home")
    numbers = [w for w in R.NUMBER_WORDS if w in home.phrases]
    assert tuple(numbers) == R.TILE_WORDS
    assert [home.phrases[w].name for w in numbers] == [f"select {n}" for n in range(1, 9)]
    assert "nine" not in home.phrases and "zero" not in home.phrases
    assert not R.HELD_OUT_WORDS & set(R.COMMAND_WORDS)
    assert {"nine", "zero"} <= R.HELD_OUT_WORDS


def test_the_subset_is_fixed_and_from_report_speakers_only():
    subset = R.ci_subset()
    assert all(clip.side == "report" for clip, _ in subset)
    assert len(subset) == 122 and subset == R.ci_subset()
    assert {clip.word for clip, _ in subset} >= set(R.COMMAND_WORDS) | {"yes", "alexa", "zero"}


# Measured on this subset at the shipped operating point (PocketSphinx, verifier with the
# speech embedding, the embedding alone when nothing else was placed; home screen with
# eight tiles): commands right clean 27/36, 8 kHz 12/18, cut short 9/9, babble 2/9, never
# a wrong action; other words acted on clean 0/40, babble 0/10. The command guards allow
# one clip less; the false-accept guards are never loosened (clean was 2/44 with six
# tiles, 1/40 before the embedding; kept at 1 so a last-digit difference between
# processors cannot fail it). Before the embedding: clean 11/36, 8 kHz 3/18, cut short 3/9.


def test_tile_numbers_and_stop_said_by_real_people(outcomes):
    right, total = outcomes["command right", "clean"], outcomes["command", "clean"]
    assert total == 36 and right >= 26, (right, total)


def test_commands_at_8_khz_or_cut_short_and_never_a_wrong_action(outcomes):
    assert outcomes["command right", "8 kHz"] >= 11, outcomes["command right", "8 kHz"]
    assert outcomes["command right", "tight"] >= 8, outcomes["command right", "tight"]
    assert outcomes["command right", "babble"] >= 1, outcomes["command right", "babble"]
    assert sum(outcomes["command wrong", c] for c in R.CONDITIONS) <= 1


def test_other_real_words_are_not_acted_on(outcomes):
    assert outcomes["other", "clean"] == 40 and outcomes["other", "babble"] == 10
    assert outcomes["other acted on", "clean"] <= 1  # of 40
    assert outcomes["other acted on", "babble"] == 0  # of 10


def test_near_misses_on_real_speech_are_mostly_the_word_said(outcomes):
    """A near miss said again is taken (kiosk/voice/rules.py), so near misses must name
    the word the person said. Measured on this subset: 4 the word said, 1 another (a
    command or chatter heard as a command); before the embedding took most of the near
    misses at once, 25 and 1."""
    assert outcomes["near miss", "right word"] >= 3
    assert outcomes["near miss", "wrong word"] <= 2
