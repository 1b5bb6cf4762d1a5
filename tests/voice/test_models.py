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
    # the fake archives here are not the real one; the checksum tests pass their own digest
    monkeypatch.setattr(models, "VOSK_SHA256", None)
    monkeypatch.delenv("KIOSK_NO_DOWNLOAD", raising=False)


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


# ---- setup's fetch, against a real HTTP server on 127.0.0.1 serving a small fake archive


@pytest.fixture
def server():
    """A local HTTP server: /model.zip serves `files["model.zip"]`; /cut.zip announces the
    whole archive but sends half of it, then closes."""
    import http.server
    import threading

    files: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            name = self.path.lstrip("/")
            data = files.get(name.replace("cut.zip", "model.zip"))
            if data is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data if name != "cut.zip" else data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", files
    httpd.shutdown()
    httpd.server_close()


def sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def test_setup_fetches_checks_and_unpacks_the_model(server, capsys):
    url, files = server
    files["model.zip"] = model_zip()
    assert models.fetch_for_setup(f"{url}/model.zip", sha256=sha(files["model.zip"])) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("Voice: installed the Vosk model")
    assert find_vosk_model("") == vosk_models_dir() / models.VOSK_NAME
    assert leftovers() == []
    assert models.fetch_for_setup(f"{url}/model.zip") == 0  # run again: nothing to do
    assert "is installed" in capsys.readouterr().out


def test_setup_refuses_an_archive_with_the_wrong_checksum(server, capsys):
    url, files = server
    files["model.zip"] = model_zip()
    assert models.fetch_for_setup(f"{url}/model.zip", sha256="0" * 64) == 0  # never fails
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "does not match its checksum" in out[0]
    assert f"voice uses {models.WITHOUT_VOSK}." in out[0]
    assert find_vosk_model("") is None and leftovers() == []


def test_the_pinned_checksum_is_checked_by_default(server, capsys, monkeypatch):
    monkeypatch.setattr(models, "VOSK_SHA256", "1" * 64)
    url, files = server
    files["model.zip"] = model_zip()
    assert download_vosk(f"{url}/model.zip", progress=False) == 1
    assert "does not match its checksum" in capsys.readouterr().err
    assert find_vosk_model("") is None and leftovers() == []


def test_setup_survives_a_partial_download(server, capsys):
    url, files = server
    files["model.zip"] = model_zip()
    assert models.fetch_for_setup(f"{url}/cut.zip", sha256=sha(files["model.zip"])) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and f"voice uses {models.WITHOUT_VOSK}." in out[0]
    assert "incomplete" in out[0] or "stopped" in out[0]
    assert find_vosk_model("") is None and leftovers() == []


def test_setup_offline_says_one_line_and_carries_on(capsys):
    import socket
    import urllib.request

    with socket.socket() as probe:  # a port nothing listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    timeouts: list[float] = []

    def opener(url, timeout):  # the real urlopen, with the timeout it was given noted
        timeouts.append(timeout)
        return urllib.request.urlopen(url, timeout=timeout)

    assert models.fetch_for_setup(f"http://127.0.0.1:{port}/model.zip", opener) == 0
    assert timeouts and all(t <= models.SETUP_TIMEOUT_S for t in timeouts), "bounded wait"
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "could not be fetched" in out[0]
    assert f"voice uses {models.WITHOUT_VOSK}." in out[0]
    assert leftovers() == []


def test_setup_can_be_told_not_to_download(monkeypatch, capsys):
    monkeypatch.setenv("KIOSK_NO_DOWNLOAD", "1")
    opened = []
    assert models.fetch_for_setup(opener=lambda url, timeout: opened.append(url)) == 0
    assert not opened and f"voice uses {models.WITHOUT_VOSK}." in capsys.readouterr().out


def test_the_staff_screen_line_names_engine_and_model_without_loading(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from kiosk.voice import whisper_model
    from kiosk.voice.diagnostics import engine_in_use

    def settings(engine, model=""):
        return SimpleNamespace(voice_engine=engine, vosk_model=model)

    if whisper_model.model_folder() is not None:
        assert engine_in_use(settings("auto")).startswith("Whisper tiny.en")
    monkeypatch.setattr(whisper_model, "model_folder", lambda: None)
    assert engine_in_use(settings("auto")).startswith("PocketSphinx, built-in")
    assert "no Vosk model installed" in engine_in_use(settings("auto"))
    assert "not Whisper: the Whisper model is not installed" in engine_in_use(settings("auto"))
    assert "not usable: the Whisper model is not installed" in engine_in_use(settings("whisper"))
    assert "chosen in settings" in engine_in_use(settings("pocketsphinx"))
    assert "no Vosk model is installed" in engine_in_use(settings("vosk"))
    make_model(vosk_models_dir() / models.VOSK_NAME)
    assert engine_in_use(settings("auto")).startswith(
        f"Vosk, model {models.VOSK_NAME} (not Whisper"
    )
    assert engine_in_use(settings("pocketsphinx")).startswith("PocketSphinx")


def test_setup_names_whisper_the_default_engine(monkeypatch, capsys):
    """Issue 30, item 9: setup said "voice uses the built-in PocketSphinx engine" while the
    kiosk used Whisper (factory.py's "auto": Whisper first, then Vosk, then PocketSphinx)."""
    monkeypatch.setenv("KIOSK_NO_DOWNLOAD", "1")
    assert models.fetch_for_setup() == 0
    out = capsys.readouterr().out
    assert "voice uses Whisper, the default" in out and "--check says which" in out
