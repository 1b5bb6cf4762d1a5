"""Word prediction: the likeliest words for what is being typed.

An interpolated model. Its local part mixes English word frequencies (the 20,000
commonest words, data/words_en.tsv, made from wordfreq; CC BY-SA 4.0) with the words of
the fact sheets and the Talk phrases, so "riluzole" and "receptionist" come up, and counts
their word pairs (sentence starts included). The general part is pocketsphinx's US English
trigram model, which knows that after "call my" come "mother" and "wife":

    P_local(w | previous) = BIGRAM_WEIGHT * P_pairs(w | previous) + (1 - BIGRAM_WEIGHT) * P(w)
    P(w) = (1 - LOCAL_SHARE) * P_english(w) + LOCAL_SHARE * P_texts(w)
    P(w | two before) = GENERAL_WEIGHT * P_general(w | two before)
                        + (1 - GENERAL_WEIGHT) * P_local(w | previous)

Completion ranks the words that start with the letters typed so far; after a space the
same score ranks the next word. A missing or broken word list leaves the local words
only (and says why in `problem`); with no words at all there are no predictions, and
the letters still work.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from kiosk.content import Library, Section
from kiosk.phrases import PhraseBoard

WORDS_FILE = Path(__file__).resolve().parent / "data" / "words_en.tsv"
BIGRAM_WEIGHT = 0.5
LOCAL_SHARE = 0.1
GENERAL_WEIGHT = 0.7  # the general English model's share (chosen on half the messages)
NEXT_WORDS = 1500  # candidates for the next word with the general model (3000: no better)
SPOKEN_WEIGHT = 20  # a Talk phrase's words and pairs count as much as 20 of the fact sheet's
MAX_WORD_CHARS = 30
START = "<s>"  # the "previous word" at the start of a message or sentence
_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
# Written with a capital wherever they stand.
_ALWAYS_CAPITAL = {"i", "i'm", "i'll", "i've", "i'd"}


@dataclass(frozen=True)
class WordList:
    """English words and their Zipf frequencies (log10 of uses per billion words + 9)."""

    zipf: dict[str, float]
    problem: str = ""  # why the list could not be used, in plain words (empty: fine)


@lru_cache(maxsize=4)
def load_word_list(path: Path = WORDS_FILE) -> WordList:
    """Read a word list (word, tab, Zipf frequency per line; '#' starts a comment).
    Whatever is wrong with it comes back as `problem`, never raised."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return WordList({}, f"the word list {path.name} is missing")
    except (OSError, UnicodeDecodeError) as error:
        return WordList({}, f"the word list {path.name} cannot be read ({error})")
    zipf: dict[str, float] = {}
    bad = 0
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, number = line.partition("\t")
        try:
            value = float(number)
        except ValueError:
            bad += 1
            continue
        word = word.strip().lower()
        if _WORD.fullmatch(word) and len(word) <= MAX_WORD_CHARS and 0 < value < 10:
            zipf[word] = value
        else:
            bad += 1
    if not zipf:
        return WordList({}, f"the word list {path.name} holds no words")
    if bad > len(zipf):
        return WordList({}, f"the word list {path.name} is damaged ({bad} unreadable lines)")
    return WordList(zipf)


def words_of(text: str) -> list[str]:
    """The words of a text in order, lowercase, with START at each sentence's start."""
    out = [START]
    for piece in _SENTENCE_END.split(text):
        words = [w.lower() for w in _WORD.findall(piece)]
        if words:
            out += words
            out.append(START)
    return out


class GeneralModel(Protocol):
    """pocketsphinx's NGramModel: `prob([word, previous, before that])` is a log
    probability (base 1.0001), -536870912 for a word it does not know."""

    def prob(self, words: list[str]) -> int: ...


_LOG_BASE = math.log(1.0001)


def load_general_model() -> tuple[GeneralModel | None, str]:
    """The general English trigram model that ships with pocketsphinx (already the voice
    engine's dependency; CMU Sphinx's US English model, BSD licence), or None and why."""
    try:
        import pocketsphinx

        pocketsphinx.set_loglevel("FATAL")  # its loader talks on stderr
        path = pocketsphinx.get_model_path("en-us/en-us.lm.bin")
        return pocketsphinx.NGramModel.readfile(path), ""
    except Exception as error:  # a missing wheel or file: prediction goes on without it
        return None, f"the general English model could not be loaded ({error})"


