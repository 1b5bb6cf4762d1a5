"""Voice control from the command line, for staff on site and for tests.

python -m kiosk.voice --wav A.wav [B.wav ...] [--screen sheets|home|section|reader|help]
                      [--engine auto|whisper|vosk|pocketsphinx] [--content DIR]
    decodes each recording against that screen's vocabulary; one JSON line each:
    {"file": "A.wav", "heard": "next page", "action": "next page", "confidence": 0.71}
    ("action": null when rejected). Unreadable files: a clear error, exit code 1.
    PCM 8/16/24/32-bit or float WAV, plain or WAVE_FORMAT_EXTENSIBLE, 4-384 kHz. A file
    longer than 8 s is streamed through voice-activity detection (memory stays bounded
    for an hour-long recording): one line per utterance, with "start" in seconds.
python -m kiosk.voice --listen [--seconds N]
    prints what it hears from the microphone, to check a microphone on site.
"""

from __future__ import annotations

import argparse
import json
import queue
import sys
import time
from pathlib import Path

import numpy as np

from kiosk.timings import BLOCK_S, WHOLE_FILE_S
from kiosk.voice.audio import AudioFileError, Microphone, load_wav, wav_blocks, wav_format
from kiosk.voice.factory import create_recognizer
from kiosk.voice.rules import decide
from kiosk.voice.types import SAMPLE_RATE, Recognizer, RecognizerError
from kiosk.voice.vad import FRAME, Segmenter
from kiosk.voice.vocabulary import Vocabulary, build_vocabulary


def screen_vocabulary(kind: str, content: Path | None = None) -> Vocabulary:
    """The phrases of a representative screen of this kind, from the real content."""
    from kiosk import machine
    from kiosk.content import load_library
    from kiosk.settings import content_dir, load_settings

    library = load_library(content or content_dir(load_settings()))
    return build_vocabulary(machine.targets(machine.demo_state(library, kind)))


def _line(recognizer: Recognizer, vocabulary: Vocabulary, audio, **where) -> None:  # noqa: ANN001
    recognition = recognizer.decode(audio)
    decision = decide(recognition, vocabulary, set())
    print(
        json.dumps(
            {
                **where,
                "heard": recognition.heard,
                "action": decision.action.name if decision.action else None,
                "confidence": round(recognition.confidence, 3),
            }
        ),
        flush=True,
    )


def decode_stream(
    path: Path, recognizer: Recognizer, vocabulary: Vocabulary, block_s: float = BLOCK_S
) -> int:
    """Each utterance of a long recording, found as the kiosk would find it live; memory
    stays bounded (a block, and at most one utterance) however long the file is. Returns
    how many utterances were found."""
    found = 0
    segmenter = Segmenter()
    at, carry = 0, np.zeros(0, np.int16)
    for block in wav_blocks(path, block_s):
        samples = np.concatenate([carry, block])
        usable = len(samples) // FRAME * FRAME
        for start in range(0, usable, FRAME):
            event, utterance = segmenter.feed(samples[start : start + FRAME])
            at += FRAME
            if event == "end" and utterance is not None:
                begin = (at - len(utterance)) / SAMPLE_RATE
                _line(recognizer, vocabulary, utterance, file=str(path), start=round(begin, 2))
                found += 1
        carry = samples[usable:]
    heard = f"{found} utterance(s) decoded" if found else "no speech found"
    print(f"{path}: {at / SAMPLE_RATE:.0f} s listened to, {heard}", file=sys.stderr)
    return found


def decode_files(paths: list[Path], recognizer: Recognizer, vocabulary: Vocabulary) -> int:
    recognizer.set_phrases(list(vocabulary.phrases))
    failures = 0
    for path in paths:
        try:
            if wav_format(path).seconds > WHOLE_FILE_S:
                if decode_stream(path, recognizer, vocabulary) == 0:
                    # Every file given has its line, so lines and files stay in step.
                    print(
                        json.dumps(
                            {
                                "file": str(path),
                                "heard": "",
                                "action": None,
                                "confidence": 0.0,
                                "utterances": 0,
                            }
                        ),
                        flush=True,
                    )
            else:
                _line(recognizer, vocabulary, load_wav(path), file=str(path))
        except AudioFileError as error:
            print(f"error: {error}", file=sys.stderr)
            print(json.dumps({"file": str(path), "error": str(error)}), flush=True)
            failures += 1
    return 1 if failures else 0


def listen(recognizer: Recognizer, vocabulary: Vocabulary, seconds: float | None) -> int:
    blocks: queue.Queue = queue.Queue()
    microphone = Microphone(blocks.put)
    try:
        microphone.start()
    except OSError as error:
        print(
            f"error: {error}. Check the microphone is plugged in and named correctly in "
            "settings (microphone = ...).",
            file=sys.stderr,
        )
        return 1
    recognizer.set_phrases(list(vocabulary.phrases))
    segmenter = Segmenter()
    print("Listening. Say a command such as \u201cnext page\u201d. Ctrl+C stops.", file=sys.stderr)
    end = time.monotonic() + seconds if seconds else None
    try:
        while end is None or time.monotonic() < end:
            try:
                block = blocks.get(timeout=0.5)
            except queue.Empty:
                continue
            for start in range(0, len(block) - FRAME + 1, FRAME):
                event, utterance = segmenter.feed(block[start : start + FRAME])
                if event == "start":
                    print(
                        f"(hearing speech, noise floor {segmenter.floor_dbfs:.0f} dBFS)",
                        file=sys.stderr,
                    )
                elif event == "dropped":
                    print("(too short or too long for a command)", file=sys.stderr)
                elif event == "end" and utterance is not None:
                    _line(recognizer, vocabulary, utterance)
    except KeyboardInterrupt:
        pass
    finally:
        microphone.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.voice",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--wav", nargs="+", type=Path, metavar="FILE", help="recordings to decode")
    what.add_argument("--listen", action="store_true", help="print what the microphone hears")
    parser.add_argument(
        "--screen", default="home", choices=["sheets", "home", "section", "reader", "help"]
    )
    parser.add_argument(
        "--engine",
        choices=["auto", "whisper", "vosk", "pocketsphinx"],
        default=None,
        help="default: the engine named in settings (auto: Whisper, else Vosk, else PocketSphinx)",
    )
    parser.add_argument("--content", type=Path, default=None, help="folder of fact sheets")
    parser.add_argument("--seconds", type=float, default=None, help="with --listen: stop after")
    args = parser.parse_args(argv)
    from kiosk.settings import load_settings

    settings = load_settings()
    try:
        recognizer = create_recognizer(args.engine or settings.voice_engine, settings.vosk_model)
        vocabulary = screen_vocabulary(args.screen, args.content)
    except (RecognizerError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.listen:
        return listen(recognizer, vocabulary, args.seconds)
    return decode_files(args.wav, recognizer, vocabulary)


if __name__ == "__main__":
    sys.exit(main())
