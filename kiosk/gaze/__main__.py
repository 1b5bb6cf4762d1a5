"""`python -m kiosk.gaze --check [--camera N|PATH] [--max-frames N]`
`python -m kiosk.gaze --replay FILE.jsonl`

--replay runs the kiosk's feature extraction, calibration and tile selection on a recorded
session (landmarks only; format in kiosk/gaze/replay.py) and prints one JSON object:
{"frames": N, "targets": K, "error_deg_mean": .., "error_deg_median": ..,
 "target_error_deg_mean": .., "frame_tile_hit": .., "target_tile_hit": ..,
 "target_grid3x2_hit": .., "layout": "..", "target_error_deg_h": .., "target_error_deg_v": ..,
 "calibration_points_reasked": N, "calibration_points_to_ask_again": N}
"layout" is the layout the kiosk would choose for this accuracy; "calibration_points_reasked"
the points the recording holds twice (asked again live); "..._to_ask_again" the points the
kiosk would ask again now (a blink, a look away or a head move during the point).

--check prints one JSON line per frame
so staff can check camera placement and light, and tests can run on recorded frames:
{"frame": 0, "face": true, "left_iris": [x, y], "right_iris": [x, y], "eyes_open": true, "ms": 3.1}
`left_iris` is the eye on the left of the camera image; x runs from that eye's corner on the
image's left (0) to its other corner (1); y is the iris's offset from the line joining the
corners, in eye widths (positive down). `eyes_open` is judged against the person's own open
eyes once a few frames have been seen (a single still: a fixed, lenient threshold).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from kiosk.gaze.blink import EyeOpenness
from kiosk.gaze.camera import CameraError, FrameSource
from kiosk.gaze.face import FaceFeatureExtractor, FaceMeshUnavailable


def check(camera: str, max_frames: int | None, width: int = 640, height: int = 480) -> int:
    try:
        source = FrameSource(camera, width, height).open()
    except CameraError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        still = isinstance(source.spec, Path) and source.spec.is_dir()
        extractor = FaceFeatureExtractor(still_images=still)
    except FaceMeshUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        source.stop()
        return 3
    # A camera or a video shows one person: judge closed eyes against their own open eyes.
    # A folder of stills may hold anyone: each picture is judged on its own.
    openness = None if still else EyeOpenness()
    count = 0
    try:
        for frame in source.frames():
            if max_frames is not None and count >= max_frames:
                break
            start = time.perf_counter()
            features = extractor.process(frame)
            if openness is not None:
                features = replace(features, closed=openness.update(count / 30.0, features))
            ms = (time.perf_counter() - start) * 1000.0
            print(json.dumps(features.as_check_json(count, ms)), flush=True)
            count += 1
    except CameraError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        extractor.close()
        source.stop()
    if count == 0:
        print(f"error: no frames could be read from {source.name}", file=sys.stderr)
        return 2
    return 0


def replay_command(path: str) -> int:
    from kiosk.gaze.replay import SessionError, replay_file

    try:
        figures = replay_file(path)
    except SessionError as exc:
        print(f"error: {path}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(figures))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.gaze", description="Eye-gaze tools for the kiosk."
    )
    parser.add_argument(
        "--check", action="store_true", help="print one JSON line of eye features per camera frame"
    )
    parser.add_argument(
        "--replay",
        metavar="FILE",
        help="replay a recorded session (JSON lines of landmarks) and print its accuracy",
    )
    parser.add_argument(
        "--camera",
        default="0",
        help="camera number, or a video file or folder of images (default 0)",
    )
    parser.add_argument(
        "--max-frames", type=int, default=None, metavar="N", help="stop after N frames"
    )
    parser.add_argument("--width", type=int, default=640)
    parser.add_argument("--height", type=int, default=480)
    args = parser.parse_args(argv)
    if args.replay:
        return replay_command(args.replay)
    if not args.check:
        parser.print_help()
        return 2
    if args.max_frames is not None and args.max_frames < 1:
        parser.error("--max-frames must be 1 or more")
    return check(args.camera, args.max_frames, args.width, args.height)


if __name__ == "__main__":
    sys.exit(main())
