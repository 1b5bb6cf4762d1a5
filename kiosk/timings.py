"""Every fixed timing of the kiosk, in seconds, in one place (the ones staff may change
are settings: kiosk/settings.py). The modules that use them import them from here."""

from __future__ import annotations

# The person
STILL_THERE_S = 20.0  # "Still there?" is asked this long before an idle reset
CAPTION_S = 4.0  # a caption ("Heard: next page") shows this long

# The shell
HEALTH_INTERVAL_S = 30.0  # the health file is written this often (node_exporter scrapes 15-60 s)
UNDONE_WINDOW_S = 5.0  # a choice taken back within this many seconds counts as undone
REDRAW_S = 2.0  # an unchanged screen is still drawn this often (a safety net)
USAGE_SAVE_S = 300.0  # the usage counts are saved this often
SOUND_RETRY_S = 10.0  # sound output and the speech engine are tried again this often
INPUT_RETRY_S = 5.0  # eye gaze or voice that failed is tried again this often
STAFF_IDLE_S = 60.0  # the staff screen closes after this long without a key or click

# The window (kiosk/window_guard.py)
WINDOW_RAISE_AFTER_S = 1.0  # another window on top this long: the kiosk takes the focus back
WINDOW_RETRY_S = 1.0  # and again this often while it stays there
WINDOW_POLL_S = 0.5  # how often the X server is asked about the window

# The supervisor (kiosk/supervisor.py)
RESTART_DELAY_S = 2.0  # the first restart after a crash; each further one doubles
MAX_RESTART_DELAY_S = 60.0
STABLE_AFTER_S = 300.0  # a run this long resets the back-off
STOP_TIMEOUT_S = 10.0  # the kiosk's process is given this long to stop
