"""What the shell and the voice input need of a speech player (kiosk/speech/player.py is
the real one; tests pass small stand-ins with the same methods)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from kiosk.speech.player import SpeechEvent, SpeechItem


class Speaker(Protocol):
    @property
    def is_speaking(self) -> bool: ...

    def speak(self, items: Sequence[SpeechItem]) -> None: ...

    def append(self, items: Sequence[SpeechItem]) -> None: ...

    def synthesize_ahead(self, items: Sequence[SpeechItem], count: int = 1) -> None: ...

    def stop(self) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def set_rate(self, wpm: int) -> None: ...

    def set_volume(self, volume: float) -> None: ...

    def update(self) -> Sequence[SpeechEvent]: ...

    def recent_words(self, within_s: float) -> set[str]: ...

    def close(self) -> None: ...


@runtime_checkable
class Preparing(Protocol):
    """A player that turns written text into what its engine should say."""

    def set_prepare(self, prepare: Callable[[str], str]) -> None: ...


class Listening(Protocol):
    """What the voice input asks of the player so it does not hear the kiosk itself."""

    @property
    def is_speaking(self) -> bool: ...

    def recent_words(self, within_s: float) -> set[str]: ...
