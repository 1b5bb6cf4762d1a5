"""MAP adaptation of PocketSphinx's built-in US English acoustic model to real speech, with
Debian's SphinxTrain (`apt-get install sphinxtrain sphinxbase-utils pocketsphinx`). For
developers: scripts/adapt_acoustic_model.py and scripts/fit_voice_verifier.py --adapted.

Only "fit" speakers of ../shared/realspeech and words a fit may see are used. Steps:
features with sphinx_fe (the model's own feat.params); the wheel's quantised mixture
weights (sendump) written back as the mixture_weights file bw needs; Baum-Welch counts
with bw over the transcribed clips; map_adapt. Only the adapted means and variances are
kept (0.8 MB each; the mixture weights stay the wheel's sendump).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from kiosk.voice.sphinx_files import read_sendump, write_s3_array
from tests.support.real_speech import Clip, condition_audio, load_clips
from tests.support.speech_clips import save_wav

SPHINXTRAIN = Path("/usr/lib/sphinxtrain")
# Conditions the adaptation sees: clean speech, and the same clips in babble and
# narrow-band, so the adapted model does not learn only quiet 16 kHz speech.
TRAIN_CONDITIONS = ("clean", "babble", "8 kHz")


def n_senones(mdef_text: Path) -> int:
    for line in mdef_text.read_text().splitlines():
        if line.endswith("n_tied_state"):
            return int(line.split()[0])
    raise ValueError(f"no n_tied_state in {mdef_text}")


def dictionary_entries(words: set[str], dictionary: Path) -> list[str]:
    """Pronunciations of `words` (and their variants) from the model's dictionary."""
    entries = []
    for line in dictionary.read_text().splitlines():
        head = line.split(" ", 1)[0]
        if head.split("(")[0] in words:
            entries.append(line)
    return entries


def run(command: Sequence[str | Path], log: Path) -> None:
    with log.open("a") as sink:
        subprocess.run([str(part) for part in command], check=True, stdout=sink, stderr=sink)


def training_clips(keep: Callable[[Clip], bool] = lambda clip: True) -> list[Clip]:
    """Fit-side clips of words a fit may see (and that `keep` accepts)."""
    return [
        clip
        for clip in load_clips()
        if clip.side == "fit"
        and not clip.held_out_word
        and clip.source != "toolkit_testdata"
        and keep(clip)
    ]


def available() -> bool:
    return (SPHINXTRAIN / "bw").exists() and shutil.which("sphinx_fe") is not None


def adapt(
    out_dir: Path,
    work: Path,
    conditions: Sequence[str] = TRAIN_CONDITIONS,
    keep: Callable[[Clip], bool] = lambda clip: True,
) -> None:
    """Adapted means and variances in `out_dir`, from the fit clips `keep` accepts."""
    import pocketsphinx

    model = Path(pocketsphinx.__file__).parent / "model" / "en-us" / "en-us"
    log = work / "sphinxtrain.log"
    mdef_text = work / "mdef.txt"
    run(["pocketsphinx_mdef_convert", "-text", model / "mdef", mdef_text], log)
    weights = read_sendump(model / "sendump", n_senones(mdef_text))
    write_s3_array(work / "mixture_weights", weights)

    clips = training_clips(keep)
    audio_dir, words = _training_set(work, model, clips, conditions)
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


def _training_set(
    work: Path, model: Path, clips: Sequence[Clip], conditions: Sequence[str]
) -> tuple[Path, set[str]]:
    """The clips as WAVs in every condition, their transcripts and dictionary."""
    audio_dir = work / "audio"
    audio_dir.mkdir()
    ids, transcripts, words = [], [], set()
    for index, clip in enumerate(clips):
        word_list = clip.word.split("_")
        words.update(word_list)
        for condition in conditions:
            name = f"{index:05d}_{condition.replace(' ', '')}"
            save_wav(audio_dir / f"{name}.wav", condition_audio(clip, condition, clips))
            ids.append(name)
            transcripts.append(f"<s> {' '.join(word_list)} </s> ({name})")
    (work / "train.fileids").write_text("\n".join(ids) + "\n")
    (work / "train.transcription").write_text("\n".join(transcripts) + "\n")
    dictionary = model.parent / "cmudict-en-us.dict"
    (work / "train.dict").write_text("\n".join(dictionary_entries(words, dictionary)) + "\n")
    (work / "filler.dict").write_text("<s> SIL\n</s> SIL\n<sil> SIL\n")
    return audio_dir, words
