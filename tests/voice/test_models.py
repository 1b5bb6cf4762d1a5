"""Vosk model discovery and the download command (with a stand-in server)."""

from __future__ import annotations

import io
import os
import urllib.error
import zipfile

import pytest

from kiosk.voice import models
from kiosk.voice.models import download_vosk, find_vosk_model, vosk_models_dir


def make_model(folder):
    (folder / "am").mkdir(parents=True)
    (folder / "am" / "final.mdl").write_bytes(os.urandom(1000))
    (folder / "conf").mkdir()
    (folder / "conf" / "model.conf").write_text("--sample-frequency=16000\n")
    return folder


def model_zip(name=models.VOSK_NAME, extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(f"{name}/am/final.mdl", os.urandom(models.MIN_MODEL_BYTES))
        archive.writestr(f"{name}/conf/model.conf", "--sample-frequency=16000\n")
        for path, data in (extra or {}).items():
            archive.writestr(path, data)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


class Response(io.BytesIO):
    def __init__(self, data: bytes, length: int | None = None):
        super().__init__(data)
        self.headers = {"Content-Length": str(len(data) if length is None else length)}


def test_the_model_named_in_settings_comes_first(tmp_path):
    named = make_model(tmp_path / "mine")
    installed = make_model(vosk_models_dir() / "vosk-model-small-en-us-0.15")
    assert find_vosk_model(str(named)) == named
    assert find_vosk_model("") == installed


def test_a_setting_that_is_not_a_model_falls_back_and_says_so(tmp_path, caplog):
    (tmp_path / "empty").mkdir()
    assert find_vosk_model(str(tmp_path / "empty")) is None
    assert "is not a Vosk model folder" in caplog.text


def test_download_unpacks_with_progress(capsys):
    data = model_zip()
    assert download_vosk(opener=lambda url, timeout: Response(data)) == 0
    out = capsys.readouterr()
    assert "100.0%" in out.err and "Installed the Vosk model" in out.out
    assert find_vosk_model("") == vosk_models_dir() / models.VOSK_NAME
    assert not list(vosk_models_dir().glob("*.zip"))  # the archive is not kept
    assert download_vosk(opener=lambda url, timeout: Response(data)) == 0
    assert "already installed" in capsys.readouterr().out


def test_offline_says_how_to_copy_a_model_in(capsys):
    def offline(url, timeout):
        raise urllib.error.URLError("Name or service not known")

    assert download_vosk(opener=offline) == 1
    err = capsys.readouterr().err
    assert "Cannot reach the download" in err and str(vosk_models_dir()) in err
    assert "vosk_model =" in err


@pytest.mark.parametrize("data, length, says", [
    (b"PK not really a zip" * 600_000, None, "not a usable model archive"),
    (model_zip(), 10 ** 9, "incomplete"),
    (model_zip(extra={"../evil.txt": "x"}), None, "does not hold the folder"),
    (model_zip(name="something-else"), None, "does not hold the folder"),
])
def test_a_bad_download_is_refused_and_nothing_is_installed(capsys, data, length, says):
    assert download_vosk(opener=lambda url, timeout: Response(data, length)) == 1
    assert says in capsys.readouterr().err
    assert find_vosk_model("") is None
    assert not (vosk_models_dir().parent / "evil.txt").exists()


def test_the_real_command_fails_clearly_without_internet():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kiosk", "models", "download", "vosk"],
                            capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, https_proxy="http://127.0.0.1:9",
                                     HTTPS_PROXY="http://127.0.0.1:9"))
    assert result.returncode == 1
    assert "Cannot reach the download" in result.stderr
