"""The engine's view of a set of listings or organisations: parallel numpy arrays, one row
each, so that every component of the score is computed for a million pairs at once.

`Side` is built from plain `Item`s; matching.corpus makes the items from the database, the
benchmarks and the evaluation make them from their own data. Missing values are explicit:
NaN for an unknown TRL or price, -1 for no sector or province, and the scoring treats them as
neutral rather than as zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32

from . import encoder
from .text import lexical_terms

MAX_CODES = 4  # sectors / provinces kept per row; listings rarely carry more
HASH_FEATURES = 2**20
# A term in more than this share of the corpus says nothing about a pair ("công nghệ",
# "technology"): pruned, as the TF-IDF recipe asks.
MAX_DOCUMENT_FREQUENCY = 0.3

COOPERATION_BITS = {
    code: 1 << bit
    for bit, code in enumerate(
        [
            "licence",
            "assignment",
            "joint_venture",
            "technical_assistance",
            "spin_off",
            "rd_cooperation",
            "equipment_sale",
        ]
    )
}
IP_STRENGTH = {
    "patent_granted": 1.0,
    "patent_pending": 0.75,
    "utility_solution": 0.7,
    "industrial_design": 0.5,
    "copyright": 0.5,
    "trade_secret": 0.4,
    "none": 0.2,
}
IP_UNKNOWN = 0.3


# The encoder places texts of one kind closer to each other whatever they say: two unrelated
# Vietnamese listings typed without diacritics are as close as two related English ones.
# Cosines are therefore read against the mean similarity of the two texts' groups
# (matching.pipeline), so that a Vietnamese need is not drawn to every unaccented offer and
# an English offer is not held back for being English.
TEXT_GROUPS = {"vi": 0, "vi-unaccented": 1, "en": 2}
_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f]")


_ENGLISH_WORDS = re.compile(r"\b(the|and|of|for|with|to|in|our|we)\b", re.IGNORECASE)


def text_group(*, language: str, text: str) -> int:
    """The group of a text; `language` may be "" when unknown (organisation profiles), and
    then plain-ASCII text with common English words is taken for English."""
    if language == "en":
        return TEXT_GROUPS["en"]
    if text and not _NON_ASCII_LETTER.search(text):
        if not language and len(_ENGLISH_WORDS.findall(text)) >= 2:
            return TEXT_GROUPS["en"]
        return TEXT_GROUPS["vi-unaccented"]
    return TEXT_GROUPS["vi"]


@dataclass
class Item:
    """One listing (or organisation profile) as the engine reads it."""

    id: int
    organisation_id: int = 0
    trl: int | None = None
    price_min: int | None = None
    price_max: int | None = None
    sectors: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    area: int | None = None  # the national exchange whose area the listing belongs to
    cooperation: tuple[str, ...] = ()
    ip_status: str = ""
    age_days: float = 0.0
    verified: bool = False
    lexical_text: str = ""
    vector: np.ndarray | None = None
    open_to_spin_off: bool = True
    text_group: int = 0  # TEXT_GROUPS: what kind of text the vector was made from


def _codes(values: list[tuple[int, ...]]) -> np.ndarray:
    out = np.full((len(values), MAX_CODES), -1, dtype=np.int32)
    for row, codes in enumerate(values):
        kept = codes[:MAX_CODES]
        out[row, : len(kept)] = kept
    return out


def _float(values) -> np.ndarray:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


_vectorizer = HashingVectorizer(
    analyzer=lexical_terms,
    n_features=HASH_FEATURES,
    alternate_sign=False,
    norm=None,
    dtype=np.float32,
)


def term_index(term: str) -> int:
    """The column of a (folded) term in the hashed matrices, as HashingVectorizer computes it."""
    return abs(murmurhash3_32(term, seed=0)) % HASH_FEATURES


def term_counts(texts: list[str]) -> sp.csr_matrix:
    """Sublinear term frequencies (1 + log tf) of hashed folded syllables and bigrams."""
    if not texts:
        return sp.csr_matrix((0, HASH_FEATURES), dtype=np.float32)
    matrix = _vectorizer.transform(texts).tocsr()
    matrix.data = 1.0 + np.log(matrix.data)
    return matrix


def idf_of(*matrices: sp.csr_matrix) -> np.ndarray:
    """Smoothed inverse document frequency over the documents of all `matrices`, with the
    terms found in more than MAX_DOCUMENT_FREQUENCY of them set to zero."""
    documents = sum(m.shape[0] for m in matrices)
    frequency = np.zeros(HASH_FEATURES, dtype=np.float64)
    for matrix in matrices:
        frequency += np.bincount(matrix.indices, minlength=HASH_FEATURES)
    idf = np.log((1 + documents) / (1 + frequency)) + 1.0
    if documents >= 20:  # on a handful of documents every shared word looks frequent
        idf[frequency > MAX_DOCUMENT_FREQUENCY * documents] = 0.0
    return idf.astype(np.float32)


def weighted(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """TF-IDF rows of unit length (cosine = dot product); an empty row stays empty."""
    matrix = counts @ sp.diags(idf)
    matrix = sp.csr_matrix(matrix)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix, dtype=np.float32)


@dataclass
class Side:
    ids: np.ndarray
    organisation_ids: np.ndarray
    trl: np.ndarray
    price_min: np.ndarray
    price_max: np.ndarray
    sectors: np.ndarray  # level-2 codes as integers, -1 padded
    provinces: np.ndarray  # indexes into the province table, -1 padded
    latitude: np.ndarray
    longitude: np.ndarray
    area: np.ndarray
    cooperation: np.ndarray  # bit mask, COOPERATION_BITS
    ip: np.ndarray
    freshness: np.ndarray
    verified: np.ndarray
    open_to_spin_off: np.ndarray
    dense: np.ndarray  # (n, DIMENSIONS) float32 unit rows (zero rows: no text)
    counts: sp.csr_matrix  # term counts; `lexical` is set once the corpus idf is known
    groups: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    lexical: sp.csr_matrix | None = field(default=None)
    idf: np.ndarray | None = field(default=None)
    group_means: np.ndarray | None = field(default=None)  # (len(TEXT_GROUPS), DIMENSIONS)
    _transposed: tuple | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def lexical_transposed(self) -> sp.csr_matrix:
        """The TF-IDF rows as columns, made once per weighing: a side kept in the process
        (the cached offers) serves every incremental match without transposing again."""
        if self._transposed is None or self._transposed[0] is not self.lexical:
            self._transposed = (self.lexical, self.lexical.T.tocsr())
        return self._transposed[1]

    def weigh(self, idf: np.ndarray, group_means: np.ndarray | None = None) -> Side:
        """Sets the corpus statistics the ranking reads: the idf of the lexical side and the
        mean vector of each text group (of this side when none is given)."""
        self.idf = idf
        self.lexical = weighted(self.counts, idf)
        self.group_means = group_means if group_means is not None else group_means_of(self)
        return self


def group_means_of(*sides: Side) -> np.ndarray:
    """The mean vector of each text group over the rows of `sides` that have a vector."""
    means = np.zeros((len(TEXT_GROUPS), encoder.DIMENSIONS), dtype=np.float32)
    for group in TEXT_GROUPS.values():
        rows = [side.dense[(side.groups == group) & side.dense.any(axis=1)] for side in sides]
        stacked = np.vstack(rows) if rows else np.empty((0, encoder.DIMENSIONS))
        if len(stacked):
            means[group] = stacked.mean(axis=0)
    return means


def freshness_of(age_days: float) -> float:
    """1 for a listing updated in the last quarter, falling to 0.2 at two years."""
    if age_days <= 90:
        return 1.0
    return max(0.2, 1.0 - 0.8 * (age_days - 90) / (730 - 90))


def side_of(items: list[Item], *, provinces: dict[str, tuple[int, float, float]]) -> Side:
    """`provinces` maps a slug to (index, latitude, longitude) (matching.corpus)."""
    dense = np.zeros((len(items), encoder.DIMENSIONS), dtype=np.float32)
    for row, item in enumerate(items):
        if item.vector is not None:
            dense[row] = item.vector
    province_rows = [tuple(provinces[s][0] for s in i.provinces if s in provinces) for i in items]
    first = [
        provinces.get(next((s for s in i.provinces if s in provinces), ""), (-1, None, None))
        for i in items
    ]
    return Side(
        ids=np.array([i.id for i in items], dtype=np.int64),
        organisation_ids=np.array([i.organisation_id for i in items], dtype=np.int64),
        trl=_float(i.trl for i in items),
        price_min=_float(i.price_min for i in items),
        price_max=_float(i.price_max for i in items),
        sectors=_codes([tuple(int(c) for c in i.sectors if c.isdigit()) for i in items]),
        provinces=_codes(province_rows),
        latitude=_float(f[1] for f in first),
        longitude=_float(f[2] for f in first),
        area=np.array([-1 if i.area is None else i.area for i in items], dtype=np.int64),
        cooperation=np.array(
            [sum(COOPERATION_BITS.get(c, 0) for c in set(i.cooperation)) for i in items],
            dtype=np.int64,
        ),
        ip=np.array([IP_STRENGTH.get(i.ip_status, IP_UNKNOWN) for i in items], dtype=np.float64),
        freshness=np.array([freshness_of(i.age_days) for i in items], dtype=np.float64),
        verified=np.array([1.0 if i.verified else 0.0 for i in items], dtype=np.float64),
        open_to_spin_off=np.array([i.open_to_spin_off for i in items], dtype=bool),
        dense=dense,
        counts=term_counts([i.lexical_text for i in items]),
        groups=np.array([i.text_group for i in items], dtype=np.int64),
    )
