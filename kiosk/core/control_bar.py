"""The control bar: the same controls in the same places on every screen that has one."""

from __future__ import annotations

from kiosk.actions import BAR_MORE_TARGET, BarId, Command, Do, Press
from kiosk.core.state import State, Target
from kiosk.layout import bar_pages


def bar_targets(state: State) -> tuple[Target, ...]:
    """The control bar's targets. With larger targets it shows four at a time, the last
    "More controls", which shows the others in their place."""
    read_label = (
        "Pause"
        if state.reading == "reading"
        else ("Continue" if state.reading == "paused" else "Read")
    )
    help_label = "Close help" if state.help_open else "Help"
    every = {
        t.id: t
        for t in (
            Target(BarId.BACK.value, None, "Back", Do(Command.BACK), "Go back"),
            Target(BarId.HOME.value, None, "Home", Do(Command.HOME), "Home"),
            Target(BarId.READ.value, None, read_label, Do(Command.READ_OR_PAUSE), read_label),
            Target(
                BarId.PREVIOUS.value, None, "Previous", Do(Command.PREVIOUS_PAGE), "Previous page"
            ),
            Target(BarId.NEXT.value, None, "Next", Do(Command.NEXT_PAGE), "Next page"),
            Target(BarId.HELP.value, None, help_label, Do(Command.HELP), help_label),
        )
    }
    pages = bar_pages(state.gaze_layout)
    page = state.bar_page % len(pages)
    others = ", ".join(
        every[i].label for i in pages[(page + 1) % len(pages)] if i != BAR_MORE_TARGET
    )
    every[BAR_MORE_TARGET] = Target(
        BAR_MORE_TARGET, None, "More controls", Press(BAR_MORE_TARGET), f"More controls: {others}"
    )
    return tuple(every[i] for i in pages[page])
