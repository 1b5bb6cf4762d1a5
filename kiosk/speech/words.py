"""Speech output's sentences, ready for a second language: what the kiosk shows when it
cannot read aloud, and what the staff screen says of the speech engine, the sound output
and the pronunciation list."""

from __future__ import annotations

NO_SOUND_MESSAGE = (
    "No sound output: this computer has no working sound device, so the text cannot be read aloud."
)


def no_speech_engine(hint: str, detail: str) -> str:
    return f"No speech engine: {hint}. ({detail})"


def piper_engine(voice_name: str) -> str:
    return f"Piper (voice {voice_name})"


# pyttsx3's drivers by the names people know them by
PYTTSX3_VOICES = {"espeak": "espeak-ng", "sapi5": "Windows voices", "nsss": "macOS voices"}


def pyttsx3_engine(voices: str) -> str:
    return f"pyttsx3 ({voices})"


def output_not_opened(name: str, error: object) -> str:
    return f'Sound output "{name}" could not be opened ({error})'


def output_not_found(device: str, listed: str) -> str:
    return f'Sound output "{device}" not found (outputs: {listed})'


NONE_FOUND = "none found"
UNTIL_CONNECTED = "; no sound until it is connected"
USING_DEFAULT_OUTPUT = "; using the computer's default output"


def lexicon_not_used(error: object) -> str:
    return f"Pronunciation list not used: {error}"
