"""Frames from a camera, a video file or a folder of images, read in their own thread.

Only the latest frame is kept, in memory: a slow consumer skips frames instead of lagging
behind, and nothing is ever written to disk. A video file or an image folder stands in for
the camera in demonstrations and tests (`--camera PATH`).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from kiosk.gaze.face import MAX_FRAME_SIDE

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"}
STILL_FPS = 30.0  # pace for image folders and videos that do not say their rate
# Pictures larger than this are refused: decoding them takes gigabytes, and mediapipe
# crashes (SIGSEGV) on them. Up to it they are decoded reduced and shrunk to camera size.
MAX_IMAGE_PIXELS = 100_000_000
MAX_IMAGE_BYTES = 200_000_000  # formats whose size cannot be read from the header


class CameraError(RuntimeError):
    """The camera or the replacement file cannot be read; the message is for people."""


def _off(what: str, why: str) -> CameraError:
    return CameraError(f"{what} {why}: gaze is off; voice, touch and keyboard still work")


def parse_camera(spec: str | int) -> int | Path:
    """A camera index ("0") or a path (video file or image folder)."""
    if isinstance(spec, int):
        return spec
    text = str(spec).strip()
    if text.isdigit():
        return int(text)
    if not text:
        raise _off("Camera", "is not set")
    return Path(text).expanduser()


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG, JPEG, BMP or GIF header, without decoding the picture
    (a 30000x30000 picture would take 2.7 GB and crash the face tracker). None: unknown."""
    try:
        with path.open("rb") as f:
            head = f.read(32)
            if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
                return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
            if head[:6] in (b"GIF87a", b"GIF89a"):
                return int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
            if head.startswith(b"BM") and len(head) >= 26:
                w = int.from_bytes(head[18:22], "little", signed=True)
                h = int.from_bytes(head[22:26], "little", signed=True)
                return abs(w), abs(h)
            if head.startswith(b"\xff\xd8"):
                return _jpeg_size(f)
    except OSError:
        return None
    return None


def _jpeg_size(f: BinaryIO) -> tuple[int, int] | None:
    """Scan JPEG markers for the frame header (SOF0-SOF15 but DHT, JPG, DAC)."""
    f.seek(2)
    while True:
        marker = f.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        if kind in (0xD8, 0x01) or 0xD0 <= kind <= 0xD7:
            continue
        length = int.from_bytes(f.read(2), "big")
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
            data = f.read(5)
            if len(data) < 5:
                return None
            return int.from_bytes(data[3:5], "big"), int.from_bytes(data[1:3], "big")
        if length < 2:
            return None
        f.seek(length - 2, 1)


def _folder_images(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)


