"""Handlers that move the person around: tiles, the control bar, pages, help, focus."""

from __future__ import annotations

from dataclasses import replace

from kiosk.actions import BAR_MORE_TARGET, MORE_TARGET, Command, Do, Press, Select, Source
from kiosk.core.messages import (
    DeviceMode,
    DeviceRequest,
    Effect,
    PagesMeasured,
    PlaySound,
    Sound,
)
from kiosk.core.registry import Result, on_command, on_message, record, update
from kiosk.core.rules import announce, arrive, clamp_page, read_items, stop_reading, stop_speech
from kiosk.core.screens import (
    bar_targets,
    content_targets,
    current_section,
    help_page_count,
    help_speech,
    page_count,
    page_entries,
    page_of_sentence,
    targets,
    tile_page_count,
)
from kiosk.core.state import Place, State, start_place
from kiosk.core.talk import OPENS as TALK_OPENS
from kiosk.core.talk import choose as talk_choose
from kiosk.core.typing_screen import press as typing_press
from kiosk.layout import bar_pages
from kiosk.typing.keys import PREFIX as TYPING_KEY


@on_message(PagesMeasured)
def _pages_measured(state: State, message: PagesMeasured) -> Result:
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
    return clamp_page(state), []


@on_message(Press)
def _press(state: State, press: Press) -> Result:
    if press.target.startswith(TYPING_KEY):
        return typing_press(state, press)
    if press.target == MORE_TARGET:
        count = tile_page_count(state)
        place = replace(state.place, tile_page=(state.place.tile_page + 1) % count)
        return arrive(state, place, push=False), [PlaySound(Sound.SELECT)]
    if press.target == BAR_MORE_TARGET and any(t.id == press.target for t in bar_targets(state)):
        # The bar's other controls, in the same places; keep the focus where it was.
        page = (state.bar_page + 1) % len(bar_pages(state.gaze_layout))
        return replace(state, bar_page=page), [PlaySound(Sound.SELECT)]
    for target in targets(state):
        if target.id == press.target:
            action = target.action
            if isinstance(action, Do):
                return update(state, Do(action.command, press.source))
            if isinstance(action, Select):
                return update(state, Select(action.number, press.source))
    return replace(state, caption="That is not on this screen"), []


@on_message(Select)
def _select(state: State, select: Select) -> Result:
    tiles = content_targets(state)
    target = next((t for t in tiles if t.number == select.number), None)
    if target is None:
        return replace(state, caption=f"There is no tile {select.number} here"), [
            PlaySound(Sound.ERROR)
        ]
    if state.help_open or target.id == MORE_TARGET:
        return update(state, replace(target.action, source=select.source))
    entry = page_entries(state)[select.number - 1]
    assert entry is not None  # None is the More tile, handled above
    if entry.opens[0] in TALK_OPENS:
        return talk_choose(state, entry, select.source)
    place = state.place
    effects: list[Effect] = [PlaySound(Sound.SELECT)]
    if entry.opens[0] == "sheet":
        new_place = Place("home", sheet=entry.opens[1])
        sheet = state.library.sheets[entry.opens[1]]
        effects.append(record("open sheet", sheet.title, select.source))
    elif entry.opens[0] == "overview":
        new_place = Place("reader", place.sheet, place.path, overview=True)
        effects.append(record("open section", entry.spoken, select.source))
    else:
        path = place.path + (entry.opens[1],)
        new_place = Place("reader", place.sheet, path)
        probe = replace(state, place=Place("section", place.sheet, path))
        section = current_section(probe)
        if section is not None and section.subsections:
            new_place = Place("section", place.sheet, path)
        effects.append(record("open section", entry.spoken, select.source))
    state, stop = stop_reading(state)
    return arrive(state, new_place, push=True), stop + effects


@on_command(Command.HOME)
def _home(state: State, command: Command, source: Source) -> Result:
    place = state.place
    state, stop = stop_speech(state)
    start = start_place(state.library)
    if place.screen == "home" and start.screen == "sheets":
        start = place  # Home on a sheet's own start screen stays there
    if start == place and not state.help_open:
        return replace(state, caption="This is the home screen"), stop
    return replace(state, place=start, history=(), help_open=False, focus=None), stop


@on_command(Command.BACK)
def _back(state: State, command: Command, source: Source) -> Result:
    # Straight after a choice, Back says it was not the one meant: eye control takes back
    # what it learnt from that look (kiosk.gaze.refit).
    state, effects = _go_back(state)
    return state, [*effects, DeviceRequest(DeviceMode.GAZE_BACK)]


def _go_back(state: State) -> Result:
    if state.help_open:
        return replace(state, help_open=False, focus=None), []
    state, stop = stop_speech(state)
    if not state.history:
        return replace(state, caption="This is the first screen"), stop
    return replace(state, place=state.history[-1], history=state.history[:-1], focus=None), stop


@on_command(Command.HELP)
def _help(state: State, command: Command, source: Source) -> Result:
    if state.help_open:
        return replace(state, help_open=False, focus=None), []
    state, stop = stop_reading(state)
    state, speak = announce(state, help_speech(state))
    return replace(state, help_open=True, focus=None), stop + speak + [record("help", "", source)]


@on_command(Command.NEXT_PAGE, Command.PREVIOUS_PAGE)
def _turn_page(state: State, command: Command, source: Source) -> Result:
    step = 1 if command is Command.NEXT_PAGE else -1
    place = state.place
    if state.help_open:
        count = help_page_count(state)
        new = state.help_page + step
        if count == 1:
            return replace(state, caption="Help has one page"), []
        if not 0 <= new < count:
            return replace(state, caption="There are no more pages"), []
        return replace(state, help_page=new, focus=None), []
    if place.screen != "reader":
        # A tile list goes round, as its "More" tile does: past the last page is the first.
        count = tile_page_count(state)
        if count == 1:
            return replace(state, caption="There are no more pages"), []
        new = (place.tile_page + step) % count
        state = replace(state, place=replace(place, tile_page=new), focus=None)
        if new != place.tile_page + step:
            edge = "first" if step > 0 else "last"
            state = replace(state, caption=f"Back to the {edge} page, {new + 1} of {count}")
        return state, []
    count = page_count(state)
    new = place.page + step
    if not 0 <= new < count:
        edge = "last" if step > 0 else "first"
        return replace(state, caption=f"This is the {edge} page"), []
    was_reading = state.reading == "reading"
    state, stop = stop_reading(state)
    state = replace(state, place=replace(place, page=new))
    if was_reading:  # keep reading from the top of the new page
        return read_items(state)
    return state, stop


@on_command(Command.FOCUS_NEXT, Command.FOCUS_PREVIOUS)
def _move_focus(state: State, command: Command, source: Source) -> Result:
    step = 1 if command is Command.FOCUS_NEXT else -1
    order = targets(state)
    ids = [t.id for t in order]
    if state.focus in ids:
        index = (ids.index(state.focus) + step) % len(ids)
    else:
        index = 0 if step > 0 else len(ids) - 1
    target = order[index]
    if state.reading == "reading":  # do not talk over the reading; the highlight still moves
        return replace(state, focus=target.id), []
    return announce(replace(state, focus=target.id), target.speech)


@on_command(Command.ACTIVATE_FOCUS)
def _activate_focus(state: State, command: Command, source: Source) -> Result:
    target = next((t for t in targets(state) if t.id == state.focus), None)
    if target is None:
        return _move_focus(state, Command.FOCUS_NEXT, source)
    return update(state, Press(target.id, source))
