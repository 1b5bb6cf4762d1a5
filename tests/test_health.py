"""The health file: written whole by the running kiosk into `health_dir`, read back with
Prometheus' own parser line by line; counts and states only; plain lines for staff."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk import __version__
from kiosk.actions import Command, Do, Select, Source
from kiosk.device_contract import VoiceStatus
from kiosk.health import HEALTH_FILE, DeviceHealth, HealthSnapshot, health_lines, prometheus_text
from kiosk.input_devices import BrokenDevice
from kiosk.shell.health_writer import HEALTH_INTERVAL_S
from kiosk.voice.words import OFF_MESSAGE
from tests.support.clock import FakeClock

NO_MICROPHONE = OFF_MESSAGE.format("no microphone was found")


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of the file, by name and labels, parsed as Prometheus parses it."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_the_running_kiosk_writes_its_health_and_every_line_parses(make_app, tmp_path):
    clock = FakeClock()
    app = make_app(health_dir=str(tmp_path), clock=clock, step=False)
    # The voice device, as the real listener reports a missing microphone.
    app.voice = BrokenDevice("voice", NO_MICROPHONE, VoiceStatus("error"))
    app.usage.count("open section", "What is ALS?", "voice")
    app.usage.count("open section", "Who gets ALS?", "voice")
    app.usage.count("say phrase", "", "touch")
    app.undone.note(Select(3, Source.GAZE), clock())  # a look chose a tile ...
    app.undone.note(Do(Command.BACK, Source.VOICE), clock())  # ... and was taken back
    app.step(clock())
    app.step(clock.advance(0.1) or clock())  # the device's notice reaches the state
    app.health.next_at = 0.0
    app.step(clock())
    text = (tmp_path / HEALTH_FILE).read_text(encoding="utf-8")
    found = samples(text)
    speech = next(
        dict(k[1]) for k in found if k[0] == "kiosk_device_state" and ("device", "speech") in k[1]
    )
    assert speech["state"] in ("working", "not working", "no sound output")
    speech_working = int(speech["state"] == "working")

    def state(device: str, now: str, detail: str = "") -> tuple[str, tuple[tuple[str, str], ...]]:
        return ("kiosk_device_state", (("detail", detail), ("device", device), ("state", now)))

    engine = next(
        dict(k[1])["detail"]
        for k in found
        if ("device", "voice_engine") in k[1] and k[0] == "kiosk_device_state"
    )
    is_time = lambda v: 1.7e9 < v < 4e9  # noqa: E731 - Unix seconds of these years
    checks = {
        ("kiosk_up", ()): lambda v: v == 1,
        ("kiosk_build_info", (("version", __version__),)): lambda v: v == 1,
        ("kiosk_start_time_seconds", ()): is_time,
        ("kiosk_health_time_seconds", ()): is_time,
        ("kiosk_device_enabled", (("device", "speech"),)): lambda v: v == 1,
        ("kiosk_device_enabled", (("device", "voice_engine"),)): lambda v: v == 1,
        ("kiosk_device_enabled", (("device", "microphone"),)): lambda v: v == 1,
        ("kiosk_device_enabled", (("device", "camera"),)): lambda v: v == 0,
        ("kiosk_device_working", (("device", "speech"),)): lambda v: v == speech_working,
        ("kiosk_device_working", (("device", "voice_engine"),)): lambda v: v == 1,
        ("kiosk_device_working", (("device", "microphone"),)): lambda v: v == 0,
        ("kiosk_device_working", (("device", "camera"),)): lambda v: v == 0,
        state("speech", speech["state"], speech["detail"]): lambda v: v == 1,
        state("voice_engine", "working", engine): lambda v: v == 1,
        state("microphone", "not working"): lambda v: v == 1,
        state("camera", "off"): lambda v: v == 1,
        ("kiosk_content_sheets", ()): lambda v: v == 1,
        ("kiosk_content_problems", ()): lambda v: v == 0,
        ("kiosk_content_saved_copy", ()): lambda v: v == 0,
        ("kiosk_content_newest_file_time_seconds", ()): lambda v: 1e9 < v < 4e9,
        ("kiosk_content_age_seconds", ()): lambda v: v >= 0,
        ("kiosk_problems", ()): lambda v: v >= 0,
        ("kiosk_last_error_time_seconds", ()): lambda v: v == 0 or is_time(v),
        ("kiosk_frame_errors_total", ()): lambda v: v == 0,
        ("kiosk_usage_total", (("event", "open section"), ("input", "voice"))): lambda v: v == 2,
        ("kiosk_usage_total", (("event", "say phrase"), ("input", "touch"))): lambda v: v == 1,
        ("kiosk_choices_total", (("input", "gaze"),)): lambda v: v == 1,
        ("kiosk_choices_undone_total", (("input", "gaze"),)): lambda v: v == 1,
    }
    assert sorted(found) == sorted(checks)  # every line, and no other
    for key, check in checks.items():
        assert check(found[key]), (key, found[key])
    assert "What is ALS" not in text and "Who gets" not in text  # counts, never what


def test_the_file_is_rewritten_every_30_s_and_says_down_at_a_clean_exit(make_app, tmp_path):
    clock = FakeClock()
    app = make_app(health_dir=str(tmp_path), clock=clock)
    path = tmp_path / HEALTH_FILE
    assert path.exists()  # the first frame writes it
    assert path.stat().st_mode & 0o777 == 0o644  # node_exporter, another user, reads it
    first = path.read_text(encoding="utf-8")
    app.errors_handled = 3
    clock.advance(HEALTH_INTERVAL_S - 1)
    app.step(clock())
    assert path.read_text(encoding="utf-8") == first
    clock.advance(1)
    app.step(clock())
    assert samples(path.read_text(encoding="utf-8"))[("kiosk_frame_errors_total", ())] == 3
    app.close()
    assert samples(path.read_text(encoding="utf-8"))[("kiosk_up", ())] == 0
    assert [p.name for p in tmp_path.iterdir()] == [HEALTH_FILE]  # no temporary file left


def test_off_by_default(make_app):
    app = make_app()
    assert app.health.path is None


def test_a_folder_that_cannot_be_written_is_logged_once_and_the_kiosk_goes_on(
    make_app, tmp_path, caplog
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    clock = FakeClock()
    app = make_app(health_dir=str(blocked), clock=clock)
    for _ in range(3):
        clock.advance(HEALTH_INTERVAL_S)
        app.step(clock())
    failures = [r for r in caplog.records if "health file" in r.getMessage()]
    assert len(failures) == 1 and failures[0].levelname == "ERROR"
    assert app.running and app.errors_handled == 0


def snapshot(**changes: object) -> HealthSnapshot:
    values: dict[str, object] = {
        "version": "1.2.3",
        "start_time": 1_700_000_000.0,
        "now": 1_700_000_100.0,
        "devices": {
            "speech": DeviceHealth(True, "working", 'Piper "joe"'),
            "voice_engine": DeviceHealth(True, "working", "Whisper tiny.en"),
            "microphone": DeviceHealth(True, "not working"),
            "camera": DeviceHealth(False, "off"),
        },
        "sheets": 2,
        "content_problems": 1,
        "content_newest": 1_700_000_100.0 - 40 * 86400,
        "saved_copy": True,
        "problems": 4,
        "last_error_time": 1_700_000_040.0,
        "frame_errors": 0,
        "usage": {("read", "switch"): 7},
        "undone": {"voice": (2, 40)},
    }
    values.update(changes)
    return HealthSnapshot(**values)  # type: ignore[arg-type]


def test_every_line_of_the_text_format_is_exact():
    found = samples(prometheus_text(snapshot()))
    assert found[("kiosk_content_age_seconds", ())] == 40 * 86400
    assert found[("kiosk_usage_total", (("event", "read"), ("input", "switch")))] == 7
    labels = (("detail", 'Piper "joe"'), ("device", "speech"), ("state", "working"))
    assert found[("kiosk_device_state", labels)] == 1  # a quote in a label survives
    assert found[("kiosk_content_saved_copy", ())] == 1
    assert found[("kiosk_choices_total", (("input", "voice"),))] == 40
    assert found[("kiosk_choices_undone_total", (("input", "voice"),))] == 2
    no_sheets = samples(prometheus_text(snapshot(content_newest=0.0, sheets=0)))
    assert math.isnan(no_sheets[("kiosk_content_age_seconds", ())])


def test_staff_see_the_same_facts_in_plain_words():
    lines = health_lines(snapshot())
    assert lines == [
        "Health: speech working; voice engine working; microphone not working; "
        "camera off (settings)",
        "Health: content 2 sheet(s), 1 problem(s), newest changed 40 days ago, the last good "
        "copy is shown; 4 problem(s) listed; last error 60 s ago; 0 frame error(s); 7 counted "
        "uses",
    ]


@pytest.mark.parametrize("folder", ["", "   "])
def test_an_empty_setting_writes_nothing(folder, tmp_path):
    from kiosk.settings import Settings
    from kiosk.shell.health_writer import HealthWriter

    writer = HealthWriter(Settings(health_dir=folder))
    writer.tick(0.0, lambda: snapshot())
    assert writer.path is None and list(Path(tmp_path).iterdir()) == []


def test_the_staff_screen_shows_the_lines_the_health_file_holds(make_app, tmp_path):
    clock = FakeClock()
    app = make_app(health_dir=str(tmp_path), clock=clock)
    app.post(Select(1, Source.GAZE))
    clock.advance(1.0)
    app.step(clock())
    shown = [line for line in app._staff_lines() if line.startswith("Health: ")]
    assert len(shown) == 2 and shown[0].startswith("Health: speech ")
    text = (tmp_path / HEALTH_FILE).read_text(encoding="utf-8")
    sheets = samples(text)[("kiosk_content_sheets", ())]
    assert f"content {int(sheets)} sheet(s)" in shown[1], "the same facts as the file"
