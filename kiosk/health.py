"""The kiosk's health, for the clinic's monitoring and the staff screen: one snapshot,
written as Prometheus text (node_exporter's textfile collector reads it) and as plain lines.

Counts and states only: never words heard or typed, audio or images. Pure: the snapshot
is made by kiosk/shell/health_writer.py from the running kiosk.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

HEALTH_FILE = "handsfree_kiosk.prom"  # node_exporter reads *.prom files in its folder
DEVICES = ("speech", "voice_engine", "microphone", "camera")
WORKING_STATES = {"working", "ready", "on", "listening", "hearing", "asleep", "paused"}


@dataclass(frozen=True)
class DeviceHealth:
    enabled: bool  # the settings (or the command line) ask for it
    state: str  # one word: working, starting, error, off, not working, ...
    detail: str = ""  # which engine or output; never what was said

    @property
    def working(self) -> bool:
        return self.state in WORKING_STATES


@dataclass(frozen=True)
class HealthSnapshot:
    version: str
    start_time: float  # Unix seconds
    now: float  # Unix seconds, when the snapshot was taken
    devices: Mapping[str, DeviceHealth]
    sheets: int
    content_problems: int
    content_newest: float  # Unix seconds of the newest sheet file shown; 0 when none
    saved_copy: bool  # the last good copy is shown (folder missing or a sheet broke)
    problems: int  # every problem the staff screen lists (settings, content, devices)
    last_error_time: float  # Unix seconds of the last logged error; 0 when none
    frame_errors: int
    up: bool = True  # False in the last file written at a clean exit
    usage: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (event, input)
    undone: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # input: undone, made

    @property
    def content_age_s(self) -> float:
        return max(0.0, self.now - self.content_newest) if self.content_newest else math.nan


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    return repr(int(value)) if float(value).is_integer() else repr(float(value))


class _Text:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def metric(
        self,
        name: str,
        kind: str,
        help_text: str,
        samples: list[tuple[Mapping[str, str], float]],
    ) -> None:
        self.lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
        for labels, value in samples:
            inside = ",".join(f'{key}="{_label(val)}"' for key, val in labels.items())
            self.lines.append(
                f"{name}{{{inside}}} {_number(value)}" if inside else f"{name} {_number(value)}"
            )


def prometheus_text(snapshot: HealthSnapshot) -> str:
    """The snapshot in the Prometheus text format (0.0.4), every metric named kiosk_*."""
    out = _Text()
    out.metric(
        "kiosk_up",
        "gauge",
        "1 while the kiosk runs (rewritten every 30 s), 0 after it stopped cleanly",
        [({}, int(snapshot.up))],
    )
    out.metric(
        "kiosk_build_info", "gauge", "the kiosk's version", [({"version": snapshot.version}, 1)]
    )
    out.metric(
        "kiosk_start_time_seconds",
        "gauge",
        "when the kiosk started (Unix time)",
        [({}, snapshot.start_time)],
    )
    out.metric(
        "kiosk_health_time_seconds",
        "gauge",
        "when this file was written (Unix time)",
        [({}, snapshot.now)],
    )
    _device_metrics(out, snapshot)
    _content_metrics(out, snapshot)
    out.metric(
        "kiosk_problems", "gauge", "problems listed on the staff screen", [({}, snapshot.problems)]
    )
    out.metric(
        "kiosk_last_error_time_seconds",
        "gauge",
        "when the kiosk last logged an error (Unix time; 0 = none since start)",
        [({}, snapshot.last_error_time)],
    )
    out.metric(
        "kiosk_frame_errors_total",
        "counter",
        "frames that failed and were recovered",
        [({}, snapshot.frame_errors)],
    )
    _use_metrics(out, snapshot)
    return "\n".join(out.lines) + "\n"


def _use_metrics(out: _Text, snapshot: HealthSnapshot) -> None:
    """What visitors did and took back: counts by input only."""
    out.metric(
        "kiosk_usage_total",
        "counter",
        "what visitors did, counted by input (counts only)",
        [({"event": e, "input": i}, n) for (e, i), n in sorted(snapshot.usage.items())],
    )
    undone = sorted(snapshot.undone.items())
    out.metric(
        "kiosk_choices_total",
        "counter",
        "choices made since start, by input (kiosk/undone.py)",
        [({"input": way}, made) for way, (_, made) in undone],
    )
    out.metric(
        "kiosk_choices_undone_total",
        "counter",
        "choices taken back at once (Back) since start, by input: the undone rate's numerator",
        [({"input": way}, taken_back) for way, (taken_back, _) in undone],
    )


def _device_metrics(out: _Text, snapshot: HealthSnapshot) -> None:
    devices = sorted(snapshot.devices.items())
    out.metric(
        "kiosk_device_enabled",
        "gauge",
        "1 when the settings ask for this part",
        [({"device": name}, int(device.enabled)) for name, device in devices],
    )
    out.metric(
        "kiosk_device_working",
        "gauge",
        "1 when this part works now, 0 when it does not",
        [({"device": name}, int(device.working)) for name, device in devices],
    )
    out.metric(
        "kiosk_device_state",
        "gauge",
        "the part's state now (the sample with value 1)",
        [({"device": name, "state": d.state, "detail": d.detail}, 1) for name, d in devices],
    )


def _content_metrics(out: _Text, snapshot: HealthSnapshot) -> None:
    out.metric("kiosk_content_sheets", "gauge", "fact sheets shown", [({}, snapshot.sheets)])
    out.metric(
        "kiosk_content_problems",
        "gauge",
        "problems found in the content folder",
        [({}, snapshot.content_problems)],
    )
    out.metric(
        "kiosk_content_saved_copy",
        "gauge",
        "1 when the last good copy is shown (folder missing or a sheet broken)",
        [({}, int(snapshot.saved_copy))],
    )
    out.metric(
        "kiosk_content_newest_file_time_seconds",
        "gauge",
        "when the newest fact sheet shown was changed (Unix time)",
        [({}, snapshot.content_newest)],
    )
    out.metric(
        "kiosk_content_age_seconds",
        "gauge",
        "seconds since the newest fact sheet shown changed",
        [({}, snapshot.content_age_s)],
    )


def _ago(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86400:.0f} days"


def health_lines(snapshot: HealthSnapshot) -> list[str]:
    """The same facts as the health file, in plain words for the staff screen."""
    parts = []
    for name in DEVICES:
        device = snapshot.devices.get(name)
        if device is None:
            continue
        state = device.state if device.enabled else "off (settings)"
        parts.append(f"{name.replace('_', ' ')} {state}")
    content = f"{snapshot.sheets} sheet(s), {snapshot.content_problems} problem(s)"
    if snapshot.content_newest:
        content += f", newest changed {_ago(snapshot.content_age_s)} ago"
    if snapshot.saved_copy:
        content += ", the last good copy is shown"
    error = (
        f"last error {_ago(snapshot.now - snapshot.last_error_time)} ago"
        if snapshot.last_error_time
        else "no error since start"
    )
    used = sum(snapshot.usage.values())
    return [
        "Health: " + "; ".join(parts),
        f"Health: content {content}; {snapshot.problems} problem(s) listed; {error}; "
        f"{snapshot.frame_errors} frame error(s); {used} counted uses",
    ]
