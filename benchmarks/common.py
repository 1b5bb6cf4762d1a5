"""Small helpers shared by the benchmarks: percentiles, tables, memory and CPU."""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
from collections.abc import Sequence

# Benchmarks run the real kiosk: give them a private data folder so they never add to the
# machine's real settings, logs or the clinic's usage counts.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="kiosk-bench-data-")


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def percentile_table(rows: list[tuple[str, Sequence[float], float | None]]) -> str:
    """One row per measurement: median, p95, target and whether the p95 meets it."""
    width = max(len(name) for name, _, _ in rows) + 2
    lines = [f"{'measurement':<{width}}{'n':>6}{'median':>10}{'p95':>10}{'target':>10}  ok"]
    for name, values, target in rows:
        median = statistics.median(values) if values else float("nan")
        p95 = percentile(values, 95)
        verdict = "" if target is None else ("yes" if p95 <= target else "NO")
        target_text = "" if target is None else f"{target:g}"
        lines.append(
            f"{name:<{width}}{len(values):>6}{median:>10.1f}{p95:>10.1f}"
            f"{target_text:>10}  {verdict}"
        )
    return "\n".join(lines)


def rss_mb() -> float:
    """Current resident memory of this process in MB (Linux /proc; peak elsewhere)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
