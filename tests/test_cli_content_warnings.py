"""Issue 16: `check-content` uses content_dir from the settings, and warns about text that
loads but will not show well (real font, real files). Also `pin-hash`."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.__main__ import main
from kiosk.pin import pin_matches

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "data" / "content" / "good" / "sample.md"


@dataclass
class Result:
    returncode: int
    stdout: str


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """`python -m kiosk ...` in this process (the subprocess form is in test_cli_check_content)."""

    def run(*args: str, data_home: Path | None = None) -> Result:
        if data_home is not None:
            monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
        code = main(list(args))
        return Result(code, capsys.readouterr().out)

    return run


def sheet_with(tmp_path: Path, paragraph: str) -> Path:
    folder = tmp_path / "sheets"
    folder.mkdir(exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    head, _, rest = text.partition("\n## ")
    (folder / "odd.md").write_text(
        f"{head}\n## Odd text\n\n{paragraph}\n\n## {rest}", encoding="utf-8"
    )
    return folder


def test_without_a_folder_it_checks_content_dir_from_the_settings(run_cli, tmp_path):
    folder = sheet_with(tmp_path, "Plain words.")
    settings = tmp_path / "data" / "handsfree-kiosk" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(f'content_dir = "{folder}"\n', encoding="utf-8")
    result = run_cli("check-content", data_home=tmp_path / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {folder} (content_dir in {settings})" in result.stdout
    assert "OK      odd.md" in result.stdout and "als.md" not in result.stdout


def test_a_missing_settings_file_is_a_problem(run_cli, tmp_path):
    result = run_cli("check-content", "--settings", str(tmp_path / "nope.toml"))
    assert result.returncode == 1 and "does not exist" in result.stdout


def test_words_too_long_for_a_line_are_warned_about(run_cli, tmp_path):
    folder = sheet_with(tmp_path, "Type " + "x" * 200_000 + " here.")
    result = run_cli("check-content", str(folder))
    assert result.returncode == 0
    assert "WARNING odd.md, line " in result.stdout
    assert "(200000 characters) is too long for one line" in result.stdout
    assert "0 problem(s)," in result.stdout and "warning(s)." in result.stdout


@pytest.mark.parametrize(
    "text, hint",
    [
        ("Hello \u05e9\u05dc\u05d5\u05dd.", "right-to-left script"),
        ("Hello \u4f60\u597d.", "Chinese, Japanese or Korean"),
        ("Hello \U0001f600.", "symbol or emoji"),
    ],
)
def test_characters_the_font_cannot_draw_are_warned_about(run_cli, tmp_path, text, hint):
    folder = sheet_with(tmp_path, text)
    result = run_cli("check-content", str(folder))
    assert "the font cannot draw" in result.stdout and hint in result.stdout, result.stdout
    assert "U+" in result.stdout and "empty boxes" in result.stdout


def test_sections_needing_too_many_pages_are_warned_about(run_cli, tmp_path):
    folder = sheet_with(tmp_path, " ".join(["A sentence of several plain words."] * 80))
    result = run_cli("check-content", str(folder), "--max-pages", "2")
    assert 'the section "Odd text" needs' in result.stdout and "(more than 2)" in result.stdout


def test_the_shipped_sheet_has_no_warnings_at_the_default_size(run_cli):
    result = run_cli("check-content", str(ROOT / "content"))
    assert result.returncode == 0 and "WARNING" not in result.stdout


def test_pin_hash_print_gives_a_salted_line_that_matches(monkeypatch, capsys):
    answers = iter(["2468", "2468"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt: next(answers))
    assert main(["pin-hash", "--print"]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert line.startswith('staff_pin_hash = "scrypt$')
    assert pin_matches("2468", line.split('"')[1])


@pytest.mark.parametrize("answers", [["12", "12"], ["2468", "2469"]])
def test_pin_hash_refuses_short_or_mistyped_pins(monkeypatch, capsys, answers):
    typed = iter(answers)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: next(typed))
    assert main(["pin-hash"]) == 1
    assert "staff_pin_hash" not in capsys.readouterr().out
