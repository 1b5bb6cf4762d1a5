"""Issue 16: a window that took the focus minimised the kiosk for good. The guard raises
and restores it, and gives up (so the supervisor restarts it) if it stays hidden."""

from __future__ import annotations

from kiosk.window_guard import GIVE_UP_AFTER_S, RAISE_AFTER_S, RETRY_S, WindowAction, WindowGuard


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_nothing_to_do_while_the_window_is_fine():
    guard = WindowGuard(Clock())
    guard.observe(True)
    assert guard.due() is WindowAction.NONE and guard.problem is None


def test_a_popup_taking_the_focus_is_answered_by_raising_the_kiosk_again():
    clock = Clock()
    guard = WindowGuard(clock)
    guard.focus_lost()
    assert guard.due() is WindowAction.NONE  # a moment's grace
    clock.now += RAISE_AFTER_S
    assert guard.due() is WindowAction.RAISE
    assert guard.due() is WindowAction.NONE  # not every frame
    clock.now += RETRY_S
    assert guard.due() is WindowAction.RAISE  # the popup kept it: again
    guard.focus_gained()
    clock.now += 10 * RETRY_S
    assert guard.due() is WindowAction.NONE and guard.attempts == 0


def test_a_minimised_window_is_restored_at_once_and_retried():
    clock = Clock()
    guard = WindowGuard(clock)
    guard.hidden()
    assert guard.due() is WindowAction.RESTORE and "minimised" in (guard.problem or "")
    clock.now += RETRY_S / 2
    assert guard.due() is WindowAction.NONE
    clock.now += RETRY_S / 2
    assert guard.due() is WindowAction.RESTORE
    guard.observe(True)
    assert guard.due() is WindowAction.NONE and guard.problem is None


def test_a_window_that_stays_hidden_is_given_up_so_the_supervisor_restarts_it():
    clock = Clock()
    guard = WindowGuard(clock)
    actions = []
    for _ in range(int(GIVE_UP_AFTER_S * 10) + 2):
        guard.observe(False)  # polled every frame: stays hidden
        actions.append(guard.due())
        clock.now += 0.1
    assert actions[-1] is WindowAction.GIVE_UP
    assert actions.count(WindowAction.RESTORE) == int(GIVE_UP_AFTER_S / RETRY_S)


def test_the_give_up_time_is_the_setting(make_app):
    assert make_app().window.window_guard.give_up_after_s == GIVE_UP_AFTER_S == 8.0
    assert make_app(window_give_up_s=3.0).window.window_guard.give_up_after_s == 3.0
