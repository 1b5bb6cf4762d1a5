"""Dwell selection: look at a tile until it fills, then it is chosen.

Pure logic with time passed in, so it is tested on recorded or generated gaze traces.
The gaze point is assigned to a target (tile), not a pixel: the nearest target within a
capture margin, and the current target keeps the gaze until it is clearly elsewhere
(hysteresis). A target must hold the gaze for a short lock-on before its fill starts; a
brief glance away lets the fill fade instead of resetting it; blinks and a lost face
freeze everything (they are not looking away); after a selection nothing fills for a
cool-down, so a lingering look does not select twice. Looking at the pause target
("gaze:pause") toggles pause; while paused only that target is live.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from kiosk.actions import GAZE_PAUSE_TARGET
from kiosk.gaze.points import GazeSample
from kiosk.layout import FloatRect, float_rects
from kiosk.settings import DEFAULTS

PAUSE_TARGET = GAZE_PAUSE_TARGET


def distance_to_rect(point: tuple[float, float], rect: FloatRect) -> float:
    """Distance in px from a point to a rectangle (0 inside it)."""
    x, y, w, h = rect
    dx = max(x - point[0], 0.0, point[0] - (x + w))
    dy = max(y - point[1], 0.0, point[1] - (y + h))
    return math.hypot(dx, dy)


class DwellSelector:
    def __init__(
        self,
        targets: Mapping[str, FloatRect],
        dwell_s: float = DEFAULTS.dwell_s,
        lock_on_s: float = 0.2,
        glance_grace_s: float = DEFAULTS.glance_grace_s,
        cooldown_s: float = 1.0,
        hysteresis_px: float = 60.0,
        capture_px: float = 40.0,
        lost_reset_s: float = 3.0,
        pause_target: str = PAUSE_TARGET,
        exit_growth: float = 0.0,
        exit_window_s: float = 10.0,
    ) -> None:
        """`exit_growth`: each fill abandoned in the last `exit_window_s` (the eye moved on
        from a tile it was filling: skimming) makes the dwell this share longer, up to
        double; 0 keeps the dwell fixed."""
        if dwell_s <= 0 or lock_on_s < 0 or glance_grace_s < 0 or cooldown_s < 0:
            raise ValueError("dwell time must be positive and the other times not negative")
        self.dwell_s, self.lock_on_s, self.glance_grace_s = dwell_s, lock_on_s, glance_grace_s
        self.cooldown_s, self.hysteresis_px, self.capture_px = cooldown_s, hysteresis_px, capture_px
        self.lost_reset_s, self.pause_target = lost_reset_s, pause_target
        self.exit_growth, self.exit_window_s = exit_growth, exit_window_s
        self._exits: list[float] = []
        self.paused = False
        self._cooldown_left = 0.0
        self._last_t: float | None = None
        self.set_targets(targets)

    # -- screen changes -------------------------------------------------------------
    def set_targets(self, targets: Mapping[str, FloatRect]) -> None:
        """New screen: new targets, all fills start from zero (pause and cool-down persist)."""
        self.targets = float_rects(targets)
        self._fills: dict[str, float] = dict.fromkeys(self.targets, 0.0)
        self.current: str | None = None  # target the gaze is on now
        self._on_s = 0.0  # time on `current`
        self._locked: str | None = None  # target whose fill is running
        self._away_s = 0.0  # time away from the locked target
        self._lost_s = 0.0

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self._clear()

    def _clear(self) -> None:
        self._fills = dict.fromkeys(self.targets, 0.0)
        self._locked, self._away_s, self._on_s = None, 0.0, 0.0

    # -- queries --------------------------------------------------------------------
    def progress(self) -> dict[str, float]:
        """Fill of every target, 0..1, for the view to draw."""
        return dict(self._fills)

    def live_targets(self) -> dict[str, FloatRect]:
        if self.paused:
            return {k: v for k, v in self.targets.items() if k == self.pause_target}
        return self.targets

    def assign(self, point: tuple[float, float]) -> str | None:
        """The target this gaze point belongs to, with hysteresis towards the current one."""
        live = self.live_targets()
        if not live:
            return None
        if (
            self.current in live
            and distance_to_rect(point, live[self.current]) <= self.hysteresis_px
        ):
            return self.current
        nearest = min(live, key=lambda k: distance_to_rect(point, live[k]))
        return nearest if distance_to_rect(point, live[nearest]) <= self.capture_px else None

    def look_ended(self) -> float | None:
        """When the look that chose last ended: at the choice itself."""
        return self._last_t

    def confirm_target(self) -> tuple[str, FloatRect] | None:
        return None  # dwell needs no confirm

    def looked_at(self) -> str | None:
        """The target whose fill runs (locked on), if any."""
        return self._locked

    def _note_exit(self, now: float) -> None:
        if self.exit_growth and self._locked is not None and self._fills[self._locked] > 0.1:
            self._exits.append(now)

    def _dwell_now(self, now: float) -> float:
        if not self.exit_growth:
            return self.dwell_s
        self._exits = [t for t in self._exits if now - t <= self.exit_window_s]
        return self.dwell_s * min(2.0, 1.0 + self.exit_growth * len(self._exits))

    # -- time steps -----------------------------------------------------------------
    def choose(self, sample: GazeSample) -> list[str]:
        """The Trigger interface (kiosk.gaze.triggers) over `update`."""
        chosen = self.update(sample.time, sample.point, sample.frozen)
        return [chosen] if chosen else []

    def update(
        self, now: float, point: tuple[float, float] | None, blink: bool = False
    ) -> str | None:
        """Advance to `now` (seconds) with the latest gaze point (None = no face).

        Returns the id of the target selected at this step, if any.
        """
        dt = 0.0 if self._last_t is None else min(max(now - self._last_t, 0.0), 0.25)
        self._last_t = now
        if point is None:
            self._lost_s += dt
            if self._lost_s >= self.lost_reset_s:  # gone for a while: start afresh on return
                self._clear()
                self.current = None
            return None
        self._lost_s = 0.0
        if blink:
            return None  # eyes closed: freeze fills, lock-on and grace timers
        if self._cooldown_left > 0:
            self._cooldown_left = max(0.0, self._cooldown_left - dt)
            self.current = self.assign(point)
            self._on_s = 0.0  # a lingering look must lock on again after the cool-down
            return None

        target = self.assign(point)
        if target != self.current:
            self.current, self._on_s = target, 0.0
        else:
            self._on_s += dt

        on_locked = self._locked is not None and target == self._locked
        if not on_locked and target is not None and self._on_s >= self.lock_on_s:
            self._note_exit(now)
            self._locked, on_locked = target, True  # a new target takes over
        if on_locked and target is not None:
            self._away_s = 0.0
            self._fills[target] = min(1.0, self._fills[target] + dt / self._dwell_now(now))
        else:
            self._away_s += dt
            if self._away_s > self.glance_grace_s:
                self._note_exit(now)
                self._locked = None
        # Fills not being fed fade: slowly for the locked target during a brief glance away.
        for key, fill in self._fills.items():
            if fill <= 0 or (on_locked and key == self._locked):
                continue
            rate = 0.5 if key == self._locked else 2.0
            self._fills[key] = max(0.0, fill - rate * dt / self.dwell_s)

        if on_locked and self._locked is not None and self._fills[self._locked] >= 1.0:
            chosen = self._locked
            self._clear()
            self._cooldown_left = self.cooldown_s
            if chosen == self.pause_target:
                self.paused = not self.paused
            return chosen
        return None
