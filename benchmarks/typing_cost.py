"""The cost model: how many choices, and how long, a message takes on the typing screen.

It types each message through the real core, key by key, as a person who knows what
they want would: the same screen, keys, predictions and pages the kiosk shows. At each
step it chooses a prediction when one is the word it needs (it brings its space),
otherwise the next letter (going to the letter's page or group first). Speak ends each
message and counts as a choice.

Time per choice, with the kiosk's own timings (kiosk.settings defaults):

- gaze: dwell (`dwell_s`, 1.2 s) plus one look to the key (LOOK_S, 0.4 s);
- switch: automatic row-column scanning, stepped by the real scanning rules every
  `scan_step_s` (1.5 s); the press comes REACTION_S after the highlight reaches the
  row or key; a message starts with the press that wakes the scan;
- edges (eye control without calibration): each glance past an edge moves the focus one
  key (or chooses, upwards) and takes GLANCE_S.

Words per minute are the usual five characters (spaces included) per word.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from kiosk import core, machine
from kiosk.actions import Command, Do, Press, Select, Source
from kiosk.content import Library
from kiosk.core.messages import GazeLayoutChosen, ScanTick, SwitchPressed
from kiosk.core.scanning import ScanState
from kiosk.core.state import State
from kiosk.layout import GazeLayoutName
from kiosk.phrases import PhraseBoard, default_board
from kiosk.screens.typing.keys import MAIN, Key
from kiosk.screens.typing.message import PUNCTUATION, Typing
from kiosk.screens.typing.screen import with_word_model
from kiosk.screens.typing.targets import plan, shown_keys
from kiosk.settings import DEFAULTS

Input = Literal["gaze", "switch"]
LOOK_S = 0.4  # a look from one key to the next, before the dwell starts
REACTION_S = 0.5  # from the highlight reaching a key to the switch press
GLANCE_S = 1.5  # a glance past an edge and back: held 0.35 s, at rest 0.8 s again, moving
CHARS_PER_WORD = 5


@dataclass(frozen=True)
class MessageCost:
    message: str
    characters: int
    selections: int
    seconds: float

    def as_json(self) -> str:
        return json.dumps(
            {
                "message": self.message,
                "characters": self.characters,
                "selections": self.selections,
                "selections_per_character": round(self.selections / max(1, self.characters), 3),
                "seconds": round(self.seconds, 1),
            }
        )


def summary(costs: list[MessageCost]) -> dict[str, float]:
    characters = sum(c.characters for c in costs)
    seconds = sum(c.seconds for c in costs)
    return {
        "messages": len(costs),
        "selections_per_character": round(sum(c.selections for c in costs) / max(1, characters), 3),
        "words_per_minute": round(characters / CHARS_PER_WORD / max(seconds, 1e-9) * 60, 2),
    }


def typing_screen(
    library: Library,
    gaze_layout: GazeLayoutName = "tiles",
    order: str = "frequency",
    phrases: PhraseBoard | None = None,
) -> State:
    """The kiosk as a visitor finds it, with the typing screen opened from the Talk board."""
    state = with_word_model(core.initial_state(library))
    state = replace(state, phrases=phrases or default_board())
    if state.place.screen != "home":
        state, _ = machine.update(state, Select(1))  # the first fact sheet's start screen
    talk = next(t for t in machine.content_targets(state) if t.label == "Talk")
    state, _ = machine.update(state, Press(talk.id))
    typing = next(t for t in machine.content_targets(state) if t.label == "Type a message")
    state, _ = machine.update(state, Press(typing.id))
    state, _ = machine.update(state, GazeLayoutChosen(gaze_layout))
    assert core.screen_kind(state) == "typing"
    return replace(state, typing=replace(state.typing, order=order))


# ---------------------------------------------------------------- the plan
def _fits(text: str, goal: str) -> bool:
    """Whether `text` is on the way to `goal` (a chosen word's space may still turn into
    the punctuation after it, or end the message)."""
    text, goal = text.lower(), goal.lower()
    if goal.startswith(text):
        return True
    if not text.endswith(" "):
        return False
    before = text[:-1]
    return goal.startswith(before) and (
        len(goal) == len(before) or goal[len(before)] in PUNCTUATION
    )


def _done(text: str, goal: str) -> bool:
    return text.strip().lower() == goal.strip().lower()


def _needed(text: str, goal: str) -> str:
    """The next character to type."""
    if text.endswith(" ") and not goal.lower().startswith(text.lower()):
        return goal[len(text) - 1]  # the punctuation a word's space turns into
    return goal[len(text)]


def _key_id(character: str) -> str:
    return Key("space").id if character == " " else Key("letter", character.lower()).id


def next_key(state: State, goal: str, use_words: bool = True) -> str:
    """The key a person who knows their message chooses next (Speak once it is typed)."""
    text = state.typing.text
    if _done(text, goal):
        return Key("speak").id
    if not _fits(text, goal):
        return Key("delete").id
    shown = shown_keys(state)
    if use_words:
        from kiosk.screens.typing.message import add_word

        for key in shown:
            if key.key.kind == "word" and _fits(add_word(text, key.target.label), goal):
                return key.target.id
    wanted = _key_id(_needed(text, goal))
    if any(k.target.id == wanted for k in shown):
        return wanted
    return _page_key_towards(state, wanted)


def _page_key_towards(state: State, wanted: str) -> str:
    """The page key to choose on the way to the page that shows `wanted`."""
    pages = plan(state).pages
    holding = {name for name, slots in pages.items() if any(_is(k, wanted) for k in slots)}
    if not holding:
        raise ValueError(f"no key types {wanted.split(':')[-1]!r} on this keyboard")
    start = state.typing.page if state.typing.page in pages else MAIN
    queue: deque[tuple[str, str | None]] = deque([(start, None)])
    seen = {start}
    while queue:
        page, first = queue.popleft()
        if page in holding:
            assert first is not None
            return first
        for slot in pages[page]:
            if isinstance(slot, Key) and slot.kind == "page" and slot.value not in seen:
                seen.add(slot.value)
                queue.append((slot.value, first or slot.id))
    raise ValueError(f"the page with {wanted!r} cannot be reached")


def _is(slot: object, wanted: str) -> bool:
    return isinstance(slot, Key) and slot.id == wanted


# ---------------------------------------------------------------- choosing a key
@dataclass
class Clock:
    seconds: float = 0.0


def _choose_by_gaze(state: State, target: str, clock: Clock) -> State:
    clock.seconds += DEFAULTS.dwell_s + LOOK_S
    state, _ = machine.update(state, Press(target, Source.GAZE))
    return state


def _choose_by_switch(state: State, target: str, clock: Clock) -> State:
    """Wait for the real scan to reach the key's row, press, then its key, press."""
    if not state.scan.active:
        clock.seconds += REACTION_S
        state, _ = machine.update(state, SwitchPressed(clock.seconds))  # wakes the scan
    for _ in range(10_000):
        light = machine.scan_highlight(state)
        if light is not None and target in light.target_ids:
            clock.seconds += REACTION_S
            before = state.typing, state.place
            state, _ = machine.update(state, SwitchPressed(clock.seconds))
            if light.level == "target" or (state.typing, state.place) != before:
                return state
            continue
        if not state.scan.active:  # paused after its rounds: a press starts it again
            clock.seconds += REACTION_S
            state, _ = machine.update(state, SwitchPressed(clock.seconds))
            continue
        clock.seconds = max(clock.seconds, state.scan.next_step_at)
        state, _ = machine.update(state, ScanTick(clock.seconds))
    raise RuntimeError(f"scanning never reached {target}")


