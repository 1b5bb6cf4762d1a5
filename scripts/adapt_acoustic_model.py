"""Adapt PocketSphinx's built-in US English acoustic model to real speech (issue 11).

MAP adaptation with Debian's SphinxTrain (`apt-get install sphinxtrain sphinxbase-utils
pocketsphinx`) on the "fit" speakers of ../shared/realspeech only: the report speakers and
the held-out words are never seen, so the voice benchmark's figures stay honest.

    python scripts/adapt_acoustic_model.py [--out kiosk/voice/data/acoustic]

The engine uses what this writes whenever kiosk/voice/data/acoustic/ holds it; then refit
the verifier (scripts/fit_voice_verifier.py, with a new FIRST_STAGE name) and measure with
benchmarks/bench_voice.py --real-only before keeping anything.

Measured (2026-11-26, 1,416 fit clips x clean, 10 dB babble and 8 kHz; report speakers):
- first pass alone, commands heard right: clean 79.1 -> 79.1 %, 8 kHz 57.7 -> 78.5 %,
  babble 1.8 -> 3.7 %, no silence 69.3 -> 69.9 %;
- after refitting the verifier, at the operating point the fit speakers choose (digits
  0.9, "stop" 0.95): commands right clean 55.8 -> 46.6 %, 8 kHz 24.5 -> 25.2 %, no
  silence 42.3 -> 32.5 %, babble 0.6 -> 0.6 %; unrelated words acted on 1.0 -> 0.8 %.
  The verifier, not the first pass, decides what real speech does, and a verifier fitted
  beside an adapted model held less well on new speakers (out of fold on fit speakers it
  looked better: clean 58.5 -> 65.5 %, but those speakers were also adapted on).
So the adapted model is not shipped.

Steps: features with sphinx_fe (the model's own feat.params); the wheel's quantised
mixture weights (sendump) written back as a SphinxTrain mixture_weights file, which bw
needs; Baum-Welch counts with bw over the transcribed clips; map_adapt. Only the adapted
means and variances are kept (the mixture weights stay the wheel's sendump): they are
what moves real accuracy and they are small (0.8 MB each).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.testing.real_speech import Clip, condition_audio, load_clips  # noqa: E402
from kiosk.voice.sphinx_files import read_sendump, write_s3_array  # noqa: E402

SPHINXTRAIN = Path("/usr/lib/sphinxtrain")
# Conditions the adaptation sees: clean speech, and the same clips in babble and
# narrow-band, so the adapted model does not learn only quiet 16 kHz speech.
TRAIN_CONDITIONS = ("clean", "babble", "8 kHz")


def n_senones(mdef_text: Path) -> int:
    for line in mdef_text.read_text().splitlines():
        if line.endswith("n_tied_state"):
            return int(line.split()[0])
    raise SystemExit(f"no n_tied_state in {mdef_text}")


def dictionary_entries(words: set[str], dictionary: Path) -> list[str]:
    """Pronunciations of `words` (and their variants) from the model's dictionary."""
    entries = []
    for line in dictionary.read_text().splitlines():
        head = line.split(" ", 1)[0]
        if head.split("(")[0] in words:
            entries.append(line)
    return entries


