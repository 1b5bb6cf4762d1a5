"""Phone-sequence verification: how far the phones heard freely are from a phrase's own.

The phone loop decodes an utterance into phones with no vocabulary at all. When the
grammar decoder forced out-of-vocabulary speech onto a command ("where is ..." onto
"what is a l s"), the free phones differ from the command's pronunciation far more than
they do for the command itself. The phone loop often confuses similar sounds on its own
(vowels, voiced and voiceless pairs), so phones are compared by broad class.
"""

from __future__ import annotations

from collections.abc import Sequence

_VOWELS = "AA AE AH AO AW AY EH ER EY IH IY OW OY UH UW"
BROAD_CLASS = {
    **{p: "V" for p in _VOWELS.split()},  # vowels and diphthongs
    **{p: "S" for p in ("P", "B", "T", "D", "K", "G", "CH", "JH")},  # stops and affricates
    **{p: "F" for p in ("F", "V", "TH", "DH", "S", "Z", "SH", "ZH", "HH")},  # fricatives
    **{p: "N" for p in ("M", "N", "NG")},  # nasals
    **{p: "L" for p in ("L", "R", "W", "Y")},  # liquids and glides
}


def edit_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Fewest insertions, deletions and substitutions that turn `a` into `b`."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def broad_phone_error(expected: Sequence[str], heard: Sequence[str]) -> float:
    """Edit distance between the broad classes of two phone strings, per expected phone
    (0 = same classes; can exceed 1 when far more phones were heard than expected).
    Unknown symbols (fillers) stand for themselves."""
    if not expected:
        return 1.0 if heard else 0.0
    return edit_distance(
        [BROAD_CLASS.get(p, p) for p in expected], [BROAD_CLASS.get(p, p) for p in heard]
    ) / len(expected)
