"""Speak what the screen says: every prompt and problem shown is also said, once, with the
same words (ADA 2010 707.5: all displayed information spoken, repeatable, interruptible).

The shell tells the announcer, every frame, which prompts are on screen; the announcer
says which of them to speak now. A prompt is said when it appears, not again while it
stays; if it goes and comes back, it is said again. Nothing interrupts a section being
read aloud: prompts that appear meanwhile wait, and those still shown when the reading
stops are said then. Pure: no pygame, no threads, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable

# Shown after every recognised command; the confirmation sound already says it was taken,
# and saying it back would talk over the person's next command.
# "Said:" is a Talk phrase shown large: it was just said, at the Talk volume.
UNSPOKEN_PREFIXES = ("Heard:", "Said:")


class PromptAnnouncer:
    """Decides which on-screen prompts to speak. `enabled` False: none (prompts off)."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._said: set[str] = set()  # shown now and already said

    def update(self, shown: Iterable[str], reading: bool) -> list[str]:
        """The prompts on screen now (in screen order) and whether a section is being read
        aloud; returns the prompts to say now, in screen order."""
        current = tuple(dict.fromkeys(" ".join(text.split()) for text in shown if text.strip()))
        self._said &= set(current)  # gone from the screen: said again if it comes back
        if not self.enabled or reading:
            return []
        due = [text for text in current if text not in self._said and speakable_prompt(text)]
        self._said.update(due)
        return due

    def forget(self) -> None:
        """A new person: everything still shown counts as new."""
        self._said.clear()


def speakable_prompt(text: str) -> bool:
    return not text.startswith(UNSPOKEN_PREFIXES)
