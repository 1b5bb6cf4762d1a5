"""Usage counts for the clinic: what was opened and read, and with which input, per day.

Only counts: no times of day, no sequences, nothing that could identify a person, and
never anything that was said. Saved as JSON in the data folder; exported as CSV.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections import Counter
from datetime import date
from pathlib import Path

from kiosk.files import write_atomically
from kiosk.settings import data_dir

log = logging.getLogger("kiosk.usage")
COUNTED_EVENTS = (
    "open sheet",
    "open section",
    "read",
    "help",
    "privacy",
    "idle reset",
    "gaze layout",  # each change of gaze layout, by layout (how often each is chosen)
    "open talk",  # the Talk board
    "open yesno",
    "say phrase",  # counted, never which phrase
    "open typing",
    "say message",  # a typed message said: counted, never its words
    "choice",  # every choice, by input: the undone rate's denominator (kiosk.undone)
    "undone",  # a choice taken back within seconds, by the input that made it
)
UNDONE_RATE = "undone rate (percent)"  # the export's derived row per day and input


def usage_path() -> Path:
    return data_dir() / "usage.json"


class UsageCounter:
    """Counts keyed by (day, event, detail, input). Saved every few minutes and at exit."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or usage_path()
        self.counts: Counter[tuple[str, str, str, str]] = Counter()
        self.dirty = False
        self.save_failing = False
        self._load()

    def _load(self) -> None:
        try:
            rows = json.loads(self.path.read_text(encoding="utf-8"))
            for row in rows:
                key = (str(row["day"]), str(row["event"]), str(row["detail"]), str(row["input"]))
                self.counts[key] += int(row["count"])
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning(
                "usage counts in %s could not be read (%s); starting new counts", self.path, error
            )

    def count(self, event: str, detail: str, source: str, day: date | None = None) -> None:
        if event not in COUNTED_EVENTS:
            return
        self.counts[((day or date.today()).isoformat(), event, detail, source)] += 1
        self.dirty = True

    def rows(self) -> list[dict[str, object]]:
        return [
            {"day": d, "event": e, "detail": t, "input": i, "count": n}
            for (d, e, t, i), n in sorted(self.counts.items())
        ]

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            write_atomically(self.path, json.dumps(self.rows()))
            self.dirty = False
            self.save_failing = False
        except OSError as error:
            # Said once until a save works again: on a full disk this runs every few minutes.
            (log.debug if self.save_failing else log.warning)(
                "usage counts could not be saved (%s); they are kept in memory", error
            )
            self.save_failing = True

    def export(self, folder: Path | None = None, day: date | None = None) -> Path:
        """Write the counts as CSV (for the staff screen); returns the file's path.

        Raises OSError when it cannot be written; that day's earlier export is then left
        as it was (never replaced by an empty or half-written file).
        """
        folder = folder or data_dir() / "exports"
        path = folder / f"usage-{(day or date.today()).isoformat()}.csv"
        write_atomically(path, self.to_csv())
        return path

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["day", "event", "detail", "input", "count"])
        writer.writeheader()
        writer.writerows(self.rows())
        writer.writerows(self.undone_rate_rows())
        return out.getvalue()

    def undone_rate_rows(self) -> list[dict[str, object]]:
        """Each day's undone choices as a percentage of its choices, per input."""
        made: Counter[tuple[str, str]] = Counter()
        undone: Counter[tuple[str, str]] = Counter()
        for (day, event, _, way), n in self.counts.items():
            if event == "choice":
                made[day, way] += n
            elif event == "undone":
                undone[day, way] += n
        return [
            {
                "day": d,
                "event": UNDONE_RATE,
                "detail": "",
                "input": w,
                "count": round(100 * undone[d, w] / n),
            }
            for (d, w), n in sorted(made.items())
        ]
