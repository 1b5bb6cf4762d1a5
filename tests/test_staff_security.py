"""Issue 16: the staff PIN can no longer be beaten at the kiosk. Growing delays and a
lockout (shown and spoken), the screen closes itself, Exit asks for the PIN again, and
the newest problem is listed first. A fake clock: no real waiting."""

from __future__ import annotations

import logging

import pygame
import pytest

from kiosk import pin
from kiosk.pin import hash_pin
from kiosk.supervisor import STAFF_EXIT_CODE
from tests.support import FakeClock

CTRL_SHIFT = pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT
PIN = "2468"
STORED = hash_pin(PIN, n=2**4)  # cheap cost: this file types many PINs


def key(app, code: int, mod: int = 0, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=text))
    app.step(app.clock())


def type_pin(app, digits: str) -> None:
    for digit in digits:
        key(app, getattr(pygame, f"K_{digit}"), text=digit)
    key(app, pygame.K_RETURN)


@pytest.fixture
def app(make_app):
    clock = FakeClock()
    app = make_app(clock=clock, staff_pin_hash=STORED, idle_timeout_s=120)
    app.said = []
    app.staff.say = app.said.append
    return app


def test_wrong_pins_meet_delays_then_a_lockout_shown_and_spoken(app, caplog):
    key(app, pygame.K_e, CTRL_SHIFT)
    for _ in range(pin.LOCK_AFTER):
        type_pin(app, "1111")
        app.clock.advance(app.staff.lockout.state().wait_s)
    app.clock.advance(-1)  # still inside the lockout
    type_pin(app, PIN)  # refused unchecked
    view = app.staff.view
    assert view.pin_needed and "locked for" in view.pin_message
    assert any("locked for" in said for said in app.said)
    assert "staff mode locked" in caplog.text and PIN not in caplog.text
    app.clock.advance(1)
    type_pin(app, PIN)
    assert not app.staff.view.pin_needed


def test_a_delay_refuses_even_the_right_pin_until_it_is_over(app):
    key(app, pygame.K_e, CTRL_SHIFT)
    for _ in range(pin.FREE_TRIES + 1):
        type_pin(app, "1111")
    assert "Please wait 2 seconds" in app.staff.view.pin_message
    type_pin(app, PIN)
    assert app.staff.view.pin_needed
    app.clock.advance(pin.FIRST_DELAY_S)
    type_pin(app, PIN)
    assert not app.staff.view.pin_needed


def test_the_staff_screen_closes_itself_when_left_alone(make_app):
    clock = FakeClock()
    app = make_app(clock=clock, idle_timeout_s=15)
    key(app, pygame.K_e, CTRL_SHIFT)
    assert app.staff.open
    clock.advance(14)
    app.step(clock())
    assert app.staff.open
    key(app, pygame.K_1 + 20)  # any key keeps it open
    clock.advance(14)
    app.step(clock())
    assert app.staff.open
    clock.advance(1)
    app.step(clock())
    assert not app.staff.open


def test_exit_on_the_staff_screen_asks_for_the_pin_again(app):
    key(app, pygame.K_e, CTRL_SHIFT)
    type_pin(app, PIN)
    assert app.staff.open and not app.staff.view.pin_needed
    key(app, pygame.K_6)  # Exit: a visitor finding the screen open cannot end the kiosk
    app.step(app.clock())
    assert app.running and app.staff.view.pin_needed
    assert "again" in app.staff.view.pin_message
    type_pin(app, PIN)
    app.step(app.clock())
    assert not app.running and app.exit_code == STAFF_EXIT_CODE


def test_problems_are_listed_newest_first(app):
    key(app, pygame.K_e, CTRL_SHIFT)
    type_pin(app, PIN)
    logging.getLogger("kiosk.test").warning("an older problem")
    logging.getLogger("kiosk.test").warning("the newest problem")
    app.clock.advance(0.1)  # the next frame of the staff screen
    app.step(app.clock())
    assert app.staff.view.problems[0].endswith("the newest problem")
