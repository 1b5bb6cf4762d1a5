"""What to do with a recognition: act, ignore, ask for it again, or say "Sorry, I didn't
catch that".

Pure decisions, so the barge-in and echo rules are tested without audio.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.actions import Action, Select
from kiosk.voice.types import Recognition
from kiosk.voice.vocabulary import Vocabulary
from kiosk.voice.words import did_you_say, heard_caption, not_caught


@dataclass(frozen=True)
class Decision:
    action: Action | None
    caption: str  # shown on screen; "" shows nothing
    outcome: str  # "accepted" | "repeated" | "almost" | "rejected" | "echo" | "ignored"
    # "almost": the one command the kiosk was unsure of (between it and nothing), for the
    # screen to ask about ("Next page? Say yes, or look at Yes"); None otherwise.
    unsure: Action | None = None


def quoted(phrases: list[str]) -> str:
    return ", ".join(f"\u201c{p}\u201d" for p in phrases)


def decide(
    recognition: Recognition,
    vocabulary: Vocabulary,
    kiosk_words: set[str],
    near_miss: Recognition | None = None,
) -> Decision:
    """`kiosk_words`: words the kiosk spoke during or just before this utterance.
    `near_miss`: the previous utterance, when it was a repeatable rejection heard less
    than `REPEAT_WINDOW_S` ago (the listener keeps it)."""
    phrase = recognition.phrase
    action = vocabulary.action_for(phrase) if phrase else None
    heard_action = vocabulary.action_for(recognition.heard) if recognition.heard else None
    if kiosk_words and recognition.heard and set(recognition.heard.split()) <= kiosk_words:
        return Decision(None, "", "echo")  # the kiosk hearing its own voice
    said_twice = (
        near_miss is not None
        and near_miss.heard == recognition.heard
        and (recognition.repeatable or action is not None)
    )
    if said_twice and heard_action is not None and vocabulary.mode != "asleep":
        return Decision(heard_action, heard_caption(recognition.heard), "repeated")
    if action is None or phrase is None:
        if vocabulary.mode != "normal":
            # asleep, or the kiosk is talking: stay quiet (a near miss of "stop" still
            # counts if it is said again)
            almost = recognition.repeatable and heard_action and vocabulary.mode != "asleep"
            return Decision(None, "", "almost" if almost else "ignored")
        sorry = not_caught(quoted(vocabulary.suggestions()))
        if recognition.repeatable and heard_action is not None:
            if isinstance(heard_action, Select):
                label = vocabulary.label_for(heard_action).rstrip("?.!")  # "What is ALS?"
                said = f"\u201c{recognition.heard}\u201d" + (f", {label}" if label else "")
                ask = did_you_say(said)
                return Decision(None, ask, "almost", heard_action)
            # not "Did you say stop?": the prompt is spoken, and the kiosk would hear
            # itself say "stop" (its prompts do not count as echo, see SpeechItem)
            return Decision(None, sorry, "almost", heard_action)
        return Decision(None, sorry, "rejected")
    return Decision(action, heard_caption(phrase), "accepted")
