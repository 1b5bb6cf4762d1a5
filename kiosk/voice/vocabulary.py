"""What can be said on the current screen: phrases mapped to actions.

Rebuilt on every screen change from the screen's targets, so recognition is restricted
to what the screen offers. Pure: no audio, no engine. Multi-syllable phrases are offered
alongside the short ones ("number three" as well as "three", "go back" as well as
"back") because one-syllable words are the most often confused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from kiosk.actions import (
    BARGE_IN,
    COMMAND_PHRASES,
    NUMBER_WORDS,
    WAKE_PHRASES,
    Action,
    Command,
    Do,
    Source,
)

# Words too common to name a tile on their own.
_STOP_WORDS = {
    "a",
    "an",
    "and",
    "the",
    "of",
    "for",
    "with",
    "to",
    "in",
    "on",
    "is",
    "what",
    "who",
    "gets",
    "someone",
    "how",
    "about",
    "more",
}
SUGGESTIONS = ("number one", "next page", "go back", "read this", "help")


def spoken_words(label: str) -> str:
    """A label as words a recognizer knows: "What is ALS?" -> "what is a l s"."""
    words = []
    for token in re.findall(r"[A-Za-z']+|\d+", label):
        if token.isdigit():
            number = int(token)
            words.append(NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else token)
        elif token.isupper() and 1 < len(token) <= 5:  # acronyms are said letter by letter
            words.extend(token.lower())
        else:
            words.append(token.lower().strip("'"))
    return " ".join(w for w in words if w)


def syllables(word: str) -> int:
    """A rough count (vowel groups), enough to prefer longer names."""
    groups = re.findall(r"[aeiouy]+", word.lower())
    count = len(groups) - (1 if word.endswith("e") and len(groups) > 1 else 0)
    return max(1, count)


@dataclass(frozen=True)
class Vocabulary:
    """Phrases that may be said now, each with the action it stands for."""

    phrases: Mapping[str, Action]
    mode: str = "normal"  # normal | barge-in | asleep
    labels: Mapping[Action, str] = field(default_factory=dict)  # what a tile shows

    def action_for(self, phrase: str) -> Action | None:
        return self.phrases.get(phrase)

    def label_for(self, action: Action) -> str:
        """The title of the tile `action` chooses ("" when it is not a tile)."""
        return self.labels.get(action, "")

    def suggestions(self, count: int = 4) -> list[str]:
        """A few things to say, for the "didn't catch that" caption."""
        offered = [p for p in SUGGESTIONS if p in self.phrases]
        if self.mode == "asleep":
            offered = ["kiosk wake up"]
        elif self.mode == "barge-in":
            offered = ["stop", "pause"]
        return offered[:count]


def _short_name(label: str) -> str | None:
    words = [w for w in spoken_words(label).split() if len(w) > 1 and w not in _STOP_WORDS]
    return words[-1] if words and syllables(words[-1]) >= 2 else None


def _voice(action: Action) -> Action:
    return replace(action, source=Source.VOICE)


def _add(phrases: dict[str, Action], phrase: str, action: Action) -> None:
    phrases.setdefault(phrase, _voice(action))  # first meaning wins: commands come first


def build_vocabulary(
    targets: Iterable, mode: str = "normal", confirm_words: bool = False
) -> Vocabulary:
    """Phrases for the screen whose selectable `targets` (core.Target) are given.

    `confirm_words`: the eyes frame a tile, so "this", "open", "yes" choose it (look and
    confirm); otherwise they are not offered at all.

    mode "barge-in" (the kiosk is speaking): only stop / pause / quiet.
    mode "asleep" (after "stop listening"): only the wake phrase.
    """
    phrases: dict[str, Action] = {}
    if mode == "asleep":
        for phrase in WAKE_PHRASES:
            _add(phrases, phrase, Do(Command.WAKE_VOICE))
        return Vocabulary(phrases, mode)
    if mode == "barge-in":
        for command, said in BARGE_IN.items():
            for phrase in said:
                _add(phrases, phrase, Do(command))
        return Vocabulary(phrases, mode)
    for command, said in COMMAND_PHRASES.items():
        if command is Command.CONFIRM_LOOK and not confirm_words:
            continue
        for phrase in said:
            _add(phrases, phrase, Do(command))
    targets = list(targets)
    for target in targets:  # keys said by name where they are shown (typing's "speak")
        for phrase in getattr(target, "said", ()):
            _add(phrases, phrase, target.action)
    numbered = [t for t in targets if t.number is not None]
    for target in numbered:
        number = NUMBER_WORDS[target.number] if target.number < len(NUMBER_WORDS) else None
        if number:
            for phrase in (f"number {number}", f"open {number}", number):
                _add(phrases, phrase, target.action)
        _add(phrases, spoken_words(target.label), target.action)
    # The last distinctive word of a title names its tile too ("treatment", "research"),
    # when it has two syllables or more and no other tile on the screen uses it.
    names = {t.id: _short_name(t.label) for t in numbered}
    counts: dict[str, int] = {}
    for target in numbered:
        for word in set(spoken_words(target.label).split()):
            counts[word] = counts.get(word, 0) + 1
    for target in numbered:
        name = names[target.id]
        if name and counts.get(name) == 1:
            _add(phrases, name, target.action)
    labels = {_voice(t.action): t.label for t in numbered}
    return Vocabulary(phrases, mode, labels)
