"""Eye-gaze control with an ordinary webcam.

camera.py (frames in a thread) -> face.py (iris, head pose, blinks) -> calibration.py
(model to screen px) -> filters.py (One Euro smoothing) -> dwell.py (tile selection);
tracker.py ties them together for the app; calibration_screen.py draws calibration.
"""
