"""Synthesized clips kept for reuse, bounded in memory (least recently used goes first).

Keyed by engine, rate and spoken text, so a clip made by one voice or at one speed is
never played for another. It lets the first sentence of a page be made before anyone
asks for it, and makes "repeat" and going back to a page instant.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from kiosk.speech.synth import Clip

CacheKey = tuple[str, int, str]  # (engine, rate in wpm, spoken text)
DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # about 6 minutes of 22 kHz speech


class ClipCache:
    """Thread-safe LRU of clips, holding at most `max_bytes` of samples."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max(0, int(max_bytes))
        self._clips: OrderedDict[CacheKey, Clip] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: CacheKey) -> Clip | None:
        with self._lock:
            clip = self._clips.get(key)
            if clip is None:
                self.misses += 1
                return None
            self._clips.move_to_end(key)
            self.hits += 1
            return clip

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._clips

    def put(self, key: CacheKey, clip: Clip) -> None:
        size = clip.samples.nbytes
        if size > self.max_bytes:
            return  # larger than the whole cache: not worth evicting everything for
        with self._lock:
            old = self._clips.pop(key, None)
            if old is not None:
                self._bytes -= old.samples.nbytes
            self._clips[key] = clip
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, evicted = self._clips.popitem(last=False)
                self._bytes -= evicted.samples.nbytes

    def clear(self) -> None:
        with self._lock:
            self._clips.clear()
            self._bytes = 0

    @property
    def size_bytes(self) -> int:
        with self._lock:
            return self._bytes

    def __len__(self) -> int:
        with self._lock:
            return len(self._clips)
