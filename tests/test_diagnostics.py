"""`run_kiosk.py --check`: one plain line per part, non-zero exit when a wanted part fails."""

from __future__ import annotations

import dataclasses

from kiosk.diagnostics import Check, run_checks
from kiosk.settings import Settings
from tests.support.frames import face_frame, write_frames


def test_checks_report_every_part_and_fail_for_what_settings_ask(tmp_path):
    frames = write_frames(tmp_path / "frames", [face_frame()] * 3)
    lines: list[str] = []
    code = run_checks(Settings(), camera=str(frames), out=lines.append)
    names = [line.split(":")[0].split(maxsplit=1)[1] for line in lines[:-1]]
    assert names == [
        "display",
        "content",
        "speech engine",
        "audio output",
        "microphone",
        "recognizer",
        "camera",
        "settings",
        "staff PIN",
    ]
    by_name = dict(zip(names, lines))
    assert by_name["content"].startswith("OK") and "Amyotrophic" in by_name["content"]
    assert by_name["speech engine"].startswith("OK")
    assert by_name["camera"].startswith("OK") and "face is visible" in by_name["camera"]
    # No microphone on a test machine: voice is asked for, so the exit code says so.
    assert by_name["microphone"].startswith("PROBLEM") and "->" in by_name["microphone"]
    assert code == 1 and "need attention" in lines[-1]


def test_parts_turned_off_in_settings_do_not_fail_the_check(tmp_path):
    settings = Settings(voice_control=False, gaze_control=False)
    lines: list[str] = []
    run_checks(settings, out=lines.append)
    assert any(line.startswith("OFF     microphone") for line in lines)
    assert any(line.startswith("OFF     camera") for line in lines)


def test_a_missing_camera_is_a_plain_problem():
    check = dataclasses.replace(Check("camera", False, "Camera 7 not found", "plug it in"))
    assert check.line() == "PROBLEM camera: Camera 7 not found -> plug it in"
