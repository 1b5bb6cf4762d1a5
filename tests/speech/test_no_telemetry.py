"""Piper runs on onnxruntime, which ships telemetry: the kiosk must leave no trace of it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_loading_the_piper_runtime_writes_nothing_and_sends_nothing(tmp_path: Path) -> None:
    pytest.importorskip("onnxruntime")
    env = dict(
        os.environ,
        HOME=str(tmp_path / "home"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        TMPDIR=str(tmp_path / "tmp"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("ORT_DISABLE_TELEMETRY", None)
    for folder in ("home", "cache", "tmp"):
        (tmp_path / folder).mkdir()
    script = (
        "import kiosk.speech.piper_synth, onnxruntime, pathlib;"
        "model = pathlib.Path(onnxruntime.__file__).parent / 'datasets' / 'mul_1.onnx';"
        "onnxruntime.InferenceSession(str(model), providers=['CPUExecutionProvider'])"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True, timeout=60)
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == []  # without the switch: cache/Microsoft/DeveloperTools/..., tmp/.ses
