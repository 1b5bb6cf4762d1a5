"""Voice control: microphone -> voice activity -> a recognizer restricted to what the
current screen offers -> actions on the app's queue.

Audio stays in memory; nothing that was said is stored or logged, only the action taken.

Layout (imports only go down this list, never in a circle):
- types.py: SAMPLE_RATE, Recognition, the Recognizer protocol, RecognizerError
- signals.py: signal helpers (noise floor, speech span, voiced and pitched frames)
- phones.py, confidence.py, embedding.py, verifier.py: how sure the built-in engine is
  (embedding.py: a pretrained speech embedding and a word classifier over it)
- pocketsphinx_engine.py, vosk_engine.py, whisper_engine.py: one engine each
  (whisper_model.py: Whisper's pinned files, log-mel front end and tokenizer)
- models.py: where Vosk models live, their download; factory.py: create_recognizer
  ("auto": Whisper where its model is installed, else Vosk, else PocketSphinx)
- vad.py, audio.py: utterances from the microphone or a WAV file
- vocabulary.py, rules.py: what can be said on a screen, and what to do with a result
- listener.py: the thread that ties them together; diagnostics.py: the --check line
"""

from __future__ import annotations

from kiosk.voice.diagnostics import describe_recognizer, engine_in_use
from kiosk.voice.factory import create_recognizer
from kiosk.voice.listener import ListenerReport, VoiceListener
from kiosk.voice.rules import Decision, decide
from kiosk.voice.types import SAMPLE_RATE, Recognition, Recognizer, RecognizerError
from kiosk.voice.vocabulary import Vocabulary, build_vocabulary

__all__ = [
    "SAMPLE_RATE",
    "Decision",
    "Recognition",
    "Recognizer",
    "RecognizerError",
    "VoiceListener",
    "ListenerReport",
    "Vocabulary",
    "build_vocabulary",
    "create_recognizer",
    "decide",
    "describe_recognizer",
    "engine_in_use",
]