def _choose_by_glances(state: State, target: str, clock: Clock) -> State:
    """Edge glances: right moves the focus on, left back, up chooses."""
    ids = [t.id for t in machine.targets(state)]
    index = ids.index(target)
    if state.focus in ids:
        here = ids.index(state.focus)
        forward, back = (index - here) % len(ids), (here - index) % len(ids)
    else:  # the first glance right focuses the first key, left the last
        forward, back = index + 1, len(ids) - index
    command = Command.FOCUS_NEXT if forward <= back else Command.FOCUS_PREVIOUS
    for _ in range(min(forward, back)):
        state, _ = machine.update(state, Do(command, Source.GAZE))
        clock.seconds += GLANCE_S
    assert state.focus == target, (state.focus, target)
    state, _ = machine.update(state, Do(Command.ACTIVATE_FOCUS, Source.GAZE))
    clock.seconds += GLANCE_S
    return state


def type_message(
    state: State, goal: str, how: str, use_words: bool = True
) -> tuple[State, MessageCost]:
    """Type `goal` on a fresh message and speak it; what it cost."""
    typing = Typing(order=state.typing.order, word_model=state.typing.word_model)
    state = replace(state, typing=typing, scan=ScanState(), focus=None)
    choose = {"gaze": _choose_by_gaze, "switch": _choose_by_switch, "edges": _choose_by_glances}[
        how
    ]
    clock, selections = Clock(), 0
    limit = 10 * len(goal) + 20
    while selections < limit:
        key = next_key(state, goal, use_words)
        spoken = key == Key("speak").id
        state = choose(state, key, clock)
        selections += 1
        if spoken:
            typed = state.last_spoken
            if typed.lower() != goal.strip().lower():
                raise RuntimeError(f"typed {typed!r} instead of {goal!r}")
            return state, MessageCost(goal, len(goal), selections, clock.seconds)
    raise RuntimeError(f"{goal!r} could not be typed in {limit} choices")


def cost_of_messages(
    messages: Iterable[str],
    library: Library,
    input_kind: str,
    layout: GazeLayoutName,
    use_words: bool = True,
    order: str = "frequency",
) -> Iterator[MessageCost]:
    """Each message's cost. `layout` "edges" means eye control by glances."""
    how = "edges" if layout == "edges" and input_kind == "gaze" else input_kind
    state = typing_screen(library, layout, order)
    for goal in messages:
        state, cost = type_message(state, goal, how, use_words)
        yield cost
