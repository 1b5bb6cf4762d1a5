"""The fleet recipe in deploy/, run for real: the content timer's own command against a
local bare git repository (a good commit, then a broken one), the kiosk's content loading
code after each, the alert rules against the health file's metrics, the fleet settings."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kiosk.content_cache import load_with_cache
from kiosk.health import DeviceHealth, HealthSnapshot, prometheus_text
from kiosk.settings import PROJECT_DIR, Settings, load_settings
from kiosk.shell.content_watcher import ContentWatcher

DEPLOY = PROJECT_DIR / "deploy"
GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")
GOOD = (PROJECT_DIR / "content" / "als.md").read_text(encoding="utf-8")
# A publisher's slip: the front matter is never closed. check-content names the line.
BROKEN = GOOD.replace("---\n\n## What is", "\n## What is", 1)
SECOND = """---
title: Second sheet
source: The clinic
---

## About this sheet

A short sheet the clinic wrote. It has one section.
"""


def unit_commands(name: str, content: Path) -> list[list[str]]:
    """The ExecStart and ExecStartPost lines of a deploy/ unit, installed as its header says."""
    commands = []
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key in ("ExecStart", "ExecStartPost") and value:
            value = value.replace("@CONTENT@", str(content)).replace("@REPO@", str(PROJECT_DIR))
            commands.append(shlex.split(value))
    return commands


def git(*args: str, cwd: Path) -> None:
    environment = dict(
        os.environ,
        GIT_AUTHOR_NAME="Clinic staff",
        GIT_AUTHOR_EMAIL="staff@example.org",
        GIT_COMMITTER_NAME="Clinic staff",
        GIT_COMMITTER_EMAIL="staff@example.org",
    )
    subprocess.run([GIT, *args], cwd=cwd, check=True, capture_output=True, env=environment)


def publish(workspace: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (workspace / name).write_text(text, encoding="utf-8")
    git("add", "-A", cwd=workspace)
    git("commit", "-q", "-m", message, cwd=workspace)
    git("push", "-q", "origin", "HEAD:main", cwd=workspace)


def run_timer(content: Path) -> list[subprocess.CompletedProcess[str]]:
    """What handsfree-kiosk-content.service runs, in order, as systemd would."""
    pull, check = unit_commands("handsfree-kiosk-content.service", content)
    assert pull[1:] == ["-C", str(content), "pull", "--ff-only", "--quiet"]
    pull[0] = GIT or pull[0]
    check[0] = str(PROJECT_DIR / ".venv" / "bin" / "python")
    environment = dict(os.environ, PYTHONPATH=str(PROJECT_DIR), SDL_VIDEODRIVER="dummy")
    done = [subprocess.run(pull, capture_output=True, text=True, check=False)]
    done.append(subprocess.run(check, capture_output=True, text=True, check=False, env=environment))
    return done


@pytest.fixture
def clinic(tmp_path: Path) -> tuple[Path, Path]:
    """A bare repository (the clinic's git server), a publisher's clone and the kiosk's."""
    server, workspace, content = tmp_path / "server.git", tmp_path / "desk", tmp_path / "kiosk"
    git("init", "-q", "--bare", "-b", "main", str(server), cwd=tmp_path)
    git("clone", "-q", str(server), str(workspace), cwd=tmp_path)
    git("checkout", "-q", "-b", "main", cwd=workspace)
    publish(workspace, {"als.md": GOOD}, "The ALS fact sheet")
    git("clone", "-q", "-b", "main", str(server), str(content), cwd=tmp_path)
    return workspace, content


def test_a_good_then_a_broken_commit_keeps_the_good_sheet_and_reports(clinic, tmp_path):
    workspace, content = clinic
    watcher = ContentWatcher(Settings(content_dir=str(content)))
    shown = watcher.library()
    assert [s.path.name for s in shown.sheets] == ["als.md"] and shown.errors == ()

    publish(workspace, {"second.md": SECOND}, "A second sheet")
    pulled, checked = run_timer(content)
    assert pulled.returncode == 0 and checked.returncode == 0, pulled.stderr + checked.stdout
    assert watcher.changed()
    loaded = watcher.reload(shown, "", ())
    shown = loaded.library
    assert [s.title for s in shown.sheets] == [shown.sheets[0].title, "Second sheet"]
    assert loaded.errors == ()

    publish(workspace, {"als.md": BROKEN}, "A slip in the ALS sheet")
    pulled, checked = run_timer(content)
    assert pulled.returncode == 0
    assert checked.returncode == 1  # the journal names the file and line; the run fails
    assert "PROBLEM als.md, line 1: the front matter that starts here is" in checked.stdout
    assert (content / "als.md").read_text(encoding="utf-8") == BROKEN  # it did arrive
    assert watcher.changed()
    loaded = watcher.reload(shown, "", ())
    titles = [s.title for s in loaded.library.sheets]
    assert titles == ["Amyotrophic Lateral Sclerosis (ALS)", "Second sheet"]  # the good copy
    assert loaded.library.sheets[0] == shown.sheets[0]
    assert [e.split(":")[0] for e in loaded.errors] == ["als.md, line 1"]

    # After a restart (the kiosk's memory gone), the saved copy still shows the good sheet.
    library, note = load_with_cache(content)
    assert [s.title for s in library.sheets] == titles and note is not None
    health = prometheus_text(snapshot(len(library.errors), note is not None))
    assert "kiosk_content_problems 1\n" in health and "kiosk_content_saved_copy 1\n" in health


def test_a_clone_edited_by_hand_is_never_overwritten(clinic):
    workspace, content = clinic
    (content / "als.md").write_text(GOOD + "\nA line added at the kiosk.\n", encoding="utf-8")
    git("commit", "-q", "-am", "edited at the kiosk", cwd=content)
    publish(workspace, {"als.md": GOOD.replace("Muscle cramps", "Cramps")}, "upstream")
    pulled, _ = run_timer(content)
    assert pulled.returncode != 0  # diverged: the unit fails, nothing is merged
    assert "A line added at the kiosk." in (content / "als.md").read_text(encoding="utf-8")
    library, _ = load_with_cache(content)  # the kiosk goes on with what it has
    assert [s.title for s in library.sheets] == ["Amyotrophic Lateral Sclerosis (ALS)"]


def snapshot(problems: int, saved_copy: bool) -> HealthSnapshot:
    working = DeviceHealth(True, "working")
    return HealthSnapshot(
        version="0",
        start_time=1.8e9,
        now=1.8e9 + 60,
        devices=dict.fromkeys(("speech", "voice_engine", "microphone", "camera"), working),
        sheets=2,
        content_problems=problems,
        content_newest=1.8e9,
        saved_copy=saved_copy,
        problems=problems,
        last_error_time=0.0,
        frame_errors=0,
    )


def test_every_alert_uses_metrics_the_health_file_has():
    rules = yaml.safe_load((DEPLOY / "prometheus" / "kiosk-alerts.yml").read_text("utf-8"))
    text = prometheus_text(snapshot(0, False))
    written = {line.split()[2] for line in text.splitlines() if line.startswith("# TYPE")}
    alerts = {rule["alert"]: rule for group in rules["groups"] for rule in group["rules"]}
    assert {"KioskMicrophoneNotWorking", "KioskContentOld"} <= set(alerts)
    assert alerts["KioskMicrophoneNotWorking"]["for"] == "10m"
    assert "kiosk_content_age_seconds > 30 * 86400" in alerts["KioskContentOld"]["expr"]
    for name, rule in alerts.items():
        used = {word for word in _identifiers(rule["expr"]) if word.startswith("kiosk_")}
        assert used and used <= written, (name, used - written)
        assert rule["annotations"]["summary"]


def _identifiers(expression: str) -> set[str]:
    import re

    return set(re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*", expression))


def test_the_fleet_settings_file_has_no_problem():
    settings = load_settings(DEPLOY / "settings.fleet.toml")
    assert settings.problems == ()
    assert settings.health_dir == "/var/lib/handsfree-kiosk/health"
