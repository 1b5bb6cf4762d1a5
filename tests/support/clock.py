"""A fake clock for tests whose behaviour is timing: time moves only when told to."""

from __future__ import annotations


class FakeClock:
    """Callable like time.monotonic; `advance` or `sleep` move it on at once."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now

    def sleep(self, seconds: float) -> None:
        self.advance(seconds)
