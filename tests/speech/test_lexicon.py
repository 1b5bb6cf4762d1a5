"""The pronunciation lexicon: the file, its errors, and what the voice really says.

Pronunciation is checked at the phoneme level with Piper's own phonemizer (espeak-ng
IPA, exactly what the voice model receives), not by ear.
"""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.speech.lexicon import EMPTY, LexiconError, lexicon_for, load_lexicon, parse_lexicon
from kiosk.speech.spoken_text import SHIPPED_LEXICON, shipped_lexicon, speakable


def test_the_shipped_lexicon_loads_and_covers_the_fact_sheets_hard_words():
    lexicon = load_lexicon(SHIPPED_LEXICON)
    assert lexicon is not EMPTY and shipped_lexicon() == lexicon
    assert {"ALS", "NINDS", "NIH", "FTD", "SOD1"} <= lexicon.spell
    said = {written.lower() for written, _ in lexicon.say}
    assert {"riluzole", "edaravone", "tofersen", "dysarthria", "dysphagia"} <= said


def test_words_are_respelled_whole_and_in_any_capitals():
    lexicon = parse_lexicon(
        'spell = ["ALS"]\n[say]\nriluzole = "rillyuzole"\n"Lou Gehrig" = "loo gerrig"'
    )
    assert speakable("Riluzole and RILUZOLE", lexicon) == "rillyuzole and rillyuzole"
    assert speakable("riluzoles, anti-riluzole", lexicon) == "riluzoles, anti-riluzole"
    assert speakable("Lou Gehrig's disease", lexicon) == "loo gerrig's disease"
    assert speakable("Lou Gehrig disease", lexicon) == "loo gerrig disease"
    assert speakable("ALS and NINDS", lexicon) == "A.L.S and NINDS", "only listed initialisms"
    assert speakable("ALS", EMPTY) == "ALS"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('spell = ["ALS"\n', "not valid TOML"),
        ('spell = "ALS"\n', "line 1: spell must be a list"),
        ('spell = ["ALS", "als"]\n', "'als' in spell is not an initialism"),
        ('\n[say]\nriluzole = ""\n', "line 3: 'riluzole' needs how to say it"),
        ("[say]\nriluzole = 3\n", "line 2: 'riluzole' needs how to say it"),
        ('[say]\nRiluzole = "a"\nriluzole = "b"\n', "'riluzole' is listed twice"),
        ('speling = ["ALS"]\n', "line 1: unknown entry 'speling'"),
        ('say = "x"\n', "say must be a table"),
    ],
)
def test_a_broken_file_is_reported_with_its_line(text, message):
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(text, "pronunciation.toml")


def test_files_missing_unreadable_or_not_utf8(tmp_path):
    assert len(load_lexicon(tmp_path / "none.toml")) == 0, "no file: no corrections"
    latin = tmp_path / "latin.toml"
    latin.write_bytes('[say]\ncaf\xe9 = "kaffay"\n'.encode("latin-1"))
    with pytest.raises(LexiconError, match="latin.toml: is not UTF-8"):
        load_lexicon(latin)
    with pytest.raises(LexiconError, match="cannot be read"):
        load_lexicon(tmp_path)  # a folder


# ---------------------------------------------------------------- at the phoneme level

