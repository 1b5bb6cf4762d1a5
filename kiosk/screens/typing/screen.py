"""The typing screen, as the core sees it: its keys, rules, layout and help sentence."""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import Command, Press, suggested_phrase
from kiosk.core.screen import Screen
from kiosk.core.state import State
from kiosk.core.words import quoted
from kiosk.screens.typing import words
from kiosk.screens.typing.prediction import model_for_content
from kiosk.screens.typing.rules import ahead_items, press
from kiosk.screens.typing.targets import SCREEN as NAME
from kiosk.screens.typing.targets import typing_layout, typing_targets


def said_here(state: State) -> str:
    speak, delete, clear = (quoted(words.SAID[kind][0]) for kind in ("speak", "delete", "clear"))
    return words.said_here(speak, delete, clear, quoted(suggested_phrase(Command.BACK)))


SCREEN = Screen(
    NAME,
    lambda state: words.TITLE,
    targets=typing_targets,
    rules={Press: press},
    control_bar=False,  # the keyboard has its own Back and Speak keys
    said_here=said_here,
    layout=typing_layout,
    ahead=ahead_items,
    credit=False,
)


def with_word_model(state: State) -> State:
    """The state with the word model for its content handed in, as the shell does at each
    content load (for tools and tests that build a state themselves)."""
    model = model_for_content(state.library, state.phrases)
    return replace(state, typing=replace(state.typing, word_model=model))