@dataclass(frozen=True, eq=False)
class WordModel:
    """Predictions for a message being typed (see the module docstring)."""

    probability: dict[str, float]  # P(w), English and local words mixed
    pairs: dict[str, Counter[str]]  # previous word -> counts of the words after it
    written: dict[str, str]  # how a word is written ("als" -> "ALS")
    problem: str = ""  # why prediction is limited or off, for the staff screen
    sorted_words: tuple[str, ...] = field(default=())
    top: tuple[str, ...] = field(default=())  # the commonest words, for the next word
    general: GeneralModel | None = None  # the general English trigram model
    pair_totals: dict[str, int] = field(default_factory=dict)  # words seen after each word
    _cache: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return bool(self.probability)

    def score(self, previous: str, word: str, before: str = START) -> float:
        pairs = self.pairs.get(previous)
        paired = pairs[word] / self.pair_totals[previous] if pairs else 0.0
        local = BIGRAM_WEIGHT * paired + (1 - BIGRAM_WEIGHT) * self.probability.get(word, 0.0)
        if self.general is None:
            return local
        history = [w if w != START else "<s>" for w in (previous, before)]
        if history[0] == "<s>":
            history = history[:1]
        general = math.exp(self.general.prob([word, *history]) * _LOG_BASE)
        return GENERAL_WEIGHT * general + (1 - GENERAL_WEIGHT) * local

    def predict(self, text: str, count: int) -> tuple[str, ...]:
        """The `count` likeliest words for `text`: completions of its last, unfinished
        word, or the next word after a space; lowercase as in the model."""
        if not self.available or count <= 0:
            return ()
        found = self._cache.get((text[-200:], count))
        if found is not None:
            return found
        before, previous, prefix = context3(text)
        if prefix:
            start = bisect.bisect_left(self.sorted_words, prefix)
            candidates: Iterable[str] = _prefixed(self.sorted_words, start, prefix)
        else:
            following = self.pairs.get(previous, Counter())
            candidates = {*following, *self.top}
        ranked = sorted(candidates, key=lambda w: (-self.score(previous, w, before), w))
        found = tuple(ranked[:count])
        if len(self._cache) > 500:  # one message's worth; the screen asks every frame
            self._cache.clear()
        self._cache[(text[-200:], count)] = found
        return found

    def written_form(self, word: str) -> str:
        return self.written.get(word, word)


def _prefixed(words: tuple[str, ...], start: int, prefix: str) -> Iterable[str]:
    for index in range(start, len(words)):
        if not words[index].startswith(prefix):
            return
        yield words[index]


def context3(text: str) -> tuple[str, str, str]:
    """(the word before the previous one, the previous word, the unfinished word)."""
    previous, prefix = context(text)
    if previous == START:
        return START, START, prefix
    before_text = text[: len(text) - len(prefix)].rstrip()
    before_text = before_text[: len(before_text) - len(previous)]
    return context(before_text.rstrip() + " ")[0], previous, prefix


def context(text: str) -> tuple[str, str]:
    """(previous word, unfinished last word) of a message, lowercase; the previous word
    is START at the message's or a sentence's start."""
    tail = text[-200:]
    match = re.search(r"([A-Za-z']*)$", tail)
    prefix = match.group(1).lower() if match else ""
    before = tail[: len(tail) - len(prefix)]
    words = words_of(before)
    stripped = before.rstrip()
    if not stripped or stripped[-1] in ".!?":
        return START, prefix
    return (words[-2] if words[-1] == START and len(words) > 1 else words[-1]), prefix


