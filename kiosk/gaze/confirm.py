"""Look and confirm: the tile looked at is highlighted; a second, short look confirms it.

Dwell alone chooses what the eye merely rests on while reading tile labels. Here looking
only highlights: once the gaze has settled on a tile for `lock_on_s` the tile is
highlighted and a confirm target appears beside it; a look of `confirm_s` at that confirm
target chooses the tile. Any other trigger can confirm the highlighted tile as well (a
switch press, a long blink, a spoken "this": the core chooses `looked_at()`).

The confirm target is a tab on the tile's bottom (or top) edge, mostly outside it; the gaze
must arrive on it from the highlighted tile, after it has been shown for `seen_s` (a look on
purpose, not a skim that lands there), and stay there in one steady look; looks that land on
it from elsewhere only move the highlight. While it is shown the gaze belongs to it first.
The highlight stays through short looks away and blinks, and goes when the gaze has been
elsewhere for `keep_s` or the face is gone. After a choice nothing is highlighted for
`cooldown_s`.

Pure logic with time passed in (the Trigger interface of kiosk.gaze.triggers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from kiosk.gaze.dwell import PAUSE_TARGET, distance_to_rect
from kiosk.gaze.points import GazeSample
from kiosk.layout import FloatRect, float_rects
from kiosk.settings import DEFAULTS

CONFIRM_SUFFIX = ":confirm"  # the confirm target's id is the tile's id + this (for drawing)


@dataclass(frozen=True)
class ConfirmSettings:
    lock_on_s: float = 0.3
    """Steady look before a tile is highlighted (and its confirm target shown)."""
    confirm_s: float = DEFAULTS.gaze_confirm_s
    """One steady look at the confirm target this long chooses the highlighted tile."""
    steady_px: float = 45.0
    """...steady: within this of the look's mean place (a skim that reads on across the
    neighbouring tile moves further than this each fixation, and starts again). Grows with
    the person's measured error (`steady_for_accuracy`): noisier eyes wander more."""
    keep_s: float = 1.5
    """The highlight stays while the gaze is on no other tile for this long."""
    cooldown_s: float = 1.0
    """After a choice, nothing is highlighted for this long."""
    size: tuple[float, float] = (300.0, 200.0)
    """The confirm target (the smallest gaze target the kiosk draws, at 1920x1080)."""
    seen_s: float = 0.15
    """The confirm target must have been shown this long, with the gaze on the tile, before
    a look at it counts: a saccade launched sooner was planned before it appeared."""
    show_confirm: bool = True
    """False: the highlight alone (another trigger confirms: a switch, a blink, a word)."""
    hysteresis_px: float = 60.0
    capture_px: float = 40.0
    lost_reset_s: float = 3.0


INSIDE_SHARE = 0.2  # of the confirm target inside its tile (bench_gaze.py chose it)


STEADY_SHARE = 0.45  # of the measured error (px) a steady look may wander


def steady_for_accuracy(error_px: float, floor_px: float = 45.0) -> float:
    """How far a steady look may wander for a person whose calibration missed by
    `error_px` on average: 45 px up to 2.5 degrees (1920x1080, 24 inches, 60 cm), 72 at 4."""
    return max(floor_px, STEADY_SHARE * error_px)


def confirm_rect(
    tile: FloatRect, screen: tuple[float, float], size: tuple[float, float] = (300.0, 200.0)
) -> FloatRect:
    """Where the confirm target of `tile` goes: a tab on its bottom edge (its top edge
    when there is no room below), centred, a share of it inside the tile and the rest
    outside: clear of the tile's label in the middle and of the labels of the tiles
    around it, so a look that reads on to a neighbour seldom lands on it."""
    x, y, w, h = tile
    cw, ch = size
    inside = INSIDE_SHARE * ch
    cx = x + (w - cw) / 2
    cy = y + h - inside
    if cy + ch > screen[1]:
        cy = y - (ch - inside)
    cx = min(max(cx, 0.0), screen[0] - cw)
    cy = min(max(cy, 0.0), screen[1] - ch)
    return (cx, cy, cw, ch)


