"""Hands-free health-information kiosk."""

import os

# pygame greets on stdout when imported; the kiosk's tools print JSON and reports there,
# and any of them may reach a screen's drawing through kiosk.machine.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

__version__ = "0.1.0"
