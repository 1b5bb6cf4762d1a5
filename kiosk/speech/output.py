"""Which sound output the kiosk speaks through: the computer's default, or a named device
(a headphone jack, a USB headset) for private listening. Names are SDL's, as
`output_devices()` lists them; a setting may give a whole name, a unique part of one, or
its number in that list.

Call from the pygame main thread only (pygame.mixer is not thread-safe).
"""

from __future__ import annotations

import logging
from typing import NamedTuple

from kiosk.speech.words import (
    NONE_FOUND,
    UNTIL_CONNECTED,
    USING_DEFAULT_OUTPUT,
    output_not_found,
    output_not_opened,
)

log = logging.getLogger("kiosk.speech")

MIXER_FORMAT = (22050, -16, 1, 1024)  # Hz, signed 16-bit, mono, buffer: as the kiosk plays


class MixerResult(NamedTuple):
    device: str  # the device opened ("" = the computer's default)
    problem: str  # plain words when the wanted device could not be used, else ""


def output_devices() -> list[str]:
    """SDL's names of the sound outputs of this computer ([] when sound does not work)."""
    import pygame
    from pygame._sdl2 import audio as sdl_audio

    opened_here = False
    try:
        if pygame.mixer.get_init() is None:
            pygame.mixer.init(*MIXER_FORMAT)
            opened_here = True
        return [str(name) for name in sdl_audio.get_audio_device_names(False)]
    except pygame.error as error:
        log.warning("could not list the sound outputs: %s", error)
        return []
    finally:
        if opened_here:
            pygame.mixer.quit()


def match_device(wanted: str, devices: list[str]) -> str | None:
    """The device a setting names: a number in the list, the whole name, or a part of
    exactly one name (any capitals). None when it matches none, or more than one."""
    wanted = wanted.strip()
    if not wanted:
        return None
    if wanted.isdigit():
        index = int(wanted)
        return devices[index] if 0 <= index < len(devices) else None
    exact = [name for name in devices if name.lower() == wanted.lower()]
    if exact:
        return exact[0]
    partial = [name for name in devices if wanted.lower() in name.lower()]
    return partial[0] if len(partial) == 1 else None


def open_mixer(device: str = "", fallback: bool = True) -> MixerResult:
    """(Re)open pygame.mixer on `device` (see match_device), or on the default output when
    `device` is empty or not found (the problem says so in plain words). With
    `fallback` False (headphones only), a missing device leaves the mixer closed rather
    than speak through the loudspeaker. Raises pygame.error only when no sound output
    works at all. The caller logs the problem (once, not at every retry)."""
    import pygame

    if pygame.mixer.get_init() is not None:
        pygame.mixer.quit()
    problem = ""
    if device.strip():
        devices = output_devices()
        name = match_device(device, devices)
        if name is not None:
            try:
                pygame.mixer.init(*MIXER_FORMAT, devicename=name)
                log.info("sound output: %s", name)
                return MixerResult(name, "")
            except pygame.error as error:
                problem = output_not_opened(name, error)
        else:
            listed = ", ".join(f'{n}: "{d}"' for n, d in enumerate(devices)) or NONE_FOUND
            problem = output_not_found(device, listed)
        if not fallback:
            return MixerResult("", problem + UNTIL_CONNECTED)
        problem += USING_DEFAULT_OUTPUT
    pygame.mixer.init(*MIXER_FORMAT)
    return MixerResult("", problem)
