"""A small supervisor: runs the kiosk and restarts it within seconds whenever it stops,
except after a staff exit.

Used by the systemd unit and the Windows start-up entry, so a crash, a kill, or a window
that could not be shown ends in a restart, not a desktop. Only a staff exit (exit code
STAFF_EXIT_CODE, from Ctrl+Shift+Q or the staff screen's Exit, both behind the PIN when
one is set) stops the supervisor. Exit code 0 is *not* a staff exit: a kiosk ended by a
stray SIGTERM or by anything else that returns 0 is restarted.

Stopping: SIGTERM or SIGINT to the supervisor (systemd's own stop) ends the kiosk
(SIGTERM, then SIGKILL after STOP_TIMEOUT_S) and the supervisor exits 0 without a restart.
Restarts that come too fast back off, so a broken install does not spin the CPU.

    python -m kiosk.supervisor [kiosk arguments...]
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from kiosk.logs import setup_logging
from kiosk.timings import MAX_RESTART_DELAY_S, RESTART_DELAY_S, STABLE_AFTER_S, STOP_TIMEOUT_S

log = logging.getLogger("kiosk.supervisor")
MAX_DELAY_S = MAX_RESTART_DELAY_S

# Exit codes of `python -m kiosk.cli`, shared with the app and the systemd unit
# (RestartPreventExitStatus / SuccessExitStatus name STAFF_EXIT_CODE).
STAFF_EXIT_CODE = 10  # staff chose Exit: do not restart
WINDOW_HIDDEN_EXIT_CODE = 11  # the window stayed hidden or minimised and could not be raised
NO_DISPLAY_EXIT_CODE = 12  # no screen to draw on (no DISPLAY / WAYLAND_DISPLAY)
ALREADY_RUNNING_EXIT_CODE = 13  # another kiosk holds the data folder's lock (instance_lock)
TERMINATED_EXIT_CODE = 143  # stopped by SIGTERM (128 + 15)

_REASONS = {
    WINDOW_HIDDEN_EXIT_CODE: "its window was hidden and could not be shown again",
    NO_DISPLAY_EXIT_CODE: "there is no display to show it on (DISPLAY is not set)",
    ALREADY_RUNNING_EXIT_CODE: "another kiosk is already running (tried again after a pause)",
    TERMINATED_EXIT_CODE: "it was stopped by a signal from outside (SIGTERM)",
    0: "it ended without a staff exit",
}


def display_problem(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why the kiosk cannot open a visible window here, in plain words; None if it can.

    Without a display, SDL quietly falls back to an invisible "offscreen" one and the kiosk
    would "start" at 1024x768 with nobody able to see it.
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    driver = env.get("SDL_VIDEODRIVER", "")
    if driver in ("dummy", "offscreen"):
        return None  # tests and benchmarks ask for an invisible screen on purpose
    if not platform.startswith("linux") and "bsd" not in platform:
        return None  # Windows and macOS always have their desktop
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "there is no display to show the kiosk on: DISPLAY is not set. Start it from the "
        "desktop session, or set DISPLAY (usually DISPLAY=:0; the systemd unit sets it)"
    )


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"signal {-code} ({name})"
    reason = _REASONS.get(code)
    return f"exit code {code}" + (f": {reason}" if reason else "")


class Child(Protocol):
    def wait(self) -> int: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...
    def poll(self) -> int | None: ...


class Supervisor:
    """Runs the command again after every exit but a staff exit, until asked to stop."""

    def __init__(
        self,
        command: Sequence[str],
        start: Callable[[Sequence[str]], Child] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        max_restarts: int | None = None,
    ) -> None:
        self.command = list(command)
        self.start = start or (lambda cmd: subprocess.Popen(list(cmd)))
        self.sleep = sleep
        self.clock = clock
        self.max_restarts = max_restarts
        self.child: Child | None = None
        self.stopping = False

    def stop(self, signum: int = signal.SIGTERM, frame: Any = None) -> None:
        """Signal handler: end the kiosk and do not restart it."""
        if not self.stopping:
            log.info("supervisor asked to stop (signal %d); stopping the kiosk", signum)
        self.stopping = True
        child = self.child
        if child is not None and child.poll() is None:
            child.terminate()

    def run(self) -> int:
        delay = RESTART_DELAY_S
        restarts = 0
        while not self.stopping:
            started = self.clock()
            self.child = self.start(self.command)
            code = self._wait()
            self.child = None
            if self.stopping:
                log.info("kiosk stopped (%s); supervisor stops", describe_exit(code))
                return 0
            if code == STAFF_EXIT_CODE:
                log.info("kiosk closed by staff; supervisor stops")
                return STAFF_EXIT_CODE
            ran_for = self.clock() - started
            delay = RESTART_DELAY_S if ran_for > STABLE_AFTER_S else delay
            log.error(
                "kiosk stopped unexpectedly (%s, after %.0f s); restarting in %.0f s",
                describe_exit(code),
                ran_for,
                delay,
            )
            restarts += 1
            if self.max_restarts is not None and restarts > self.max_restarts:
                return code
            self._pause(delay)
            delay = min(MAX_DELAY_S, delay * 2) if ran_for < 10 else RESTART_DELAY_S
        return 0

    def _wait(self) -> int:
        assert self.child is not None
        return self.child.wait()

    def _pause(self, delay: float) -> None:
        """Wait before a restart in short steps, so a stop during a long back-off is quick."""
        waited = 0.0
        while waited < delay and not self.stopping:
            step = min(0.5, delay - waited)
            self.sleep(step)
            waited += step


def supervise(
    command: Sequence[str],
    start: Callable[[Sequence[str]], Child] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    max_restarts: int | None = None,
) -> int:
    """Run command until a staff exit or a stop signal; restart it after anything else."""
    supervisor = Supervisor(command, start, sleep, max_restarts=max_restarts)
    previous = {sig: signal.signal(sig, supervisor.stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return supervisor.run()
    finally:
        child = supervisor.child
        if child is not None and child.poll() is None:
            _end(child)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _end(child: Child) -> None:
    child.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    if child.poll() is None:
        child.kill()


def main(argv: list[str] | None = None) -> int:
    setup_logging()
    args = sys.argv[1:] if argv is None else argv
    return supervise([sys.executable, "-m", "kiosk.cli", *args])


if __name__ == "__main__":
    sys.exit(main())
