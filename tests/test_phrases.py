"""The phrase board file: staff-edited Markdown, loaded with plain file:line problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.phrases import (
    DEFAULT_PHRASES,
    MAX_LABEL_CHARS,
    MAX_PHRASES,
    PhraseBoard,
    default_board,
    load_phrases,
    parse_phrases,
)

SHIPPED = Path(__file__).resolve().parent.parent / "content" / "phrases.md"
PATH = Path("phrases.md")


def parse(text: str) -> PhraseBoard:
    return parse_phrases(text, PATH)


def problems(board: PhraseBoard) -> list[str]:
    return [str(e) for e in board.errors]


def test_the_shipped_board_loads_with_the_default_phrases():
    board = load_phrases(SHIPPED)
    assert problems(board) == []
    assert board.title == "Talk"
    assert [(p.text, p.label) for p in board.phrases] == [
        (text, label or text) for text, label in DEFAULT_PHRASES
    ]
    assert board.phrases[0].line == 6


def test_the_built_in_board_matches_the_defaults():
    board = default_board()
    assert [p.text for p in board.phrases][:2] == ["Yes", "No"]
    assert board.path is None and board.errors == ()


def test_short_names_markdown_and_wrapped_lines():
    board = parse(
        "# Say it\n"
        "- **Please** call my [carer](tel:123)\n"
        "* I would like a glass of water {short='Water, please'}\n"
        "+ Could you read this\n"
        "  to me slowly?\n"
        "1. Numbered is fine\n"
    )
    assert problems(board) == []
    assert board.title == "Say it"
    assert [(p.text, p.label, p.line) for p in board.phrases] == [
        ("Please call my carer", "Please call my carer", 2),
        ("I would like a glass of water", "Water, please", 3),
        ("Could you read this to me slowly?", "Could you read this to me slowly?", 4),
        ("Numbered is fine", "Numbered is fine", 6),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- Yes\n",
            "phrases.md, line 1: the file should start with the board's title",
        ),
        (
            "# Talk\nYes\n- No\n",
            'phrases.md, line 2: write each phrase as a list item: a line starting with "- "',
        ),
        ("# Talk\n## More\n- No\n", "phrases.md, line 2: headings are not used"),
        ("# Talk\n- Yes\n# Again\n", 'phrases.md, line 3: the board already has a title ("Talk")'),
        ("# Talk\n-\n- No\n", "phrases.md, line 2: this list item has no phrase"),
        ("# Talk\n- Yes\n- yes!\n", 'phrases.md, line 3: "yes!" is already on the board (line 2)'),
        (
            '# Talk\n- Yes {short="No"}\n- No\n',
            'phrases.md, line 3: "No" is already on the board (line 2)',
        ),
        (
            '# Talk\n- Yes {short=""}\n- No\n',
            'phrases.md, line 2: the tile name {short=""} is empty',
        ),
        ('# Talk\n- Yes {label="Y"}\n- No\n', 'phrases.md, line 2: could not read the "{...}"'),
        (
            "# Talk\n<!-- a note\n- Yes\n",
            'phrases.md, line 2: the note "<!--" that starts here is never closed',
        ),
        (
            "# Talk\n- " + "word " * 40 + "\n- No\n",
            "phrases.md, line 2: this phrase is 199 characters long",
        ),
        (
            "# Talk\n- I would like somebody to help me fill in this form please\n- No\n",
            'phrases.md, line 2: "I would like somebody to help ..." is too long for a tile',
        ),
    ],
)
def test_broken_lines_are_named_by_line_and_the_rest_still_works(text, expected):
    board = parse(text)
    assert any(p.startswith(expected) for p in problems(board)), problems(board)
    assert board.phrases  # something is always usable


def test_a_too_long_tile_name_suggests_a_short_one():
    board = parse("# Talk\n- I would like somebody to help me fill in this form please\n")
    message = problems(board)[0]
    assert '{short="I would like somebody to help"}' in message
    assert len("I would like somebody to help") <= MAX_LABEL_CHARS


def test_too_many_phrases_keeps_the_first_ones():
    lines = "".join(f"- Phrase number {n}\n" for n in range(MAX_PHRASES + 3))
    board = parse("# Talk\n" + lines)
    assert len(board.phrases) == MAX_PHRASES
    assert problems(board) == [
        f"phrases.md, line {MAX_PHRASES + 2}: the board holds at most {MAX_PHRASES} phrases: "
        "this one and the rest are left out"
    ]


def test_a_line_without_a_dash_under_a_phrase_is_not_silently_joined():
    board = parse("# Talk\n- Yes\nNo\n")
    assert [p.text for p in board.phrases] == ["Yes"]
    assert problems(board) == [
        'phrases.md, line 3: write each phrase as a list item: a line starting with "- "'
    ]


def test_comments_are_skipped():
    board = parse("<!-- staff note -->\n# Talk\n<!--\n- hidden\n-->\n- Shown\n")
    assert problems(board) == [] and [p.text for p in board.phrases] == ["Shown"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "phrases.md: the file is empty: the built-in phrases are used"),
        (b"# Talk\n\nJust some text\n", "phrases.md: there are no phrases in it"),
        (b"\xff\xfe#\x00 \x00T\x00", "phrases.md, line 1: the file is saved as UTF-16"),
        (b"# Talk\n- Yes\n\x00\x01\x02", "phrases.md, line 3: the file holds binary data"),
        (b"# Talk\n- Caf\xe9\n", "phrases.md, line 2: the file is not valid UTF-8 text"),
    ],
)
def test_broken_files_give_the_built_in_board_and_say_why(tmp_path, data, expected):
    path = tmp_path / "phrases.md"
    path.write_bytes(data)
    board = load_phrases(path)
    assert any(p.startswith(expected) for p in problems(board)), problems(board)
    assert [p.text for p in board.phrases] == [text for text, _ in DEFAULT_PHRASES]


def test_a_missing_file_or_a_folder_gives_the_built_in_board(tmp_path):
    for path in (tmp_path / "nothing.md", tmp_path):
        board = load_phrases(path)
        assert "does not exist or is not a file" in problems(board)[0]
        assert len(board.phrases) == len(DEFAULT_PHRASES)


def test_a_byte_order_mark_and_windows_line_ends_are_fine(tmp_path):
    path = tmp_path / "phrases.md"
    path.write_bytes("\ufeff# Talk\r\n- Yes\r\n- No\r\n".encode())
    board = load_phrases(path)
    assert problems(board) == [] and [p.text for p in board.phrases] == ["Yes", "No"]


def test_random_bytes_never_raise(tmp_path):
    import random

    rng = random.Random(4)
    path = tmp_path / "phrases.md"
    for _ in range(60):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
        path.write_bytes(b"# Talk\n- " + blob)
        board = load_phrases(path)
        assert board.phrases
        text = "".join(rng.choice("#-*{}\"' \nab<!->") for _ in range(rng.randrange(1, 80)))
        assert parse(text).phrases


def test_check_content_checks_the_phrase_board_too(tmp_path, capsys):
    from kiosk.__main__ import check_content

    shipped = Path(__file__).resolve().parent.parent / "content"
    (tmp_path / "als.md").write_bytes((shipped / "als.md").read_bytes())
    assert check_content(tmp_path) == 0
    assert "OK      phrases.md: none in this folder" in capsys.readouterr().out
    (tmp_path / "phrases.md").write_bytes((shipped / "phrases.md").read_bytes())
    assert check_content(tmp_path) == 0
    assert "OK      phrases.md: Talk (8 phrase(s))" in capsys.readouterr().out
    (tmp_path / "phrases.md").write_text("# Talk\n- Yes\nNo\n", encoding="utf-8")
    assert check_content(tmp_path) == 1
    out = capsys.readouterr().out
    assert "PROBLEM phrases.md, line 3: write each phrase as a list item" in out
    assert "1 fact sheet(s) loaded" in out  # the phrase file is not read as a fact sheet
