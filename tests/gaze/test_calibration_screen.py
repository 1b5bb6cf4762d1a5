from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

from kiosk.gaze.calibration import CalibrationSession  # noqa: E402
from kiosk.gaze.calibration_screen import draw_calibration  # noqa: E402
from kiosk.gaze.simulate import SyntheticEye  # noqa: E402

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
    assert surface.get_at((x + w // 2, y + h - 10))[:3] != (0, 0, 0)  # half-filled choice
    pygame.quit()
