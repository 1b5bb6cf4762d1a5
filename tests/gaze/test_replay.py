"""Replay of recorded sessions: the committed real-style sessions (synthetic people at
landmark level: normal, drooping lids, glasses), the file format, the recorder, the CLI."""

from __future__ import annotations

import gzip
import json
import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kiosk.gaze.face import USED_LANDMARKS, features_from_landmarks
from kiosk.gaze.replay import (
    Header,
    SessionError,
    SessionRecorder,
    frame_json,
    label_look_hits,
    read_session,
    replay,
    replay_file,
    replay_looks,
    summarise,
    target_errors_deg,
    tile_hits,
    write_session,
)
from tests.support.gaze_simulate import PEOPLE, SyntheticFace, real_style_session

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SESSIONS = sorted(DATA.glob("session_*.jsonl.gz"))
KEYS = {
    "frames",
    "targets",
    "error_deg_mean",
    "error_deg_median",
    "target_error_deg_mean",
    "frame_tile_hit",
    "target_tile_hit",
    "target_grid3x2_hit",
    "layout",
    "target_error_deg_h",
    "target_error_deg_v",
    "calibration_points_reasked",
    "calibration_points_to_ask_again",
    "frames_dropped",
}


@pytest.fixture(scope="module")
def loaded():
    return {path.name: read_session(path) for path in SESSIONS}


def test_committed_sessions_meet_the_issue_targets(loaded):
    assert len(loaded) >= 2
    for name, (header, frames) in loaded.items():
        got = replay(header, frames)
        assert set(got) == KEYS
        assert got["frames"] == len(frames) and got["targets"] == 11
        assert got["target_error_deg_mean"] <= 3.0, (name, got)
        assert got["target_tile_hit"] >= 0.95, (name, got)
        assert got["target_grid3x2_hit"] >= 0.95, (name, got)
        assert got["layout"] in ("tiles", "large", "halves")


def test_the_old_lid_relative_feature_fails_here_as_on_real_eyes(loaded):
    """On the real recording the lid-relative vertical feature (the iris between the lids)
    left about 10 degrees and the corner-line one 3.4; the synthetic face must show the
    same ordering. (The upper lid's own place is a term of the model since issue 32, and
    carries vertical gaze by itself, so the old feature's cost is smaller than it was.)"""
    header, frames = loaded["session_normal.jsonl.gz"]
    corner = replay(header, frames)["target_error_deg_mean"]
    lid = replay(header, frames, vertical="lid")["target_error_deg_mean"]
    assert lid > corner, (lid, corner)


def test_the_cli_prints_the_figures_as_its_last_line():
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.gaze", "--replay", str(SESSIONS[0])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) == KEYS and figures == replay_file(SESSIONS[0])


def test_the_cli_names_a_broken_file(tmp_path, capsys):
    """In-process (the entry point itself runs in the test above)."""
    from kiosk.gaze.__main__ import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"screen_px": [1920, 1080]}\n')
    assert main(["--replay", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl" in err and "header" in err


HEADER = '{"screen_px": [1920, 1080], "diagonal_in": 24, "distance_cm": 60, "frame_px": [640, 480]}'


@pytest.mark.parametrize(
    "lines, message",
    [
        ([], "empty"),
        ([HEADER, "{not json"], "line 2: not JSON"),
        ([HEADER, '{"t": 0, "phase": "warmup", "landmarks": []}'], "line 2: phase"),
        ([HEADER, '{"t": 0, "phase": "test", "landmarks": [[0, 0]]}'], "478"),
        ([HEADER, '{"t": 0, "phase": "test", "target": [1], "landmarks": []}'], "target"),
    ],
)
def test_bad_files_say_what_and_where(tmp_path, lines, message):
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines))
    with pytest.raises(SessionError, match=message):
        read_session(path)


