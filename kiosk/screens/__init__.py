"""One folder per screen: its slice of state, targets, rules, drawing and words.

`kiosk/screens/table.py` names them all in one table; the core reaches a screen only
through that table (kiosk/core/screen.py), the view draws one through its `Drawing`.
"""
