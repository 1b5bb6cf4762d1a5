"""Eye gaze's sentences, ready for a second language: calibration's instructions and
results (shown and said on the calibration screen), the head guidance and the gaze status
line (said to the person, and shown on the staff screen)."""

from __future__ import annotations

# ---------------------------------------------------------------- calibration
LOOK_AGAIN = "Once more, please: look at the dot"
FOLLOW_THE_DOT = "Follow the dot with your eyes"
NOW_CHECKING = "Now checking: keep following the dot"
CALIBRATION_FINISHED = "Calibration finished"
EYES_NOT_SEEN = "I could not see your eyes well enough. Sit facing the screen and try again."
ACCURACY_NOT_CHECKED = "I could not check the accuracy. Look at Repeat to try again."


def accuracy_poor(degrees: float) -> str:
    return f"Accuracy about {degrees:.1f} degrees: not good enough. Look at Repeat to try again."


def accuracy_done(degrees: float, px: float) -> str:
    return f"Done: accuracy about {degrees:.1f} degrees ({px:.0f} px)."


# ---------------------------------------------------------------- head guidance
SIT_FURTHER_BACK = "Please sit a little further back"
COME_CLOSER = "Please come a little closer"
MOVE_LEFT = "Please move a little to your left"
MOVE_RIGHT = "Please move a little to your right"
SIT_UP = "Please sit up a little"
SIT_LOWER = "Please sit a little lower"
FACE_THE_SCREEN = "Please face the screen"

# ---------------------------------------------------------------- the status line
GAZE_OFF = "Gaze is off"
CALIBRATING = "Calibrating: follow the dot"
LOOK_AT_THE_SCREEN = "Please look at the screen"
GLANCE_PAST_AN_EDGE = "Eye gaze without calibration: glance past the left or right edge"
LOOK_TO_START = "Eye gaze: look at the screen to start"
GAZE_PAUSED = "Gaze paused: look at Resume gaze to continue"
GAZE_ON = "Eye gaze on"
