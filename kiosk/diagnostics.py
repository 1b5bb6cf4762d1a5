"""`run_kiosk.py --check`: test every part of the kiosk, one plain line each.

Each check returns a verdict (OK / PROBLEM / OFF) and what to do. The exit code is
non-zero when something the settings ask for does not work. Nothing heard or seen
during the checks is kept: the microphone level and camera frames stay in memory.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk import words
from kiosk.screens.staff.words import TEST_SENTENCE
from kiosk.settings import Settings, content_dir, default_settings_path


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    advice: str = ""
    required: bool = True  # a failure of something the settings ask for

    def line(self) -> str:
        verdict = "OK     " if self.ok else ("PROBLEM" if self.required else "OFF    ")
        text = f"{verdict} {self.name}: {self.detail}"
        return f"{text} -> {self.advice}" if self.advice and not self.ok else text


def check_settings(settings: Settings, path: Path | None = None) -> Check:
    named = path is not None  # --settings F: F itself, never the default file
    path = path or default_settings_path()
    where = str(path) if path.exists() or named else f"{path} (not present: all defaults)"
    from kiosk.switch.inputs import SwitchInput

    # The switch keys are checked where they are read; --check must show those problems too.
    problems = list(settings.problems) + SwitchInput.from_settings(settings).problems
    if problems:
        return Check(
            "settings",
            False,
            f"{len(problems)} problem(s) in {where}: " + "; ".join(problems),
            "fix the values named; defaults are used",
        )
    return Check("settings", True, where)


def check_display() -> Check:
    import pygame

    from kiosk.supervisor import display_problem

    problem = display_problem()
    if problem:  # SDL would fall back to an invisible offscreen display and say it is fine
        return Check("display", False, problem, "start it from the desktop, or set DISPLAY=:0")
    try:
        pygame.display.init()
        driver = pygame.display.get_driver()
        sizes = pygame.display.get_desktop_sizes() if driver != "dummy" else []
        pygame.display.quit()
    except pygame.error as error:
        return Check(
            "display",
            False,
            f"no display ({error})",
            "start the kiosk from the desktop session, or set DISPLAY",
        )
    size = f", screen {sizes[0][0]}x{sizes[0][1]}" if sizes else ""
    if driver == "dummy":
        return Check(
            "display",
            False,
            "no real display (headless dummy driver)",
            "run on the kiosk's desktop to show the screens",
            required=False,
        )
    return Check("display", True, f"driver {driver}{size}")


def check_content(settings: Settings) -> Check:
    from kiosk.content import load_library

    folder = content_dir(settings)
    library = load_library(folder)
    if library.errors or not library.sheets:
        problems = "; ".join(str(e) for e in library.errors) or "no fact sheets found"
        return Check(
            "content",
            False,
            f"{len(library.sheets)} sheet(s) loaded from {folder}; {problems}",
            "fix the file and line named, then run check-content",
        )
    titles = ", ".join(s.title for s in library.sheets)
    return Check("content", True, f"{len(library.sheets)} sheet(s) from {folder}: {titles}")


def check_speech(settings: Settings) -> Check:
    from kiosk.settings import content_dir
    from kiosk.speech import create_synthesizer, speakable
    from kiosk.speech.lexicon import lexicon_for
    from kiosk.speech.spoken_text import SHIPPED_LEXICON

    lexicon, lexicon_problem = lexicon_for(content_dir(settings), SHIPPED_LEXICON)
    try:
        started = time.perf_counter()
        synthesizer, description = create_synthesizer(
            settings.speech_engine,
            settings.piper_voice,
            settings.piper_voice_sha256,
            pyttsx3_voice=settings.voice,
        )
        load_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        text = speakable(TEST_SENTENCE, lexicon)
        clip = synthesizer.synthesize(text, settings.speech_rate)
        ms = (time.perf_counter() - started) * 1000
        closer = getattr(synthesizer, "close", None)
        if callable(closer):
            closer()
    except Exception as error:
        return Check("speech engine", False, str(error), "install espeak-ng (Linux) or piper-tts")
    if clip.duration < 0.5:
        return Check(
            "speech engine",
            False,
            f"{description}: the test sentence gave only {clip.duration:.2f} s",
            "reinstall espeak-ng, or check the Piper voice file",
        )
    detail = (
        f"{description}; ready in {load_ms:.0f} ms, test sentence synthesized in {ms:.0f} ms "
        f"({clip.duration:.1f} s of audio); pronunciation list: {len(lexicon)} entries"
    )
    wanted_piper = settings.speech_engine == "piper" and not description.startswith("Piper")
    if lexicon_problem or wanted_piper:
        return Check(
            "speech engine",
            False,
            f"{detail}; {lexicon_problem or words.PIPER_NOT_SPEAKING}",
            "fix the file and line named" if lexicon_problem else "see why above",
            required=wanted_piper,
        )
    return Check("speech engine", True, detail)


def check_audio_output(settings: Settings | None = None) -> Check:
    import pygame

    from kiosk.speech.output import match_device, output_devices

    try:
        pygame.mixer.init()
        driver = os.environ.get("SDL_AUDIODRIVER") or "default"
        frequency, _, channels = pygame.mixer.get_init()
        devices = output_devices()
        pygame.mixer.quit()
    except pygame.error as error:
        return Check(
            "audio output",
            False,
            f"no sound output ({error})",
            "plug in speakers and check the sound settings",
        )
    listed = "; ".join(f'{n}: "{name}"' for n, name in enumerate(devices)) or "none listed"
    missing = [
        f'{key} "{value}" not found'
        for key, value in (
            ("audio_output", settings.audio_output if settings else ""),
            ("headphones_output", settings.headphones_output if settings else ""),
        )
        if value.strip() and match_device(value, devices) is None
    ]
    if missing:
        return Check(
            "audio output",
            False,
            f"{'; '.join(missing)}; outputs: {listed}",
            "put one of the outputs listed (name or number) in the settings",
        )
    if driver == "dummy":
        return Check(
            "audio output",
            False,
            "dummy audio driver (no sound card)",
            "connect speakers to hear the kiosk",
            required=False,
        )
    return Check("audio output", True, f"{frequency} Hz, {channels} channel(s); outputs: {listed}")


def check_microphone(settings: Settings, seconds: float = 2.0) -> Check:
    if not settings.voice_control:
        return Check("microphone", False, "voice control is turned off in settings", required=False)
    try:
        import numpy as np
        import sounddevice as sd

        device: str | int | None = settings.microphone or None
        if isinstance(device, str) and device.lower().endswith(".wav"):
            from kiosk.voice.audio import load_wav  # a recording stands in for the microphone

            audio = load_wav(device)
        else:
            if isinstance(device, str) and device.isdigit():
                device = int(device)
            audio = sd.rec(
                int(16000 * seconds), samplerate=16000, channels=1, dtype="int16", device=device
            )
            sd.wait()
        level = float(np.sqrt(np.mean(audio.astype(np.float64) ** 2)))
        del audio  # the sound itself is never kept
    except Exception as error:
        return Check(
            "microphone",
            False,
            f"no microphone ({error})",
            "plug in a microphone or name it in settings (microphone = ...)",
        )
    dbfs = 20 * np.log10(max(level, 1e-9) / 32768)
    if dbfs < -80:
        return Check(
            "microphone",
            False,
            f"silent over {seconds:.0f} s ({dbfs:.0f} dBFS)",
            "check the microphone is not muted",
        )
    return Check("microphone", True, f"level {dbfs:.0f} dBFS over {seconds:.0f} s")


def check_recognizer(settings: Settings) -> Check:
    if not settings.voice_control:
        return Check("recognizer", False, "voice control is turned off in settings", required=False)
    try:
        from kiosk.voice.diagnostics import describe_recognizer
    except ImportError as error:
        return Check(
            "recognizer",
            False,
            f"voice package not available ({error})",
            "reinstall with make setup",
        )
    try:
        return Check("recognizer", True, describe_recognizer(settings))
    except Exception as error:
        return Check("recognizer", False, str(error), "see README: Troubleshooting")


def check_camera(settings: Settings, camera: str | None = None, seconds: float = 2.0) -> Check:
    if not settings.gaze_control:
        return Check("camera", False, "eye gaze is turned off in settings", required=False)
    try:
        from kiosk.gaze.camera import FrameSource
        from kiosk.gaze.face import FaceFeatureExtractor

        source = FrameSource(
            camera or settings.camera, settings.camera_width, settings.camera_height, loop=True
        )
        source.open()
        extractor = FaceFeatureExtractor()
        frames, faces, seq = 0, 0, -1
        source.start()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            got = source.wait_newer(seq, timeout=0.5)
            if got is None:
                if source.ended:
                    break
                continue
            seq, _, frame = got
            frames += 1
            faces += extractor.process(frame).face
        source.stop()
        extractor.close()
    except Exception as error:
        return Check(
            "camera", False, str(error), "plug in the webcam or set camera = ... in settings"
        )
    if frames == 0:
        return Check("camera", False, "no frames arrived", "check the webcam is not in use")
    face = "a face is visible" if faces else "no face visible (that is fine if nobody is there)"
    return Check("camera", True, f"{frames / seconds:.0f} frames/s, {face}")


def check_staff_pin(settings: Settings) -> Check:
    """The staff exit must be closed: no PIN means anyone could end the kiosk."""
    from kiosk.pin import UNREADABLE, hash_problem

    value = settings.staff_pin_hash
    if not value.strip():
        return Check(
            "staff PIN",
            False,
            "no staff PIN is set: the staff chords open nothing until one is set on this computer",
            "run `.venv/bin/python -m kiosk pin-hash` (it writes the PIN's hash into the "
            "settings file); `make run` asks for one the first time",
        )
    if value == UNREADABLE:
        return Check(
            "staff PIN",
            False,
            "the staff_pin_hash line could not be used: staff mode stays locked",
            "see the settings line above; `python -m kiosk pin-hash` writes a good line",
        )
    problem = hash_problem(value)
    if problem:
        return Check("staff PIN", False, problem, "replace it with a line from pin-hash")
    return Check("staff PIN", True, "set (a salted scrypt hash)")


def run_checks(
    settings: Settings,
    camera: str | None = None,
    out: Callable[[str], None] = print,
    settings_path: Path | None = None,
) -> int:
    checks: list[Callable[[], Check]] = [
        check_display,
        lambda: check_content(settings),
        lambda: check_speech(settings),
        lambda: check_audio_output(settings),
        lambda: check_microphone(settings),
        lambda: check_recognizer(settings),
        lambda: check_camera(settings, camera),
        lambda: check_settings(settings, settings_path),
        lambda: check_staff_pin(settings),
    ]
    failed = 0
    for run in checks:
        try:
            result = run()
        except Exception as error:  # a check must never stop the others
            result = Check(getattr(run, "__name__", "check"), False, f"check crashed: {error}")
        out(result.line())
        failed += (not result.ok) and result.required
    out(words.ALL_PARTS_WORK if not failed else words.parts_need_attention(failed))
    return 1 if failed else 0
