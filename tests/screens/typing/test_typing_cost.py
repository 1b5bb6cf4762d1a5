"""The cost model's command line: a JSON line per message, a summary, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.typing_cost import cost_of_messages, summary
from benchmarks.typing_cost_cli import main
from kiosk.content import load_library

CONTENT = Path(__file__).resolve().parents[3] / "content"


def test_each_message_gets_a_line_and_the_last_line_sums_up(tmp_path, capsys):
    messages = tmp_path / "messages.txt"
    messages.write_text("Where is the pharmacy?\n\nI need help.\n", encoding="utf-8")
    assert main(["--cost", str(messages), "--input", "gaze", "--layout", "tiles"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["message"] for line in lines[:2]] == ["Where is the pharmacy?", "I need help."]
    first = lines[0]
    assert set(first) == {
        "message",
        "characters",
        "selections",
        "selections_per_character",
        "seconds",
    }
    assert first["characters"] == 22 and first["selections"] < 22
    assert first["seconds"] == round(first["selections"] * 1.6, 1)
    assert set(lines[-1]) == {"messages", "selections_per_character", "words_per_minute"}
    assert lines[-1]["messages"] == 2


def test_a_message_no_key_can_type_is_left_out_and_named(tmp_path, capsys):
    messages = tmp_path / "messages.txt"
    messages.write_text("Room 12 please\nThank you\n", encoding="utf-8")
    assert main(["--cost", str(messages)]) == 1
    out, err = capsys.readouterr()
    assert "message 1 left out" in err and "'1'" in err
    assert json.loads(out.splitlines()[-1])["messages"] == 1


def test_a_missing_file_is_a_plain_error(tmp_path, capsys):
    assert main(["--cost", str(tmp_path / "none.txt")]) == 2
    assert "cannot read the messages file" in capsys.readouterr().err


def test_prediction_saves_choices_and_groups_cost_more_than_the_usual_keys():
    library = load_library(CONTENT)
    messages = ["I need help with my coat.", "Can you call my daughter please?"]

    def figures(**kwargs):
        return summary(list(cost_of_messages(messages, library, **kwargs)))

    usual = figures(input_kind="gaze", layout="tiles")
    bare = figures(input_kind="gaze", layout="tiles", use_words=False)
    halves = figures(input_kind="gaze", layout="halves")
    switch = figures(input_kind="switch", layout="tiles")
    assert usual["selections_per_character"] < 0.8 < bare["selections_per_character"]
    assert halves["selections_per_character"] > usual["selections_per_character"]
    assert switch["selections_per_character"] == usual["selections_per_character"]
    assert switch["words_per_minute"] < usual["words_per_minute"]