class ConfirmSelector:
    """The look-and-confirm trigger."""

    def __init__(
        self,
        targets: Mapping[str, FloatRect],
        screen: tuple[float, float] = (1920.0, 1080.0),
        settings: ConfirmSettings | None = None,
        pause_target: str = PAUSE_TARGET,
    ) -> None:
        self.settings = settings or ConfirmSettings()
        self.screen = screen
        self.pause_target = pause_target
        self.paused = False
        self._look_ended: float | None = None
        self._cooldown_left = 0.0
        self._last_t: float | None = None
        self.set_targets(targets)

    # -- screen changes -----------------------------------------------------------------
    def set_targets(self, targets: Mapping[str, FloatRect]) -> None:
        self.targets = float_rects(targets)
        self._clear()
        self._lost_s = 0.0

    def set_steady_px(self, steady_px: float) -> None:
        self.settings = replace(self.settings, steady_px=steady_px)

    def set_screen(self, screen: tuple[float, float]) -> None:
        self.screen = (float(screen[0]), float(screen[1]))

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self._clear()

    def _clear(self) -> None:
        self.current: str | None = None  # what the gaze is on now (a tile or the confirm)
        self._on_s = 0.0
        self._highlight: str | None = None
        self._confirm: FloatRect | None = None
        self._elsewhere_s = 0.0
        self._confirm_s = 0.0
        self._anchor: tuple[float, float] | None = None  # where this look at it rests
        self._anchor_n = 0
        self._shown_s = 0.0  # how long the confirm target has shown with the gaze on the tile
        self._on_tile_t: float | None = None  # the last time the gaze was on the highlighted

    # -- queries ------------------------------------------------------------------------
    def looked_at(self) -> str | None:
        return self._highlight

    def look_ended(self) -> float | None:
        """When the look at the tile last chosen ended (before the look at the confirm
        target): where the eyes were on the tile itself, for the drift correction."""
        return self._look_ended

    def confirm_target(self) -> tuple[str, FloatRect] | None:
        """The confirm target shown now: (id, rectangle), or None."""
        if self._highlight is None or self._confirm is None:
            return None
        return self._highlight + CONFIRM_SUFFIX, self._confirm

    def progress(self) -> dict[str, float]:
        """The confirm look's progress, on the confirm target's id."""
        shown = self.confirm_target()
        if shown is None:
            return {}
        return {shown[0]: min(1.0, self._confirm_s / self.settings.confirm_s)}

    def live_targets(self) -> dict[str, FloatRect]:
        if self.paused:
            return {k: v for k, v in self.targets.items() if k == self.pause_target}
        return self.targets

    def _assign(self, point: tuple[float, float]) -> str | None:
        s = self.settings
        # The confirm target is reached from the highlighted tile only; a look that lands
        # on it from elsewhere belongs to the tile underneath.
        from_tile = self.current == CONFIRM_SUFFIX or (
            self.current == self._highlight and self._shown_s >= s.seen_s
        )
        if (
            from_tile
            and self._confirm is not None
            and distance_to_rect(point, self._confirm)
            <= (s.hysteresis_px if self.current == CONFIRM_SUFFIX else 0.0)
        ):
            return CONFIRM_SUFFIX
        live = self.live_targets()
        if not live:
            return None
        if self.current in live and distance_to_rect(point, live[self.current]) <= s.hysteresis_px:
            return self.current
        nearest = min(live, key=lambda k: distance_to_rect(point, live[k]))
        return nearest if distance_to_rect(point, live[nearest]) <= s.capture_px else None

    # -- time steps ---------------------------------------------------------------------
    def choose(self, sample: GazeSample) -> list[str]:
        chosen = self.update(sample.time, sample.point, sample.frozen)
        return [chosen] if chosen else []

    def update(
        self, now: float, point: tuple[float, float] | None, frozen: bool = False
    ) -> str | None:
        s = self.settings
        dt = 0.0 if self._last_t is None else min(max(now - self._last_t, 0.0), 0.25)
        self._last_t = now
        if point is None:
            self._lost_s += dt
            if self._lost_s >= s.lost_reset_s:
                self._clear()
            return None
        self._lost_s = 0.0
        if frozen:
            return None  # eyes closed: everything holds (a long blink may confirm)
        if self._cooldown_left > 0:
            self._cooldown_left = max(0.0, self._cooldown_left - dt)
            self.current, self._on_s = self._assign(point), 0.0
            return None
        where = self._assign(point)
        if where != self.current:
            self.current, self._on_s = where, 0.0
        else:
            self._on_s += dt
        if where == CONFIRM_SUFFIX:
            self._elsewhere_s = 0.0
            if self._anchor is None or distance_to_rect(point, (*self._anchor, 0.0, 0.0)) > (
                s.steady_px
            ):
                self._anchor, self._anchor_n, self._confirm_s = point, 1, 0.0  # a new look
            else:
                n = self._anchor_n = self._anchor_n + 1
                ax, ay = self._anchor  # the look's mean place, so jitter does not end it
                self._anchor = (ax + (point[0] - ax) / n, ay + (point[1] - ay) / n)
                self._confirm_s += dt
                if self._confirm_s >= s.confirm_s and self._highlight is not None:
                    chosen, self._look_ended = self._highlight, self._on_tile_t
                    self._clear()
                    self._cooldown_left = s.cooldown_s
                    if chosen == self.pause_target:
                        self.paused = not self.paused
                    return chosen
            return None
        self._confirm_s, self._anchor = 0.0, None
        if where is not None and where == self._highlight:
            self._elsewhere_s = 0.0
            self._shown_s += dt
            self._on_tile_t = now
            return None
        if where is not None and self._on_s >= s.lock_on_s:
            self._highlight, self._shown_s = where, 0.0
            if s.show_confirm:
                self._confirm = confirm_rect(self.targets[where], self.screen, s.size)
            self._elsewhere_s = 0.0
            return None
        self._elsewhere_s += dt
        if self._elsewhere_s >= s.keep_s:
            self._highlight, self._confirm = None, None
        return None
