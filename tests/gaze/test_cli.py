from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kiosk.gaze.__main__ import main
from tests.support.frames import face_frame, write_frames

from .conftest import close_eyes

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk.gaze", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_prints_one_json_line_per_frame(tmp_path, capsys):
    frames = [face_frame(), face_frame(dx=30), close_eyes(face_frame())]
    folder = write_frames(tmp_path / "frames", frames)
    done = run("--check", "--camera", str(folder))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["frame"] for line in lines] == [0, 1, 2]
    for line in lines:
        assert set(line) == {"frame", "face", "left_iris", "right_iris", "eyes_open", "ms"}
        assert line["face"] is True and len(line["left_iris"]) == 2
        assert 0.2 < line["left_iris"][0] < 0.8 and line["ms"] > 0
    assert [line["eyes_open"] for line in lines] == [True, True, False]
    # The real entry point once (above); its options in-process (a face mesh less to load).
    assert main(["--check", "--camera", str(folder), "--max-frames", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_check_on_a_bad_path_is_a_clear_error(tmp_path, capsys):
    assert main(["--check", "--camera", str(tmp_path / "nowhere")]) != 0
    assert "does not exist" in capsys.readouterr().err
