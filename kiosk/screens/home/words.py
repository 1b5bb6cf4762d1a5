"""Every sentence the start screens (the topics, a fact sheet's sections) show or say."""

from __future__ import annotations

SHEETS_TITLE = "Choose a topic"
NO_SHEETS_TITLE = "No fact sheets could be loaded. Talk and Yes / No still work."
# After the topics: the phrase board and the Yes / No screen (label, what focus says).
TALK_TILE = ("Talk", "Talk: the kiosk says a phrase for you")
YES_NO_TILE = ("Yes / No", "Yes or no")
