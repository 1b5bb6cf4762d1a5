"""The control bar: the same controls in the same places on every screen that has one."""

from __future__ import annotations

import kiosk.core.words as words
from kiosk.actions import BAR_MORE_TARGET, BarId, Command, Do, Press
from kiosk.core.state import State, Target
from kiosk.layout import bar_pages


def bar_targets(state: State) -> tuple[Target, ...]:
    """The control bar's targets. With larger targets it shows four at a time, the last
    "More controls", which shows the others in their place."""
    read_label = (
        words.PAUSE
        if state.reading == "reading"
        else (words.CONTINUE if state.reading == "paused" else words.READ)
    )
    help_label = words.CLOSE_HELP if state.help_open else words.HELP
    every = {
        t.id: t
        for t in (
            Target(BarId.BACK.value, None, words.BACK[0], Do(Command.BACK), words.BACK[1]),
            Target(BarId.HOME.value, None, words.HOME[0], Do(Command.HOME), words.HOME[1]),
            Target(BarId.READ.value, None, read_label, Do(Command.READ_OR_PAUSE), read_label),
            Target(
                BarId.PREVIOUS.value,
                None,
                words.PREVIOUS[0],
                Do(Command.PREVIOUS_PAGE),
                words.PREVIOUS[1],
            ),
            Target(BarId.NEXT.value, None, words.NEXT[0], Do(Command.NEXT_PAGE), words.NEXT[1]),
            Target(BarId.HELP.value, None, help_label, Do(Command.HELP), help_label),
        )
    }
    pages = bar_pages(state.gaze_layout)
    page = state.bar_page % len(pages)
    others = ", ".join(
        every[i].label for i in pages[(page + 1) % len(pages)] if i != BAR_MORE_TARGET
    )
    every[BAR_MORE_TARGET] = Target(
        BAR_MORE_TARGET,
        None,
        words.MORE_CONTROLS,
        Press(BAR_MORE_TARGET),
        words.more_controls_spoken(others),
    )
    return tuple(every[i] for i in pages[page])
