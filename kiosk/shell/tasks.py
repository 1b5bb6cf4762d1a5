"""Work the core asks of the shell (`RunTask`): a table from each task to its handler."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from kiosk.core.messages import ShellTask
from kiosk.screens.staff import words
from kiosk.screens.staff.mode import StaffMode
from kiosk.shell.speech_service import SpeechService
from kiosk.supervisor import STAFF_EXIT_CODE
from kiosk.usage import UsageCounter

log = logging.getLogger("kiosk.app")


class Shell(Protocol):
    """What the tasks need of the running kiosk (kiosk/app.py App)."""

    @property
    def sound(self) -> SpeechService: ...

    @property
    def usage(self) -> UsageCounter: ...

    @property
    def staff(self) -> StaffMode: ...

    def stop(self, exit_code: int) -> None: ...

    def reload_content(self, force: bool = False, caption: str = "") -> None: ...


def _exit(shell: Shell) -> None:
    shell.stop(STAFF_EXIT_CODE)  # the supervisor and systemd stop only on this


def _close_staff(shell: Shell) -> None:
    shell.staff.close()


def _reload(shell: Shell) -> None:
    shell.reload_content(force=True, caption=words.CONTENT_RELOADED)


def _test_speech(shell: Shell) -> None:
    shell.sound.say(words.TEST_SENTENCE)


def _toggle_headphones(shell: Shell) -> None:
    shell.staff.show_message(shell.sound.toggle_headphones())


def _export_usage(shell: Shell) -> None:
    try:
        path = shell.usage.export()
    except OSError as error:
        log.error("usage counts could not be exported: %s", error)
        shell.staff.show_message(words.usage_not_saved(error))
    else:
        log.info("usage counts exported to %s", path)
        shell.staff.show_message(words.usage_saved(path))


TASKS: dict[ShellTask, Callable[[Shell], None]] = {
    ShellTask.EXIT: _exit,
    ShellTask.CLOSE_STAFF: _close_staff,
    ShellTask.RELOAD_CONTENT: _reload,
    ShellTask.TEST_SPEECH: _test_speech,
    ShellTask.TOGGLE_HEADPHONES: _toggle_headphones,
    ShellTask.EXPORT_USAGE: _export_usage,
}
