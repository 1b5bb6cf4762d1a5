"""Issue 20, point 3: the last good content is kept on disk in the data folder, so a
restart with the content folder missing (a share not mounted) still shows it, Talk and
Yes / No keep their tile numbers, and the staff screen says it may be out of date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame

from kiosk import core
from kiosk.content_cache import cache_dir, load_with_cache
from kiosk.machine import SCREEN_TABLE

ROOT = Path(__file__).resolve().parent.parent
CTRL_SHIFT = pygame.KMOD_LCTRL | pygame.KMOD_LSHIFT


def _labels(app) -> list[str]:
    return [e.label if e is not None else "More" for e in SCREEN_TABLE.page_entries(app.state)]


def test_a_restart_without_the_share_shows_the_saved_copy(make_app, tmp_path):
    share = tmp_path / "share"
    shutil.copytree(ROOT / "content", share)
    (share / "phrases.md").write_text("# Talk\n\n- Water, please\n- Thank you\n", "utf-8")
    first = make_app(content=share)
    tiles = _labels(first)
    talk_number = tiles.index("Talk") + 1
    first.close()
    assert (cache_dir() / "als.md").is_file()

    shutil.rmtree(share)  # the share is not mounted at the next start
    second = make_app(content=share)
    assert _labels(second) == tiles  # the same sheets and the same tile numbers
    assert [s.title for s in second.state.library.sheets] == [
        s.title for s in first.state.library.sheets
    ]
    assert [p.text for p in second.state.phrases.phrases] == ["Water, please", "Thank you"]
    notes = [e for e in second.state.errors if "may be out of date" in e]
    assert notes and "does not exist" in notes[0]
    # Talk works as before: its tile opens it.
    second.post(core.Select(talk_number, core.Source.KEYBOARD))
    second.step(second.clock())
    assert second.state.place.screen == "talk"
    # The staff screen lists it (the chord alone: a development window).
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_e, mod=CTRL_SHIFT))
    second.step(second.clock())
    second._draw()
    assert any("may be out of date" in p for p in second.staff.view.problems)
    content_line = next(line for line in second.staff.view.lines if line.startswith("Content"))
    assert content_line.endswith("may be out of date (the saved copy)")
    # The share is mounted again: the next reload shows its sheets, no longer marked.
    shutil.copytree(ROOT / "content", share)
    second.reload_content(force=True)
    assert second.content.note is None


def test_a_sheet_broken_at_start_is_shown_from_the_saved_copy(tmp_path):
    share = tmp_path / "share"
    shutil.copytree(ROOT / "content", share)
    cache = tmp_path / "cache"
    library, note = load_with_cache(share, cache)
    assert note is None and len(library.sheets) == 1
    (share / "als.md").write_text("no title, no sections\n", encoding="utf-8")
    library, note = load_with_cache(share, cache)
    assert len(library.sheets) == 1 and note and "may be out of date" in note
    # The broken file did not replace the good saved copy.
    library, note = load_with_cache(share, cache)
    assert len(library.sheets) == 1 and "als.md" in (note or "")


def test_talk_and_yes_no_are_there_with_no_content_and_no_copy(make_app, tmp_path):
    app = make_app(content=tmp_path / "never-mounted")
    assert _labels(app) == ["Talk", "Yes / No"]