# term, what the voice must say (a piece of its IPA), what it must not
PRONUNCIATIONS = [
    ("ALS", "ˌeɪˌɛlˈɛs", "ˈælz"),  # A-L-S, not the word "als"
    ("NINDS", "ˌɛnˌaɪˈɛn", "nˈɪndz"),
    ("FTD", "ˌɛftˌiːdˈiː", None),
    ("NIH", "ˌɛnˌaɪˈeɪtʃ", None),
    ("SOD1", "ˌɛsˌoʊdˈiː wˈʌn", "sˈɑːd"),
    ("riluzole", "ɹˈɪljuːzˌoʊl", None),  # RIL-yoo-zole
    ("edaravone", "dˈæɹə vˈoʊn", "ˈɛdɐɹ"),  # stress on DAR, not ED
    ("tofersen", "fˈɜːsən", "tˈoʊfɚsən"),  # stress on FER
    ("Qalsody", "kˈæl sˈoʊdiː", "kˈɔːl"),
    ("fasciculations", "lˈeɪʃənz", None),  # the voice says it right unaided
    ("dysarthria", "dˌɪsˈɑːɹθɹ", "daɪs"),  # DIS-AR-thria, not DYE-SAR
    ("dysphagia", "dɪsfˈeɪdʒə", None),
    ("sialorrhea", "ɹˈiː", "ˌɔɹ"),
    (
        "617-441-7200",
        "sˈɪks wˈʌn sˈɛvən, fˈɔːɹ fˈɔːɹ wˈʌn, sˈɛvən tˈuː zˈiəɹoʊ zˈiəɹoʊ",
        "hˈʌndɹɪd",
    ),
    ("800-782-4747", "ˈeɪt zˈiəɹoʊ zˈiəɹoʊ", "hˈʌndɹɪd"),
]


@pytest.mark.parametrize(("term", "wanted", "unwanted"), PRONUNCIATIONS)
def test_the_voice_says_the_terms_right(piper_synth, term, wanted, unwanted):
    phonemes = piper_synth.phonemes(speakable(f"About {term} today."))
    assert wanted in phonemes, phonemes
    if unwanted:
        assert unwanted not in phonemes, phonemes


@pytest.mark.parametrize("term", ["ALS", "NINDS", "edaravone", "tofersen", "dysarthria"])
def test_without_the_lexicon_the_voice_gets_them_wrong(piper_synth, term):
    """The entries earn their place: unaided, the voice says these differently (ALS at
    least when it stands alone, as on a tile)."""
    wanted = dict((t, w) for t, w, _ in PRONUNCIATIONS)[term]
    assert wanted not in piper_synth.phonemes(speakable(term, EMPTY))
    assert wanted in piper_synth.phonemes(speakable(term))


def energy_peaks(samples: np.ndarray, rate: int) -> int:
    """Syllable-like bursts of energy: peaks of the 50 ms smoothed level, 80 ms apart."""
    frame = rate // 100
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame).astype(float)
    level = np.convolve(np.sqrt((frames**2).mean(axis=1)), np.ones(5) / 5, mode="same")
    peaks: list[int] = []
    for i in range(1, len(level) - 1):
        if level[i] >= level[i - 1] and level[i] > level[i + 1] and level[i] > 0.3 * level.max():
            if not peaks or i - peaks[-1] > 8:
                peaks.append(i)
    return len(peaks)


def test_listening_by_numbers_ninds_is_spelled_out(piper_synth):
    """N-I-N-D-S is five syllables, "ninds" one: the audio shows it."""
    spelled = piper_synth.synthesize(speakable("NINDS"), 165).trimmed()
    word = piper_synth.synthesize(speakable("NINDS", EMPTY), 165).trimmed()
    assert spelled.duration > 1.8 * word.duration, (spelled.duration, word.duration)
    assert energy_peaks(spelled.samples, spelled.sample_rate) >= 4
    assert energy_peaks(word.samples, word.sample_rate) <= 2


def test_a_content_folder_may_bring_its_own_lexicon(tmp_path):
    lexicon, problem = lexicon_for(tmp_path, SHIPPED_LEXICON)
    assert problem == "" and "NINDS" in lexicon.spell, "none there: the shipped one"
    (tmp_path / "pronunciation.toml").write_text('spell = ["WHO"]\n', encoding="utf-8")
    lexicon, problem = lexicon_for(tmp_path, SHIPPED_LEXICON)
    assert problem == "" and lexicon.spell == {"WHO"}
    (tmp_path / "pronunciation.toml").write_text("spell = [\n", encoding="utf-8")
    lexicon, problem = lexicon_for(tmp_path, SHIPPED_LEXICON)
    assert lexicon is EMPTY
    assert problem.startswith("Pronunciation list not used: ")
    assert "pronunciation.toml: not valid TOML" in problem
