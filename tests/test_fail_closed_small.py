"""Issue 20, the smaller points and resource bounds, each on the real thing: the real
font and renderer for pathological content, the real app and speech for the log, the
real settings check for the switch key."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pygame

from kiosk import core
from kiosk.diagnostics import check_settings
from kiosk.settings import Settings
from kiosk.view.fonts import MAX_SHOWN_CHARS, font, wrap

ROOT = Path(__file__).resolve().parent.parent
WORD = "a" * 200_000


def test_one_huge_word_is_wrapped_into_bounded_pieces_that_fit(screen_library):
    face = font(44, True)
    lines = wrap(f"Before {WORD} after", face, 600)
    assert all(face.size(line)[0] <= 600 for line in lines)
    assert sum(len(line) for line in lines) <= MAX_SHOWN_CHARS + 1
    # A real long word is not broken (the font shrinks for it instead, as before).
    assert wrap("Pneumonoultramicroscopicsilicovolcanoconiosis", face, 300) == [
        "Pneumonoultramicroscopicsilicovolcanoconiosis"
    ]


def test_a_sheet_with_a_huge_word_everywhere_is_shown_and_read(make_app, tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    (folder / "zz-huge.md").write_text(
        f"---\ntitle: Huge {WORD}\nsource: a test\n---\n\n## Huge {WORD}\n\nBefore {WORD}.\n",
        encoding="utf-8",
    )
    app = make_app(content=folder, size=(1920, 1080))
    for _ in range(2):  # the huge sheet, then its section: the reader
        target = next(t for t in core.content_targets(app.state) if t.label.startswith("Huge"))
        app.post(core.Press(target.id, core.Source.KEYBOARD))
        app.step(app.clock())
        app._draw()
    assert app.state.place.screen == "reader" and app.errors_handled == 0


def test_a_key_combination_as_the_switch_key_is_flagged_by_check():
    line = check_settings(Settings(switch_key="ctrl+shift+q")).line()
    assert line.startswith("PROBLEM") and "key combination" in line and "'space'" in line


def test_page_turns_leave_no_line_per_page_in_the_log_at_info(make_app, caplog):
    """Issue 20: 39 timestamped 'could not synthesize ahead: no longer wanted' lines, one
    per page turn, made the log a trail of a visitor's reading. The real speech engine."""
    app = make_app(size=(1920, 1080))
    target = core.content_targets(app.state)[0]
    app.post(core.Press(target.id, core.Source.KEYBOARD))
    app.step(app.clock())
    with caplog.at_level(logging.INFO):
        for _ in range(15):
            app.post(core.Do(core.Command.NEXT_PAGE, core.Source.KEYBOARD))
            app.step(app.clock())
            pygame.time.wait(20)
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not [line for line in lines if "synthesize ahead" in line or "page" in line.lower()]


def test_the_staff_screen_shows_the_notices_as_the_visitor_sees_them(make_app):
    from kiosk.core import NoticeChanged

    app = make_app()
    app.devices.update({"voice": object(), "gaze": object()})
    app._apply(NoticeChanged("voice", "Voice control is off right now. Touch and eyes still work."))
    app._apply(NoticeChanged("gaze", "Eye control is off right now. Voice and touch still work."))
    notices = [line for line in app._staff_lines() if line.startswith("Notice shown")]
    assert notices == ["Notice shown: Voice and eye control are off right now. Touch still works."]
    app.devices.clear()


def test_the_staff_content_line_counts_only_content_problems(make_app, tmp_path):
    """Issue 30, item 10: "Content: 1 problem(s)" used to count a sound problem."""
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(ROOT / "content" / "als.md", folder / "als.md")
    app = make_app(content=folder)
    app._add_problem("no sound output could be opened")
    line = next(line for line in app._staff_lines() if line.startswith("Content: "))
    assert line.endswith("; 0 problem(s)") and app.state.errors
    (folder / "broken.md").write_text("no title, no sections\n", encoding="utf-8")
    (folder / "phrases.md").write_text("# Talk\n\n## \n", encoding="utf-8")
    broken = make_app(content=folder)
    broken._add_problem("no sound output could be opened")
    line = next(line for line in broken._staff_lines() if line.startswith("Content: "))
    expected = len(broken.state.library.errors) + len(broken.state.phrases.errors)
    assert expected >= 1 and line.endswith(f"; {expected} problem(s)")
