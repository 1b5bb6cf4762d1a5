"""Repeat what I said: the last thing the kiosk said for the person, shown large and said
again. Its tile is on the Talk board once something has been said."""
