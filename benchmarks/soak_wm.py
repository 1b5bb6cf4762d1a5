"""Soak under a real window manager: the kiosk stays visible and on top through popups,
key mashing, clicks and kills, and is restarted only by the kills.

    python benchmarks/soak_wm.py --minutes 30

Needs Xvfb, openbox, xdotool and x11-utils (xmessage, xwininfo, xprop):
`sudo apt-get install -y xvfb openbox xdotool x11-utils`. Starts its own X display (:97),
openbox on it, and the kiosk through its supervisor exactly as the systemd unit does
(fullscreen, staff PIN set, a private data folder). Then, at random:

- a message box (xmessage) pops up, as an update dialog would;
- bursts of random keys (Alt+Tab, Alt+F4, Escape, Print, the staff chords, digits and
  Enter as a PIN guess, letters) and clicks at random places;
- every few minutes the kiosk process is killed (SIGKILL or SIGTERM).

Every second it checks that the kiosk window is mapped, not hidden or minimised, and the
top-most window. Prints the share of seconds visible and on top, the longest spell not on
top (outside the seconds after a kill), and restarts against kills.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DISPLAY = ":97"
TITLE = "Health information"
KILL_GRACE_S = 15.0  # a killed kiosk needs this long to be back on screen
KEYS = (
    "alt+Tab alt+F4 Escape Print super F1 F11 ctrl+w ctrl+shift+e ctrl+shift+q Return "
    "Tab space BackSpace Home Page_Down Up Down Left Right r p s n b h k x g 1 2 3 4 5 6 7 "
    "8 9 0 ctrl+alt+t alt+space ctrl+Escape super+d ctrl+alt+Right ctrl+alt+Left "
    "shift+alt+Right super+Down"
).split()


def run(*command: str) -> str:
    result = subprocess.run(
        command, env=dict(os.environ, DISPLAY=DISPLAY), capture_output=True, text=True, timeout=10
    )
    return result.stdout


def client_ids(prop: str = "_NET_CLIENT_LIST") -> list[int]:
    text = run("xprop", "-root", prop).split("#")[-1]
    return [int(part.strip(), 16) for part in text.split(",") if part.strip().startswith("0x")]


def kiosk_window() -> str | None:
    """The kiosk's window among the window manager's clients, by its title (UTF-8, which
    `xdotool search --name` does not match)."""
    for window in client_ids():
        if f'"{TITLE}"' in run("xprop", "-id", hex(window), "_NET_WM_NAME"):
            return hex(window)
    return None


def window_state(window: str) -> tuple[bool, bool]:
    """(visible: mapped and not hidden/minimised, on top: the top-most managed window)."""
    info = run("xwininfo", "-id", window)
    state = run("xprop", "-id", window, "_NET_WM_STATE")
    visible = "IsViewable" in info and "_NET_WM_STATE_HIDDEN" not in state
    ids = client_ids("_NET_CLIENT_LIST_STACKING")
    on_top = bool(ids) and ids[-1] == int(window, 0)
    return visible, on_top


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--kill-every", type=float, default=300, help="seconds between kills")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="kiosk-soak-wm-"))
    data = work / "data" / "handsfree-kiosk"
    data.mkdir(parents=True)
    from kiosk.pin import hash_pin

    pin = f"{rng.randrange(10**6):06d}"
    (data / "settings.toml").write_text(
        f'staff_pin_hash = "{hash_pin(pin)}"\nidle_timeout_s = 30\n', encoding="utf-8"
    )
    env = dict(
        os.environ,
        DISPLAY=DISPLAY,
        XDG_DATA_HOME=str(work / "data"),
        SDL_AUDIODRIVER="dummy",
        SDL_VIDEO_MINIMIZE_ON_FOCUS_LOSS="0",  # as the systemd unit sets it
        PYTHONPATH=str(ROOT),
    )
    env.pop("SDL_VIDEODRIVER", None)
    processes: list[subprocess.Popen] = []
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"])
    processes.append(xvfb)
    time.sleep(1.5)
    processes.append(subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL))
    time.sleep(1.0)
    log = open(work / "supervisor.log", "w")
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "kiosk.supervisor", "--no-voice", "--no-gaze"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    processes.append(supervisor)
    seconds = visible_s = on_top_s = 0
    counted = 0
    longest_off_top = current_off_top = 0
    kills = restarts = popups = key_bursts = clicks = 0
    kiosk_pids: set[int] = set()
    last_kill = -1e9
    started = time.monotonic()
    end = started + args.minutes * 60
    next_kill = started + args.kill_every
    next_report = started + 60
    try:
        time.sleep(8)  # first start: pygame, fonts, content
        while time.monotonic() < end:
            now = time.monotonic()
            if supervisor.poll() is not None:
                print(f"the supervisor stopped (exit code {supervisor.returncode})", flush=True)
                break
            for pid in children(supervisor.pid):
                if pid not in kiosk_pids:
                    kiosk_pids.add(pid)
                    restarts += len(kiosk_pids) > 1
            roll = rng.random()
            if roll < 0.05:
                processes.append(
                    subprocess.Popen(
                        [
                            "xmessage",
                            "-center",
                            "-timeout",
                            str(rng.randint(3, 15)),
                            "A software update is available. Install now?",
                        ],
                        env=env,
                    )
                )
                popups += 1
            elif roll < 0.35:
                keys = [rng.choice(KEYS) for _ in range(rng.randint(5, 30))]
                run("xdotool", "key", "--delay", "30", *keys)
                key_bursts += 1
            elif roll < 0.55:
                run(
                    "xdotool",
                    "mousemove",
                    str(rng.randrange(1920)),
                    str(rng.randrange(1080)),
                    "click",
                    "1",
                )
                clicks += 1
            if now >= next_kill:
                next_kill += args.kill_every
                pids = children(supervisor.pid)
                if pids:
                    os.kill(pids[0], rng.choice([signal.SIGKILL, signal.SIGTERM]))
                    kills += 1
                    last_kill = now
            time.sleep(max(0.0, 1.0 - (time.monotonic() - now)))
            window = kiosk_window()
            visible, on_top = window_state(window) if window else (False, False)
            seconds += 1
            if time.monotonic() - last_kill < KILL_GRACE_S:
                continue  # being restarted after a kill: not counted
            counted += 1
            visible_s += visible
            on_top_s += visible and on_top
            current_off_top = 0 if (visible and on_top) else current_off_top + 1
            longest_off_top = max(longest_off_top, current_off_top)
            if now >= next_report:
                next_report += 60
                print(
                    f"{(now - started) / 60:5.1f} min: visible {visible_s}/{counted} s, on top "
                    f"{on_top_s}/{counted} s, longest off top {longest_off_top} s, popups "
                    f"{popups}, key bursts {key_bursts}, clicks {clicks}, kills {kills}, "
                    f"restarts {restarts}",
                    flush=True,
                )
    finally:
        if supervisor.poll() is None:
            supervisor.send_signal(signal.SIGTERM)
            try:
                supervisor.wait(timeout=20)
            except subprocess.TimeoutExpired:
                supervisor.kill()
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
    minutes = (time.monotonic() - started) / 60
    print(
        f"ran {minutes:.1f} min under openbox: kiosk visible {visible_s}/{counted} s "
        f"({100 * visible_s / max(1, counted):.1f} %), on top {on_top_s}/{counted} s "
        f"({100 * on_top_s / max(1, counted):.1f} %), longest spell not on top "
        f"{longest_off_top} s; {popups} popups, {key_bursts} key bursts, {clicks} clicks; "
        f"{kills} kills, {restarts} restarts (expected {kills}); supervisor "
        f"{'still running' if supervisor.returncode in (0, None) else 'stopped'}"
    )
    print(f"supervisor log: {work / 'supervisor.log'}")
    ok = visible_s == counted and restarts == kills and longest_off_top <= 5
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
