"""What the core knows of the person and the shell over time: when someone last gave
input, whether "still there?" is asked, whether eye calibration runs, whether the kiosk
is speaking. The rules that use it live in kiosk/core/presence.py; the polite-speech
rule is here because every handler's effects pass through it (kiosk/core/dispatch.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import kiosk.core.words as words
from kiosk.core.messages import Effect, Speak
from kiosk.settings import DEFAULTS

STILL_THERE = words.STILL_THERE


@dataclass(frozen=True)
class Activity:
    idle_timeout_s: float = DEFAULTS.idle_timeout_s
    last_input: float = 0.0  # the shell's monotonic clock, seconds
    input_seen: bool = False  # a person gave input since the last Tick
    # a person gave input since the last idle reset: whatever they changed (privacy,
    # speed, volume, a typed message), on any screen, is put back for the next person
    visitor_seen: bool = False
    still_there: bool = False  # "Still there?" is asked
    calibrating: bool = False  # eye control runs a calibration
    speaking: bool = False  # the speech player is making sound
    speaking_politely: bool = False  # what it says is a scanned name (polite speech)


def polite_speech(activity: Activity, effects: list[Effect]) -> tuple[Activity, list[Effect]]:
    """A polite Speak (a scanned tile's name) is dropped while anything else is said,
    so it never cuts off a phrase, the help text or a reading."""
    if not any(isinstance(e, Speak) for e in effects):
        return activity, effects
    kept: list[Effect] = []
    for effect in effects:
        if isinstance(effect, Speak):
            if effect.polite and activity.speaking and not activity.speaking_politely:
                continue
            activity = replace(activity, speaking=True, speaking_politely=effect.polite)
        kept.append(effect)
    return activity, kept
