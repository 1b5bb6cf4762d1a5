"""Test-wide set-up: headless SDL, and a private data folder so tests never touch the
real settings, logs or usage counts of the machine they run on."""

import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="kiosk-test-data-")


# ------------------------------------------------------------------ the one app fixture
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402


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
