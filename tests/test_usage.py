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
