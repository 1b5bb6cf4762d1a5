from __future__ import annotations

import time

import cv2
import numpy as np
import pytest

from kiosk.gaze.camera import CameraError, FrameSource, parse_camera
from tests.support.frames import write_frames


def frames(n: int) -> list[np.ndarray]:
    out = []
    for i in range(n):
        f = np.zeros((48, 64, 3), np.uint8)
        f[:, :, 0] = i * 20  # red channel encodes the frame number
        out.append(f)
    return out


def test_parse_camera(tmp_path):
    assert parse_camera("0") == 0 and parse_camera(2) == 2
    assert parse_camera(str(tmp_path)) == tmp_path
    with pytest.raises(CameraError):
        parse_camera("  ")


def test_folder_frames_in_order_as_rgb(tmp_path):
    write_frames(tmp_path / "f", frames(4))
    got = list(FrameSource(str(tmp_path / "f")).open().frames())
    assert [int(g[0, 0, 0]) for g in got] == [0, 20, 40, 60]
    assert int(got[1][0, 0, 2]) == 0  # RGB, not BGR


def test_video_file(tmp_path):
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 15, (64, 48))
    for f in frames(5):
        writer.write(cv2.cvtColor(f, cv2.COLOR_RGB2BGR))
    writer.release()
    got = list(FrameSource(str(path)).open().frames())
    assert len(got) == 5 and got[0].shape == (48, 64, 3)


def test_thread_keeps_only_the_latest_frame(tmp_path):
    write_frames(tmp_path / "f", frames(3))
    source = FrameSource(str(tmp_path / "f"), loop=True, fps=100).start()
    try:
        first = source.wait_newer(-1, timeout=2)
        assert first is not None
        time.sleep(0.2)
        seq, _, frame = source.latest()
        assert seq > first[0] + 3 and frame.shape == (48, 64, 3)
    finally:
        source.stop()


def test_plain_errors(tmp_path):
    with pytest.raises(CameraError, match="does not exist"):
        FrameSource(str(tmp_path / "missing")).open()
    (tmp_path / "empty").mkdir()
    with pytest.raises(CameraError, match="holds no images"):
        FrameSource(str(tmp_path / "empty")).open()
    bad = tmp_path / "notes.txt"
    bad.write_text("not a video")
    with pytest.raises(CameraError, match="cannot be read as a video"):
        FrameSource(str(bad)).open()
    with pytest.raises(
        CameraError, match="Camera 57 not found: gaze is off; voice, touch and keyboard still work"
    ):
        FrameSource(57).open()


def test_an_enormous_picture_is_refused_plainly_without_decoding(tmp_path):
    """Issue 16: a 30000x30000 picture crashed mediapipe (SIGSEGV). Only its header is read."""
    import struct
    import zlib

    from kiosk.gaze.camera import CameraError, FrameSource, image_size

    folder = tmp_path / "camera"
    folder.mkdir()
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk
    png += struct.pack(">I", zlib.crc32(chunk)) + b"\x00" * 64
    (folder / "huge.png").write_bytes(png)
    assert image_size(folder / "huge.png") == (30000, 30000)
    with pytest.raises(CameraError, match="30000x30000 pixels, too large"):
        FrameSource(str(folder)).open()


def test_a_large_picture_is_shrunk_and_its_face_still_found(tmp_path, extractor):
    """An 8000-pixel-wide picture (a vague error before) is read reduced and shrunk."""
    import cv2

    from kiosk.gaze.camera import FrameSource, image_size
    from kiosk.gaze.face import MAX_FRAME_SIDE
    from tests.support.frames import face_frame

    big = cv2.resize(face_frame(), (8000, 3000), interpolation=cv2.INTER_NEAREST)
    folder = tmp_path / "camera"
    folder.mkdir()
    cv2.imwrite(str(folder / "big.jpg"), cv2.cvtColor(big, cv2.COLOR_RGB2BGR))
    assert image_size(folder / "big.jpg") == (8000, 3000)
    frame = next(FrameSource(str(folder)).open().frames())
    assert max(frame.shape[:2]) <= MAX_FRAME_SIDE
    assert extractor.process(frame).face
    # Handed over directly, a huge frame is shrunk before the face tracker sees it.
    assert extractor.process(np.ascontiguousarray(big[:, 1500:6500])).face
