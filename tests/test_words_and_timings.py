"""Every sentence the kiosk shows or says has one home: its screen's `words.py`
(kiosk/screens/<name>/words.py) or, for what every screen says, kiosk/core/words.py; every
fixed timing (a `*_S` constant) is in kiosk/timings.py or the settings schema.

Found by reading the code (ast): a string that reads as a sentence (a capital, then a
space and more words) outside those homes. Not counted: docstrings; log lines, raised
errors, argparse help and print() (for staff and IT reading the log or a terminal, in
English, never shown to a visitor); string type annotations.
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
# Not moved yet: the devices' and the staff tools' own sentences and timings, in files
# their owners were changing in the same days (issue 31). The count in each may only fall.
NOT_MOVED_YET_SENTENCES = {
    "__main__.py": 2,
    "content.py": 1,
    "content_cache.py": 1,
    "diagnostics.py": 3,
    "gaze/blink.py": 5,
    "gaze/calibration.py": 7,
    "gaze/confirm.py": 6,
    "gaze/drift.py": 7,
    "gaze/edges.py": 4,
    "gaze/points.py": 4,
    "gaze/tracker.py": 6,
    "pin.py": 6,
    "settings.py": 1,
    "shell/speech_service.py": 1,
    "speech/lexicon.py": 1,
    "speech/output.py": 2,
    "speech/piper_synth.py": 1,
    "speech/player.py": 1,
    "speech/synth.py": 2,
    "undone.py": 1,  # the staff line on choices undone
    "voice/diagnostics.py": 3,
    "voice/listener.py": 1,
    "voice/models.py": 1,
    "voice/phones.py": 4,
    "voice/rules.py": 1,
    "voice/vosk_engine.py": 1,
    "voice/whisper_engine.py": 1,
}
NOT_MOVED_YET_TIMINGS = {
    "gaze/replay.py": 1,
    "pin.py": 3,
    "voice/__main__.py": 1,
    "voice/audio.py": 1,
    "voice/embedding.py": 1,
    "voice/listener.py": 3,
    "voice/models.py": 2,
    "voice/rules.py": 2,
    "voice/whisper_engine.py": 4,
}


def _exempt_nodes(tree: ast.Module) -> set[int]:
    """Docstrings, and everything inside a log call, a raise, argparse or print."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            exempt.add(id(body[0].value))
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


def _beyond(found: Counter[str], allowed: dict[str, int]) -> dict[str, int]:
    return {name: n for name, n in found.items() if n > allowed.get(name, 0)}


def test_every_sentence_lives_in_a_words_module():
    assert _beyond(sentences_outside_words(), NOT_MOVED_YET_SENTENCES) == {}


def test_every_timing_lives_in_the_timings_module_or_the_settings():
    assert _beyond(timings_outside_home(), NOT_MOVED_YET_TIMINGS) == {}


def test_the_lists_of_files_not_moved_yet_only_shrink():
    """A file moved (or emptied) leaves its line: delete it, so it cannot come back."""
    sentences, timings = sentences_outside_words(), timings_outside_home()
    assert {n: c for n, c in NOT_MOVED_YET_SENTENCES.items() if sentences[n] < c} == {}
    assert {n: c for n, c in NOT_MOVED_YET_TIMINGS.items() if timings[n] < c} == {}


def test_the_checks_find_a_sentence_and_a_timing(tmp_path):
    (tmp_path / "screen.py").write_text(
        '"""Says "Hello there" in its docstring."""\n'
        "import logging\n"
        'logging.getLogger("x").info("Loaded the file")\n'
        'CAPTION = "This is the home screen"\n'
        'ALIAS = "Key | None"\n'
        "WAIT_S = 2.5\n"
        "WAIT = WAIT_S\n"
    )
    (tmp_path / "words.py").write_text('HOME = "This is the home screen"\n')
    assert sentences_outside_words(tmp_path) == Counter({"screen.py": 1})
    assert timings_outside_home(tmp_path) == Counter({"screen.py": 1})
