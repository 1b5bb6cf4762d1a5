"""The kiosk's command line: arguments, logging, the service manager's stop, and the run.

`python -m kiosk.cli`, run_kiosk.py and the `handsfree-kiosk` script all start here.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from dataclasses import replace
from pathlib import Path
from types import FrameType

from kiosk.app import App, Options
from kiosk.instance_lock import hold_or_explain
from kiosk.logs import setup_logging
from kiosk.settings import load_settings
from kiosk.supervisor import (
    ALREADY_RUNNING_EXIT_CODE,
    NO_DISPLAY_EXIT_CODE,
    TERMINATED_EXIT_CODE,
    display_problem,
)

log = logging.getLogger("kiosk.app")

STAFF_EXIT_HINT = "Ctrl+Shift+Q"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="run_kiosk.py",
        description=("Hands-free health-information kiosk. Staff exit: " + STAFF_EXIT_HINT),
    )
    parser.add_argument("--windowed", action="store_true", help="run in a window (staff, testing)")
    parser.add_argument("--size", help="window size, e.g. 1920x1080")
    parser.add_argument("--settings", type=Path, help="settings file (TOML)")
    parser.add_argument("--content", type=Path, help="content folder (overrides settings)")
    parser.add_argument("--camera", help="camera index, or a video file / image folder")
    parser.add_argument(
        "--microphone",
        help="microphone name or index, or a WAV file to play "
        "as the microphone (demonstrations, tests)",
    )
    parser.add_argument("--no-voice", action="store_true", help="turn voice control off")
    parser.add_argument("--no-gaze", action="store_true", help="turn eye-gaze control off")
    parser.add_argument(
        "--record",
        metavar="FILE",
        help="staff only: record the eye landmarks (never pictures) of each calibration and "
        "its check to FILE, FILE-2, ... for `python -m kiosk.gaze --replay`; shown on screen",
    )
    parser.add_argument("--check", action="store_true", help="check every part and exit")
    return parser.parse_args(argv)


def window_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"--size must look like 1920x1080, not {text!r}") from None
    return width, height


class Terminate:
    """The service manager's stop (SIGTERM) ends the kiosk cleanly; visitors have no
    signals. Installed before SDL starts, so SDL does not turn it into a window-close
    event. Not a staff exit: the supervisor restarts the kiosk unless it was stopping it."""

    def __init__(self) -> None:
        self.app: App | None = None
        signal.signal(signal.SIGTERM, self)

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        log.info("stopped by the system (signal %d)", signum)
        if self.app is None:
            raise SystemExit(TERMINATED_EXIT_CODE)
        self.app.stop(TERMINATED_EXIT_CODE)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_logging()
    settings = load_settings(args.settings)
    if args.content:
        settings = replace(settings, content_dir=str(args.content))
    if args.microphone:
        settings = replace(settings, microphone=args.microphone)
    if args.check:
        from kiosk.diagnostics import run_checks

        return run_checks(settings, camera=args.camera, settings_path=args.settings)
    problem = display_problem()
    if problem:  # never an invisible start on SDL's offscreen fallback
        log.error("the kiosk cannot start: %s", problem)
        return NO_DISPLAY_EXIT_CODE
    if not hold_or_explain():  # one kiosk at a time (kiosk/instance_lock.py)
        return ALREADY_RUNNING_EXIT_CODE
    options = Options(
        windowed=args.windowed,
        size=window_size(args.size),
        camera=args.camera,
        voice=not args.no_voice and settings.voice_control,
        gaze=not args.no_gaze and settings.gaze_control,
        record=args.record,
        settings_path=args.settings,
    )
    terminate = Terminate()
    app = terminate.app = App(settings, options)
    app.start_devices()
    log.info("kiosk started (%dx%d); staff exit: %s", *app.screen.get_size(), STAFF_EXIT_HINT)
    app.run()
    return app.exit_code


if __name__ == "__main__":
    sys.exit(main())
