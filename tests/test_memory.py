"""Issue 20, resource bounds: memory freed after a sentence goes back to the system (glibc
kept it: a synthesis thread's heap grew the kiosk by ~100 MB a minute of speech).

The measurement runs in a fresh Python: in the test worker, threads left by earlier tests
(a model loading, a speech player) allocate at the same time and move its resident size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MEASURE = """
import threading
import numpy as np
from kiosk.memory import release_free_memory

def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6

def work():
    # Arrays under glibc's mmap threshold, as a synthesis makes: freed, but kept.
    blocks = [np.ones(16_000) for _ in range(2000)]  # 128 kB each, 256 MB in all
    del blocks

release_free_memory()
before = rss_mb()
thread = threading.Thread(target=work)
thread.start()
thread.join()
print(release_free_memory(), rss_mb() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap, on Linux")
def test_memory_freed_on_another_thread_is_given_back():
    out = subprocess.run(
        [sys.executable, "-c", MEASURE], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    released, grown_mb = out[0] == "True", float(out[1])
    assert released
    assert grown_mb < 50  # none of the 256 MB stays (without it, about all did)
