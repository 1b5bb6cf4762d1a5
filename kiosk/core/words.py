"""What every screen says: the sentences the core and the shared parts of the view show
or say, ready for a second language. A screen's own sentences are in its folder's
`words.py` (kiosk/screens/<name>/words.py)."""

from __future__ import annotations

NO_CONTENT = "No fact sheets could be loaded. Please tell the reception desk."


SAID = "Said: "  # a caption's prefix: the view shows the rest large; it is not re-spoken


def quoted(phrase: str) -> str:
    return f"\u201c{phrase}\u201d"


def page_of(page: int, pages: int) -> str:
    return f"Page {page} of {pages}"


def paged_by_bar_note(last: bool) -> str:
    """After the page line where no "More" tile pages a list: where the rest is."""
    return f", {quoted('Next')} {'goes back to page 1' if last else 'shows more'}"


# ---------------------------------------------------------------- moving around
NOT_ON_THIS_SCREEN = "That is not on this screen"
AT_HOME = "This is the home screen"
AT_FIRST_SCREEN = "This is the first screen"
HELP_HAS_ONE_PAGE = "Help has one page"
NO_MORE_PAGES = "There are no more pages"
MORE_TILE = "More"
MORE_TILE_SPOKEN = "More topics"


def no_tile(number: int) -> str:
    return f"There is no tile {number} here"


def at_edge_page(last: bool) -> str:
    return f"This is the {'last' if last else 'first'} page"


def round_to_page(first: bool, page: int, pages: int) -> str:
    return f"Back to the {'first' if first else 'last'} page, {page} of {pages}"


# ---------------------------------------------------------------- the control bar
# Each control: its label and what focus says of it.
BACK = ("Back", "Go back")
HOME = ("Home", "Home")
READ, PAUSE, CONTINUE = "Read", "Pause", "Continue"
PREVIOUS = ("Previous", "Previous page")
NEXT = ("Next", "Next page")
HELP, CLOSE_HELP = "Help", "Close help"
MORE_CONTROLS = "More controls"


def more_controls_spoken(others: str) -> str:
    return f"{MORE_CONTROLS}: {others}"


# ---------------------------------------------------------------- reading and speech
NOTHING_READ = "Nothing is being read"
NOTHING_TO_REPEAT = "Nothing to repeat yet"


def speed_caption(faster: bool, changed: bool) -> str:
    if changed:
        return f"Speaking {'faster' if faster else 'slower'}"
    return f"This is the {'fastest' if faster else 'slowest'} speed"


def volume_caption(volume: float) -> str:
    return f"Volume {round(volume * 10)} of 10"


# ---------------------------------------------------------------- the session
CONTENT_NOTICE = "Some information could not be loaded. Please tell a member of staff."
VOICE_ASLEEP = 'Voice control is asleep. Say "kiosk, wake up"'
VOICE_LISTENING = "Voice control is listening"
PRIVACY_ON = "Camera and microphone are off until the next person"
PRIVACY_OFF = "Camera and microphone are on again"
STILL_THERE = "Still there? Say anything, look at the screen, or touch it to keep going."
SCAN_PAUSED = "Scanning paused. Press the switch to start again."

# ---------------------------------------------------------------- the shell's own
WINDOW_TITLE = "Health information"
NO_EYE_CONTROL = "Eye control is not available on this kiosk"
EYES_PAUSED = "Eyes paused: look here to resume"
PAUSE_EYES = "Look here to pause eyes"
LOOK_AT_SCREEN = "Please look at the screen"
CHOOSE = "Choose"
SOUND_NOTICE = "Sound is not working right now. The text is still shown."
SPEECH_NOTICE = "Reading aloud is not working right now. The text is still shown."
HEADPHONES_NOTICE = "Headphones are not connected. The text is still shown."
RECORDING_NOTICE = "Recording eye positions for staff: landmarks only, no pictures."
GAZE_OFF_NOTICE = "Eye control is off right now. Voice and touch still work."
VOICE_OFF_NOTICE = "Voice control is off right now. Touch and eyes still work."


# ---------------------------------------------------------------- asking when unsure
def unsure_question(label: str) -> str:
    """Said and shown when the kiosk was unsure of a spoken command ("Next page?")."""
    return f"{label}?"


UNSURE_ANSWER = "Say yes, or look at Yes."


def unsure_prompt(label: str) -> str:
    return f"{unsure_question(label)} {UNSURE_ANSWER}"
