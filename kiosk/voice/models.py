"""Vosk models: where they live, and `python -m kiosk models download vosk`.

PocketSphinx needs no download (its model ships in its wheel). Vosk is used when a
Vosk model is installed: named in settings (vosk_model = "...") or placed in the
per-user data folder by the download command.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.settings import data_dir, default_settings_path
from kiosk.timings import SETUP_TIMEOUT_S, TIMEOUT_S
from kiosk.voice.words import vosk_by_hand

log = logging.getLogger("kiosk.voice.models")

VOSK_URL = "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip"
VOSK_NAME = "vosk-model-small-en-us-0.15"
# SHA-256 of that archive (39.3 MB), as pinned by other projects that install it (for
# example numen's get-model.sh); it could not be fetched from this build machine to check.
VOSK_SHA256 = "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"
MIN_MODEL_BYTES = 10_000_000  # the small US English model is about 40 MB


def vosk_models_dir() -> Path:
    return data_dir() / "models"


def is_vosk_model(folder: Path) -> bool:
    """A Vosk model folder holds an acoustic model (final.mdl, usually in am/) and its
    configuration (conf/) or decoding graph (graph/)."""
    try:
        has_model = folder.is_dir() and (
            (folder / "final.mdl").is_file()
            or any((sub / "final.mdl").is_file() for sub in folder.iterdir() if sub.is_dir())
        )
    except OSError:  # unreadable folder: not a usable model
        return False
    return has_model and ((folder / "conf").is_dir() or (folder / "graph").is_dir())


def find_vosk_model(setting: str = "") -> Path | None:
    """The model named in settings, else the first one installed in the data folder."""
    if setting:
        folder = Path(setting).expanduser()
        if is_vosk_model(folder):
            return folder
        log.warning(
            "vosk_model in settings (%s) is not a Vosk model folder; looking in %s",
            folder,
            vosk_models_dir(),
        )
    base = vosk_models_dir()
    if base.is_dir():
        for folder in sorted(base.iterdir()):
            if not folder.name.startswith(".") and is_vosk_model(folder):  # .unpack-: ours
                return folder
    return None


def _manual_steps() -> str:
    return vosk_by_hand(VOSK_URL, VOSK_NAME, vosk_models_dir(), default_settings_path())


def _progress(done: int, total: int) -> None:
    if total > 0:
        width = 30
        filled = int(width * done / total)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {100 * done / total:5.1f}% "
            f"{done / 1e6:5.1f} of {total / 1e6:.1f} MB"
        )
    else:
        sys.stderr.write(f"\r{done / 1e6:5.1f} MB")
    sys.stderr.flush()


def _safe_extract(archive: zipfile.ZipFile, target: Path) -> None:
    root = target.resolve()
    for member in archive.namelist():
        destination = (target / member).resolve()
        if root not in destination.parents and destination != root:
            raise ValueError(f"the archive holds an unsafe path: {member}")
    archive.extractall(target)


_PINNED = "pinned"


def download_vosk(
    url: str = VOSK_URL,
    opener: Callable[..., Any] = urllib.request.urlopen,
    name: str = VOSK_NAME,
    sha256: str | None = _PINNED,
    timeout: float = TIMEOUT_S,
    progress: bool = True,
) -> int:
    """Download, check (size, SHA-256, archive) and unpack the model into
    vosk_models_dir(); exit code (0 = installed). `sha256`: the archive's expected digest
    (default VOSK_SHA256; None skips the check, for a mirror's own build)."""
    expected_sha = VOSK_SHA256 if sha256 == _PINNED else sha256
    base = vosk_models_dir()
    target = base / name
    if is_vosk_model(target):
        print(f"The Vosk model is already installed in {target}")
        return 0
    if target.exists():
        # never delete what someone copied in by hand; let them decide
        print(
            f"{target} exists but is not a complete Vosk model (an interrupted copy?).\n"
            "Delete or rename that folder, then run this command again.",
            file=sys.stderr,
        )
        return 1
    base.mkdir(parents=True, exist_ok=True)
    print(f"Downloading the Vosk US English model from {url}", file=sys.stderr)
    try:
        response = opener(url, timeout=timeout)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        reason = getattr(error, "reason", error)
        print(
            f"Cannot reach the download ({reason}). This computer may have no internet "
            f"access.\n{_manual_steps()}",
            file=sys.stderr,
        )
        return 1
    # the temporary file sits next to its destination; removed however this ends
    part = tempfile.NamedTemporaryFile(dir=base, prefix=".download-", suffix=".zip", delete=False)
    partial = Path(part.name)
    try:
        with part, response:
            fetched = _fetch(response, part, progress)
        if fetched is None:
            return 1
        done, total, digest = fetched
        if expected_sha and done >= MIN_MODEL_BYTES and (not total or done == total):
            if digest.hexdigest() != expected_sha.lower():
                print(
                    "Could not install the Vosk model: the download does not match its "
                    f"checksum (SHA-256 {digest.hexdigest()}, expected {expected_sha}).\n"
                    f"{_manual_steps()}",
                    file=sys.stderr,
                )
                return 1
        return _install(partial, base, name, done, total)
    finally:
        partial.unlink(missing_ok=True)


def _fetch(response: Any, part: Any, progress: bool) -> tuple[int, int, Any] | None:
    """Copy the download into `part`: (bytes, the announced size, their SHA-256), or None
    when it stopped (said in plain words)."""
    total = int(response.headers.get("Content-Length") or 0)
    done = 0
    digest = hashlib.sha256()
    try:
        while chunk := response.read(1 << 16):
            part.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            if progress:
                _progress(done, total)
    except (OSError, TimeoutError) as error:
        sys.stderr.write("\n")
        print(f"The download stopped ({error}).\n{_manual_steps()}", file=sys.stderr)
        return None
    if progress:
        sys.stderr.write("\n")
    return done, total, digest


def _install(archive_path: Path, base: Path, name: str, size: int, expected: int) -> int:
    problem = None
    if expected and size != expected:
        problem = f"the download is incomplete ({size} of {expected} bytes)"
    elif size < MIN_MODEL_BYTES:
        problem = f"the download is too small to be the model ({size} bytes)"
    if problem is None:
        try:
            with zipfile.ZipFile(archive_path) as archive:
                bad = archive.testzip()
                tops = {n.split("/")[0] for n in archive.namelist()}
                if bad is not None:
                    problem = f"the download is damaged (first bad file: {bad})"
                elif tops != {name}:
                    problem = f"the archive does not hold the folder {name}"
                else:
                    staging = Path(tempfile.mkdtemp(dir=base, prefix=".unpack-"))
                    try:
                        _safe_extract(archive, staging)
                        if not is_vosk_model(staging / name):
                            problem = "the archive does not hold a Vosk model"
                        else:
                            shutil.move(str(staging / name), str(base / name))
                    finally:
                        shutil.rmtree(staging, ignore_errors=True)
        except (zipfile.BadZipFile, ValueError) as error:
            problem = f"the download is not a usable model archive ({error})"
        except OSError as error:
            problem = f"it could not be written to {base} ({error.strerror or error})"
    if problem:
        print(f"Could not install the Vosk model: {problem}.\n{_manual_steps()}", file=sys.stderr)
        return 1
    print(f"Installed the Vosk model in {base / name}. The kiosk uses it from its next start.")
    return 0


# What voice uses without a Vosk model (kiosk/voice/factory.py's "auto"); the check names
# the engine actually in use, and why when it is not Whisper.
WITHOUT_VOSK = (
    "Whisper, the default (or the built-in PocketSphinx where Whisper cannot be used: "
    "run_kiosk.py --check says which)"
)


def fetch_for_setup(
    url: str = VOSK_URL,
    opener: Callable[..., Any] = urllib.request.urlopen,
    timeout: float = SETUP_TIMEOUT_S,
    sha256: str | None = _PINNED,
) -> int:
    """What scripts/setup.sh runs: install the Vosk model when the download can be reached
    (checksum verified), else say in one line which engine voice uses instead. Never
    fails: the kiosk works without it. Always returns 0."""
    if find_vosk_model("") is not None:
        print(f"Voice: the Vosk model is installed ({find_vosk_model('')}).")
        return 0
    if os.environ.get("KIOSK_NO_DOWNLOAD"):
        print(f"Voice: KIOSK_NO_DOWNLOAD is set; voice uses {WITHOUT_VOSK}.")
        return 0
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = download_vosk(url, opener, sha256=sha256, timeout=timeout, progress=False)
        except Exception as error:  # setup must go on whatever happens here
            errors.write(f"{type(error).__name__}: {error}")
            code = 1
    if code == 0 and find_vosk_model("") is not None:
        print(f"Voice: installed the Vosk model in {find_vosk_model('')}.")
    else:
        said = [line for line in errors.getvalue().splitlines() if line.strip()]
        first = next((line for line in said if not line.startswith("Downloading")), "no answer")
        print(
            "Voice: the Vosk model could not be fetched "
            f"({first.rstrip('.')}); voice uses {WITHOUT_VOSK}."
        )
    return 0


def models_cli(
    argv: list[str], url: str = VOSK_URL, opener: Callable[..., Any] = urllib.request.urlopen
) -> int:
    """`python -m kiosk models download vosk`; url and opener are replaceable for tests."""
    if argv[:2] == ["download", "vosk"]:
        return download_vosk(url, opener)
    print("usage: python -m kiosk models download vosk", file=sys.stderr)
    return 2


if __name__ == "__main__":  # python -m kiosk.voice.models --setup (scripts/setup.sh)
    if sys.argv[1:] == ["--setup"]:
        sys.exit(fetch_for_setup())
    sys.exit(models_cli(sys.argv[1:]))
