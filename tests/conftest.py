"""Test-wide set-up: headless SDL, and a private data folder so tests never touch the
real settings, logs or usage counts of the machine they run on."""

import os
import tempfile

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="kiosk-test-data-")


# ------------------------------------------------------------------ longest modules first
# `make test` runs each test module whole on one of the workers (`--dist loadfile`). xdist
# starts the modules with the most tests first, which put the real-speech modules (few
# tests, a quarter of the suite's time) last, and one worker ran them alone at the end.
# Starting the longest modules first lets the workers finish together (measured with
# `--durations=0`; docs/decisions.md has the figures).
LONGEST_FIRST = (
    "tests/voice/test_pocketsphinx_real.py",
    "tests/voice/test_real_speech.py",
    # Not long, but first in its worker's process among pyttsx3's users: espeak's callback
    # is process-wide, and its file-capture test once waited 10 s for a file another
    # user's engine thread never let espeak write (issue 23's note).
    "tests/speech/test_synth.py",
    # Mostly waiting on its window manager and kiosks: early, beside the others' work.
    "tests/test_window_manager.py",
    "tests/voice/test_whisper_engine.py",
    "tests/speech/test_player.py",
    "tests/test_privacy.py",
    "tests/gaze/test_end_to_end.py",
    "tests/screens/typing/test_app_typing.py",
    "tests/voice/test_app_voice.py",
    "tests/test_devices.py",
    "tests/gaze/test_drift.py",
    "tests/test_instance_lock.py",
    "tests/test_app_hardening.py",
    "tests/gaze/test_replay.py",
    "tests/gaze/test_blink.py",
)


def pytest_configure(config):
    if hasattr(config.option, "loadscopereorder"):  # pytest-xdist: keep the order below
        config.option.loadscopereorder = False


@pytest.hookimpl(optionalhook=True)  # without xdist (-p no:xdist) it is not called
def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one worker more than the cores. A third of the suite's time on 2 cores is
    spent waiting (real-time audio, camera frames, kiosk subprocesses, a window manager),
    which the extra worker fills (docs/decisions.md, issue 23). PYTEST_XDIST_AUTO_NUM_WORKERS
    still sets the number outright."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores + 1


def pytest_collection_modifyitems(session, config, items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


def pytest_collection_finish(session):
    """What importing and collecting made lives to the end: keep it out of the garbage
    collector's full passes, which otherwise walk it again and again (docs/decisions.md)."""
    import gc

    gc.collect()
    gc.freeze()


# ------------------------------------------------------------------ the one app fixture
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402


@pytest.fixture(autouse=True)
def private_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """A data folder per test: a staff lockout, a saved PIN, the content cache or the
    instance lock one test leaves behind must not reach the next (they persist on purpose)."""
    monkeypatch.setenv("XDG_DATA_HOME", tempfile.mkdtemp(prefix="kiosk-test-data-"))


@pytest.fixture
def make_app() -> Iterator[Callable[..., Any]]:
    """Build a headless App (no voice or gaze unless asked); every app is closed after.

    make_app(size=(1280, 720), step=True, content=folder, clock=FakeClock(), **settings):
    `step` runs one frame so the screen is laid out; settings default to a window."""
    from kiosk.app import App, Options
    from kiosk.settings import Settings

    apps: list[App] = []

    def make(
        settings: Settings | None = None,
        *,
        size: tuple[int, int] = (1280, 720),
        voice: bool = False,
        gaze: bool = False,
        step: bool = True,
        content: Any = None,
        clock: Callable[[], float] = time.monotonic,
        **values: Any,
    ) -> App:
        if settings is None:
            if content is not None:
                values["content_dir"] = str(content)
            settings = Settings(fullscreen=False, **values)
        app = App(settings, Options(size=size, voice=voice, gaze=gaze), clock=clock)
        apps.append(app)
        if step:
            app.step(clock())
        return app

    yield make
    for app in apps:
        app.close()


# ------------------------------------------------------------------ screen snapshots
REPOSITORY = __import__("pathlib").Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def screen_library() -> Iterator[Any]:
    """The shipped content, with pygame's display and fonts up for rendering screens."""
    import pygame

    from kiosk.content import load_library
    from kiosk.view.render import forget_fonts

    pygame.display.init()
    pygame.font.init()
    yield load_library(REPOSITORY / "content")
    forget_fonts()
    pygame.quit()


@pytest.fixture
def snapshot(request: pytest.FixtureRequest) -> Callable[..., None]:
    """compare(surface, name, pixel_tolerance=24, max_changed=0.01): a rendered screen
    against NAME.png in the snapshots/ folder beside the test (tests/screens/<name>/
    snapshots/ for a screen's own tests). A pixel counts as changed when a channel moves by
    more than `pixel_tolerance` (fonts rasterise a little differently on other FreeType
    builds); more than `max_changed` of them fails and saves the actual image under
    snapshots/_actual/. UPDATE_SNAPSHOTS=1 approves new images (then look at them)."""
    import numpy as np
    import pygame

    folder = request.path.parent / "snapshots"

    def compare(
        surface: Any, name: str, pixel_tolerance: int = 24, max_changed: float = 0.01
    ) -> None:
        approved = folder / f"{name}.png"
        if os.environ.get("UPDATE_SNAPSHOTS") or not approved.exists():
            folder.mkdir(exist_ok=True)
            pygame.image.save(surface, str(approved))
            if not os.environ.get("UPDATE_SNAPSHOTS"):
                pytest.fail(f"no approved snapshot for {name}: saved one, look at it and commit it")
            return
        # int16 holds every difference of two 8-bit channels, in a quarter of int64's memory
        expected = pygame.surfarray.array3d(pygame.image.load(str(approved))).astype(np.int16)
        actual = pygame.surfarray.array3d(surface).astype(np.int16)
        assert expected.shape == actual.shape, f"{name}: size changed"
        changed = float(np.any(np.abs(expected - actual) > pixel_tolerance, axis=2).mean())
        if changed > max_changed:
            (folder / "_actual").mkdir(parents=True, exist_ok=True)
            pygame.image.save(surface, str(folder / "_actual" / f"{name}.png"))
            pytest.fail(
                f"{name}: {changed:.2%} of pixels differ from the approved snapshot; "
                f"see {folder / '_actual' / (name + '.png')}"
            )

    return compare
