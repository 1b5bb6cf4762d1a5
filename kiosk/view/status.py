"""What the shell knows beyond the core state, for drawing: devices, feedback, dwell."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.device_contract import GazeStatus


@dataclass
class ViewStatus:
    """What the shell knows beyond the core state: devices, feedback, dwell."""

    voice: str = "off"  # off | listening | hearing | asleep | error | starting
    caption: str = ""  # "Heard: next page" or "Sorry, I didn't catch that ..."
    notices: list[str] = field(default_factory=list)  # plain-words problems for the person
    gaze: GazeStatus = GazeStatus()  # the eye control's own status, as it reports it
    still_there: str = ""  # "Still there? ..." shown before an idle reset
    staff: Any = None  # the staff screen's view (kiosk/screens/staff) while it is open

    # The gaze status under the names the drawing uses.
    @property
    def camera(self) -> str:
        return self.gaze.camera

    @property
    def dwell(self) -> Mapping[str, float]:
        return self.gaze.dwell

    @property
    def gaze_point(self) -> tuple[float, float] | None:
        return self.gaze.point

    @property
    def show_gaze_cursor(self) -> bool:
        return self.gaze.show_cursor

    @property
    def gaze_paused(self) -> bool:
        return self.gaze.paused

    @property
    def gaze_available(self) -> bool:
        return self.gaze.available

    @property
    def face_lost(self) -> bool:
        return self.gaze.face_lost

    @property
    def thumbnail(self) -> Any:
        return self.gaze.thumbnail  # mirrored RGB camera image for "look at the screen"

    @property
    def calibration(self) -> Any:
        return self.gaze.calibration  # a gaze CalibrationSession while calibrating

    @property
    def shown_over(self) -> str | None:
        """The screen shown over the visitor's: staff, else eye calibration, else none."""
        if self.staff is not None:
            return "staff"
        return "calibration" if self.calibration is not None else None

    @property
    def gaze_looked_at(self) -> str | None:
        return self.gaze.looked_at  # the target the eyes highlight (look and confirm)

    @property
    def gaze_confirm(self) -> tuple[str, tuple[float, float, float, float]] | None:
        return self.gaze.confirm  # the Choose target beside it: id, rect
