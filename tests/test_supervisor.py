"""The supervisor restarts the kiosk after every exit but a staff exit (issue 16: a SIGTERM
made it exit 0, which counted as a staff exit, and nothing restarted it)."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time

import pytest

from kiosk.supervisor import (
    NO_DISPLAY_EXIT_CODE,
    RESTART_DELAY_S,
    STAFF_EXIT_CODE,
    TERMINATED_EXIT_CODE,
    WINDOW_HIDDEN_EXIT_CODE,
    Supervisor,
    describe_exit,
    display_problem,
    supervise,
)


class FakeChild:
    def __init__(self, code: int, on_wait=None) -> None:
        self.code = code
        self.on_wait = on_wait
        self.terminated = False

    def wait(self) -> int:
        if self.on_wait:
            self.on_wait()
        return -15 if self.terminated else self.code

    def poll(self):
        return None if not self.terminated else -15

    def terminate(self) -> None:
        self.terminated = True

    def kill(self) -> None:
        self.terminated = True


def scripted(codes):
    runs = []
    iterator = iter(codes)

    def start(command):
        runs.append(command)
        return FakeChild(next(iterator))

    return start, runs


def test_restarts_after_crashes_kills_and_exit_0_and_stops_on_a_staff_exit(caplog):
    caplog.set_level(logging.INFO)
    start, runs = scripted(
        [1, -11, 0, TERMINATED_EXIT_CODE, -15, WINDOW_HIDDEN_EXIT_CODE, STAFF_EXIT_CODE]
    )
    sleeps = []
    result = Supervisor(["kiosk"], start, sleep=sleeps.append).run()
    assert result == STAFF_EXIT_CODE and len(runs) == 7
    assert sleeps[0] <= RESTART_DELAY_S and sum(sleeps) <= 6 * 60
    for words in (
        "exit code 1",
        "signal 11 (SIGSEGV)",
        "signal 15 (SIGTERM)",
        "ended without a staff exit",
        "stopped by a signal from outside",
        "hidden and could not be shown",
        "closed by staff",
    ):
        assert words in caplog.text


def test_fast_repeated_failures_back_off_up_to_a_minute():
    start, _ = scripted([NO_DISPLAY_EXIT_CODE] * 10 + [STAFF_EXIT_CODE])
    sleeps = []
    clock = iter(range(0, 10_000, 1))  # every run lasts one second
    Supervisor(["kiosk"], start, sleep=sleeps.append, clock=lambda: next(clock)).run()
    assert sum(sleeps) == pytest.approx(2 + 4 + 8 + 16 + 32 + 60 * 5)


def test_a_stop_signal_ends_the_kiosk_and_is_not_restarted():
    supervisor: Supervisor

    def start(command):
        return FakeChild(1, on_wait=lambda: supervisor.stop(signal.SIGTERM))

    supervisor = Supervisor(["kiosk"], start, sleep=lambda s: None)
    assert supervisor.run() == 0


def test_a_stop_during_the_back_off_is_quick():
    supervisor: Supervisor
    steps = []

    def sleep(step):
        steps.append(step)
        supervisor.stop()

    supervisor = Supervisor(["kiosk"], lambda cmd: FakeChild(1), sleep=sleep)
    assert supervisor.run() == 0 and steps == [0.5]


def test_describes_known_exit_codes():
    assert "no display" in describe_exit(NO_DISPLAY_EXIT_CODE)
    assert describe_exit(-9) == "signal 9 (SIGKILL)"


def test_no_display_is_a_problem_on_linux_only_when_nothing_is_set():
    assert "DISPLAY" in (display_problem({}, "linux") or "")
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"SDL_VIDEODRIVER": "dummy"}, "linux") is None
    assert display_problem({}, "win32") is None


def test_runs_a_real_process_until_a_staff_exit(tmp_path):
    marker = tmp_path / "runs"
    script = (
        f"import pathlib,sys; p=pathlib.Path({str(marker)!r}); n=len(p.read_text()) "
        f"if p.exists() else 0; p.write_text('x'*(n+1)); sys.exit({STAFF_EXIT_CODE} if n else 0)"
    )
    assert supervise([sys.executable, "-c", script], sleep=lambda s: None) == STAFF_EXIT_CODE
    assert marker.read_text() == "xx"  # exit 0 was restarted


def test_sigterm_to_the_real_supervisor_stops_it_and_its_kiosk(tmp_path):
    """systemd's stop: SIGTERM to the supervisor ends the child and exits 0, no restart."""
    pid_file = tmp_path / "child.pid"
    # Written whole by a rename, so the file never exists empty (reading it half-written
    # failed a first `make test` under load).
    child = (
        f"import os,pathlib,time; p=pathlib.Path({str(pid_file)!r}); "
        "t=p.with_suffix('.tmp'); t.write_text(str(os.getpid())); os.replace(t, p); "
        "time.sleep(60)"
    )
    code = (
        "import sys; from kiosk.supervisor import supervise; "
        f"sys.exit(supervise([sys.executable, '-c', {child!r}]))"
    )
    process = subprocess.Popen([sys.executable, "-c", code], env=dict(os.environ))
    try:
        deadline = time.monotonic() + 120  # a wait for the file, not a timing test
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        child_pid = int(pid_file.read_text())
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        with pytest.raises(ProcessLookupError):
            for _ in range(100):
                os.kill(child_pid, 0)
                time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.kill()


def test_the_systemd_unit_restarts_on_everything_but_a_staff_exit():
    from pathlib import Path

    unit = (
        Path(__file__).resolve().parent.parent / "deploy" / "handsfree-kiosk.service"
    ).read_text()
    lines = {
        line.split("=", 1)[0]: line.split("=", 1)[1]
        for line in unit.splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert lines["Restart"] == "always"
    assert lines["RestartPreventExitStatus"] == str(STAFF_EXIT_CODE)
    assert str(STAFF_EXIT_CODE) in lines["SuccessExitStatus"].split()
    assert (
        lines["KillMode"] == "mixed"
    )  # systemd's stop goes to the supervisor, which ends the kiosk
    assert "Environment=DISPLAY=:0" in unit
    assert "Environment=SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS=0" in unit


@pytest.mark.parametrize("code", [STAFF_EXIT_CODE, 11])
def test_make_run_ends_quietly_on_a_staff_exit_and_passes_other_codes_on(code):
    """`make run` printed "Error 10" for a normal staff exit. The real Makefile recipe, with
    the kiosk replaced by a process that exits with the code (setup is not remade)."""
    import shutil
    from pathlib import Path

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parent.parent
    fake = f"{sys.executable} -c 'import sys; sys.exit({code})'"
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "setup", "run", f"PY={fake}"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if code == STAFF_EXIT_CODE:
        assert result.returncode == 0, result.stderr
        assert "closed by staff" in result.stdout and "Error" not in result.stderr
    else:
        assert result.returncode != 0 and f"Error {code}" in result.stderr
