"""Which speech engine speaks: Piper (natural voice) when it works, pyttsx3 otherwise.

    synth, description = create_synthesizer("auto")
    # description: "Piper (voice en_US-joe-medium)"
    #          or: "pyttsx3 (espeak-ng); Piper is not used: <why>"

The description is what diagnostics, the staff screen and the log show.
"""

from __future__ import annotations

import logging
import threading
from typing import NamedTuple

from kiosk.speech.piper_synth import PiperSynthesizer, voice_files
from kiosk.speech.synth import SpeechUnavailable, Synthesizer

log = logging.getLogger("kiosk.speech")

ENGINES = ("auto", "piper", "pyttsx3")


# A Piper voice is loaded (and its file checked) once per process: the kiosk makes a new
# player whenever the sound output comes back, and tests start many kiosks.
_PIPER_VOICES: dict[tuple[str, ...], PiperSynthesizer] = {}
_PIPER_LOCK = threading.Lock()


def _loaded_piper(model: str, sha256: str, threads: int) -> PiperSynthesizer:
    model_path, _ = voice_files(model)
    stat = model_path.stat()
    key = (
        str(model_path.resolve()),
        str(stat.st_mtime_ns),
        str(stat.st_size),
        sha256,
        str(threads),
    )
    with _PIPER_LOCK:
        voice = _PIPER_VOICES.get(key)
        if voice is None:
            voice = PiperSynthesizer(model_path, sha256, threads=threads)
            _PIPER_VOICES.clear()  # one voice in memory at a time
            _PIPER_VOICES[key] = voice
        return voice


class EngineChoice(NamedTuple):
    synthesizer: Synthesizer
    description: str


def create_synthesizer(
    engine: str = "auto",
    piper_model: str = "",
    piper_model_sha256: str = "",
    pyttsx3_voice: str = "",
    piper_threads: int = 1,
) -> EngineChoice:
    """The synthesizer to use and a plain description of it.

    "auto" and "piper" try Piper first (the voice named by `piper_model`, or the bundled
    one) and fall back to pyttsx3 when Piper or its voice is missing, refused or fails;
    "pyttsx3" uses pyttsx3 only. Raises SpeechUnavailable when no engine works, with the
    reasons of each.
    """
    if engine not in ENGINES:
        log.warning("speech engine %r is not one of %s; using auto", engine, ", ".join(ENGINES))
        engine = "auto"
    piper_problem = ""
    if engine in ("auto", "piper"):
        try:
            piper = _loaded_piper(piper_model, piper_model_sha256, piper_threads)
            return EngineChoice(piper, piper.description)
        except SpeechUnavailable as error:
            piper_problem = str(error)
            log.warning("Piper is not used: %s; falling back to pyttsx3", piper_problem)
    from kiosk.speech.synth import Pyttsx3Synthesizer

    try:
        portable = Pyttsx3Synthesizer(voice=pyttsx3_voice)
    except SpeechUnavailable as error:
        if piper_problem:
            raise SpeechUnavailable(
                f"{error} Piper is not available either: {piper_problem}"
            ) from error
        raise
    description = portable.description
    if piper_problem:
        description += f"; Piper is not used: {piper_problem}"
    return EngineChoice(portable, description)