def test_the_recorder_writes_exactly_the_format_and_replays(tmp_path):
    """Live tracker frames (features with their landmarks) -> file -> the same features."""
    face = SyntheticFace(PEOPLE["normal"], seed=2)
    path = tmp_path / "rec.jsonl"
    header = Header((1920, 1080), 24.0, 60.0, (640, 480))
    originals = []
    with SessionRecorder(path, header) as rec:
        for i in range(5):
            lm = face.landmarks((300.0 * i, 200.0))
            f = features_from_landmarks(lm[:, :2] * [640, 480], 640, 480)
            f = type(f)(**{**f.__dict__, "landmarks": lm})
            originals.append(f)
            rec.add(10.0 + i / 30, f, (300.0 * i, 200.0), "calibration" if i < 3 else "test")
        rec.add(10.5, features_from_landmarks(np.full((478, 2), np.nan), 640, 480), None, "test")
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert lines[0] == header.as_json()
    assert set(lines[1]) == {"t", "target", "phase", "landmarks", "head"}
    assert lines[1]["t"] == 0.0 and lines[1]["phase"] == "calibration"
    assert len(lines[1]["landmarks"]) == 478 and len(lines[1]["landmarks"][0]) == 3
    assert lines[-1]["landmarks"] == [None] * 478 and "head" not in lines[-1]
    got_header, frames = read_session(path)
    assert got_header == header and len(frames) == 6
    for f, frame in zip(originals, frames):
        again = features_from_landmarks(frame.landmarks[:, :2] * [640, 480], 640, 480)
        assert again.left_iris == pytest.approx(f.left_iris, abs=2e-3)
        assert again.yaw == pytest.approx(f.yaw, abs=0.01)


def test_head_pose_from_the_file_when_its_points_are_missing():
    face = SyntheticFace(PEOPLE["normal"], seed=0)
    lm = face.landmarks((960, 540), noise=False)
    lm[[1, 152, 61, 291]] = np.nan  # nose, chin and mouth missing: pose cannot be solved
    obj = frame_json(0.0, (960, 540), "test", lm, (12.0, -3.0, 1.0))
    assert obj["landmarks"][1] is None
    pts = np.array([p if p is not None else [math.nan] * 3 for p in obj["landmarks"]])
    f = features_from_landmarks(pts[:, :2] * [640, 480], 640, 480, tuple(obj["head"]))
    assert f.face and math.degrees(f.yaw) == pytest.approx(12.0)


def test_a_session_with_only_the_points_the_kiosk_reads_and_gzip(tmp_path):
    header, frames = real_style_session(PEOPLE["glasses"], seed=5, fps=10.0, only_used_points=True)
    assert sum(p is not None for p in frames[0]["landmarks"]) == len(USED_LANDMARKS)
    path = tmp_path / "s.jsonl.gz"
    write_session(path, Header((1920, 1080), 24.0, 60.0, (640, 480)), frames)
    with gzip.open(path, "rt") as f:
        assert json.loads(f.readline()) == header
    got = replay_file(path)
    assert got["target_error_deg_mean"] < 3.0


def test_label_looks_do_not_depend_on_where_the_targets_sit():
    """The same measured errors score the same, wherever a recording's targets were; the
    target share, by contrast, drops for a target near a tile's edge."""
    rects = {"a": (0.0, 0.0, 400.0, 200.0), "b": (420.0, 0.0, 400.0, 200.0)}
    error = np.array([30.0, 0.0])  # every look lands 30 px to the right
    centred = [((200.0, 100.0), np.array([[200.0, 100.0]]) + error)]
    at_edge = [((395.0, 100.0), np.array([[395.0, 100.0]]) + error)]
    assert tile_hits(centred, rects) == 1.0 and tile_hits(at_edge, rects) == 0.0
    assert label_look_hits(centred, rects) == label_look_hits(at_edge, rects) == 1.0
    far = [((200.0, 100.0), np.array([[200.0 + 300.0, 100.0]]))]
    # 300 px right: looks at "a" land in "b"; looks at "b" stay (nothing lies beyond it).
    assert label_look_hits(far, rects) == 0.5
    assert label_look_hits(centred, {}) is None and tile_hits(centred, {}) is None


def test_replay_is_its_looks_summarised(loaded):
    header, frames = loaded["session_normal.jsonl.gz"]
    looks = replay_looks(header, frames)
    assert len(looks) == 11 and all(p.shape[1] == 2 for _, p in looks)
    errors = target_errors_deg(looks, header.geometry)
    got = summarise(header.geometry, len(frames), looks)
    assert got["target_error_deg_mean"] == round(float(errors.mean()), 3)
    assert {**got, "frames_dropped": 0} == replay(header, frames)


