"""Test-wide set-up: headless SDL, and a private data folder so tests never touch the
real settings, logs or usage counts of the machine they run on."""

import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="kiosk-test-data-")
