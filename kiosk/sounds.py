"""Short feedback sounds (a command was taken, or not), loaded from assets/sounds."""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

log = logging.getLogger("kiosk.sounds")
SOUND_DIR = Path(__file__).resolve().parent.parent / "assets" / "sounds"


class SoundBank:
    def __init__(self, directory: Path = SOUND_DIR, volume: float = 0.6) -> None:
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        if pygame.mixer.get_init() is None:
            return  # no sound output: the caption still shows what happened
        for path in sorted(directory.glob("*.wav")):
            try:
                sound = pygame.mixer.Sound(str(path))
            except pygame.error as error:
                log.warning("sound %s could not be loaded: %s", path.name, error)
                continue
            sound.set_volume(volume)
            self.sounds[path.stem] = sound
        self.played: list[str] = []  # names played, newest last (kept short)

    def play(self, name: str) -> None:
        sound = self.sounds.get(name)
        if sound is not None:
            sound.play()
            self.played = (self.played + [name])[-20:]
