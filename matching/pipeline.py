"""Candidate generation, fusion and top-k: the engine's arithmetic, free of the database.

For every query row (a need, an offer, ...) two sources propose candidates among the target
rows: the lexical one (a sparse top-n product of TF-IDF rows, sparse-dot-topn) and the
semantic one (a dense top-n of vector cosines, numpy, in blocks so memory stays flat). Their
union is scored by matching.scoring, and the best `k` per query are kept.

`mode` exists for the evaluation: "full" is the engine; "lexical" and "semantic" rank by one
source's cosine alone, so the value of each is visible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sparse_dot_topn import sp_matmul_topn

from .scoring import Scored
from .sides import Side

CANDIDATES = 50  # per source and query
DENSE_BLOCK = 256  # query rows per dense product: 256 × 100,000 float32 is 100 MB
MODES = ("full", "lexical", "semantic")

ScoreFunction = Callable[..., Scored]


@dataclass
class Ranking:
    query_rows: np.ndarray
    target_rows: np.ndarray
    score: np.ndarray
    components: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.score)


def lexical_candidates(queries: Side, targets: Side, n: int) -> sp.coo_matrix:
    if queries.lexical is None or targets.lexical is None:
        raise ValueError("weigh both sides with the corpus idf first")
    if queries.lexical.nnz == 0 or targets.lexical.nnz == 0:
        return sp.coo_matrix((len(queries), len(targets)), dtype=np.float32)
    product = sp_matmul_topn(
        queries.lexical, targets.lexical.T.tocsr(), top_n=min(n, len(targets)), threshold=1e-6
    )
    return product.tocoo()


def group_offsets(queries: Side, targets: Side) -> np.ndarray:
    """The mean cosine between the text groups (sides.TEXT_GROUPS): what two unrelated texts
    of those groups score. Subtracted from every cosine, so that the semantic similarity
    means the same across groups."""
    means = queries.group_means if queries.group_means is not None else targets.group_means
    if means is None:
        return np.zeros((1, 1), dtype=np.float32)
    return means @ means.T


def dense_candidates(queries: Side, targets: Side, n: int) -> tuple[np.ndarray, np.ndarray]:
    n = min(n, len(targets))
    rows, cols = [], []
    target_matrix = targets.dense.T
    offsets = group_offsets(queries, targets)
    for start in range(0, len(queries), DENSE_BLOCK):
        block = queries.dense[start : start + DENSE_BLOCK] @ target_matrix
        if offsets.shape[0] > 1:
            block -= offsets[queries.groups[start : start + DENSE_BLOCK]][:, targets.groups]
        if n < block.shape[1]:
            best = np.argpartition(-block, n - 1, axis=1)[:, :n]
        else:
            best = np.broadcast_to(np.arange(block.shape[1]), (block.shape[0], block.shape[1]))
        rows.append(np.repeat(np.arange(start, start + block.shape[0]), best.shape[1]))
        cols.append(best.ravel())
    if not rows:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(rows), np.concatenate(cols)


def _row_dots(a: np.ndarray, ai: np.ndarray, b: np.ndarray, bi: np.ndarray) -> np.ndarray:
    out = np.empty(len(ai), dtype=np.float32)
    for start in range(0, len(ai), 65536):
        stop = start + 65536
        out[start:stop] = np.einsum("ij,ij->i", a[ai[start:stop]], b[bi[start:stop]])
    return out


def rank(
    queries: Side,
    targets: Side,
    *,
    score: ScoreFunction,
    k: int = 10,
    mode: str = "full",
    candidates: int = CANDIDATES,
    same_organisation_allowed: bool = False,
) -> Ranking:
    """The best `k` targets of every query, by `score(queries, query_rows, targets,
    target_rows, lexical_cosine=, semantic_cosine=)`."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    empty = Ranking(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), {})
    if not len(queries) or not len(targets):
        return empty
    width = len(targets)
    lexical = (
        lexical_candidates(queries, targets, candidates)
        if mode != "semantic"
        else sp.coo_matrix((len(queries), width))
    )
    keys = [lexical.row.astype(np.int64) * width + lexical.col]
    if mode != "lexical":
        dense_rows, dense_cols = dense_candidates(queries, targets, candidates)
        keys.append(dense_rows.astype(np.int64) * width + dense_cols)
    pair_keys = np.unique(np.concatenate(keys))
    query_rows, target_rows = pair_keys // width, pair_keys % width
    if not same_organisation_allowed:
        different = queries.organisation_ids[query_rows] != targets.organisation_ids[target_rows]
        query_rows, target_rows = query_rows[different], target_rows[different]

    lexical_keys = lexical.row.astype(np.int64) * width + lexical.col
    order = np.argsort(lexical_keys)
    found = np.searchsorted(lexical_keys[order], query_rows * width + target_rows)
    found = np.minimum(found, max(len(order) - 1, 0))
    lexical_cosine = np.zeros(len(query_rows), dtype=np.float32)
    if len(order):
        hit = lexical_keys[order][found] == query_rows * width + target_rows
        lexical_cosine[hit] = lexical.data[order][found][hit]
    semantic_cosine = _row_dots(queries.dense, query_rows, targets.dense, target_rows)
    offsets = group_offsets(queries, targets)
    if offsets.shape[0] > 1:
        semantic_cosine -= offsets[queries.groups[query_rows], targets.groups[target_rows]]

    if mode == "lexical":
        scored = Scored(lexical_cosine.astype(np.float64), {})
    elif mode == "semantic":
        scored = Scored(semantic_cosine.astype(np.float64), {})
    else:
        scored = score(
            queries,
            query_rows,
            targets,
            target_rows,
            lexical_cosine=lexical_cosine,
            semantic_cosine=semantic_cosine,
        )
    best = np.lexsort((-scored.score, query_rows))
    query_rows, target_rows = query_rows[best], target_rows[best]
    starts = np.r_[0, np.flatnonzero(np.diff(query_rows)) + 1]
    position = np.arange(len(query_rows)) - np.repeat(starts, np.diff(np.r_[starts, len(best)]))
    keep = best[position < k]
    keep_sorted = position < k
    return Ranking(
        query_rows=query_rows[keep_sorted],
        target_rows=target_rows[keep_sorted],
        score=scored.score[keep],
        components={name: values[keep] for name, values in scored.components.items()},
    )
