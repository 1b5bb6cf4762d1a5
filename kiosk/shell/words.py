"""The shell's sentences, ready for a second language: the staff screen's lines on speech
and sound output (what every screen says is in kiosk/core/words.py)."""

from __future__ import annotations

SPEECH_NOT_WORKING = "not working"
SPEECH_READY = "ready"
DEFAULT_OUTPUT = "the computer's default"
HEADPHONES_ONLY = " (headphones only)"


def speech_engine_line(engine: str, speech_rate: int, volume: float) -> str:
    return f"{engine}; {speech_rate} words a minute, volume {round(volume * 10)} of 10"


def speech_and_sound(speech: str, output: str, prompts_spoken: bool) -> str:
    prompts = "yes" if prompts_spoken else "no"
    return f"Speech: {speech}\nSound output: {output}; prompts spoken: {prompts}"