def write_wav(path: Path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(samples.astype("<i2").tobytes())


def run(command: Sequence[str | Path], log: Path) -> None:
    with log.open("a") as sink:
        subprocess.run([str(part) for part in command], check=True, stdout=sink, stderr=sink)


def training_clips() -> list[Clip]:
    """Fit-side clips of words a fit may see, each with a transcript the dictionary knows."""
    return [
        clip
        for clip in load_clips()
        if clip.side == "fit" and not clip.held_out_word and clip.source != "toolkit_testdata"
    ]


def adapt(out_dir: Path, work: Path, conditions: Sequence[str]) -> None:
    import pocketsphinx  # type: ignore[import-untyped]

    model = Path(pocketsphinx.__file__).parent / "model" / "en-us" / "en-us"
    log = work / "sphinxtrain.log"
    mdef_text = work / "mdef.txt"
    run(["pocketsphinx_mdef_convert", "-text", model / "mdef", mdef_text], log)
    weights = read_sendump(model / "sendump", n_senones(mdef_text))
    write_s3_array(work / "mixture_weights", weights)

    clips = training_clips()
    audio_dir = work / "audio"
    audio_dir.mkdir()
    ids, transcripts, words = [], [], set()
    for index, clip in enumerate(clips):
        word_list = clip.word.split("_")
        words.update(word_list)
        for condition in conditions:
            name = f"{index:05d}_{condition.replace(' ', '')}"
            write_wav(audio_dir / f"{name}.wav", condition_audio(clip, condition, clips))
            ids.append(name)
            transcripts.append(f"<s> {' '.join(word_list)} </s> ({name})")
    (work / "train.fileids").write_text("\n".join(ids) + "\n")
    (work / "train.transcription").write_text("\n".join(transcripts) + "\n")
    dictionary = model.parent / "cmudict-en-us.dict"
    (work / "train.dict").write_text("\n".join(dictionary_entries(words, dictionary)) + "\n")
    (work / "filler.dict").write_text("<s> SIL\n</s> SIL\n<sil> SIL\n")
    print(f"{len(clips)} fit clips x {len(conditions)} conditions, words: {sorted(words)}")

    run(
        ["sphinx_fe", "-argfile", model / "feat.params", "-samprate", "16000",
         "-c", work / "train.fileids", "-di", audio_dir, "-do", audio_dir,
         "-ei", "wav", "-eo", "mfc", "-mswav", "yes"],
        log,
    )  # fmt: skip
    hmm = work / "hmm"
    hmm.mkdir()
    for name in ("means", "variances", "transition_matrices", "feat.params", "noisedict"):
        shutil.copy(model / name, hmm / name)
    shutil.copy(work / "mixture_weights", hmm / "mixture_weights")
    accum = work / "accum"
    accum.mkdir()
    run(
        [SPHINXTRAIN / "bw", "-hmmdir", hmm, "-moddeffn", mdef_text, "-ts2cbfn", ".ptm.",
         "-feat", "1s_c_d_dd", "-svspec", "0-12/13-25/26-38", "-cmn", "batch",
         "-agc", "none", "-dictfn", work / "train.dict", "-fdictfn", work / "filler.dict",
         "-ctlfn", work / "train.fileids", "-lsnfn", work / "train.transcription",
         "-cepdir", audio_dir, "-accumdir", accum],
        log,
    )  # fmt: skip
    adapted = work / "adapted"
    adapted.mkdir()
    run(
        [SPHINXTRAIN / "map_adapt", "-moddeffn", mdef_text, "-ts2cbfn", ".ptm.",
         "-meanfn", hmm / "means", "-varfn", hmm / "variances",
         "-mixwfn", hmm / "mixture_weights", "-tmatfn", hmm / "transition_matrices",
         "-accumdir", accum, "-mapmeanfn", adapted / "means",
         "-mapvarfn", adapted / "variances", "-mapmixwfn", adapted / "mixture_weights",
         "-maptmatfn", adapted / "transition_matrices"],
        log,
    )  # fmt: skip
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("means", "variances"):
        shutil.copy(adapted / name, out_dir / name)
    print(f"adapted means and variances written to {out_dir} (log: {log})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "kiosk/voice/data/acoustic")
    parser.add_argument("--work", type=Path, help="keep the work folder here")
    parser.add_argument("--conditions", default=",".join(TRAIN_CONDITIONS))
    args = parser.parse_args(argv)
    if not (SPHINXTRAIN / "bw").exists() or shutil.which("sphinx_fe") is None:
        print("needs: apt-get install sphinxtrain sphinxbase-utils pocketsphinx", file=sys.stderr)
        return 2
    conditions = [part.strip() for part in args.conditions.split(",") if part.strip()]
    if args.work:
        args.work.mkdir(parents=True, exist_ok=False)
        adapt(args.out, args.work, conditions)
    else:
        with tempfile.TemporaryDirectory() as work:
            adapt(args.out, Path(work), conditions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
