"""One Euro filter: steady when the eyes rest, quick when they move.

Casiez, Roussel and Vogel (CHI 2012). A low-pass filter whose cut-off frequency rises with
the speed of the signal: slow drift and jitter are smoothed hard, saccades pass with little lag.
"""

from __future__ import annotations

import math


def _alpha(cutoff_hz: float, dt: float) -> float:
    tau = 1.0 / (2.0 * math.pi * cutoff_hz)
    return 1.0 / (1.0 + tau / dt)


class OneEuroFilter2D:
    """Filter for a 2D point; `min_cutoff` in Hz, `beta` per unit/s of speed."""

    def __init__(self, min_cutoff: float = 0.5, beta: float = 0.003, d_cutoff: float = 1.0) -> None:
        if min_cutoff <= 0 or d_cutoff <= 0 or beta < 0:
            raise ValueError("One Euro filter cut-offs must be positive and beta not negative")
        self.min_cutoff, self.beta, self.d_cutoff = min_cutoff, beta, d_cutoff
        self.reset()

    def reset(self) -> None:
        self._t: float | None = None
        self._x = (0.0, 0.0)
        self._dx = (0.0, 0.0)

    def __call__(self, t: float, point: tuple[float, float]) -> tuple[float, float]:
        """Filtered point for a sample taken at time `t` (seconds)."""
        if self._t is None:
            self._t, self._x, self._dx = t, (float(point[0]), float(point[1])), (0.0, 0.0)
            return self._x
        dt = t - self._t
        if dt <= 0:  # same or older timestamp: nothing new to learn from
            return self._x
        self._t = t
        a_d = _alpha(self.d_cutoff, dt)
        raw_dx = ((point[0] - self._x[0]) / dt, (point[1] - self._x[1]) / dt)
        self._dx = (
            a_d * raw_dx[0] + (1 - a_d) * self._dx[0],
            a_d * raw_dx[1] + (1 - a_d) * self._dx[1],
        )
        speed = math.hypot(*self._dx)
        a = _alpha(self.min_cutoff + self.beta * speed, dt)
        self._x = (a * point[0] + (1 - a) * self._x[0], a * point[1] + (1 - a) * self._x[1])
        return self._x
