"""The one notice about controls that are down, worded from all of them at once.

Each device used to write its own notice: with the camera down and the microphone
missing, the screen took turns saying "Voice control is off right now. Touch and eyes
still work." and "Eye control is off right now. Voice and touch still work.", each
wrong about the other. `controls_notice` says which controls are off and what still
works, from the state of all of them. Pure: the app passes what it knows.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

# How each control is named on screen, in the order they are listed.
_OFF_NAMES = {"voice": "Voice control", "gaze": "Eye control"}
_WORKING_NAMES = {"voice": "voice", "gaze": "eyes", "touch": "touch"}


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def controls_notice(working: Mapping[str, bool | None]) -> str | None:
    """The notice for the controls, or None when nothing the settings asked for is down.

    `working` maps "voice" and "gaze" to True (working), False (asked for but not working)
    or None (turned off in the settings or by privacy mode: not a problem to announce, and
    not offered as what still works). Touch and keyboard always work.
    """
    off = [name for name in _OFF_NAMES if working.get(name) is False]
    if not off:
        return None
    still = [_WORKING_NAMES[name] for name in _OFF_NAMES if working.get(name) is True]
    still.append(_WORKING_NAMES["touch"])
    names = [_OFF_NAMES[name] for name in off]
    if len(names) == 2:
        subject = "Voice and eye control are"
    else:
        subject = f"{names[0]} is"
    verb = "works" if len(still) == 1 else "work"
    return f"{subject} off right now. {_join(still).capitalize()} still {verb}."


def shown_notices(notices: tuple[tuple[str, str], ...], present: Collection[str]) -> list[str]:
    """The notices to show: the voice and eye-control ones become one, worded from both
    (each device's own said the other still worked, even when it did not). `present`: the
    devices the kiosk runs, by name."""
    topics = dict(notices)
    working = {
        name: False if name in topics else (True if name in present else None)
        for name in ("voice", "gaze")
    }
    shown = [text for topic, text in notices if topic not in working]
    controls = controls_notice(working)
    return shown + [controls] if controls else shown
