"""Settings: one TOML file, a default for every value, validated with plain messages.

A bad value never stops the kiosk: it is reported (screen and log) and its default
is used. Unknown keys are reported too, since they are usually typos.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

log = logging.getLogger("kiosk.settings")

PROJECT_DIR = Path(__file__).resolve().parent.parent
APP_NAME = "handsfree-kiosk"


def data_dir() -> Path:
    """Per-user folder for settings, models and usage counts (XDG on Linux, AppData on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library/Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / APP_NAME


def default_settings_path() -> Path:
    return data_dir() / "settings.toml"


@dataclass(frozen=True)
class Limit:
    """The allowed range of a number setting, and the step the +/- commands move it by."""

    low: float
    high: float
    step: float = 0.0

    def clamp(self, value: float) -> float:
        return max(self.low, min(self.high, value))


def setting(
    default: Any,
    doc: str,
    *,
    limit: Limit | None = None,
    choices: tuple[Any, ...] = (),
) -> Any:
    """One setting of the schema: its default, its allowed values and a one-line doc."""
    return field(default=default, metadata={"doc": doc, "limit": limit, "choices": choices})


@dataclass(frozen=True)
class Settings:
    """The schema: every setting with its default, range or choices, and what it does."""

    theme: str = setting("dark", "colour theme (dark = high contrast)", choices=("dark", "light"))
    text_scale: float = setting(
        1.0, "body text size multiplier (1.0 = 44 px at 1080p)", limit=Limit(0.75, 2.0)
    )
    speech_rate: int = setting(165, "words per minute", limit=Limit(100, 260, 20))
    volume: float = setting(0.8, "speech volume", limit=Limit(0.1, 1.0, 0.1))
    voice: str = setting("", "pyttsx3 (system voice) voice id; empty = its default (English)")
    speech_engine: str = setting(
        "auto",
        "reading voice: auto = Piper (natural) when it works, else pyttsx3 (system voice)",
        choices=("auto", "piper", "pyttsx3"),
    )
    piper_voice: str = setting(
        "", "a Piper voice's .onnx file (its .onnx.json beside it); empty = the bundled voice"
    )
    piper_voice_sha256: str = setting(
        "", "SHA-256 the piper_voice file must have; empty = not checked (bundled: always)"
    )
    spoken_prompts: bool = setting(True, "say every prompt and problem shown on screen")
    audio_output: str = setting(
        "", "sound output: a device name, part of one, or number (--check lists them)"
    )
    headphones_output: str = setting("", "the sound output of the headphones, if any")
    headphones_only: bool = setting(False, "speak only through headphones_output (privacy)")
    idle_timeout_s: float = setting(
        120.0, "seconds without input before the kiosk resets", limit=Limit(15, 3600)
    )
    content_dir: str = setting("", "fact-sheet folder; empty = the content/ folder shipped")
    fullscreen: bool = setting(True, "run full screen (false = a window)")
    health_dir: str = setting(
        "", "folder for the health file (node_exporter's textfile collector); empty = off"
    )
    window_give_up_s: float = setting(
        8.0,
        "seconds the full-screen window may stay hidden before the kiosk exits for the"
        " supervisor to start a fresh one",
        limit=Limit(2.0, 60.0),
    )
    # voice control
    voice_control: bool = setting(True, "listen for spoken commands")
    voice_engine: str = setting(
        "auto", "speech recogniser", choices=("auto", "whisper", "pocketsphinx", "vosk")
    )
    vosk_model: str = setting("", "folder of a Vosk model; empty = look in the data folder")
    microphone: str = setting("", "device name or index; empty = system default")
    lip_gate: bool = setting(
        False,
        "with the camera on, ignore speech while the face in front has still lips (busy rooms;"
        " measured on synthetic faces only, and a visitor whose lips barely move is not heard)",
    )
    say_again_s: float = setting(
        8.0,
        "seconds in which a command the kiosk almost understood counts when said again; 0 = off",
        limit=Limit(0.0, 30.0),
    )
    voice_confirm_s: float = setting(
        6.0,
        "seconds the kiosk waits for a yes when it asks about a command it was unsure of",
        limit=Limit(2.0, 20.0, 1.0),
    )
    # eye gaze
    gaze_control: bool = setting(True, "follow the eyes with the camera")
    camera: str = setting("0", "index, or a video file / image folder for demonstrations")
    camera_width: int = setting(640, "camera image width (px)", limit=Limit(160, 3840))
    camera_height: int = setting(480, "camera image height (px)", limit=Limit(120, 2160))
    gaze_trigger: str = setting(
        "confirm",
        "how a look becomes a choice: confirm = the tile looked at lights up and a short look"
        " at the Choose target beside it chooses it; dwell = looking for dwell_s alone;"
        " look = lights up only (a switch, a long blink or saying 'this' chooses)",
        choices=("confirm", "dwell", "look"),
    )
    gaze_confirm_s: float = setting(
        0.75, "seconds of looking at the Choose target that choose", limit=Limit(0.3, 2.0, 0.05)
    )
    dwell_s: float = setting(1.2, "seconds of looking that choose a tile", limit=Limit(0.5, 3.0))
    glance_grace_s: float = setting(
        0.3, "seconds a glance away may last without losing the fill", limit=Limit(0.0, 1.5)
    )
    calibration_points: int = setting(
        5, "calibration dots: 5 = quick, 9 = full, 13 = finest", choices=(5, 9, 13)
    )
    gaze_cursor: bool = setting(False, "draw a dot where the eyes look")
    screen_diagonal_in: float = setting(24.0, "screen diagonal (inches)", limit=Limit(7, 100))
    viewing_distance_cm: float = setting(60.0, "eyes-to-screen distance (cm)", limit=Limit(20, 200))
    # one switch: a key, a mouse button or a long blink; scanning moves a highlight
    switch_key: str = setting("space", "key that is the switch (a key name: space, return, f5 ...)")
    switch_move_key: str = setting(
        "return", "second switch, for step scanning: moves the highlight (a key name)"
    )
    switch_mouse_button: int = setting(
        3,
        "mouse button that is the switch: 1 left, 2 middle, 3 right, 0 none",
        choices=(0, 1, 2, 3),
    )
    long_blink_switch: bool = setting(True, "closing the eyes for long_blink_s is a switch press")
    long_blink_s: float = setting(
        0.8, "seconds the eyes stay closed for a switch press", limit=Limit(0.5, 3.0, 0.1)
    )
    scan_mode: str = setting(
        "auto",
        "auto: the highlight moves by itself; step: one switch moves it, one chooses",
        choices=("auto", "step"),
    )
    scan_step_s: float = setting(
        1.5, "seconds the highlight rests on each row or tile", limit=Limit(0.5, 5.0, 0.25)
    )
    scan_min_press_s: float = setting(
        0.1,
        "seconds a switch must be held to count (ignores tremor and bounce)",
        limit=Limit(0.0, 1.0),
    )
    scan_pause_after_loops: int = setting(
        3, "rounds over the screen without a press before scanning pauses", limit=Limit(1, 20)
    )
    scan_restart_after_choice: bool = setting(True, "after a choice, scan again from the top")
    scan_always_on: bool = setting(False, "scan from the start, without waiting for a press")
    scan_speak_names: bool = setting(True, "say each row or tile quietly as it is highlighted")
    # the Talk board
    talk_volume: float = setting(
        1.0,
        "volume of the phrases said from the Talk board (never below the volume)",
        limit=Limit(0.1, 1.0),
    )
    # staff
    staff_pin_hash: str = setting(
        "",
        "salted hash of the staff PIN, written by `python -m kiosk pin-hash` on the computer; "
        "no line = no PIN: the staff chords open nothing",
    )
    problems: tuple[str, ...] = field(default=(), compare=False)


_FIELDS = {f.name: f for f in fields(Settings) if f.name != "problems"}
DEFAULTS = Settings()


def limit(name: str) -> Limit:
    """The range (and step) of a number setting, e.g. limit("speech_rate")."""
    found = _FIELDS[name].metadata["limit"]
    if found is None:
        raise KeyError(f"setting {name!r} has no range")
    assert isinstance(found, Limit)
    return found


def choices(name: str) -> tuple[Any, ...]:
    found: tuple[Any, ...] = _FIELDS[name].metadata["choices"]
    return found


def doc(name: str) -> str:
    text: str = _FIELDS[name].metadata["doc"]
    return text


RANGES: dict[str, tuple[float, float]] = {
    name: (f.metadata["limit"].low, f.metadata["limit"].high)
    for name, f in _FIELDS.items()
    if f.metadata["limit"] is not None
}
CHOICES: dict[str, tuple[Any, ...]] = {
    name: f.metadata["choices"] for name, f in _FIELDS.items() if f.metadata["choices"]
}

# Read by the core, the view and the speech engine: one home for each default and limit.
SPEECH_RATE = limit("speech_rate")
VOLUME = limit("volume")
DEFAULT_SPEECH_RATE: int = DEFAULTS.speech_rate
DEFAULT_VOLUME: float = DEFAULTS.volume


def _check(name: str, value: Any, default: Any) -> tuple[Any, str | None]:
    """Return the value to use and a problem description (or None)."""
    expected = type(default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if expected is str and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        kind = {
            bool: "true or false",
            int: "a whole number",
            float: "a number",
            str: "text in quotes",
        }.get(expected, expected.__name__)
        return default, f"'{name}' should be {kind}, not {value!r}; using {default!r}"
    bounds = _FIELDS[name].metadata["limit"]
    if bounds is not None and not bounds.low <= value <= bounds.high:
        return default, (
            f"'{name}' = {value!r} is outside {bounds.low:g} to {bounds.high:g}; using {default!r}"
        )
    allowed = _FIELDS[name].metadata["choices"]
    if allowed and value not in allowed:
        options = ", ".join(repr(c) for c in allowed)
        return default, f"'{name}' = {value!r} is not one of {options}; using {default!r}"
    return value, None


# Section headings the README uses ([voice], [gaze] ...). They are for readability only: a
# setting may be written under any of them. Another heading is reported, as it is most
# likely a misspelt one, and its settings are still read.
SECTIONS = ("voice", "gaze", "switch", "speech", "staff", "display")


def _section_problem(name: str, origin: str) -> str:
    import difflib

    near = difflib.get_close_matches(name.lower(), SECTIONS, n=1)
    hint = f" (did you mean [{near[0]}]?)" if near else ""
    return f"{origin}: unknown section [{name}]{hint}; the settings in it are still read"


def parse_settings(data: dict[str, Any], origin: str = "settings") -> Settings:
    defaults = DEFAULTS
    known = _FIELDS
    values: dict[str, Any] = {}
    problems: list[str] = []
    # Sections ([voice], [gaze] ...) are allowed for readability: flatten them.
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            if key not in SECTIONS:
                problems.append(_section_problem(key, origin))
            flat.update(value)
        else:
            flat[key] = value
    for key, value in flat.items():
        if key not in known:
            problems.append(f"{origin}: unknown setting '{key}' ignored")
            continue
        used, problem = _check(key, value, getattr(defaults, key))
        if problem and key == "staff_pin_hash":  # never "no PIN" (open to anyone) by a typo
            from kiosk.pin import UNREADABLE

            used = UNREADABLE
            problem = problem.split("; using")[0] + "; staff mode stays locked until it is fixed"
        if problem:
            problems.append(f"{origin}: {problem}")
        values[key] = used
    if isinstance(values.get("staff_pin_hash"), str):
        from kiosk.pin import hash_problem

        # Reported, but kept: a value that is not a hash then opens nothing (staff mode
        # stays locked) rather than falling back to "no PIN", open to anyone.
        pin_problem = hash_problem(values["staff_pin_hash"])
        if pin_problem:
            problems.append(f"{origin}: {pin_problem}")
    for problem in problems:
        log.warning(problem)
    return replace(defaults, **values, problems=tuple(problems))


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; what cannot be read is reported and its defaults are used.

    The usual file (no path given) may be missing: that means all defaults. A file named
    on purpose (`--settings F`) that is missing, or a link to nothing, is a problem.
    A file with a broken line keeps every other line (kiosk/settings_lines.py); a broken
    `staff_pin_hash` line, or a file that cannot be read at all, keeps staff mode locked
    rather than open to anyone.
    """
    from kiosk.settings_lines import read_leniently

    if path is None:
        path = default_settings_path()
        if not path.exists():
            return Settings()
    elif not path.exists():
        what = "is a link to a file that does not exist" if path.is_symlink() else "does not exist"
        problem = f"settings file {path} {what}; using all defaults"
        log.warning(problem)
        return Settings(problems=(problem,))
    data, problems = read_leniently(path)
    for problem in problems:
        log.warning(problem)
    settings = parse_settings(data, origin=path.name)
    return replace(settings, problems=tuple(problems) + settings.problems)


def content_dir(settings: Settings) -> Path:
    if settings.content_dir:
        return Path(settings.content_dir).expanduser()
    return PROJECT_DIR / "content"
