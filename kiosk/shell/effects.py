"""The effect interpreter: a table from each effect the core returns to its handler.

The core says what should happen as plain data (kiosk/core/messages.py `Effect`); each
handler here carries one kind out with the shell's services. A new effect adds its type
to `Effect` and one handler to `HANDLERS` (tests/shell/test_effects.py checks every effect type
has one).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from kiosk.actions import Action
from kiosk.core.messages import (
    DeviceMode,
    DeviceRequest,
    Effect,
    LogLine,
    PlaySound,
    Record,
    RunTask,
    SetSpeech,
    ShellTask,
    Speak,
    SpeechControl,
    SwitchChose,
)
from kiosk.shell.speech_service import SpeechService
from kiosk.usage import UsageCounter

log = logging.getLogger("kiosk.app")


class Shell(Protocol):
    """What the handlers need of the running kiosk (kiosk/app.py App)."""

    @property
    def sound(self) -> SpeechService: ...

    @property
    def usage(self) -> UsageCounter: ...

    def device_request(self, what: DeviceMode) -> None: ...

    def run_task(self, task: ShellTask) -> None: ...

    def note_choice(self, action: Action) -> None: ...


def _speak(shell: Shell, effect: Speak) -> None:
    shell.sound.speak(effect.items)


def _speech_control(shell: Shell, effect: SpeechControl) -> None:
    shell.sound.control(effect.what)


def _set_speech(shell: Shell, effect: SetSpeech) -> None:
    shell.sound.set_speech(effect.speech_rate, effect.volume)


def _play_sound(shell: Shell, effect: PlaySound) -> None:
    shell.sound.play(effect.name.value)


def _device_request(shell: Shell, effect: DeviceRequest) -> None:
    shell.device_request(effect.what)


def _record(shell: Shell, effect: Record) -> None:
    shell.usage.count(effect.event, effect.detail, effect.source)


def _run_task(shell: Shell, effect: RunTask) -> None:
    shell.run_task(effect.task)


def _switch_chose(shell: Shell, effect: SwitchChose) -> None:
    shell.note_choice(effect.action)


def _log_line(shell: Shell, effect: LogLine) -> None:
    log.info("%s", effect.text)


HANDLERS: dict[type[Any], Callable[[Shell, Any], None]] = {
    Speak: _speak,
    SpeechControl: _speech_control,
    SetSpeech: _set_speech,
    PlaySound: _play_sound,
    DeviceRequest: _device_request,
    Record: _record,
    RunTask: _run_task,
    LogLine: _log_line,
    SwitchChose: _switch_chose,
}


def perform(shell: Shell, effect: Effect) -> None:
    HANDLERS[type(effect)](shell, effect)