def build_model(
    word_list: WordList,
    local_texts: Iterable[str],
    spoken_texts: Iterable[str] = (),
    general: GeneralModel | None = None,
) -> WordModel:
    """The model from English frequencies and the kiosk's own texts: the fact sheets
    (`local_texts`) and what visitors say (`spoken_texts`, the Talk phrases), whose
    words and pairs count SPOKEN_WEIGHT times: a visitor types "I need", not "The disease"."""
    pairs: dict[str, Counter[str]] = {}
    local: Counter[str] = Counter()
    written_counts: dict[str, Counter[str]] = {}
    weighted = [(t, 1) for t in local_texts] + [(t, SPOKEN_WEIGHT) for t in spoken_texts]
    for text, weight in weighted:
        sequence = words_of(text)
        for previous, word in zip(sequence, sequence[1:]):
            if word != START:
                pairs.setdefault(previous, Counter())[word] += weight
        for word in sequence:
            if word != START:
                local[word] += weight
        for piece in _SENTENCE_END.split(text):
            for raw in _WORD.findall(piece)[1:]:  # a sentence's first word says nothing
                written_counts.setdefault(raw.lower(), Counter())[raw] += 1
    english_total = sum(10 ** (z - 9) for z in word_list.zipf.values()) or 1.0
    local_total = sum(local.values()) or 1
    english_share = 1 - LOCAL_SHARE if local else 1.0
    probability: dict[str, float] = {}
    for word, zipf in word_list.zipf.items():
        probability[word] = english_share * 10 ** (zipf - 9) / english_total
    for word, n in local.items():
        if len(word) <= MAX_WORD_CHARS:
            share = LOCAL_SHARE if word_list.zipf else 1.0
            probability[word] = probability.get(word, 0.0) + share * n / local_total
    written = {}
    for word in probability:
        form = _written(word, written_counts.get(word), word in word_list.zipf)
        if form != word:
            written[word] = form
    # The next word is looked for among the commonest words (more with the general
    # model, which knows which of them follow what).
    top = tuple(
        sorted(probability, key=lambda w: -probability[w])[: NEXT_WORDS if general else 200]
    )
    return WordModel(
        probability,
        pairs,
        written,
        word_list.problem,
        tuple(sorted(probability)),
        top,
        general,
        {word: sum(after.values()) for word, after in pairs.items()},
    )


def _written(word: str, forms: Counter[str] | None, english: bool) -> str:
    """A word's usual written form: "I" and "I'm"; an acronym the kiosk's texts always
    write in capitals (ALS, NINDS); a name they always capitalise that is no English
    word (Gehrig); otherwise lowercase."""
    if word in _ALWAYS_CAPITAL:
        return word[0].upper() + word[1:]
    if not forms or forms.get(word, 0) > 0:
        return word
    best = forms.most_common(1)[0][0]
    if (best.isupper() and len(best) > 1) or not english:
        return best
    return word


def describe(model: WordModel) -> str:
    """One line for the staff screen: what prediction uses, or why it is off."""
    if not model.available:
        return f"Typing: word prediction is off ({model.problem}); the letters still work"
    if model.problem:
        return f"Typing: word prediction without the English word list ({model.problem})"
    general = (
        " and the general English model"
        if model.general is not None
        else " (the general English model is missing: predictions are weaker)"
    )
    return f"Typing: word prediction from {len(model.probability):,} words{general}"


NOT_BUILT = WordModel({}, {}, {}, "the word model was not built")


def _section_texts(section: Section) -> list[str]:
    texts = [section.title] + [block.text for block in section.blocks]
    for sub in section.subsections:
        texts += _section_texts(sub)
    return texts


@lru_cache(maxsize=1)
def _general_model() -> tuple[GeneralModel | None, str]:
    return load_general_model()


def warm_up() -> None:
    """Load the word list and the general English model (about half a second) ahead of
    the first content load: the shell calls this on a thread at start."""
    load_word_list(WORDS_FILE)
    _general_model()


@lru_cache(maxsize=2)
def model_for_content(library: Library, phrases: PhraseBoard) -> WordModel:
    """The model for this content: English words, the fact sheets' words and the Talk
    phrases. The shell builds it at each content load and hands it to the core in the
    typing screen's state (the same content, as in the tests, is built once)."""
    texts: list[str] = []
    for sheet in library.sheets:
        texts.append(sheet.title)
        for section in sheet.sections:
            texts += _section_texts(section)
    spoken = [p.text for p in phrases.phrases]
    general, _ = _general_model()
    return build_model(load_word_list(WORDS_FILE), texts, spoken, general)
