"""Reading and writing the few SphinxTrain model files the acoustic adaptation needs
(scripts/adapt_acoustic_model.py).

The PocketSphinx wheel ships its mixture weights only as an 8-bit quantised "sendump";
SphinxTrain's bw and map_adapt need them as a float "mixture_weights" file. The layouts
follow pocketsphinx's ptm_mgau.c (read_sendump) and SphinxTrain's s3io (bio_writehdr).
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np


def read_sendump(path: Path, n_sen: int | None = None) -> np.ndarray:
    """The wheel's 8-bit quantised mixture weights as probabilities, (n_sen, n_feat,
    n_density). `n_sen`: the senones the model definition has, checked when given."""
    data = path.read_bytes()
    offset = 0
    headers: dict[str, str] = {}
    first = True
    while True:
        (length,) = struct.unpack_from("<i", data, offset)
        offset += 4
        if length == 0:
            break
        text = data[offset : offset + length - 1].decode("latin-1")
        offset += length
        if not first:
            name, _, value = text.partition(" ")
            headers[name] = value
        first = False
    if int(headers.get("cluster_count", "0")) != 0:
        raise ValueError(f"{path}: clustered (4-bit) mixture weights are not supported")
    shift = int(headers.get("mixw_shift", "10"))
    n_feat = int(headers.get("feature_count", "3"))
    rows, cols = struct.unpack_from("<ii", data, offset)
    offset += 8
    if n_sen is not None and cols != n_sen:
        raise ValueError(f"{path} has {cols} senones, the model definition {n_sen}")
    raw = np.frombuffer(data, dtype=np.uint8, count=n_feat * rows * cols, offset=offset)
    raw = raw.reshape(n_feat, rows, cols).astype(np.float64)
    probabilities = np.power(1.0001, -(raw * (1 << shift)))
    weights = probabilities.transpose(2, 0, 1)  # senone, feature, density
    return weights / weights.sum(axis=2, keepdims=True)


def write_s3_array(path: Path, array: np.ndarray) -> None:
    """A SphinxTrain binary file holding one 3-d float32 array (no checksum)."""
    header = b"s3\nversion 1.0\n"
    padding = (len(header) + len(b"endhdr\n")) & 3
    if padding:
        header += b" " * (4 - padding)
    header += b"endhdr\n"
    values = np.ascontiguousarray(array, dtype="<f4")
    with path.open("wb") as out:
        out.write(header)
        out.write(struct.pack("<I", 0x11223344))
        out.write(struct.pack("<III", *values.shape))
        out.write(struct.pack("<I", values.size))
        out.write(values.tobytes())
