"""The shape of the code, checked: no import circles in kiosk/, nothing imports upward
into the app, devices and the core stay at their level."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from kiosk import core
from kiosk.actions import Command
from kiosk.device import Device

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"
ENTRY_POINTS = {"kiosk.__main__", "kiosk.cli"}
# Circles tolerated while another branch removes them (none now).
KNOWN_CYCLES: set[frozenset[str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """Every import in kiosk/ (module level, in functions, under TYPE_CHECKING alike)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
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


@pytest.mark.parametrize("low", ["kiosk.core", "kiosk.actions", "kiosk.settings", "kiosk.device"])
def test_the_core_and_the_contracts_import_no_shell(low):
    graph = import_graph()
    shell = {"kiosk.app", "kiosk.devices", "kiosk.staff", "kiosk.view.render", "kiosk.sounds"}
    own = [m for m in graph if m == low or m.startswith(low + ".")]
    reached = {dep for m in own for dep in graph[m]}
    assert not reached & shell, f"{low} imports {sorted(reached & shell)}"
    assert not any(d.startswith(("kiosk.gaze", "kiosk.voice", "kiosk.speech")) for d in reached)


def test_devices_follow_the_contract_and_know_no_app():
    from kiosk.devices import BrokenDevice, GazeDevice, VoiceDevice

    graph = import_graph()
    assert "kiosk.app" not in graph["kiosk.devices"] and "kiosk.app" not in graph["kiosk.staff"]
    for kind in (GazeDevice, VoiceDevice, BrokenDevice):
        for member in ("start", "poll", "status", "screen_changed", "request", "close"):
            assert hasattr(kind, member), f"{kind.__name__} lacks {member}"
    assert isinstance(BrokenDevice("x", "off", None), Device)


def test_every_command_has_exactly_one_handler():
    assert core.handled_commands() == frozenset(Command)
