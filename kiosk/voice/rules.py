"""What to do with a recognition: act, ignore, or say "Sorry, I didn't catch that".

Pure decisions, so the barge-in and echo rules are tested without audio.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.actions import Action
from kiosk.voice.types import Recognition
from kiosk.voice.vocabulary import Vocabulary

ECHO_WINDOW_S = 1.5  # what the kiosk said this recently may still be heard from the room


@dataclass(frozen=True)
class Decision:
    action: Action | None
    caption: str  # shown on screen; "" shows nothing
    outcome: str  # "accepted" | "rejected" | "echo" | "ignored"


def quoted(phrases: list[str]) -> str:
    return ", ".join(f"\u201c{p}\u201d" for p in phrases)


def decide(recognition: Recognition, vocabulary: Vocabulary, kiosk_words: set[str]) -> Decision:
    """`kiosk_words`: words the kiosk spoke during or just before this utterance."""
    phrase = recognition.phrase
    action = vocabulary.action_for(phrase) if phrase else None
    if action is None or phrase is None:
        if vocabulary.mode != "normal":
            return Decision(None, "", "ignored")  # asleep or the kiosk is talking: stay quiet
        return Decision(
            None,
            "Sorry, I didn't catch that. You can say " + quoted(vocabulary.suggestions()),
            "rejected",
        )
    if kiosk_words and set(phrase.split()) <= kiosk_words:
        return Decision(None, "", "echo")  # the kiosk hearing its own voice
    return Decision(action, f"Heard: {phrase}", "accepted")
