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

# The staff PIN (kiosk/pin.py)
FIRST_DELAY_S = 2.0  # after the free tries, 2, 4, 8 ... seconds between tries
LOCKOUT_S = 300.0  # the first lockout; each further one doubles, up to MAX_LOCKOUT_S
# The cap: a visitor can never keep staff out for longer than this after their last wrong
# PIN, and once a lockout has been over for this long without a wrong PIN the doubling
# starts again from LOCKOUT_S. Staff clear a lockout at once with
# `python -m kiosk unlock-staff` (clear_lockout), which a running kiosk notices.
MAX_LOCKOUT_S = 900.0

# Voice control (kiosk/voice/)
MIC_RETRY_S = 5.0  # a microphone that failed is tried again this often
ENGINE_RETRY_S = 30.0  # a speech recognizer that did not load is tried again this often
MIC_SILENT_S = 2.0  # no audio blocks for this long: the microphone is gone
ECHO_WINDOW_S = 1.5  # what the kiosk said this recently may still be heard from the room
# A near miss ("repeatable") followed within this time by a near miss or better of the
# same words is taken: a person who is not understood says it again at once. The default
# of settings.say_again_s (room for the prompt, about 3 s, and a slow answer).
REPEAT_WINDOW_S = 8.0
WINDOW_S = 10.0  # Whisper's input window here (30 s padded in Whisper itself)
MAX_AUDIO_S = 8.0  # longer input: only its first 8 s (the CLI streams longer files)
# In a talking room the word is cut out of it only when there is at least this much of the
# room around the word to cut away: less is the word's own soft start and end (a word cut
# at its edges), which Whisper needs.
MIN_ROOM_CUT_S = 0.3
ROOM_CUT_MARGIN_S = 0.2  # kept either side of the word: a soft "s" of "stop" is that long
PAD_S = 0.6  # silence either side of a word for its embeddings: every window lies within
BLOCK_S = 1.0  # seconds of audio read at a time: memory stays bounded for any length
# A file longer than this is a recording of a session, not one command: the voice tool
# streams it through voice-activity detection a block at a time, one JSON line per utterance.
WHOLE_FILE_S = 8.0
TIMEOUT_S = 15  # the Vosk model's download gives up after this long without an answer
SETUP_TIMEOUT_S = 4  # setup tries once, briefly: it must never hang or fail for this

# Eye gaze recordings (kiosk/gaze/replay.py)
SETTLE_S = 0.6  # skip this much of each target (at most half of it): the eyes still travel
