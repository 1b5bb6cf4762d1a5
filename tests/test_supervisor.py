"""The supervisor restarts a crashed kiosk quickly and stops on a clean staff exit."""

import sys

from kiosk.supervisor import RESTART_DELAY_S, supervise


def test_restarts_after_a_crash_and_stops_on_clean_exit(caplog):
    codes = iter([1, -11, 0])
    runs, sleeps = [], []
    result = supervise(
        ["kiosk"], run=lambda cmd: runs.append(cmd) or next(codes), sleep=sleeps.append
    )
    assert result == 0 and len(runs) == 3
    assert sleeps[0] == RESTART_DELAY_S and all(s <= 60 for s in sleeps)
    assert "exit code 1" in caplog.text and "signal 11" in caplog.text


def test_runs_a_real_process(tmp_path):
    marker = tmp_path / "runs"
    script = (
        f"import pathlib,sys; p=pathlib.Path({str(marker)!r}); n=len(p.read_text()) "
        "if p.exists() else 0; p.write_text('x'*(n+1)); sys.exit(0 if n else 3)"
    )
    assert supervise([sys.executable, "-c", script], sleep=lambda s: None) == 0
    assert marker.read_text() == "xx"
