"""Issue 16: the staff PIN is salted and slow to guess, a plain PIN in the settings is
rejected, and wrong guesses meet growing delays and a lockout (fake clock, no sleeps)."""

from __future__ import annotations

import hashlib

import pytest

from kiosk import pin
from kiosk.pin import PinLockout, hash_pin, hash_problem, is_pin_hash, pin_matches

FAST = 2**4  # a cheap cost for tests that hash many times; one test uses the real cost


def test_the_real_hash_is_salted_slow_and_self_describing():
    first, second = hash_pin("2468"), hash_pin("2468", n=FAST)
    assert first.split("$")[2] != second.split("$")[2]  # a fresh salt each time
    assert first.startswith(f"scrypt$n={pin.COST_N},r=8,p=1$")
    assert pin_matches(" 2468 ", first) and not pin_matches("1357", first)
    assert is_pin_hash(first) and hash_problem(first) is None


def test_the_stored_costs_are_used_to_check():
    stored = hash_pin("2468", n=FAST)
    assert "n=16," in stored and pin_matches("2468", stored)
    assert not pin_matches("2469", stored)


@pytest.mark.parametrize("value", ["2468", "my pin 2468", "scrypt$n=16,r=8,p=1$abc", "sha256:"])
def test_a_plain_pin_or_a_broken_line_is_not_a_hash_and_matches_nothing(value):
    assert not is_pin_hash(value)
    problem = hash_problem(value)
    assert problem is not None and "pin-hash" in problem
    assert not pin_matches(value, value)  # typing the value itself does not open it
    assert not pin_matches("2468", value)


def test_absurd_costs_in_the_file_are_refused_not_run():
    good = hash_pin("2468", n=FAST)
    huge = good.replace("n=16,", f"n={2**30},")
    assert not is_pin_hash(huge) and not pin_matches("2468", huge)


def test_an_old_unsalted_hash_still_opens_but_is_reported():
    legacy = hashlib.sha256(b"2468").hexdigest()
    assert is_pin_hash(legacy) and pin_matches("2468", legacy)
    assert not pin_matches("1357", legacy)
    assert "old unsalted" in (hash_problem(legacy) or "")


def test_empty_means_no_pin_and_is_fine():
    assert hash_problem("") is None and hash_problem("  ") is None


def test_short_pins_are_refused():
    assert pin.pin_problem("12") and pin.pin_problem("   1 ") and pin.pin_problem("1234") is None


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_guesses_meet_growing_delays_then_a_lockout():
    clock = Clock()
    lockout = PinLockout(clock)
    stored = hash_pin("2468", n=FAST)
    waits = []
    for _ in range(pin.LOCK_AFTER):
        ok, state = lockout.attempt("0000", stored)
        assert not ok
        waits.append(state.wait_s)
        clock.now += state.wait_s
    assert waits[: pin.FREE_TRIES] == [0.0] * pin.FREE_TRIES  # a typo costs nothing
    assert waits[pin.FREE_TRIES : pin.LOCK_AFTER - 1] == sorted(
        waits[pin.FREE_TRIES : pin.LOCK_AFTER - 1]
    )
    assert 0 < waits[pin.FREE_TRIES] < waits[pin.LOCK_AFTER - 2]
    assert waits[-1] == pin.LOCKOUT_S
    # The last wait was not waited out here: undo, then try during the lockout.
    clock.now -= 1
    ok, state = lockout.attempt("2468", stored)  # even the right PIN is refused while locked
    assert not ok and state.locked and "locked for 1 minute" in state.message()
    clock.now += 1
    ok, state = lockout.attempt("2468", stored)
    assert ok and state.wait_s == 0 and lockout.failures == 0


def test_lockouts_double_and_are_capped():
    clock = Clock()
    lockout = PinLockout(clock)
    lengths = []
    for _ in range(6):
        for _ in range(pin.LOCK_AFTER):
            state = lockout.failed()
            clock.now += state.wait_s
        lengths.append(state.wait_s)
    assert lengths[:2] == [pin.LOCKOUT_S, 2 * pin.LOCKOUT_S]
    assert max(lengths) == lengths[-1] == pin.MAX_LOCKOUT_S


def test_brute_force_of_a_four_digit_pin_takes_days_not_seconds():
    """Without limits a keyboard brute force exited the kiosk in 102 s."""
    clock = Clock()
    lockout = PinLockout(clock)
    tried = 0
    while tried < 10_000:
        if not lockout.may_try():
            clock.now = lockout.blocked_until
        lockout.failed()
        tried += 1
    assert clock.now - 1000.0 > 5 * 24 * 3600


def test_the_delay_messages_are_plain_words():
    clock = Clock()
    lockout = PinLockout(clock)
    for _ in range(pin.FREE_TRIES + 1):
        state = lockout.failed()
    assert state.message() == ("That PIN is not right. Please wait 2 seconds before trying again.")
    assert lockout.state().wait_s == pin.FIRST_DELAY_S and not lockout.may_try()
