"""Issue 30, item 9: the README and the tools' own help say what the program does (each
claim checked against the code that does it)."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import pygame

from kiosk.layout import compute_layout
from kiosk.settings import DEFAULTS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_gives_the_home_screens_real_tiles():
    match = re.search(r"the usual (\w+) tiles \(six topics, Talk, Yes / No\), (\d+)x(\d+)", README)
    assert match, "the accuracy table names the home screen's tiles"
    home = compute_layout((1920, 1080), 8)  # six topics, Talk and Yes / No
    sizes = {(w, h) for _, _, w, h in home.tiles}
    assert match.group(1) == "eight" and sizes == {(int(match[2]), int(match[3]))}
    assert "six tiles, 616x264" not in README


def test_the_readme_says_eyes_look_and_confirm_by_default():
    assert DEFAULTS.gaze_trigger == "confirm"
    intro = README[: README.index("## Install and start")]
    assert "then at the **Choose** tab" in intro and "until it fills (an" not in intro


def test_the_readme_number_keys_are_the_ones_the_keyboard_reads():
    from kiosk.shell.pygame_input import PygameInput

    assert "| 1-9, or arrows/Tab then Enter |" in README
    source = inspect.getsource(PygameInput)
    assert "pygame.K_1 <= event.key <= pygame.K_9" in source
    assert pygame.K_9 - pygame.K_1 == 8


def test_the_voice_tools_help_lists_whisper_the_default():
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.voice", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0
    assert "--engine auto|whisper|vosk|pocketsphinx" in result.stdout
    assert "{auto,whisper,vosk,pocketsphinx}" in result.stdout


def test_make_run_prints_the_kiosks_own_exit_code():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert 'echo "The kiosk ended with exit code $$code' in makefile
    assert "make itself then exits with its usual 2" in README
    assert "passes any other exit code on" not in README


def test_the_xorg_snippet_turns_off_console_switching_and_zapping():
    snippet = (ROOT / "deploy" / "xorg-kiosk.conf").read_text(encoding="utf-8")
    body = [line.strip() for line in snippet.splitlines() if not line.startswith("#")]
    assert body == [
        'Section "ServerFlags"',
        'Option "DontVTSwitch" "true"',
        'Option "DontZap" "true"',
        "EndSection",
    ]
    assert "deploy/xorg-kiosk.conf" in README and "/etc/X11/xorg.conf.d/" in README
