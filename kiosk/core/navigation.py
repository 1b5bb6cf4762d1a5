"""Handlers that move the person around: tiles, the control bar, pages, help, focus."""

from __future__ import annotations

from dataclasses import replace

import kiosk.core.words as words
from kiosk.actions import BAR_MORE_TARGET, MORE_TARGET, Command, Do, Press, Select, Source
from kiosk.core.messages import DeviceMode, DeviceRequest, PagesMeasured, PlaySound, Sound
from kiosk.core.place import page_of_sentence
from kiosk.core.screen import FollowUp, Outcome, Result, ScreenTable
from kiosk.core.state import State, start_place
from kiosk.core.transitions import (
    announce,
    arrive,
    clamp_page,
    read_items,
    record,
    stop_reading,
    stop_speech,
)
from kiosk.layout import bar_pages


def pages_measured(state: State, message: PagesMeasured, screens: ScreenTable) -> Result:
    starts = dict(state.page_starts)
    starts[message.document_key] = message.page_starts or (0,)
    fitted = dict(state.fitted)
    if message.document is not None:
        fitted[message.document_key] = message.document
    else:
        fitted.pop(message.document_key, None)
    state = replace(state, page_starts=starts, fitted=fitted)
    if state.place.screen == "reader" and state.spoken_index is not None:
        page = page_of_sentence(starts[message.document_key], state.spoken_index)
        state = replace(state, place=replace(state.place, page=page))
    return clamp_page(state, screens), []


def press(state: State, press: Press, screens: ScreenTable) -> Result:
    """A target pressed by id: "More", the bar's "More controls", or any target shown."""
    if press.target == MORE_TARGET:
        count = screens.tile_page_count(state)
        place = replace(state.place, tile_page=(state.place.tile_page + 1) % count)
        return arrive(state, place, push=False), [PlaySound(Sound.SELECT)]
    shown = screens.targets(state)
    if press.target == BAR_MORE_TARGET and any(t.id == press.target for t in shown):
        # The bar's other controls, in the same places; keep the focus where it was.
        page = (state.bar_page + 1) % len(bar_pages(state.gaze_layout))
        return replace(state, bar_page=page), [PlaySound(Sound.SELECT)]
    for target in shown:
        if target.id == press.target:
            action = target.action
            if isinstance(action, Do):
                return state, [FollowUp(Do(action.command, press.source))]
            if isinstance(action, Select):
                return state, [FollowUp(Select(action.number, press.source))]
    return replace(state, caption=words.NOT_ON_THIS_SCREEN), []


def select(state: State, select: Select, screens: ScreenTable) -> Result:
    """A numbered tile chosen: it opens what its entry opens (a phrase tile's own rule,
    kiosk/screens/talk, says it instead)."""
    target = next((t for t in screens.content_targets(state) if t.number == select.number), None)
    if target is None:
        return replace(state, caption=words.no_tile(select.number)), [PlaySound(Sound.ERROR)]
    if state.help_open or target.id == MORE_TARGET:
        return state, [FollowUp(replace(target.action, source=select.source))]
    entry = screens.page_entries(state)[select.number - 1]
    assert entry is not None and entry.opens is not None  # None is "More", handled above
    event, detail = entry.event
    state, stop = stop_reading(state)
    effects: list[Outcome] = [PlaySound(Sound.SELECT)]
    if event:  # counted (kiosk/usage.py COUNTED_EVENTS); a tile with none is not
        effects.append(record(event, detail, select.source))
    return arrive(state, entry.opens, push=True), [*stop, *effects]


def home(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    place = state.place
    state, stop = stop_speech(state)
    start = start_place(state.library)
    if place.screen == "home" and start.screen == "sheets":
        start = place  # Home on a sheet's own start screen stays there
    if start == place and not state.help_open:
        return replace(state, caption=words.AT_HOME), [*stop]
    return replace(state, place=start, history=(), help_open=False, focus=None), [*stop]


def back(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    # Straight after a choice, Back says it was not the one meant: eye control takes back
    # what it learnt from that look (kiosk.gaze.refit).
    state, effects = _go_back(state)
    return state, [*effects, DeviceRequest(DeviceMode.GAZE_BACK)]


def _go_back(state: State) -> Result:
    if state.help_open:
        return replace(state, help_open=False, focus=None), []
    state, stop = stop_speech(state)
    if not state.history:
        return replace(state, caption=words.AT_FIRST_SCREEN), [*stop]
    previous = replace(state, place=state.history[-1], history=state.history[:-1], focus=None)
    return previous, [*stop]


def toggle_help(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    if state.help_open:
        return replace(state, help_open=False, focus=None), []
    state, stop = stop_reading(state)
    state, speak = announce(state, screens.speech(replace(state, help_open=True)))
    return replace(state, help_open=True, focus=None), [*stop, *speak, record("help", "", source)]


def turn_page(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    step = 1 if command is Command.NEXT_PAGE else -1
    if state.help_open:
        return _turn_help_page(state, step, screens)
    if state.place.screen != "reader":
        return _turn_tile_page(state, step, screens)
    place = state.place
    count = screens.page_count(state)
    new = place.page + step
    if not 0 <= new < count:
        return replace(state, caption=words.at_edge_page(last=step > 0)), []
    was_reading = state.reading == "reading"
    state, stop = stop_reading(state)
    state = replace(state, place=replace(place, page=new))
    if was_reading:  # keep reading from the top of the new page
        state, speak = read_items(state, screens)
        return state, [*speak]
    return state, [*stop]


def _turn_help_page(state: State, step: int, screens: ScreenTable) -> Result:
    count = screens.page_count(state)
    new = state.help_page + step
    if count == 1:
        return replace(state, caption=words.HELP_HAS_ONE_PAGE), []
    if not 0 <= new < count:
        return replace(state, caption=words.NO_MORE_PAGES), []
    return replace(state, help_page=new, focus=None), []


def _turn_tile_page(state: State, step: int, screens: ScreenTable) -> Result:
    # A tile list goes round, as its "More" tile does: past the last page is the first.
    place = state.place
    count = screens.tile_page_count(state)
    if count == 1:
        return replace(state, caption=words.NO_MORE_PAGES), []
    new = (place.tile_page + step) % count
    state = replace(state, place=replace(place, tile_page=new), focus=None)
    if new != place.tile_page + step:
        state = replace(state, caption=words.round_to_page(step > 0, new + 1, count))
    return state, []


def move_focus(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    step = 1 if command is Command.FOCUS_NEXT else -1
    order = screens.targets(state)
    ids = [t.id for t in order]
    if state.focus in ids:
        index = (ids.index(state.focus) + step) % len(ids)
    else:
        index = 0 if step > 0 else len(ids) - 1
    target = order[index]
    if state.reading == "reading":  # do not talk over the reading; the highlight still moves
        return replace(state, focus=target.id), []
    state, speak = announce(replace(state, focus=target.id), target.speech)
    return state, [*speak]


def activate_focus(state: State, command: Command, source: Source, screens: ScreenTable) -> Result:
    target = next((t for t in screens.targets(state) if t.id == state.focus), None)
    if target is None:
        return move_focus(state, Command.FOCUS_NEXT, source, screens)
    return state, [FollowUp(Press(target.id, source))]
