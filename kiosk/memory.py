"""Giving memory that Python has freed back to the operating system.

Each Piper sentence allocates and frees a few hundred MB of tensors on the synthesis
thread. glibc keeps freed memory in its heaps rather than returning it, and with one
heap per thread the kiosk's resident memory climbed for as long as it spoke: synthesizing
sentences continuously went from 191 to 776 MB in five minutes, and a 20-minute random
soak from 260 to 432 MB. `malloc_trim(0)` after each sentence returns it: the same
five minutes stayed at 163-170 MB (benchmarks/soak.py gives the kiosk's figure).

Only where glibc is (Linux); elsewhere, and on a libc without malloc_trim, a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from collections.abc import Callable

_trim: Callable[[int], int] | None = None
_looked = False


def _find_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Return freed heap memory to the system; True when it could be asked."""
    global _trim, _looked
    if not _looked:
        _trim, _looked = _find_trim(), True
    if _trim is None:
        return False
    _trim(0)
    return True
