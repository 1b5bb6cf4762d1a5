"""A small supervisor: runs the kiosk and restarts it within seconds if it ever exits badly.

Used by the systemd unit and the Windows start-up entry, so a crash that gets past
the kiosk's own guards ends in a restart, not a desktop. A clean staff exit (exit
code 0) stops the supervisor too. Restarts that come too fast back off, so a broken
install does not spin the CPU.

    python -m kiosk.supervisor [kiosk arguments...]
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from kiosk.logs import setup_logging

log = logging.getLogger("kiosk.supervisor")
RESTART_DELAY_S = 2.0
MAX_DELAY_S = 60.0
STABLE_AFTER_S = 300.0  # a run this long resets the back-off


def supervise(
    command: Sequence[str],
    run: Callable[[Sequence[str]], int] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    max_restarts: int | None = None,
) -> int:
    """Run command until it exits 0; restart it after any other exit. Returns the last code."""
    run = run or (lambda cmd: subprocess.call(list(cmd)))
    delay = RESTART_DELAY_S
    restarts = 0
    while True:
        started = time.monotonic()
        code = run(command)
        if code == 0:
            log.info("kiosk exited normally (staff exit); supervisor stops")
            return 0
        ran_for = time.monotonic() - started
        reason = f"signal {-code}" if code < 0 else f"exit code {code}"
        delay = RESTART_DELAY_S if ran_for > STABLE_AFTER_S else delay
        log.error(
            "kiosk stopped unexpectedly (%s after %.0f s); restarting in %.0f s",
            reason,
            ran_for,
            delay,
        )
        restarts += 1
        if max_restarts is not None and restarts > max_restarts:
            return code
        sleep(delay)
        delay = min(MAX_DELAY_S, delay * 2) if ran_for < 10 else RESTART_DELAY_S


def main(argv: list[str] | None = None) -> int:
    setup_logging()
    args = sys.argv[1:] if argv is None else argv
    return supervise([sys.executable, "-m", "kiosk.app", *args])


if __name__ == "__main__":
    sys.exit(main())
