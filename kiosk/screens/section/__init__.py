"""The section screen: see its screen.py (state, targets, rules), drawing.py and words.py."""
