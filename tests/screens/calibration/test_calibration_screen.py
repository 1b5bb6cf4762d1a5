from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from kiosk import machine
from kiosk.gaze.calibration import CalibrationSession, ScreenGeometry  # noqa: E402
from kiosk.gaze.layouts import candidate_layouts  # noqa: E402
from kiosk.screens.calibration.drawing import draw_calibration  # noqa: E402
from tests.support.gaze_simulate import SyntheticEye  # noqa: E402

COLOURS = {"background": (0, 0, 0), "text": (255, 255, 255), "accent": (255, 214, 0)}


def test_draws_target_then_result():
    pygame.init()
    surface = pygame.Surface((960, 540))
    eye = SyntheticEye(
        geometry=__import__("kiosk.gaze.calibration", fromlist=["x"]).ScreenGeometry((960, 540))
    )
    s = CalibrationSession((960, 540), "quick", start=0.0, geometry=eye.geometry)
    s.update(s.move_s + s.settle_s + 0.01)
    draw_calibration(surface, s, COLOURS)
    x, y, r = s.target()
    assert surface.get_at((round(x + r * 0.6), round(y)))[:3] == (255, 214, 0)
    t = 0.0
    while s.stage in ("calibrate", "validate"):
        s.update(t, [(t, eye.features(s.target()[:2]))])
        t += 1 / 30
    assert s.stage == "result"
    draw_calibration(surface, s, COLOURS, progress={"calib:done": 0.5})
    x, y, w, h = s.result_targets()["calib:done"]
    fill = (0, 120, 215)  # the default dwell fill: a bar along the bottom, half across
    assert surface.get_at((x + w // 4, y + h - 14))[:3] == fill
    assert surface.get_at((x + w * 3 // 4, y + h - 14))[:3] != fill
    assert surface.get_at((x + w // 2, y + h // 2 - 30))[:3] != fill, "the label keeps contrast"
    pygame.quit()


def test_the_calibration_result_choices_suit_every_layout():
    """The two choices after a calibration are larger than any layout's targets: they must
    suit the accuracy just measured, whatever it was."""
    size = (1920, 1080)
    session = CalibrationSession(size, "quick", start=0.0)
    session.stage = "result"
    choices = session.result_targets()
    halves = next(x for x in candidate_layouts(ScreenGeometry(size)) if x.name == "halves")
    biggest_needed = min(min(r[2:]) for r in halves.rects.values())
    for x, y, w, h in choices.values():
        assert min(w, h) >= biggest_needed and x >= 0 and x + w <= 1920 and y + h <= 1080
        assert y >= 0.5 * 1080, "below the result text"
    a, b = choices.values()
    assert b[0] - (a[0] + a[2]) >= 100, "well apart"


def test_a_point_asked_again_matches_the_approved_snapshot(snapshot, screen_library):
    """A calibration point asked again (its first look was a glance away): the dot with a
    ring around it and "Once more, please"."""
    from kiosk.device_contract import GazeStatus
    from kiosk.view.render import ViewStatus
    from kiosk.view.theme import DARK

    session = CalibrationSession((1920, 1080), "full", start=0.0)
    for i, p in enumerate(session._cal):
        p.samples = [] if i == 2 else [__import__("numpy").zeros(10)] * 6
    session.index = 8
    assert session._ask_outliers_again() and session.index == 2
    session.update(session.move_s + session.settle_s + 0.3)
    surface = pygame.Surface((1920, 1080))
    status = ViewStatus(gaze=GazeStatus(calibration=session))
    machine.renderer(DARK).draw(surface, machine.demo_state(screen_library, "home"), status)
    snapshot(surface, "calibration-asked-again-1920x1080")
