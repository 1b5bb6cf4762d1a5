"""Issue 20, point 2: the real kiosk window under a real window manager (openbox on Xvfb)
comes back from whatever the window manager does to it, or exits 11 for the supervisor.

Needs Xvfb, openbox, wmctrl, xdotool and x11-utils; .ci/run installs them. The kiosk runs
as its own process, fullscreen, exactly as installed (no --windowed)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path

import pytest

from kiosk.pin import hash_pin
from kiosk.supervisor import WINDOW_HIDDEN_EXIT_CODE

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("Xvfb", "openbox", "wmctrl", "xdotool", "xwininfo", "xprop")
TITLE = "Health information"
BACK_WITHIN_S = 5.0  # "re-mapped within a few seconds"

pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS),
    reason="needs " + ", ".join(TOOLS) + " (bash .ci/run installs them)",
)


class Desktop:
    """An X display with openbox on it, and the commands to drive it."""

    def __init__(self) -> None:
        self.name = ""
        self.env: dict[str, str] = {}
        self.processes: list[subprocess.Popen] = []

    def start(self) -> None:
        # Xvfb picks a free display itself and writes its number (no race with other X
        # servers on the machine, as a guessed number had).
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.processes.append(xvfb)
        assert xvfb.stdout is not None
        self.name = f":{xvfb.stdout.readline().strip()}"
        self.env = dict(os.environ, DISPLAY=self.name)
        self.env.pop("SDL_VIDEODRIVER", None)  # the real X11 driver, not the test's dummy
        assert self._wait(lambda: self.run("xprop", "-root", check=False).returncode == 0, 20)
        said = ""
        for _ in range(3):  # openbox has been seen to exit at once on a loaded machine
            log = tempfile.TemporaryFile("w+")
            wm = subprocess.Popen(["openbox"], env=self.env, stdout=log, stderr=log, text=True)
            self.processes.append(wm)
            self.openbox = wm
            # Stop waiting once it has exited: it is started again at once, not 20 s later.
            self._wait(lambda wm=wm: self._openbox_up(wm) is not None, 20)
            if self._openbox_up(wm):
                return
            log.seek(0)
            said += f"exit {wm.poll()}: {log.read()[-600:]}\n"
        raise AssertionError(f"openbox did not start on {self.name}:\n{said}")

    def _openbox_up(self, wm: subprocess.Popen) -> bool | None:
        """True once openbox answers, False once it has exited, None until then."""
        if "Openbox" in self.run("wmctrl", "-m", check=False).stdout:
            return True
        return False if wm.poll() is not None else None

    def run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=20, check=check
        )

    @staticmethod
    def _wait(ready, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if ready():
                return True
            time.sleep(0.1)
        return False

    def kiosk_window(self) -> str | None:
        for line in self.run("wmctrl", "-l", check=False).stdout.splitlines():
            if line.endswith(TITLE):
                return line.split()[0]
        return None

    def on_screen(self, window: str) -> bool:
        """Independent of the kiosk's own check: mapped and viewable, on the desktop shown,
        fullscreen and above, and "show desktop" off."""
        info = self.run("xwininfo", "-id", window, check=False).stdout
        state = self.run("xprop", "-id", window, "_NET_WM_STATE", check=False).stdout
        root = self.run("xprop", "-root", "_NET_SHOWING_DESKTOP", check=False).stdout
        return (
            "Map State: IsViewable" in info
            and "_NET_WM_STATE_FULLSCREEN" in state
            and "_NET_WM_STATE_ABOVE" in state
            and "_NET_WM_STATE_HIDDEN" not in state
            and not root.strip().endswith("= 1")
        )

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGCONT)
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture(scope="module")
def desktop() -> Iterator[Desktop]:
    screen = Desktop()
    screen.start()
    yield screen
    screen.stop()


def _start(desktop: Desktop, data: Path, *command: str, give_up_s: float = 0) -> subprocess.Popen:
    data.mkdir(parents=True, exist_ok=True)
    settings = data / "settings.toml"
    lines = [f'staff_pin_hash = "{hash_pin("2468", n=2**4)}"']
    lines += [f"window_give_up_s = {give_up_s}"] if give_up_s else []
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = dict(desktop.env, XDG_DATA_HOME=str(data), SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", *command, "--no-voice", "--no-gaze", "--settings", str(settings)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def kiosk(desktop: Desktop, tmp_path_factory) -> Iterator[tuple[subprocess.Popen, str]]:
    data = tmp_path_factory.mktemp("wm-data")
    process = _start(desktop, data, "kiosk.cli")
    try:
        window = _shown_window(desktop, data)
        yield process, window
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


WM_ACTIONS = {
    "desktop switch": [("wmctrl", "-s", "1")],
    "desktop switch and back": [("wmctrl", "-s", "2"), ("wmctrl", "-s", "0")],
    "show desktop": [("wmctrl", "-k", "on")],
    # The same through openbox's own keys, as a visitor's key mashing reaches them.
    "Ctrl+Alt+Right (openbox: next desktop)": [("xdotool", "key", "ctrl+alt+Right")],
    "Super+D (openbox: show desktop)": [("xdotool", "key", "super+d")],
    "minimise": [("xdotool", "windowminimize", "{w}")],
    "moved to another workspace": [("wmctrl", "-i", "-r", "{w}", "-t", "3")],
    "fullscreen taken away": [("wmctrl", "-i", "-r", "{w}", "-b", "remove,fullscreen")],
    "above taken away": [("wmctrl", "-i", "-r", "{w}", "-b", "remove,above")],
}


@pytest.mark.parametrize("what", list(WM_ACTIONS))
def test_the_window_comes_back_from_what_a_window_manager_does(desktop, kiosk, what):
    process, window = kiosk
    for command in WM_ACTIONS[what]:
        desktop.run(*(part.replace("{w}", window) for part in command), check=False)
    time.sleep(0.3)
    started = time.monotonic()
    assert desktop._wait(lambda: desktop.on_screen(window), BACK_WITHIN_S), (
        f"not back within {BACK_WITHIN_S:g} s after: {what}"
    )
    assert process.poll() is None, "the same kiosk brought its window back"
    # It stays back (not a flicker), wherever the desktop switch left the user.
    time.sleep(1.0)
    assert desktop.on_screen(window), what
    assert time.monotonic() - started < BACK_WITHIN_S + 2


def _frame_of(desktop: Desktop, window: str) -> int:
    """The window manager's frame around a window: its ancestor that is a child of the root."""
    while True:
        tree = desktop.run("xwininfo", "-id", window, "-tree", check=False).stdout
        parent = next(line for line in tree.splitlines() if "Parent window id:" in line)
        if "(the root window)" in parent:
            return int(window, 16)
        window = parent.split()[3]


