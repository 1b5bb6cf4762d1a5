"""The sendump -> mixture_weights conversion the acoustic adaptation relies on: PocketSphinx
reading the written file must decode real speech as it does from the wheel's own sendump."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kiosk.voice.sphinx_files import read_sendump, write_s3_array
from tests.support.real_speech import load_clips, read, realspeech_dir

pocketsphinx = pytest.importorskip("pocketsphinx")
WHEEL_MODEL = Path(pocketsphinx.__file__).parent / "model" / "en-us" / "en-us"


def test_the_wheels_mixture_weights_read_as_distributions():
    weights = read_sendump(WHEEL_MODEL / "sendump")
    assert weights.shape[1:] == (3, 128)  # senones x 3 feature streams x 128 densities
    assert np.allclose(weights.sum(axis=2), 1.0)
    assert (weights > 0).all()


def test_a_wrong_senone_count_is_refused():
    with pytest.raises(ValueError, match="senones"):
        read_sendump(WHEEL_MODEL / "sendump", n_sen=7)


def _decode(model: Path, audio: np.ndarray) -> tuple[str, int]:
    decoder = pocketsphinx.Decoder(hmm=str(model), lm=None, loglevel="FATAL")
    grammar = "#JSGF V1.0;\ngrammar t;\npublic <c> = one | two | three | stop;\n"
    decoder.add_jsgf_string("t", grammar)
    decoder.activate_search("t")
    decoder.start_utt()
    decoder.process_raw(audio.astype(np.int16).tobytes(), full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr, hyp.score


@pytest.mark.skipif(realspeech_dir() is None, reason="needs ../shared/realspeech")
def test_written_mixture_weights_decode_real_speech_like_the_sendump(tmp_path):
    model = tmp_path / "en-us"
    model.mkdir()
    for part in WHEEL_MODEL.iterdir():
        if part.name != "sendump":
            (model / part.name).symlink_to(part)
    write_s3_array(model / "mixture_weights", read_sendump(WHEEL_MODEL / "sendump"))
    clips = [c for c in load_clips() if c.word in ("three", "stop")][:4]
    for clip in clips:
        audio = read(clip.path)
        wheel, converted = _decode(WHEEL_MODEL, audio), _decode(model, audio)
        assert converted[0] == wheel[0], clip.path
        assert converted[1] == pytest.approx(wheel[1], rel=0.02), clip.path
