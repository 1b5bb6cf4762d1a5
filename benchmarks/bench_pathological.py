"""Pathological content: one 200,000-character word in a fact sheet, against the shipped
content, in the real kiosk (headless, real speech engine). Each run is its own process,
so its peak memory is its own.

    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python benchmarks/bench_pathological.py

Measures, for the shipped folder and for the same folder plus `huge.md` (the word as the
sheet's title, a section heading, a paragraph and a list item): the seconds of CPU and
the peak RSS from the kiosk's start (content loaded, window, speech engine) to the huge
section's reader page drawn and read aloud for a few seconds.
Target (issue 20): at most 1 s and 100 MB more than normal.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = 200_000
TARGET_S, TARGET_MB = 1.0, 100.0

CHILD = r"""
import json, os, resource, sys, threading, time
sys.path.insert(0, sys.argv[1])
from kiosk import core, machine
from kiosk.app import App, Options
from kiosk.settings import Settings

def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

peak = [0.0]
def watch():
    while True:
        peak[0] = max(peak[0], rss())
        time.sleep(0.02)
threading.Thread(target=watch, daemon=True).start()
settings = Settings(fullscreen=False, content_dir=sys.argv[2])
start_cpu, base = time.process_time(), rss()  # from loading the content on
app = App(settings, Options(size=(1920, 1080), voice=False, gaze=False))
app.step(time.monotonic())
label = sys.argv[3]
for step in range(3):  # the sheet (when there are several), its first section, its reader
    targets = machine.content_targets(app.state)
    wanted = [t for t in targets if t.label.startswith(label)] or list(targets[:1])
    if not wanted or app.state.place.screen == "reader":
        break
    app.post(core.Press(wanted[0].id, core.Source.KEYBOARD))
    for _ in range(5):
        app.step(time.monotonic())
app.post(core.Do(core.Command.READ, core.Source.KEYBOARD))
end = time.monotonic() + 3
while time.monotonic() < end:
    app.step(time.monotonic())
    time.sleep(0.02)
cpu = time.process_time() - start_cpu
app.close()
print(json.dumps({"cpu_s": cpu, "peak_mb": peak[0], "base_mb": base,
                  "screen": app.state.place.screen}))
"""


def run(content: Path, label: str) -> dict:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="kiosk-bench-patho-")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), str(content), label],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"the kiosk run failed:\n{out.stderr[-2000:]}")
    return dict(json.loads(lines[-1]))


def huge_folder(word: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-patho-content-"))
    shutil.copytree(ROOT / "content", folder, dirs_exist_ok=True)
    big = "a" * word
    (folder / "zz-huge.md").write_text(
        f"---\ntitle: Huge {big}\nsource: a test\n---\n\n## Huge {big}\n\n"
        f"Before {big} after.\n\n- item {big}\n",
        encoding="utf-8",
    )
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--word", type=int, default=WORD, help="characters in the huge word")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = huge_folder(args.word)
    rows = []
    for name, content, label in (
        ("shipped content", ROOT / "content", "ALS"),
        (f"+ one {args.word:,}-character word", folder, "Huge"),
    ):
        runs = [run(content, label) for _ in range(args.repeat)]
        cpu = sorted(r["cpu_s"] for r in runs)[len(runs) // 2]
        peak = sorted(r["peak_mb"] for r in runs)[len(runs) // 2]
        rows.append((name, cpu, peak, runs[-1]["screen"]))
    print(f"{'content':<36}{'CPU s':>8}{'peak MB':>10}  screen")
    for name, cpu, peak, screen in rows:
        print(f"{name:<36}{cpu:>8.2f}{peak:>10.0f}  {screen}")
    extra_s, extra_mb = rows[1][1] - rows[0][1], rows[1][2] - rows[0][2]
    ok = extra_s <= TARGET_S and extra_mb <= TARGET_MB
    print(
        f"extra: {extra_s:+.2f} s CPU, {extra_mb:+.0f} MB peak (median of {args.repeat}); "
        f"target <= {TARGET_S:g} s and {TARGET_MB:g} MB: {'met' if ok else 'NOT met'}"
    )
    shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