def _over_the_kiosk(desktop: Desktop, window: str) -> list[str]:
    """Windows drawn over the kiosk's frame on screen (xwininfo lists the top one first),
    found without the kiosk's own check (kiosk/x11_window.py)."""
    frame = _frame_of(desktop, window)
    children = desktop.run("xwininfo", "-root", "-children", check=False).stdout
    over: list[str] = []
    for line in (line.strip() for line in children.splitlines()):
        if not line.startswith("0x"):
            continue
        if int(line.split()[0], 16) == frame:
            break
        info = desktop.run("xwininfo", "-id", line.split()[0], check=False).stdout
        on_screen = "+-100+-100" not in line  # openbox's own 1x1 window sits off screen
        if "IsViewable" in info and "Override Redirect State: no" in info and on_screen:
            over.append(line)
    return over


def test_openbox_keys_leave_the_kiosk_sticky_and_never_under_a_menu(desktop, kiosk):
    """Issue 30, item 10: Shift+Alt+Right (openbox: send to the next desktop) left the kiosk
    on one desktop; Alt+Space's client menu stayed drawn over it, holding the keyboard."""
    process, window = kiosk

    def sticky() -> bool:
        found = desktop.run("xprop", "-id", window, "_NET_WM_DESKTOP", check=False).stdout
        return found.strip().endswith("= 4294967295")

    assert desktop._wait(sticky, BACK_WITHIN_S)
    desktop.run("xdotool", "key", "shift+alt+Right", check=False)
    time.sleep(0.3)
    assert desktop._wait(sticky, BACK_WITHIN_S), "not on every desktop again"
    assert desktop._wait(lambda: desktop.on_screen(window), BACK_WITHIN_S)
    desktop.run("xdotool", "key", "alt+space", check=False)
    assert desktop._wait(lambda: not _over_the_kiosk(desktop, window), BACK_WITHIN_S), (
        f"still drawn over the kiosk: {_over_the_kiosk(desktop, window)}"
    )
    assert desktop.on_screen(window) and process.poll() is None