class FrameSource:
    """Reads frames in a thread. `latest()` gives (sequence number, time, RGB frame).

    `open()` checks the source and raises CameraError with a plain message; `start()`
    begins reading. A file source plays at its own rate (or 30 fps) and, with `loop=True`,
    starts again at the end; otherwise `ended` becomes true.
    """

    def __init__(
        self,
        spec: str | int,
        width: int = 640,
        height: int = 480,
        loop: bool = False,
        fps: float | None = None,
    ) -> None:
        self.spec = parse_camera(spec)
        self.width, self.height, self.loop = width, height, loop
        self._fps = fps
        self._cond = threading.Condition()
        self._frame: np.ndarray | None = None
        self._seq = -1
        self._time = 0.0
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._capture: Any = None  # cv2.VideoCapture once open
        self._images: list[Path] = []
        self.ended = False
        self.error: str | None = None

    @property
    def started(self) -> bool:
        return self._thread is not None

    @property
    def is_live(self) -> bool:
        return isinstance(self.spec, int)

    @property
    def name(self) -> str:
        return f"Camera {self.spec}" if self.is_live else f"'{self.spec}'"

    def open(self) -> FrameSource:
        import cv2

        if isinstance(self.spec, int):
            # OpenCV prints its own warnings to the console on every failed open; the
            # kiosk reports a missing camera itself, in plain words, once.
            cv2.setLogLevel(0)  # 0: silent
            cap = cv2.VideoCapture(self.spec)
            if not cap.isOpened():
                cap.release()
                raise _off(f"Camera {self.spec}", "not found")
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            self._capture = cap
            return self
        path = self.spec
        if not path.exists():
            raise _off(f"'{path}'", "does not exist")
        if path.is_dir():
            self._images = _folder_images(path)
            if not self._images:
                raise _off(f"'{path}'", "holds no images (png, jpg, bmp, tif)")
            if self._read_image(self._images[0]) is None:
                raise _off(f"'{self._images[0]}'", "cannot be read as an image")
            return self
        cap = cv2.VideoCapture(str(path))
        ok = cap.isOpened() and cap.read()[0]
        if not ok:
            cap.release()
            raise _off(f"'{path}'", "cannot be read as a video")
        cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
        if self._fps is None:
            rate = cap.get(cv2.CAP_PROP_FPS)
            self._fps = rate if 1 <= rate <= 240 else STILL_FPS
        self._capture = cap
        return self

    @staticmethod
    def _read_image(path: Path) -> np.ndarray | None:
        """The picture as RGB, shrunk to a size the face tracker takes; None if unreadable.
        Raises CameraError for a picture too large to open safely."""
        import cv2

        size = image_size(path)
        if size is None and path.stat().st_size > MAX_IMAGE_BYTES:
            raise _off(f"'{path}'", "is too large a file to use as a camera picture")
        flags = cv2.IMREAD_COLOR
        if size is not None:
            width, height = size
            if width * height > MAX_IMAGE_PIXELS:
                raise _off(
                    f"'{path}'",
                    f"is {width}x{height} pixels, too large to use as a camera picture "
                    f"(at most {MAX_IMAGE_PIXELS // 1_000_000} million pixels)",
                )
            # Decode at a half or a quarter where that brings it near camera size.
            side = max(width, height)
            if side > 4 * MAX_FRAME_SIDE:
                flags = cv2.IMREAD_REDUCED_COLOR_4
            elif side > MAX_FRAME_SIDE:
                flags = cv2.IMREAD_REDUCED_COLOR_2
        image = cv2.imread(str(path), flags)
        if image is None:
            return None
        if max(image.shape[:2]) > MAX_FRAME_SIDE:
            k = MAX_FRAME_SIDE / max(image.shape[:2])
            image = cv2.resize(
                image,
                (max(1, round(image.shape[1] * k)), max(1, round(image.shape[0] * k))),
                interpolation=cv2.INTER_AREA,
            )
        return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)

    def frames(self):
        """Yield RGB frames one by one in this thread (no pacing): for `--check`."""
        import cv2

        if self._capture is None and not self._images:
            self.open()
        if self._images:
            for path in self._images:
                image = self._read_image(path)
                if image is None:
                    raise _off(f"'{path}'", "cannot be read as an image")
                yield image
            return
        while True:
            ok, bgr = self._capture.read()
            if not ok:
                if self.is_live:
                    raise _off(self.name, "stopped sending pictures")
                return
            yield cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)

    # -- thread -----------------------------------------------------------------------
    def start(self) -> FrameSource:
        if self._capture is None and not self._images:
            self.open()
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="camera", daemon=True)
        self._thread.start()
        return self

    def _publish(self, frame: np.ndarray) -> None:
        with self._cond:
            self._frame = frame
            self._seq += 1
            self._time = time.monotonic()
            self._cond.notify_all()

    def _run(self) -> None:
        try:
            period = 1.0 / (self._fps or STILL_FPS)
            next_t = time.monotonic()
            while not self._stop.is_set():
                produced = False
                for frame in self.frames():
                    produced = True
                    self._publish(frame)
                    if self.is_live:
                        continue  # the camera paces itself
                    next_t += period
                    delay = next_t - time.monotonic()
                    if delay > 0:
                        self._stop.wait(delay)
                    else:
                        next_t = time.monotonic()
                    if self._stop.is_set():
                        return
                if not self.loop or not produced or self.is_live:
                    break
                if self._capture is not None:
                    import cv2

                    self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
        except CameraError as exc:
            self.error = str(exc)
        except Exception as exc:  # a driver failing mid-stream must not kill the kiosk
            self.error = (
                f"{self.name} failed ({exc}): gaze is off; voice, touch and keyboard still work"
            )
        finally:
            self.ended = True
            with self._cond:
                self._cond.notify_all()

    def latest(self) -> tuple[int, float, np.ndarray] | None:
        with self._cond:
            if self._frame is None:
                return None
            return self._seq, self._time, self._frame

    def wait_newer(self, seq: int, timeout: float = 0.5) -> tuple[int, float, np.ndarray] | None:
        """Block until a frame newer than `seq` arrives (or timeout / end)."""
        with self._cond:
            self._cond.wait_for(
                lambda: self._seq > seq or self.ended or self._stop.is_set(), timeout
            )
            if self._frame is None or self._seq <= seq:
                return None
            return self._seq, self._time, self._frame

    def stop(self) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2.0)
        if self._capture is not None:
            self._capture.release()
            self._capture = None
