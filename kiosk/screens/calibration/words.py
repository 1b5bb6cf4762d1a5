"""Eye calibration's sentences (its instructions are the calibration session's own,
kiosk/gaze/calibration.py)."""

from __future__ import annotations

TITLE = "Eye calibration"
