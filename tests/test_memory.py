"""Issue 20, resource bounds: memory freed after a sentence goes back to the system (glibc
kept it: a synthesis thread's heap grew the kiosk by ~100 MB a minute of speech)."""

from __future__ import annotations

import sys
import threading

import numpy as np
import pytest

from kiosk.memory import release_free_memory


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap, on Linux")
def test_memory_freed_on_another_thread_is_given_back():
    def work() -> None:
        # Arrays under glibc's mmap threshold, as a synthesis makes: freed, but kept.
        blocks = [np.ones(16_000) for _ in range(2000)]  # 128 kB each, 256 MB in all
        del blocks

    release_free_memory()
    before = _rss_mb()
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert release_free_memory()
    assert _rss_mb() - before < 50  # none of the 256 MB stays (without it, about all did)
