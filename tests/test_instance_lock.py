"""Issue 20, point 4: one kiosk at a time. Real kiosk processes on one data folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.instance_lock import InstanceLock
from kiosk.supervisor import ALREADY_RUNNING_EXIT_CODE, describe_exit

ROOT = Path(__file__).resolve().parent.parent


def _kiosk(data: Path) -> subprocess.Popen:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=str(data),
        SDL_VIDEODRIVER="dummy",
        SDL_AUDIODRIVER="dummy",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "--no-voice", "--no-gaze", "--size", "640x360"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_started(log: Path, count: int = 1) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if log.exists() and log.read_text().count("kiosk started") >= count:
            return
        time.sleep(0.1)
    raise AssertionError("the kiosk did not start")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_second_kiosk_says_the_first_is_running_and_leaves_it_alone(tmp_path):
    log = tmp_path / "handsfree-kiosk" / "logs" / "kiosk.log"
    first = _kiosk(tmp_path)
    try:
        _wait_started(log)
        second = _kiosk(tmp_path)
        _, errors = second.communicate(timeout=60)
        assert second.returncode == ALREADY_RUNNING_EXIT_CODE
        message = f"the kiosk is already running (pid {first.pid})"
        assert message in errors and message in log.read_text()
        assert log.read_text().count("kiosk started") == 1  # the second opened no window
        time.sleep(0.5)
        assert first.poll() is None, "the first kiosk is untouched"
    finally:
        _stop(first)
    assert "already running" in describe_exit(ALREADY_RUNNING_EXIT_CODE)


def test_a_kiosk_killed_outright_leaves_no_stale_lock(tmp_path):
    log = tmp_path / "handsfree-kiosk" / "logs" / "kiosk.log"
    first = _kiosk(tmp_path)
    try:
        _wait_started(log)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        again = _kiosk(tmp_path)
        try:
            _wait_started(log, 2)
            assert again.poll() is None
        finally:
            _stop(again)
    finally:
        _stop(first)


def test_the_lock_file_names_its_holder(tmp_path):
    path = tmp_path / "kiosk.lock"
    held = InstanceLock(path)
    assert held.acquire() and path.read_text() == str(os.getpid())
    other = InstanceLock(path)  # another open file: refused, as another process would be
    assert not other.acquire() and other.holder == os.getpid()
    held.release()
    assert other.acquire()
    other.release()


def test_a_lock_that_cannot_be_made_does_not_stop_the_kiosk(tmp_path, caplog):
    import logging

    from kiosk.instance_lock import hold_or_explain

    blocker = tmp_path / "file"
    blocker.write_text("")
    logger = logging.getLogger("kiosk.app")  # (the kiosk's own log set-up may not propagate)
    logger.addHandler(caplog.handler)
    try:
        assert hold_or_explain(blocker / "kiosk.lock")  # its folder is a file: cannot be made
    finally:
        logger.removeHandler(caplog.handler)
    assert "could not be made" in caplog.text
