"""Benchmark: the sentence encoder's throughput on real listing texts (issue 10, goal 3:
reported, no target).

Reads the real listings of demo/data/listings.jsonl and tests/matching/evaluation/*.jsonl
(the listing files: needs and offers), builds each one's encoder text as the engine does
(`matching.text.encoder_text(title=, summary=, keywords=)`), and repeats them with a sequence
number appended ("… (2)", "… (3)") until there are 1,000 distinct texts, so that no vector
comes from the on-disk cache: settings.MATCHING_VECTOR_CACHE points at a fresh temporary
file for the run (`--no-cache`: no cache file at all). Then it times:

- loading the model (the first call, alone);
- `matching.encoder.encode_passages` over the 1,000 texts in batches of
  services.ENCODE_BATCH, as `listing_vectors_refresh` calls it (cache look-ups and writes
  included): texts/s, and the mean number of tokens the model reads per text;
- the latency of one text: 50 calls of `matching.encoder.encode_query` on distinct short
  texts (search queries), p50/p95/max.

    .venv/bin/python benchmarks/matching_encoder.py            # 1,000 texts, 50 queries
    .venv/bin/python benchmarks/matching_encoder.py --short    # 64 texts, 10 queries

Results are recorded by hand in benchmarks/RESULTS.md with the machine's description.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import matching_full as full  # noqa: E402  (Django set-up and the machine's description)

ROOT = full.ROOT
SOURCES = [
    ROOT / "demo" / "data" / "listings.jsonl",
    ROOT / "tests" / "matching" / "evaluation" / "needs.jsonl",
    ROOT / "tests" / "matching" / "evaluation" / "offers.jsonl",
]


def real_listings() -> list[dict]:
    rows = []
    for path in SOURCES:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("title"):
                    rows.append(row)
    return rows


def encoder_texts(rows: list[dict], count: int) -> list[str]:
    """`count` distinct encoder texts: the real ones, then again with a sequence number."""
    from matching.text import encoder_text

    base = [
        encoder_text(
            title=row["title"],
            summary=row.get("summary", ""),
            keywords=[str(k) for k in row.get("keywords") or []],
        )
        for row in rows
    ]
    base = [text for text in dict.fromkeys(base) if text]
    texts: list[str] = []
    round_ = 1
    while len(texts) < count:
        for row, text in zip(rows, base, strict=False):
            if round_ == 1:
                texts.append(text)
            else:
                # The number goes into the title, so that it survives the 600-character cut.
                texts.append(
                    encoder_text(
                        title=f"{row['title']} ({round_})",
                        summary=row.get("summary", ""),
                        keywords=[str(k) for k in row.get("keywords") or []],
                    )
                )
            if len(texts) == count:
                break
        round_ += 1
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--no-cache", action="store_true", help="no vector cache file at all")
    parser.add_argument("--short", action="store_true", help="64 texts, 10 queries")
    args = parser.parse_args()
    if args.short:
        args.texts, args.queries = 64, 10
    full.setup_django()
    from django.conf import settings

    from matching import encoder, services

    directory = tempfile.TemporaryDirectory()
    settings.MATCHING_VECTOR_CACHE = (
        "" if args.no_cache else str(Path(directory.name) / "vector-cache.sqlite3")
    )
    batch = getattr(services, "ENCODE_BATCH", 64)
    print(full.machine())
    print(
        f"encoder {encoder.MODEL_ID}; OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '-')}"
        f"; vector cache: {settings.MATCHING_VECTOR_CACHE or 'none'} (fresh)"
    )
    rows = real_listings()
    texts = encoder_texts(rows, args.texts)
    assert len(set(texts)) == len(texts), "texts must be distinct (no cache hits)"
    print(
        f"{len(rows)} real listings from "
        + ", ".join(str(p.relative_to(ROOT)) for p in SOURCES if p.exists())
        + f"; {len(texts)} distinct encoder texts, {np.mean([len(t) for t in texts]):.0f} "
        f"characters on average"
    )

    started = time.perf_counter()
    model = encoder._model()
    load = time.perf_counter() - started
    tokens = [model.token_count(text) for text in texts]

    cpu = time.process_time()
    started = time.perf_counter()
    for start in range(0, len(texts), batch):
        vectors = encoder.encode_passages(texts[start : start + batch])
        assert vectors.shape == (len(texts[start : start + batch]), encoder.DIMENSIONS)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu

    queries = [f"{row['title'][:80]} {n}" for n, row in enumerate(rows[: args.queries])]
    while len(queries) < args.queries:
        queries.append(f"công nghệ xử lý số {len(queries)}")
    encoder.encode_query("khởi động")  # warm-up, not counted
    latencies = []
    for query in queries:
        t0 = time.perf_counter()
        encoder.encode_query(query)
        latencies.append((time.perf_counter() - t0) * 1e3)
    query_tokens = np.mean([model.token_count(q, is_query=True) for q in queries])
    a = np.asarray(latencies)

    print("\n| encoder | figure |\n|---|---:|")
    print(f"| model load (first call) | {load:.2f} s |")
    print(
        f"| encode_passages, {len(texts):,} texts in batches of {batch} | {seconds:.1f} s, "
        f"**{len(texts) / seconds:.1f} texts/s** |"
    )
    print(f"| CPU time ÷ wall time during the batches | {cpu / seconds:.2f} |")
    print(
        f"| tokens per text (incl. special tokens) | mean {np.mean(tokens):.0f}, p95 "
        f"{np.percentile(tokens, 95):.0f}, max {max(tokens)} |"
    )
    print(f"| tokens per second | {sum(tokens) / seconds:,.0f} |")
    print(
        f"| encode_query, one text ({len(queries)} calls, {query_tokens:.0f} tokens on average)"
        f" | p50 {np.percentile(a, 50):.1f} ms, p95 {np.percentile(a, 95):.1f} ms, "
        f"max {a.max():.1f} ms |"
    )
    print("load average at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    directory.cleanup()


if __name__ == "__main__":
    main()
