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

import tomllib

log = logging.getLogger("kiosk.settings")

PROJECT_DIR = Path(__file__).resolve().parent.parent
APP_NAME = "handsfree-kiosk"


def data_dir() -> Path:
    """Per-user folder for settings, models and usage counts (XDG on Linux, AppData on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / APP_NAME


def default_settings_path() -> Path:
    return data_dir() / "settings.toml"


@dataclass(frozen=True)
class Settings:
    theme: str = "dark"  # "dark" (default, high contrast) or "light"
    text_scale: float = 1.0  # body text size multiplier (1.0 = 44 px at 1080p)
    speech_rate: int = 165  # words per minute
    volume: float = 0.8  # 0.1 .. 1.0
    voice: str = ""  # speech engine voice id; empty = engine default (English)
    idle_timeout_s: float = 120.0
    content_dir: str = ""  # empty = the content/ folder shipped with the kiosk
    fullscreen: bool = True
    # voice control
    voice_control: bool = True
    voice_engine: str = "auto"  # "auto" | "pocketsphinx" | "vosk"
    vosk_model: str = ""  # folder of a Vosk model; empty = look in the data folder
    microphone: str = ""  # device name or index; empty = system default
    # eye gaze
    gaze_control: bool = True
    camera: str = "0"  # index, or a video file / image folder for demonstrations
    camera_width: int = 640
    camera_height: int = 480
    dwell_s: float = 1.2
    glance_grace_s: float = 0.3
    calibration_points: int = 5  # 5 = quick; 9 = full; 13 = finest
    gaze_cursor: bool = False
    screen_diagonal_in: float = 24.0
    viewing_distance_cm: float = 60.0
    # staff
    staff_pin_hash: str = ""  # sha256 hex of the staff PIN; empty = chord only
    problems: tuple[str, ...] = field(default=(), compare=False)


_RANGES: dict[str, tuple[float, float]] = {
    "text_scale": (0.75, 2.0),
    "speech_rate": (100, 260),
    "volume": (0.1, 1.0),
    "idle_timeout_s": (15, 3600),
    "camera_width": (160, 3840),
    "camera_height": (120, 2160),
    "dwell_s": (0.5, 3.0),
    "glance_grace_s": (0.0, 1.5),
    "screen_diagonal_in": (7, 100),
    "viewing_distance_cm": (20, 200),
}
_CHOICES: dict[str, tuple[Any, ...]] = {
    "theme": ("dark", "light"),
    "voice_engine": ("auto", "pocketsphinx", "vosk"),
    "calibration_points": (5, 9, 13),
}


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
    if name in _RANGES:
        low, high = _RANGES[name]
        if not low <= value <= high:
            return default, (
                f"'{name}' = {value!r} is outside {low:g} to {high:g}; using {default!r}"
            )
    if name in _CHOICES and value not in _CHOICES[name]:
        options = ", ".join(repr(c) for c in _CHOICES[name])
        return default, f"'{name}' = {value!r} is not one of {options}; using {default!r}"
    return value, None


def parse_settings(data: dict[str, Any], origin: str = "settings") -> Settings:
    defaults = Settings()
    known = {f.name: f for f in fields(Settings) if f.name != "problems"}
    values: dict[str, Any] = {}
    problems: list[str] = []
    # Sections ([voice], [gaze] ...) are allowed for readability: flatten them.
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(value)
        else:
            flat[key] = value
    for key, value in flat.items():
        if key not in known:
            problems.append(f"{origin}: unknown setting '{key}' ignored")
            continue
        used, problem = _check(key, value, getattr(defaults, key))
        if problem:
            problems.append(f"{origin}: {problem}")
        values[key] = used
    for problem in problems:
        log.warning(problem)
    return replace(defaults, **values, problems=tuple(problems))


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file means all defaults, a broken one is reported."""
    path = path or default_settings_path()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        problem = f"settings file {path} could not be read ({error}); using all defaults"
        log.warning(problem)
        return Settings(problems=(problem,))
    return parse_settings(data, origin=path.name)


def content_dir(settings: Settings) -> Path:
    if settings.content_dir:
        return Path(settings.content_dir).expanduser()
    return PROJECT_DIR / "content"
