"""Every sentence the kiosk shows or says has one home: its screen's `words.py`
(kiosk/screens/<name>/words.py), kiosk/core/words.py for what every screen says, or the
words.py of its package (kiosk/gaze/, voice/, speech/, shell/, and kiosk/words.py for the
top-level modules); every fixed timing (a `*_S` constant) is in kiosk/timings.py or the
settings schema.

Found by reading the code (ast): a string that reads as a sentence (a capital, then a
space and more words) outside those homes. Not counted: docstrings, a module's, a class's
or a function's and those written under an attribute (a string standing alone as a
statement is never shown); log lines, raised errors, argparse help and print() (for staff
and IT reading the log or a terminal, in English, never shown to a visitor); string type
annotations.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"
SENTENCE = re.compile(r"[A-Z][a-z']*( \S+)+")
# Besides the words.py files: modules whose job is wording (the controls' notice, the
# default Talk board, which is content; the staff screen's status lines).
WORDS_HOMES = {"notices.py", "phrases.py", "screens/staff/lines.py"}
TIMING_HOMES = {"timings.py", "settings.py"}
NOT_FOR_VISITORS = {"debug", "info", "warning", "error", "exception", "critical"}
NOT_FOR_VISITORS |= {"add_argument", "add_parser", "ArgumentParser", "print"}


def _exempt_nodes(tree: ast.Module) -> set[int]:
    """Docstrings (any string standing alone as a statement: a module's, a class's, a
    function's, or an attribute's below it), and everything inside a log call, a raise,
    argparse or print."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            exempt.add(id(node.value))
        called = ""
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called in NOT_FOR_VISITORS or called.endswith("Error") or isinstance(node, ast.Raise):
            exempt |= {id(inner) for inner in ast.walk(node)}
    return exempt


def sentences_outside_words(root: Path = PACKAGE) -> Counter[str]:
    found: Counter[str] = Counter()
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if path.name == "words.py" or name in WORDS_HOMES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        exempt = _exempt_nodes(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in exempt
                and " | " not in node.value  # a type written as a string
                and SENTENCE.match(node.value.strip())
            ):
                found[name] += 1
    return found


def timings_outside_home(root: Path = PACKAGE) -> Counter[str]:
    """Module-level `NAME_S = <number>`: a timing written where it is used."""
    found: Counter[str] = Counter()
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name in TIMING_HOMES:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            value = getattr(node, "value", None)
            if (
                any(isinstance(t, ast.Name) and t.id.endswith("_S") for t in targets)
                and isinstance(value, ast.Constant)
                and isinstance(value.value, int | float)
            ):
                found[name] += 1
    return found


def test_every_sentence_lives_in_a_words_module():
    assert sentences_outside_words() == Counter()


def test_every_timing_lives_in_the_timings_module_or_the_settings():
    assert timings_outside_home() == Counter()


def test_the_checks_find_a_sentence_and_a_timing(tmp_path):
    (tmp_path / "screen.py").write_text(
        '"""Says "Hello there" in its docstring."""\n'
        "import logging\n"
        'logging.getLogger("x").info("Loaded the file")\n'
        'CAPTION = "This is the home screen"\n'
        'ALIAS = "Key | None"\n'
        "WAIT_S = 2.5\n"
        '"""Wait this long before the next try."""\n'
        "WAIT = WAIT_S\n"
    )
    (tmp_path / "words.py").write_text('HOME = "This is the home screen"\n')
    assert sentences_outside_words(tmp_path) == Counter({"screen.py": 1})
    assert timings_outside_home(tmp_path) == Counter({"screen.py": 1})
