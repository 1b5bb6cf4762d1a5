"""The real app, headless: a sentence typed on the typing screen by one switch and by
simulated gaze (the kiosk's dwell rules on looks at the keys' rectangles), and what the
speech engine is asked to say."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pygame
import pytest

from kiosk import core
from kiosk.actions import Press, Source
from kiosk.gaze.dwell import DwellSelector
from kiosk.testing import FakeClock
from kiosk.typing.cost import next_key

SENTENCE = "I need help with my coat."


class Player:
    """Records what the app asks to be said."""

    def __init__(self) -> None:
        self.said: list[list[tuple[str, float | None]]] = []
        self.ahead: list[list[str]] = []

    is_speaking = False

    def speak(self, items: Sequence[Any]) -> None:
        self.said.append([(item.text, item.volume) for item in items])

    def update(self) -> list[Any]:
        return []

    def stop(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def set_rate(self, wpm: int) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def append(self, items: Sequence[Any]) -> None: ...
    def synthesize_ahead(self, items: Sequence[Any]) -> None:
        self.ahead.append([item.text for item in items])

    def close(self) -> None: ...


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(make_app, clock):
    app = make_app(clock=clock, size=(1920, 1080), scan_speak_names=False)
    app.speech = Player()
    return app


def frame(app, clock: FakeClock, seconds: float = 1 / 30) -> None:
    clock.advance(seconds)
    app.step(clock())


def key(app, clock: FakeClock, code: int = pygame.K_SPACE, unicode: str = " ") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=unicode))
    frame(app, clock)
    frame(app, clock, 0.2)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0))
    frame(app, clock)


def open_typing(app, clock) -> None:
    for label in ("Talk", "Type a message"):
        target = next(t for t in core.content_targets(app.state) if t.label == label)
        app.post(Press(target.id, Source.POINTER))
        frame(app, clock)
    assert core.screen_kind(app.state) == "typing"


def said_texts(app) -> list[str]:
    return [text for items in app.speech.said for text, _ in items]


def test_a_sentence_typed_by_one_switch_is_said(app, clock, caplog):
    caplog.set_level(logging.DEBUG, logger="kiosk")
    open_typing(app, clock)
    key(app, clock)  # the first press starts the scan
    presses = 0
    while not app.speech.said or SENTENCE not in said_texts(app):
        wanted = next_key(app.state, SENTENCE)
        for _ in range(int(40 / (1 / 30))):  # wait for the highlight (40 s at most)
            light = core.scan_highlight(app.state)
            if light is not None and wanted in light.target_ids:
                break
            frame(app, clock)
        else:
            raise AssertionError(f"{wanted} never highlighted")
        key(app, clock)
        presses += 1
        assert presses < 200
    assert app.speech.said[-1] == [(SENTENCE, 1.0)]  # the Talk volume
    assert "coat" not in caplog.text.lower()


def test_a_sentence_typed_by_simulated_gaze_is_said(app, clock, caplog):
    """Looks go to the middle of the key the person wants; the kiosk's dwell rules turn
    them into choices, posted as the gaze device posts them."""
    caplog.set_level(logging.DEBUG, logger="kiosk")
    app.status.gaze = replace(app.status.gaze, available=True)
    open_typing(app, clock)
    dwell = DwellSelector(app._target_rects())
    looks = 0
    while SENTENCE not in said_texts(app):
        rects = app._target_rects()
        if set(rects) != set(dwell.targets):
            dwell.set_targets(rects)  # a new page of keys, as the gaze device is told
        x, y, w, h = rects[next_key(app.state, SENTENCE)]
        chosen = dwell.update(clock(), (x + w / 2, y + h / 2))
        if chosen is not None:
            app.post(Press(chosen, Source.GAZE))
        frame(app, clock)
        looks += 1
        assert looks < 30 * 120, "two minutes of looking"
    assert app.speech.said[-1] == [(SENTENCE, 1.0)]
    assert [SENTENCE] in app.speech.ahead  # made while the last word was chosen
    assert app.layout is not None and all(w >= 300 and h >= 200 for *_, w, h in app.layout.tiles)
    assert "coat" not in caplog.text.lower()


def test_the_keyboard_types_on_the_real_screen(app, clock):
    open_typing(app, clock)
    for ch in "Hi":
        code = pygame.key.key_code(ch.lower())
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=ch))
        frame(app, clock)
    assert app.state.typing.text == "Hi"
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode=""))
    frame(app, clock)
    assert app.state.typing.text == "H" and core.screen_kind(app.state) == "typing"


def test_the_staff_screen_says_what_prediction_uses(app, clock):
    line = next(line for line in app._staff_lines() if line.startswith("Typing:"))
    assert line.startswith("Typing: word prediction from ")
    assert line.endswith(" words and the general English model")
    assert int(line.split()[4].replace(",", "")) > 20000  # the list and the fact sheet's own


def test_the_space_bar_types_a_space_for_a_keyboard_typist_and_stays_the_switch_when_scanning(
    app, clock
):
    open_typing(app, clock)
    for code, ch in ((pygame.K_h, "h"), (pygame.K_i, "i"), (pygame.K_SPACE, " ")):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=ch))
        frame(app, clock)
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode=ch))
        frame(app, clock)
    assert app.state.typing.text == "Hi " and not app.state.scan.active
    app.post(core.SwitchPressed(clock()))  # a long blink: scanning starts
    frame(app, clock)
    key(app, clock)  # now the space bar is the switch again
    assert app.state.typing.text == "Hi " and app.state.scan.active


def test_touch_types_and_speaks(app, clock):
    open_typing(app, clock)
    for target in ("type:letter:h", "type:letter:i", "type:speak"):
        x, y, w, h = app._target_rects()[target]
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(x + w // 2, y + h // 2))
        )
        frame(app, clock)
    assert app.speech.said[-1] == [("Hi", 1.0)]
    counted = {(event, detail) for (_, event, detail, _), n in app.usage.counts.items() if n}
    assert {("open typing", ""), ("say message", "")} <= counted  # counts, never the words


def post_keys(text: str) -> None:
    for ch in text:
        code = pygame.K_SPACE if ch == " " else pygame.key.key_code(ch.lower())
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=ch))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode=ch))


def test_fast_keyboard_typing_keeps_every_space(app, clock):
    """Issue 30, item 6: a space in the same batch of events as the letter before it was
    the switch (2 of 10 spaces lost, and scanning started)."""
    open_typing(app, clock)
    words = "i need a nurse now please help me with my coat"
    post_keys(words)  # one batch: every key before the next frame
    frame(app, clock)
    assert app.state.typing.text.lower() == words and not app.state.scan.active
    for word in (" and", " my", " bag"):  # then a few keys per frame, as 8 ms apart
        post_keys(word)
        frame(app, clock)
    assert app.state.typing.text.lower().endswith("coat and my bag")
    assert not app.state.scan.active


def test_the_space_bar_is_still_the_switch_away_from_typing(app, clock):
    key(app, clock)  # held as a switch is
    assert app.state.scan.active  # the home screen: the space bar starts scanning
    open_typing(app, clock)
    post_keys("hi")
    frame(app, clock)
    key(app, clock)  # scanning runs: on the typing screen too the space bar is the switch
    assert app.state.typing.text.lower() == "hi" and app.state.scan.active