def test_a_point_asked_again_counts_by_its_last_look_and_is_reported():
    """A live session that asked a calibration point again holds it twice (its second look
    after the other dots); the replay counts it once, by that look, and says so."""
    from kiosk.gaze.replay import replay, session_from_json

    head, lines = real_style_session(PEOPLE["normal"], seed=3, only_used_points=True)
    header, frames = session_from_json(head, enumerate(lines, 2))
    calibration = [f for f in frames if f.phase == "calibration"]
    tests = [f for f in frames if f.phase == "test"]
    first = [f for f in calibration if f.target == calibration[0].target]
    before = replay(header, frames)
    got = replay(header, calibration + first + tests)
    assert before["calibration_points_reasked"] == 0
    assert got["calibration_points_reasked"] == 1
    assert got["target_error_deg_mean"] == pytest.approx(before["target_error_deg_mean"], abs=0.3)


def test_half_missing_frames_are_dropped_and_counted(loaded):
    """Issue 20: frames with half a point, or some of the read points gone, were scored
    as good frames."""
    header, frames = loaded["session_normal.jsonl.gz"]
    broken = list(frames)
    for i in range(0, len(broken), 10):
        lm = broken[i].landmarks.copy()
        lm[473, 1] = np.nan  # an iris point with x but no y
        broken[i] = replace(broken[i], landmarks=lm)
    got = replay(header, broken)
    assert got["frames_dropped"] == len(range(0, len(broken), 10))
    assert got["frames"] == len(frames) - got["frames_dropped"]


# ------------------------------------------------------------ issue 30, item 7: bad files
LANDMARKS = "[" + ",".join(["[0.5, 0.5, 0.0]"] * 478) + "]"


@pytest.mark.parametrize(
    "lines, message",
    [
        ([HEADER, '{"t": 0, "phase": "test", "landmarks": [["a", "b", "c"]]}'], "478"),
        (
            [
                HEADER,
                '{"t": 0, "phase": "test", "landmarks": '
                + LANDMARKS.replace("0.5", '"0.5"', 1)
                + "}",
            ],
            "line 2: landmark 0 must be \\[x, y, z\\] numbers or null",
        ),
        ([HEADER, '{"t": "soon", "phase": "test", "landmarks": []}'], "line 2: a frame needs t"),
        ([HEADER, '{"t": 0, "phase": "test", "target": ["a", 1], "landmarks": []}'], "target"),
        ([HEADER.replace("[1920, 1080]", "[0, 0]").replace("24", "0")], "screen_px must be"),
        ([HEADER.replace('"diagonal_in": 24', '"diagonal_in": 0')], "diagonal_in must be more"),
        ([HEADER.replace("60", "-60")], "distance_cm must be more than 0 cm, not -60"),
        ([HEADER.replace("60", '"60"')], "distance_cm must be a number"),
        ([HEADER.replace("60", "NaN")], "distance_cm must be a number"),
        (["[" * 100_000 + "]" * 100_000], "line 1: JSON nested too deeply"),
    ],
    ids=[
        "landmarks-strings",
        "a-coordinate-string",
        "t-string",
        "target-string",
        "screen-0x0",
        "diagonal-0",
        "distance-negative",
        "distance-string",
        "distance-nan",
        "deep-json",
    ],
)
def test_bad_values_are_one_clear_line(tmp_path, lines, message):
    """Strings as landmarks, a 0 x 0 screen, a 0 diagonal (ZeroDivisionError) and a negative
    distance (accepted, negative degrees) used to give a traceback or a wrong figure."""
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines))
    with pytest.raises(SessionError, match=message):
        read_session(path)


@pytest.mark.parametrize("filler", [b"\n" * 2**20, b"\0" * 2**20, b" " * 2**20])
def test_a_gzip_bomb_is_refused_in_bounded_memory(tmp_path, filler):
    """A 300 KB gzip expanding to 300 MB cost 2.8 GB before "is empty"; now reading stops at
    the session cap (or at a line longer than any frame), holding a few chunks at a time.
    (100 MB here, over the 64 MB cap, as making the file is the slow part.)"""
    import gzip
    import tracemalloc

    from kiosk.gaze import replay as replay_module

    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        for _ in range(100):
            out.write(filler)
    assert path.stat().st_size < 150_000  # 100 MB inside
    tracemalloc.start()
    try:
        with pytest.raises(SessionError, match="MB \\(a session is a few MB\\)|longer than"):
            read_session(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * replay_module.MAX_LINE_BYTES


def test_the_cli_names_the_file_once(tmp_path, capsys):
    from kiosk.gaze.__main__ import main

    bad = tmp_path / "gone.jsonl"
    assert main(["--replay", str(bad)]) == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    assert main(["--replay", str(empty)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and [line.count(str(tmp_path)) for line in lines] == [1, 1]
    assert "empty" in lines[1]
