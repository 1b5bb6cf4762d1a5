"""Choosing the sound output (SDL's dummy driver has one: "System audio output device")."""

from __future__ import annotations

import pygame
import pytest

from kiosk.speech.output import MIXER_FORMAT, match_device, open_mixer, output_devices

DEVICES = ["Built-in Audio Analog Stereo", "USB Headset Analog Mono", "HDMI Output"]


@pytest.mark.parametrize(
    ("wanted", "found"),
    [
        ("", None),
        ("1", "USB Headset Analog Mono"),
        ("7", None),
        ("hdmi output", "HDMI Output"),
        ("headset", "USB Headset Analog Mono"),
        ("Analog", None),  # two outputs say it: not a choice
        ("bluetooth", None),
    ],
)
def test_a_setting_names_a_device_by_number_name_or_part(wanted, found):
    assert match_device(wanted, DEVICES) == found


@pytest.fixture
def no_mixer():
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()


def test_the_outputs_are_listed_and_one_is_opened_by_name(no_mixer):
    devices = output_devices()
    assert devices == ["System audio output device"]
    assert pygame.mixer.get_init() is None, "listing leaves the mixer as it was"
    result = open_mixer("system audio")
    assert result == ("System audio output device", "")
    assert pygame.mixer.get_init() == MIXER_FORMAT[:2] + (1,)


def test_an_unknown_device_falls_back_to_the_default_and_says_so(no_mixer):
    result = open_mixer("USB headset")
    assert result.device == ""
    assert result.problem == (
        'Sound output "USB headset" not found (outputs: 0: "System audio output device"); '
        "using the computer's default output"
    )
    assert pygame.mixer.get_init() is not None, "the kiosk still has sound"
    assert open_mixer("") == ("", ""), "reopening on the default"


def test_headphones_only_never_falls_back_to_the_loudspeaker(no_mixer):
    result = open_mixer("USB headset", fallback=False)
    assert result.device == "" and "not found" in result.problem
    assert pygame.mixer.get_init() is None, "silent rather than heard by the whole room"
