"""The shape of the code, checked: no import circles in kiosk/, no import from a lower
layer to a higher one, no class over 400 lines nor function over 60, and each target id
and setting default written in its one home only."""

from __future__ import annotations

import ast
import dataclasses
import functools
import re
from pathlib import Path

import pytest

from kiosk import machine
from kiosk.actions import Command
from kiosk.device_contract import Device
from kiosk.settings import DEFAULTS, Settings

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"
ENTRY_POINTS = {"kiosk.__main__", "kiosk.cli"}
# Circles tolerated while another branch removes them (none now).
KNOWN_CYCLES: set[frozenset[str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def parsed(path: Path) -> ast.Module:
    """Each file is parsed once for all the checks below."""
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """Every import in kiosk/ (module level, in functions, under TYPE_CHECKING alike)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(parsed(path)):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                    base = f"{base}.{node.module}" if node.module else base
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_in_kiosk():
    circles = [c for c in cycles(import_graph()) if frozenset(c) not in KNOWN_CYCLES]
    assert circles == [], f"modules that import each other: {circles}"


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_nothing_imports_the_app_but_the_entry_points():
    graph = import_graph()
    upward = sorted(m for m, deps in graph.items() if "kiosk.app" in deps)
    assert set(upward) <= ENTRY_POINTS, f"import kiosk.app: {upward}"


@pytest.mark.parametrize(
    "low", ["kiosk.core", "kiosk.actions", "kiosk.settings", "kiosk.device_contract"]
)
def test_the_core_and_the_contracts_import_no_shell(low):
    graph = import_graph()
    shell = {
        "kiosk.app",
        "kiosk.input_devices",
        "kiosk.screens.staff.mode",
        "kiosk.view.render",
        "kiosk.sounds",
    }
    own = [m for m in graph if m == low or m.startswith(low + ".")]
    reached = {dep for m in own for dep in graph[m]}
    above = {d for d in reached if d in shell or d.startswith("kiosk.screens.")}
    above -= {"kiosk.screens.typing.message", "kiosk.screens.typing.prediction"}  # state
    assert not above, f"{low} imports {sorted(above)}"
    assert not any(d.startswith(("kiosk.gaze", "kiosk.voice", "kiosk.speech")) for d in reached)


def test_devices_follow_the_contract_and_know_no_app():
    from kiosk.input_devices import BrokenDevice, GazeDevice, VoiceDevice

    graph = import_graph()
    assert (
        "kiosk.app" not in graph["kiosk.input_devices"]
        and "kiosk.app" not in graph["kiosk.screens.staff.mode"]
    )
    for kind in (GazeDevice, VoiceDevice, BrokenDevice):
        for member in ("start", "poll", "status", "screen_changed", "request", "close"):
            assert hasattr(kind, member), f"{kind.__name__} lacks {member}"
    assert isinstance(BrokenDevice("x", "off", None), Device)


def test_every_command_has_exactly_one_handler():
    assert machine.handled_commands() == frozenset(Command)


# ------------------------------------------------------------------ layers
# Lowest first. A module may import its own layer and those below, never one above.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "facts",
        (
            "kiosk",
            "kiosk.actions",
            "kiosk.settings",
            "kiosk.pin",
            "kiosk.content",
            "kiosk.document",
            "kiosk.phrases",
            "kiosk.textflow",
            "kiosk.layout",
            "kiosk.logs",
            "kiosk.usage",
            "kiosk.notices",
            "kiosk.timings",
            # the typing screen's slice of the core's State, and its word model
            "kiosk.screens.typing.message",
            "kiosk.screens.typing.prediction",
        ),
    ),
    ("core", ("kiosk.core",)),
    ("contract", ("kiosk.device_contract",)),
    (
        "edge",
        (
            "kiosk.gaze",
            "kiosk.voice",
            "kiosk.speech",
            "kiosk.switch",
            "kiosk.view",
            "kiosk.sounds",
            "kiosk.supervisor",
            "kiosk.window_guard",
        ),
    ),
    # The screens (kiosk/screens/<name>/: rules on the core, drawing on the view) and the
    # one place that binds them to the core.
    ("screens", ("kiosk.screens", "kiosk.machine")),
    (
        "shell",
        (
            "kiosk.input_devices",
            "kiosk.shell",
            "kiosk.diagnostics",
            "kiosk.content_check",
            "kiosk.content_cache",  # the saved copy holds the pronunciation list too
            "kiosk.sheet_import.command",  # the import tool checks as check-content does
            "kiosk.health",  # the health file reads the devices' and the shell's state
            "kiosk.voice.__main__",  # the voice tool builds each screen's vocabulary
        ),
    ),
    ("app", ("kiosk.app",)),
    ("entry", ("kiosk.cli", "kiosk.__main__")),
]


def layer_of(module: str) -> int:
    best, level = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, level = len(prefix), index
    assert level >= 0, f"{module} is in no layer: add it to LAYERS"
    return level


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} -> {dep}"
        for module, deps in graph.items()
        for dep in deps
        if layer_of(dep) > layer_of(module)
    )


def test_no_module_imports_a_higher_layer():
    assert upward_imports(import_graph()) == []


def test_the_layer_check_finds_an_upward_import():
    assert upward_imports({"kiosk.core.state": {"kiosk.switch.inputs"}}) == [
        "kiosk.core.state -> kiosk.switch.inputs"
    ]


# ------------------------------------------------------------------ sizes
MAX_CLASS_LINES = 400
MAX_FUNCTION_LINES = 60


def oversized(root: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                limit = MAX_CLASS_LINES if isinstance(node, ast.ClassDef) else MAX_FUNCTION_LINES
                if lines > limit:
                    found.append(f"{name}:{node.lineno} {node.name} is {lines} lines")
    return found


def test_no_class_over_400_lines_and_no_function_over_60():
    assert oversized() == []


def test_the_size_check_finds_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n")
    assert oversized(tmp_path) == ["long.py:1 long is 62 lines"]


# ------------------------------------------------------------------ one home for each fact
TARGET_ID = re.compile(r"(gaze|bar|calib|tile|help):[a-z0-9-]*")


def literal_target_ids(root: Path = PACKAGE) -> list[str]:
    """Strings that are target ids ("bar:home", "gaze:pause", "tile:" in an f-string)
    outside kiosk/actions.py, their home. Docstrings and comments may name them."""
    found = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == "actions.py":
            continue
        tree = parsed(path)
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and TARGET_ID.fullmatch(node.value)
            ):
                found.append(f"{name}:{node.lineno} {node.value!r}")
    return found


def test_target_ids_are_written_only_in_actions():
    assert literal_target_ids() == []


SETTING_NAMES = {f.name for f in dataclasses.fields(Settings)}


def restated_defaults(root: Path = PACKAGE) -> list[str]:
    """A parameter or field named after a setting whose default is that setting's default
    written again as a literal (take it from kiosk.settings.DEFAULTS instead)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == "settings.py":
            continue
        for node in ast.walk(parsed(path)):
            pairs: list[tuple[str, ast.expr | None]] = []
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                args = node.args
                positional = args.posonlyargs + args.args
                defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
                pairs += [(a.arg, d) for a, d in zip(positional, defaults)]
                pairs += [(a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                pairs.append((node.target.id, node.value))
            for arg, default in pairs:
                if arg not in SETTING_NAMES or not isinstance(default, ast.Constant):
                    continue
                value = default.value
                if value in (None, "") or isinstance(value, bool):
                    continue  # "none chosen" and switches say nothing about the setting
                if value == getattr(DEFAULTS, arg):
                    found.append(f"{name}:{node.lineno} {arg} = {value!r}")
    return found


def test_setting_defaults_are_written_only_in_the_settings_schema():
    assert restated_defaults() == []


def test_the_fact_checks_find_a_literal_id_and_a_restated_default(tmp_path):
    source = [
        '"""Names "bar:home" in its docstring."""',
        'PAUSE = "gaze:pause"',
        f"def f(dwell_s: float = {DEFAULTS.dwell_s!r}, volume: float = 0.5):",
        "    return dwell_s",
    ]
    (tmp_path / "m.py").write_text("\n".join(source) + "\n")
    assert literal_target_ids(tmp_path) == ["m.py:2 'gaze:pause'"]
    assert restated_defaults(tmp_path) == [f"m.py:3 dwell_s = {DEFAULTS.dwell_s!r}"]


def rect_aliases(root: Path = PACKAGE) -> list[str]:
    """Module-level names bound to a tuple type of four numbers: rectangle types. Their home
    is kiosk/layout.py (Rect in whole pixels, FloatRect for gaze)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        for node in parsed(path).body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if value is not None and ast.unparse(value) in (
                "tuple[int, int, int, int]",
                "tuple[float, float, float, float]",
            ):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                found += [f"{name} {ast.unparse(t)}" for t in targets]
    return found


def test_rectangle_types_live_only_in_layout():
    assert rect_aliases() == ["layout.py Rect", "layout.py FloatRect"]


def test_the_rect_check_finds_a_second_alias(tmp_path):
    (tmp_path / "m.py").write_text("Box = tuple[float, float, float, float]\n")
    assert rect_aliases(tmp_path) == ["m.py Box"]
