"""The effect interpreter: every effect the core can return has exactly one handler, and
each handler does its one thing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

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
    Sound,
    Speak,
    SpeakItem,
    SpeechCommand,
    SpeechControl,
    SpeechKey,
)
from kiosk.shell import effects, tasks


def test_every_effect_type_has_a_handler():
    assert set(effects.HANDLERS) == set(get_args(Effect))


def test_every_shell_task_has_a_handler():
    assert set(tasks.TASKS) == set(ShellTask)


@dataclass
class Sound_:
    done: list[tuple] = field(default_factory=list)

    def speak(self, items):
        self.done.append(("speak", tuple(i.text for i in items)))

    def control(self, what):
        self.done.append(("control", what))

    def set_speech(self, rate, volume):
        self.done.append(("set", rate, volume))

    def play(self, name):
        self.done.append(("play", name))


@dataclass
class Usage:
    counted: list[tuple] = field(default_factory=list)

    def count(self, event, detail, source):
        self.counted.append((event, detail, source))


@dataclass
class Shell:
    sound: Sound_ = field(default_factory=Sound_)
    usage: Usage = field(default_factory=Usage)
    asked: list[object] = field(default_factory=list)

    def device_request(self, what):
        self.asked.append(what)

    def run_task(self, task):
        self.asked.append(task)


def test_each_effect_reaches_its_service(caplog):
    shell = Shell()
    item = SpeakItem(SpeechKey(1), "Hello", "announce")
    for effect in [
        Speak((item,)),
        SpeechControl(SpeechCommand.PAUSE),
        SetSpeech(180, 0.5),
        PlaySound(Sound.SELECT),
        DeviceRequest(DeviceMode.CALIBRATE),
        Record("read", "ALS", "voice"),
        RunTask(ShellTask.RELOAD_CONTENT),
    ]:
        effects.perform(shell, effect)
    with caplog.at_level("INFO", logger="kiosk.app"):
        effects.perform(shell, LogLine("idle for 120 s"))
    assert shell.sound.done == [
        ("speak", ("Hello",)),
        ("control", SpeechCommand.PAUSE),
        ("set", 180, 0.5),
        ("play", "select"),
    ]
    assert shell.usage.counted == [("read", "ALS", "voice")]
    assert shell.asked == [DeviceMode.CALIBRATE, ShellTask.RELOAD_CONTENT]
    assert "idle for 120 s" in caplog.text
