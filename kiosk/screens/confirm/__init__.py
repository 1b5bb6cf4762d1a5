"""The question asked when the kiosk was unsure of a spoken command: see its screen.py
(targets and rules), drawing.py and words.py; kiosk/core/confirm.py starts it."""
