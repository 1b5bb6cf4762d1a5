"""Vosk model discovery and the download command (with a stand-in server)."""

from __future__ import annotations

import io
import os
import urllib.error
import zipfile

import pytest

from kiosk.voice import models
from kiosk.voice.models import (
    download_vosk,
    find_vosk_model,
    is_vosk_model,
    models_cli,
    vosk_models_dir,
)


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


def leftovers() -> list:
    """Anything the command left in the models folder besides installed models."""
    base = vosk_models_dir()
    return [p.name for p in base.iterdir() if p.name.startswith(".") or p.suffix == ".zip"]


def test_what_counts_as_a_model_folder(tmp_path):
    assert is_vosk_model(make_model(tmp_path / "usual"))
    other = tmp_path / "other-layout"
    (other / "acoustic").mkdir(parents=True)
    (other / "acoustic" / "final.mdl").write_bytes(b"x")
    (other / "graph").mkdir()
    assert is_vosk_model(other)  # final.mdl one level down, graph instead of conf
    no_conf = tmp_path / "no-conf"
    (no_conf / "am").mkdir(parents=True)
    (no_conf / "am" / "final.mdl").write_bytes(b"x")
    assert not is_vosk_model(no_conf)
    assert not is_vosk_model(tmp_path / "missing")
    assert not is_vosk_model(tmp_path / "usual" / "am" / "final.mdl")  # a file


def test_nothing_installed_means_no_model():
    assert find_vosk_model("") is None
    assert find_vosk_model("~/no/such/folder") is None


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


def test_the_cli_passes_url_and_opener_through(capsys):
    asked = []

    def opener(url, timeout):
        asked.append((url, timeout))
        return Response(model_zip())

    assert models_cli(["download", "vosk"], url="https://mirror.test/m.zip", opener=opener) == 0
    assert asked == [("https://mirror.test/m.zip", models.TIMEOUT_S)]
    assert "MB" in capsys.readouterr().err
    assert models_cli(["download", "whisper"]) == 2
    assert "usage" in capsys.readouterr().err


def test_offline_says_how_to_copy_a_model_in(capsys):
    def offline(url, timeout):
        raise urllib.error.URLError("Name or service not known")

    assert download_vosk(opener=offline) == 1
    err = capsys.readouterr().err
    assert "Cannot reach the download" in err and str(vosk_models_dir()) in err
    assert "vosk_model =" in err and "settings.toml" in err
    assert leftovers() == []


def test_a_download_cut_off_halfway_leaves_nothing_behind(capsys):
    class Broken(Response):
        def read(self, size=-1):
            if self.tell() > 100_000:
                raise TimeoutError("timed out")
            return super().read(size)

    assert download_vosk(opener=lambda url, timeout: Broken(model_zip())) == 1
    assert "The download stopped (timed out)" in capsys.readouterr().err
    assert leftovers() == [] and find_vosk_model("") is None


def test_a_folder_left_from_an_interrupted_copy_is_not_overwritten(capsys):
    (vosk_models_dir() / models.VOSK_NAME / "am").mkdir(parents=True)
    opened = []
    assert download_vosk(opener=lambda url, timeout: opened.append(url)) == 1
    assert "is not a complete Vosk model" in capsys.readouterr().err and not opened
    assert (vosk_models_dir() / models.VOSK_NAME / "am").is_dir()


def damaged_zip() -> bytes:
    data = bytearray(model_zip())
    data[len(data) // 2] ^= 0xFF  # flip a byte inside final.mdl: its CRC no longer matches
    return bytes(data)


@pytest.mark.parametrize(
    "data, length, says",
    [
        (b"PK not really a zip" * 600_000, None, "not a usable model archive"),
        (model_zip(), 10**9, "incomplete"),
        (model_zip(extra={"../evil.txt": "x"}), None, "does not hold the folder"),
        (model_zip(extra={f"{models.VOSK_NAME}/../../evil.txt": "x"}), None, "unsafe path"),
        (damaged_zip(), None, "damaged"),
        (model_zip()[:5000], None, "too small"),
        (model_zip(name="something-else"), None, "does not hold the folder"),
    ],
)
def test_a_bad_download_is_refused_and_nothing_is_installed(capsys, data, length, says):
    assert download_vosk(opener=lambda url, timeout: Response(data, length)) == 1
    assert says in capsys.readouterr().err
    assert find_vosk_model("") is None
    assert not (vosk_models_dir().parent / "evil.txt").exists()
    assert leftovers() == []


def test_the_real_command_fails_clearly_without_internet():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "models", "download", "vosk"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, https_proxy="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9"),
    )
    assert result.returncode == 1
    assert "Cannot reach the download" in result.stderr