@pytest.fixture(scope="module", autouse=True)
def supervised_restart(tmp_path_factory) -> Iterator[Future[None]]:
    """Started with the module, on its own desktop: it waits seconds on end for the kiosk
    to give up and the supervisor to restart it, while the window-manager actions are tried
    on the other desktop (measured, idle machine: the module 33 -> 16 s)."""
    pool = ThreadPoolExecutor(max_workers=1)
    scenario = pool.submit(_exit_11_and_restart, tmp_path_factory.mktemp("supervised") / "data")
    yield scenario
    wait([scenario], timeout=120)
    pool.shutdown(wait=False)


def _exit_11_and_restart(data: Path) -> None:
    desktop = Desktop()
    try:
        desktop.start()
        log = data / "handsfree-kiosk" / "logs" / "kiosk.log"
        # It gives up after 3 s hidden, not the 8 s default (the give-up timing itself is
        # tested on a fake clock in tests/test_window_guard.py; here the exit code 11 and
        # the supervisor's restart are).
        process = _start(desktop, data, "kiosk.supervisor", give_up_s=3.0)
        try:
            new = _shown_window(desktop, data)
            new_key = _key(desktop, new)
            # A window manager that answers nothing, and the window unmapped: every map
            # request the kiosk makes goes to the stopped window manager and is never
            # carried out.
            desktop.openbox.send_signal(signal.SIGSTOP)
            desktop.run("xdotool", "windowunmap", new)
            assert desktop._wait(lambda: log.exists() and "exit code 11" in log.read_text(), 40)
            desktop.openbox.send_signal(signal.SIGCONT)
            starts = log.read_text().count("kiosk started")
            # The supervisor starts a fresh kiosk, and its window is on screen.
            _shown_window(desktop, data, (new_key,), starts_before=starts)
            assert f"exit code {WINDOW_HIDDEN_EXIT_CODE}" in log.read_text()
        finally:
            desktop.openbox.send_signal(signal.SIGCONT)
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    finally:
        desktop.stop()


def test_a_window_that_cannot_be_shown_exits_11_and_the_supervisor_restarts_it(
    supervised_restart: Future[None],
):
    supervised_restart.result(timeout=300)  # its failure, or a timeout, fails the test


def _shown_window(
    desktop: Desktop, data: Path, other_than: tuple[str, ...] = (), starts_before: int = 0
) -> str:
    """The kiosk's window once it is on screen (SDL makes a first window, then its real
    one: the kiosk's log says when the real one is up)."""
    log = data / "handsfree-kiosk" / "logs" / "kiosk.log"
    if not desktop._wait(
        lambda: log.exists() and log.read_text().count("kiosk started") > starts_before, 180
    ):
        tail = log.read_text()[-1500:] if log.exists() else "(no log)"
        raise AssertionError(f"the kiosk did not start; its log ends:\n{tail}")

    def shown() -> str | None:
        # By window and process: a restarted kiosk may be given its old window's id.
        found = [w for w, pid in _kiosk_windows(desktop, True) if f"{w}/{pid}" not in other_than]
        return found[-1] if found and desktop.on_screen(found[-1]) else None

    if not desktop._wait(lambda: shown() is not None, 90):
        found = _kiosk_windows(desktop)
        states = [desktop.run("xprop", "-id", w, check=False).stdout[-800:] for w in found]
        alive = {p.args[0]: p.poll() for p in desktop.processes}  # None: still running
        wm = desktop.run("wmctrl", "-m", check=False)
        raise AssertionError(
            f"no kiosk window on screen on {desktop.name}: {found} {states}; "
            f"X server and window manager exit codes {alive}; wmctrl -m: {wm.stdout!r} "
            f"{wm.stderr!r}; the kiosk's log ends: {log.read_text()[-800:]}"
        )
    window = shown()
    assert window is not None
    return window


def _kiosk_windows(desktop: Desktop, with_pid: bool = False) -> list:
    lines = desktop.run("wmctrl", "-lp", check=False).stdout.splitlines()
    found = [line.split()[0::2][:2] for line in lines if line.endswith(TITLE)]
    return [(w, pid) for w, pid in found] if with_pid else [w for w, _ in found]


def _key(desktop: Desktop, window: str) -> str:
    return next(f"{w}/{pid}" for w, pid in _kiosk_windows(desktop, True) if w == window)
