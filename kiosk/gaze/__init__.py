"""Eye-gaze control with an ordinary webcam.

Where the eyes are (the point source, kiosk.gaze.points): camera.py (frames in a thread)
-> face.py (iris, head pose, blinks) -> calibration.py (model to screen px) -> filters.py
(One Euro smoothing) -> drift.py. When a choice happens (the triggers, kiosk.gaze.triggers):
dwell.py, confirm.py (look and confirm), edges.py (glances past the screen's edges).
tracker.py ties them together for the app; calibration_screen.py draws calibration.
"""
