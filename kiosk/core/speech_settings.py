"""Handlers for the person's speech settings: faster, slower, louder, softer.

The range and step of each come from the settings schema (kiosk.settings)."""

from __future__ import annotations

from dataclasses import replace

import kiosk.core.words as words
from kiosk.actions import Command, Source
from kiosk.core.messages import SetSpeech
from kiosk.core.screen import Result, ScreenTable
from kiosk.core.state import State
from kiosk.settings import SPEECH_RATE, VOLUME


def rate(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    step = SPEECH_RATE.step if command is Command.FASTER else -SPEECH_RATE.step
    rate = int(SPEECH_RATE.clamp(state.speech_rate + step))
    caption = words.speed_caption(faster=step > 0, changed=rate != state.speech_rate)
    return replace(state, speech_rate=rate, caption=caption), [SetSpeech(rate, state.volume)]


def volume(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    step = VOLUME.step if command is Command.LOUDER else -VOLUME.step
    volume = round(VOLUME.clamp(state.volume + step), 2)
    caption = words.volume_caption(volume)
    return replace(state, volume=volume, caption=caption), [SetSpeech(state.speech_rate, volume)]
