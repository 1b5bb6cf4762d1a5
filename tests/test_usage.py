"""Usage counts: per day, per input, no personal data; survive a restart; CSV export."""

import csv
import io
from datetime import date

from kiosk.usage import UsageCounter


def test_counts_are_saved_loaded_and_exported(tmp_path):
    path = tmp_path / "usage.json"
    counter = UsageCounter(path)
    day = date(2026, 11, 24)
    counter.count("open section", "Diagnosing ALS", "voice", day)
    counter.count("open section", "Diagnosing ALS", "voice", day)
    counter.count("read", "Diagnosing ALS", "gaze", day)
    counter.count("focus", "not counted", "keyboard", day)
    counter.save()
    again = UsageCounter(path)
    rows = list(csv.DictReader(io.StringIO(again.to_csv())))
    assert rows == [
        {
            "day": "2026-11-24",
            "event": "open section",
            "detail": "Diagnosing ALS",
            "input": "voice",
            "count": "2",
        },
        {
            "day": "2026-11-24",
            "event": "read",
            "detail": "Diagnosing ALS",
            "input": "gaze",
            "count": "1",
        },
    ]


def test_a_broken_counts_file_is_reported_and_replaced(tmp_path, caplog):
    path = tmp_path / "usage.json"
    path.write_text("{not json")
    counter = UsageCounter(path)
    assert counter.rows() == [] and "could not be read" in caplog.text
    counter.count("help", "", "touch")
    counter.save()
    assert UsageCounter(path).rows()[0]["event"] == "help"


# ------------------------------------------------------------------ issue 16: full disk
import os  # noqa: E402

import pytest  # noqa: E402

from kiosk import files  # noqa: E402


@pytest.fixture
def full_disk(monkeypatch):
    """Every write through the usage module fails as on a full disk (/dev/full)."""
    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")

    def open_full(handle, *args, **kwargs):
        os.close(handle)
        return open("/dev/full", *args, **kwargs)

    monkeypatch.setattr(files, "_open_for_writing", open_full)


def test_a_failed_export_keeps_that_days_earlier_export_and_leaves_no_temporary_file(
    tmp_path, full_disk
):
    day = date(2026, 11, 24)
    earlier = tmp_path / "usage-2026-11-24.csv"
    earlier.write_text("day,event,detail,input,count\n2026-11-24,help,,touch,3\n")
    counter = UsageCounter(tmp_path / "usage.json")
    counter.count("help", "", "touch", day)
    with pytest.raises(OSError):
        counter.export(tmp_path, day)
    assert earlier.read_text().endswith("help,,touch,3\n")  # not a 0-byte file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["usage-2026-11-24.csv"]


def test_failed_saves_leave_no_temporary_files_and_are_logged_once(tmp_path, full_disk, caplog):
    counter = UsageCounter(tmp_path / "usage.json")
    for _ in range(5):
        counter.count("help", "", "touch")
        counter.save()
    assert list(tmp_path.iterdir()) == []
    assert caplog.text.count("could not be saved") == 1 and counter.dirty


def test_export_replaces_the_days_file_whole(tmp_path):
    day = date(2026, 11, 24)
    counter = UsageCounter(tmp_path / "usage.json")
    counter.count("read", "Diagnosing ALS", "voice", day)
    first = counter.export(tmp_path / "exports", day)
    counter.count("read", "Diagnosing ALS", "voice", day)
    assert counter.export(tmp_path / "exports", day) == first
    assert first.read_text().splitlines()[1] == "2026-11-24,read,Diagnosing ALS,voice,2"
    assert [p.name for p in first.parent.iterdir()] == [first.name]


# ------------------------------------------------------------------ issue 30: every event
def test_every_event_the_kiosk_records_is_counted():
    """Issue 30, item 6: "open typing" and "say message" were recorded by the typing screen
    but dropped by the counter, so typed messages never showed in the counts."""
    import re
    from pathlib import Path

    from kiosk.usage import COUNTED_EVENTS

    kiosk = Path(__file__).resolve().parent.parent / "kiosk"
    recorded: set[str] = set()
    for source in kiosk.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        recorded.update(re.findall(r'\brecord\(\s*"([^"]+)"', text))
        for prefix in re.findall(r'\brecord\(\s*f"([^"{]*)\{kind\}"', text):
            recorded.update(f"{prefix}{kind}" for kind in ("talk", "yesno"))
    assert {"open typing", "say message", "say phrase", "open talk"} <= recorded
    assert recorded <= set(COUNTED_EVENTS)
