"""`python -m kiosk check-content [DIR]`, run as staff would run it: once in a process of
its own, the other cases in this process (a new Python per case cost a second each)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "content"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(capsys):
    def run(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse: usage (2) and --help (0)
            code = int(stop.code or 0)
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return run


def test_default_folder_is_the_shipped_content_and_it_is_good():
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "check-content"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "OK      als.md: Amyotrophic Lateral Sclerosis (ALS) (6 sections, 9 subsections)"
        in result.stdout
    )
    assert result.stdout.rstrip().endswith("1 fact sheet(s) loaded, 0 problem(s).")
    assert "PROBLEM" not in result.stdout and result.stderr == ""


def test_a_good_folder_exits_0(run_cli):
    result = run_cli("check-content", str(DATA / "good"))
    assert result.returncode == 0
    assert "OK      sample.md: Sample Condition (2 sections, 2 subsections)" in result.stdout


def test_problems_give_file_line_and_exit_1(run_cli):
    result = run_cli("check-content", str(DATA / "mixed"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        'PROBLEM b_broken.md, line 8: a bold marker "**" here is never closed: '
        'add the closing "**" or remove it'
    )
    assert lines[1].startswith("OK      a_good.md: Good Sheet")
    assert "1 fact sheet(s) loaded, 1 problem(s)." in lines
    assert result.stderr == ""  # the problems are printed once, not repeated as log lines


def test_every_broken_kind_is_listed(run_cli, tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(DATA / "broken", folder)
    result = run_cli("check-content", str(folder))
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("PROBLEM")]
    named = {line.split()[1].rstrip(":,") for line in problems}
    assert named == {p.name for p in folder.iterdir()}
    assert "PROBLEM latin1.md, line 8: the file is not valid UTF-8 text" in result.stdout
    assert "0 fact sheet(s) loaded" in result.stdout


def test_missing_or_empty_folder_exits_1(run_cli, tmp_path):
    missing = run_cli("check-content", str(tmp_path / "nowhere"))
    assert missing.returncode == 1 and "does not exist" in missing.stdout
    empty = run_cli("check-content", str(tmp_path))
    assert empty.returncode == 1 and "no fact sheets" in empty.stdout


def test_no_command_shows_usage(run_cli):
    result = run_cli()
    assert result.returncode == 2 and "check-content" in result.stderr
    help_text = run_cli("check-content", "--help")
    assert help_text.returncode == 0 and "DIR" in help_text.stdout.upper()
