"""Candidate generation, fusion and top-k: the engine's arithmetic, free of the database.

For every query row (a need, an offer, ...) two sources propose candidates among the target
rows: the lexical one (a sparse top-n product of TF-IDF rows, sparse-dot-topn) and the
semantic one (a dense top-n of vector cosines, numpy). Their union is scored by
matching.scoring, and the best `k` per query are kept. Everything after the sparse product
runs in blocks of queries, so memory stays flat whatever the number of pairs
(benchmarks/RESULTS.md, "Matching").

`mode` exists for the evaluation: "full" is the engine; "lexical" and "semantic" rank by one
source's cosine alone, so the value of each is visible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sparse_dot_topn import sp_matmul_topn, unchecked

from .scoring import Scored
from .sides import Side

CANDIDATES = 50  # per source and query
MODES = ("full", "lexical", "semantic")
# Query rows per block: the block × targets cosine matrix stays about 64 MiB of float32, so
# memory is bounded by the block, not by the millions of candidate pairs of a full run.
BLOCK_ELEMENTS = 1 << 24
MIN_BLOCK_ROWS = 64  # fewer rows per matrix product make BLAS stream the targets too often
THREADS = 2  # sparse-dot-topn's threads, for products of at least THREADED_MIN_ROWS rows
THREADED_MIN_ROWS = 1000  # below this, starting threads costs more than it saves

ScoreFunction = Callable[..., Scored]


@dataclass
class Ranking:
    query_rows: np.ndarray
    target_rows: np.ndarray
    score: np.ndarray
    components: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.score)


def group_offsets(queries: Side, targets: Side) -> np.ndarray:
    """The mean cosine between the text groups (sides.TEXT_GROUPS): what two unrelated texts
    of those groups score. Subtracted from every cosine, so that the semantic similarity
    means the same across groups."""
    means = queries.group_means if queries.group_means is not None else targets.group_means
    if means is None:
        return np.zeros((1, 1), dtype=np.float32)
    return means @ means.T


def _sorted_unique(keys: np.ndarray) -> np.ndarray:
    """np.unique by a sort: numpy's hash-based unique is a hundred times slower on the
    millions of int64 pair keys of a full run."""
    keys = np.sort(keys)
    if len(keys) == 0:
        return keys
    return keys[np.r_[True, keys[1:] != keys[:-1]]]


def _top_n(a: sp.csr_matrix, b: sp.csr_matrix, top_n: int) -> sp.csr_matrix:
    """sp_matmul_topn; the unchecked entry points skip the copies of the index arrays that the
    checked one makes on every call (21 M integers for 100,000 offers)."""
    threads = THREADS if a.shape[0] >= THREADED_MIN_ROWS else 0
    int32 = all(m.dtype == np.int32 for m in (a.indices, a.indptr, b.indices, b.indptr))
    if not int32 or a.dtype != b.dtype:
        return sp_matmul_topn(a, b, top_n=top_n, threshold=1e-6, n_threads=threads or None)
    if threads > 1:
        return unchecked.sp_matmul_topn_mt(a, b, top_n, False, 1e-6, threads)
    return unchecked.sp_matmul_topn(a, b, top_n, False, 1e-6, 1.0)


def _lexical_product(queries: Side, targets: Side, n: int) -> sp.csr_matrix:
    """The best `n` lexical cosines of each query (rows: queries, columns: targets)."""
    if n >= len(targets) and len(targets) < len(queries):
        # Every target is kept (one changed listing against the corpus): the whole product,
        # computed from the small side.
        product = _top_n(targets.lexical, queries.lexical_transposed(), len(queries))
        return sp.csr_matrix(product.T)
    return _top_n(queries.lexical, targets.lexical_transposed(), n)


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
    target_rows, lexical_cosine=, semantic_cosine=)`, computed in blocks of queries."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    if queries.lexical is None or targets.lexical is None:
        raise ValueError("weigh both sides with the corpus idf first")
    if not len(queries) or not len(targets):
        return Ranking(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0), {})
    width = len(targets)
    n = min(candidates, width)
    if mode != "semantic" and queries.lexical.nnz and targets.lexical.nnz:
        lexical = _lexical_product(queries, targets, n)
    else:
        lexical = sp.csr_matrix((len(queries), width), dtype=np.float32)
    offsets = group_offsets(queries, targets)
    target_offsets = offsets[:, targets.groups] if offsets.shape[0] > 1 else None
    block_rows = max(1, min(len(queries), max(MIN_BLOCK_ROWS, BLOCK_ELEMENTS // width)))
    parts: list[Ranking] = []
    for start in range(0, len(queries), block_rows):
        stop = min(start + block_rows, len(queries))
        parts.append(
            _rank_block(
                queries, targets, start, stop, lexical, target_offsets,
                score=score, k=k, n=n, mode=mode,
                same_organisation_allowed=same_organisation_allowed,
            )
        )  # fmt: skip
    return Ranking(
        query_rows=np.concatenate([p.query_rows for p in parts]),
        target_rows=np.concatenate([p.target_rows for p in parts]),
        score=np.concatenate([p.score for p in parts]),
        components={
            name: np.concatenate([p.components[name] for p in parts])
            for name in parts[0].components
        },
    )


def _rank_block(
    queries: Side,
    targets: Side,
    start: int,
    stop: int,
    lexical: sp.csr_matrix,
    target_offsets: np.ndarray | None,
    *,
    score: ScoreFunction,
    k: int,
    n: int,
    mode: str,
    same_organisation_allowed: bool,
) -> Ranking:
    width = len(targets)
    rows = stop - start
    cosines = queries.dense[start:stop] @ targets.dense.T
    if target_offsets is not None:
        groups = queries.groups[start:stop]
        if (groups == groups[0]).all():
            cosines -= target_offsets[groups[0]]  # in place, broadcast: no temporary
        else:
            cosines -= target_offsets[groups]
    low, high = lexical.indptr[start], lexical.indptr[stop]
    lexical_rows = np.repeat(
        np.arange(rows, dtype=np.int64), np.diff(lexical.indptr[start : stop + 1])
    )
    lexical_keys = lexical_rows * width + lexical.indices[low:high]
    lexical_values = lexical.data[low:high]
    keys = [lexical_keys]
    if mode != "lexical":
        if n < width:
            best = np.argpartition(-cosines, n - 1, axis=1)[:, :n]
        else:
            best = np.broadcast_to(np.arange(width), (rows, width))
        keys.append(
            np.repeat(np.arange(rows, dtype=np.int64), best.shape[1]) * width + best.ravel()
        )
    pair_keys = _sorted_unique(np.concatenate(keys))
    local_rows, target_rows = pair_keys // width, pair_keys % width
    query_rows = local_rows + start
    if not same_organisation_allowed:
        different = queries.organisation_ids[query_rows] != targets.organisation_ids[target_rows]
        pair_keys, local_rows, query_rows, target_rows = (
            a[different] for a in (pair_keys, local_rows, query_rows, target_rows)
        )
    # A pair that only the vectors proposed has no lexical cosine in the top-n product: it is
    # below the n-th best, and counts as 0.
    order = np.argsort(lexical_keys, kind="stable")
    sorted_keys = lexical_keys[order]
    found = np.minimum(np.searchsorted(sorted_keys, pair_keys), max(len(order) - 1, 0))
    lexical_cosine = np.zeros(len(pair_keys), dtype=np.float32)
    if len(order):
        hit = sorted_keys[found] == pair_keys
        lexical_cosine[hit] = lexical_values[order][found][hit]
    semantic_cosine = cosines[local_rows, target_rows]
    if mode == "lexical":
        scored = Scored(lexical_cosine.astype(np.float64), {})
    elif mode == "semantic":
        scored = Scored(semantic_cosine.astype(np.float64), {})
    else:
        scored = score(
            queries, query_rows, targets, target_rows,
            lexical_cosine=lexical_cosine, semantic_cosine=semantic_cosine,
        )  # fmt: skip
    best_first = np.lexsort((-scored.score, query_rows))
    ordered_queries = query_rows[best_first]
    if len(ordered_queries):
        starts = np.r_[0, np.flatnonzero(np.diff(ordered_queries)) + 1]
        lengths = np.diff(np.r_[starts, len(best_first)])
        position = np.arange(len(ordered_queries)) - np.repeat(starts, lengths)
    else:
        position = np.empty(0, np.int64)
    kept = position < k
    keep = best_first[kept]
    return Ranking(
        query_rows=ordered_queries[kept],
        target_rows=target_rows[best_first][kept],
        score=scored.score[keep],
        components={name: values[keep] for name, values in scored.components.items()},
    )
