"""When a choice happens: the trigger side of eye control.

A trigger turns gaze samples (kiosk.gaze.points) into chosen target ids. The kiosk's
triggers:
- dwell (kiosk.gaze.dwell.DwellSelector): looking at a tile until it fills;
- look and confirm (kiosk.gaze.confirm.ConfirmSelector): the tile looked at is highlighted
  and a confirm target appears beside it; a short look at that target chooses the tile;
- edge glances (kiosk.gaze.edges.EdgeGlance): a glance past an edge of the screen, for
  people without a usable calibration;
- a press from elsewhere (the switch, a long blink, a spoken "this") chooses the tile that
  is looked at: the core does that (kiosk.core.gaze_layout), from `looked_at()`.

All are pure: time comes in with the samples.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from kiosk.gaze.points import GazeSample
from kiosk.layout import FloatRect


class Trigger(Protocol):
    def set_targets(self, targets: Mapping[str, FloatRect]) -> None:
        """A new screen: its targets; anything under way starts afresh."""

    def choose(self, sample: GazeSample) -> list[str]:
        """Advance to the sample's time; the target ids chosen at this step (usually none)."""
        ...

    def progress(self) -> dict[str, float]:
        """How far each target is towards being chosen, 0..1, for the view to draw."""
        ...

    def looked_at(self) -> str | None:
        """The target the person is looking at now (highlighted), if any."""
        ...


class TileTrigger(Trigger, Protocol):
    """A trigger over the screen's targets, with the eye pause target: while paused only
    that target is live (dwell, look and confirm)."""

    paused: bool
    pause_target: str

    def set_paused(self, paused: bool) -> None: ...

    def confirm_target(self) -> tuple[str, FloatRect] | None:
        """A target drawn beside the highlighted one to confirm it (id, rect), if any."""
        ...

    def look_ended(self) -> float | None:
        """When the look at the target last chosen ended (what the drift correction learns
        from: a look at a confirm target beside it is not a look at the target)."""
        ...
