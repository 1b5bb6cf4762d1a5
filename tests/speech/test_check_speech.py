"""`run_kiosk.py --check` says which engine speaks and which sound outputs there are."""

from __future__ import annotations

from kiosk.diagnostics import check_audio_output, check_speech
from kiosk.settings import Settings


def test_the_check_names_the_engine_that_speaks(tmp_path):
    check = check_speech(Settings())
    assert check.ok and check.detail.startswith("Piper (voice en_US-joe-medium); ready in")
    check = check_speech(Settings(speech_engine="pyttsx3"))
    assert check.ok and check.detail.startswith("pyttsx3 (espeak-ng); ready in")
    missing = str(tmp_path / "gone.onnx")
    check = check_speech(Settings(speech_engine="piper", piper_voice=missing))
    assert not check.ok and check.required
    assert "pyttsx3 (espeak-ng); Piper is not used: Piper voice file not found" in check.detail


def test_a_broken_pronunciation_list_is_reported(tmp_path):
    (tmp_path / "pronunciation.toml").write_text("spell = [", encoding="utf-8")
    check = check_speech(Settings(content_dir=str(tmp_path), speech_engine="pyttsx3"))
    assert not check.ok and not check.required
    assert "Pronunciation list not used:" in check.detail and "not valid TOML" in check.detail


def test_the_check_lists_the_sound_outputs_and_flags_a_wrong_name():
    assert check_audio_output(Settings()).line().startswith("OFF     audio output: dummy")
    check = check_audio_output(Settings(headphones_output="USB headset"))
    assert not check.ok
    assert check.detail == (
        'headphones_output "USB headset" not found; outputs: 0: "System audio output device"'
    )
