"""Benchmark: the matching engine's full recompute without the database (issue 10, goal 1:
100,000 offers × 10,000 needs, top-10 per listing, ≤ 120 s wall and ≤ 2 GB peak memory).

Generates the two sides from a fixed seed, then runs exactly the arithmetic of
`matching.services.suggestions_recompute_all` between reading the database and writing the
suggestions:

    items → sides.side_of (offers, needs) → sides.idf_of over both → Side.weigh (both)
    → pipeline.rank(needs → offers, score=services._need_to_offers, k=10)
    → pipeline.rank(offers → needs, score=services._offer_to_needs, k=10)

What is generated:
- texts: Vietnamese-like listings (title, summary, 2-4 keywords, description; 40-120 words,
  most of them two-syllable words, ~15 % English listings) drawn from a seeded vocabulary:
  about 250 real technical words and 1,600 syllables combined into ~12,000 two-syllable
  words, ~2,000 English words, with Zipf-like frequencies, function words in between, and
  ~400 topics that needs and offers share (so that a need has offers about its subject). The
  script prints the shape of the TF-IDF matrices (terms per row, pruned terms, and "work per
  row": how many target rows a query row touches in the sparse product, in corpus sizes) so
  that it can be compared with real data (`--demo-stats` prints the same for the 467 demo
  listings);
- vectors: stored vectors are not computed here (see benchmarks/matching_encoder.py): unit
  vectors of shape (n, 384) float32, from a seed, built as a common direction + a topic
  direction + noise so that cosines sit where multilingual-e5-small puts them (≈ 0.78 between
  unrelated listings, ≈ 0.05 higher within a topic, as on the labelled set of
  matching.scoring) and the dense candidates overlap the lexical ones as they would;
- sectors (level-2 codes of /work/shared/spec/sectors.tsv), provinces (slugs of
  /work/shared/spec/provinces.tsv, with their latitude and longitude), TRL, prices,
  cooperation forms, IP status, age, verification: drawn at random.

Each `rank` is split into its parts by wrapping the engine's own functions (the code measured
is unchanged): lexical candidates (`sp_matmul_topn`, with the transposition of the targets
timed apart), dense candidates (block matmul + argpartition), scoring (`score_transfers`), and
the rest (union of candidates, lookups of the cosines, top-k). Peak memory is the process's
resident set: per phase (high-water mark reset through /proc/self/clear_refs) and overall.

The database write of the ~1.1 M suggestions and their reasons are not part of this goal;
`--explain N` times `matching.explain.transfer_reasons` on N pairs of unsaved listings and
extrapolates to every pair.

    .venv/bin/python benchmarks/matching_full.py                 # goal sizes
    .venv/bin/python benchmarks/matching_full.py --short         # a few seconds
    .venv/bin/python benchmarks/matching_full.py --ceiling       # + the dependencies alone
    /usr/bin/time -v .venv/bin/python benchmarks/matching_full.py   # peak RSS, independently

Results are recorded by hand in benchmarks/RESULTS.md with the machine's description.
"""

from __future__ import annotations

import argparse
import csv
import gc
import inspect
import json
import os
import platform
import resource
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
SPEC = Path(os.environ.get("VNTX_SPEC_DIR", "/work/shared/spec"))

SEED = 2026
DIMENSIONS = 384

# --- vocabulary ----------------------------------------------------------------------------

# Real two-syllable technical words (the head of the vocabulary).
REAL_WORDS = """
xử lý nước thải công nghệ sinh học vi sinh chế phẩm nuôi trồng thủy sản ao nuôi tôm thẻ chân
trắng cá tra nông nghiệp chăn nuôi gia súc gia cầm vắc xin thú y phân bón hữu cơ thuốc trừ
sâu sinh học bảo quản sau thu hoạch chế biến thực phẩm đóng gói bao bì kháng khuẩn nano bạc
vật liệu composite xơ dừa rơm rạ trấu vỏ cà phê hạt tiêu thanh long xoài sầu riêng dược liệu
tinh dầu chiết xuất cao lỏng thực phẩm chức năng mỹ phẩm năng lượng mặt trời điện gió lưu
trữ pin lithium biến tần tiết kiệm điện năng chiếu sáng cảm biến độ ẩm nhiệt độ giám sát từ
xa điều khiển tự động hóa dây chuyền thiết bị máy móc sấy lạnh bơm nhiệt lò hơi khí sinh học
chất thải rắn tái chế nhựa phế phẩm trí tuệ nhân tạo học máy nhận dạng hình ảnh chữ viết xử
lý ngôn ngữ phần mềm nền tảng số hóa dữ liệu lớn điện toán đám mây bảo mật thông tin mạng
lưới kết nối vạn vật y tế chẩn đoán hình ảnh thiết bị y khoa xét nghiệm nhanh sinh phẩm dược
phẩm kháng sinh xây dựng bê tông vật liệu nhẹ gạch không nung cách nhiệt chống thấm kết cấu
thép giao thông vận tải logistics kho lạnh chuỗi cung ứng truy xuất nguồn gốc mã vạch môi
trường quan trắc không khí khí thải bụi mịn tiếng ồn đất nhiễm mặn hạn hán giống cây trồng
nuôi cấy mô lúa gạo ngô sắn mía đường cà phê chè hồ tiêu điều cao su cơ khí chính xác gia
công khuôn mẫu hàn cắt laser in ba chiều robot công nghiệp điện tử vi mạch bán dẫn linh kiện
bảng mạch vi điều khiển nhúng truyền thông không dây dệt may sợi tự nhiên nhuộm màu da giày
gỗ nội thất sơn phủ keo dán quy trình sản xuất quy mô công nghiệp thử nghiệm thực địa pilot
hiệu suất chi phí
""".split()  # noqa: SIM905 (a readable block of words)
REAL_ENGLISH = """
water treatment wastewater biofilter shrimp aquaculture fish farming fertilizer organic
pesticide biological vaccine veterinary livestock poultry packaging antibacterial coating
silver nanoparticle composite fiber coconut husk rice straw coffee pepper dragon fruit mango
durian herbal extract essential oil cosmetic supplement solar energy wind storage battery
lithium inverter lighting sensor humidity temperature monitoring remote control automation
production line equipment machine drying heat pump boiler biogas waste plastic recycling
artificial intelligence machine learning image recognition handwriting language software
platform digitization data cloud security network internet things medical imaging diagnostic
rapid test antibiotic pharmaceutical construction concrete lightweight brick insulation
waterproofing steel structure transport cold storage supply chain traceability barcode
environment air quality emission dust noise soil salinity drought seed tissue culture rice
maize cassava sugarcane tea cashew rubber mechanical precision machining mould welding laser
cutting printing robot industrial electronics chip semiconductor component circuit board
microcontroller embedded wireless textile natural dyeing leather footwear wood furniture
paint adhesive process scale pilot field trial efficiency cost
""".split()  # noqa: SIM905 (a readable block of words)
REAL_SYLLABLES = sorted(set(REAL_WORDS))
ONSETS = """
b c ch d đ g gi h k kh l m n ng nh p ph qu r s t th tr v x
""".split()  # noqa: SIM905 (a readable block of words)
RHYMES = """
a á à ả ã ạ an án àn ang áng àng anh ánh ành ao áo ào at át ạt ăn ắn ằn ăng ắng ằng ắt ặt âm
ấm ầm ân ấn ần âng ấp ập ât ất ật âu ấu ầu ây ấy ầy e é è em en ét ẹt ê ế ề ên ến ền ênh ết
ệt i í ì ích ịch im in ính inh ít ịt iêm iên iến iền iết iệt iêu iếu o ó ò oa oá oà oai oan
oán oang oanh oát óc ọc ôi ối ồi ôm ôn ốn ồn ông ống ồng ốt ột ơi ới ời ơm ơn ớn ờn ớt ợt u
ú ù ui úi uân uất uật uây uôi uối uôn uốn uông uống uồng ut út ụt ưa ứa ừa ưng ứng ừng ước
ược ươi ười ương ướng ường ưu ựu
""".split()  # noqa: SIM905 (a readable block of words)
FUNCTION_WORDS = """
và của cho các những một là có được trong với từ để khi tại theo về
""".split()  # noqa: SIM905 (a readable block of words)
FUNCTION_WORDS_EN = ["the", "and", "of", "for", "to", "in", "on", "with", "a", "is", "by", "from"]
ENGLISH_SUFFIXES = ["", "s", "ing", "ed", "er", "ation", "ive", "al", "ity", "ness", "ics"]

SECTORS_FALLBACK = ["101", "102", "201", "202", "205", "206", "401", "402", "405"]
COOPERATION = [
    "licence",
    "assignment",
    "joint_venture",
    "technical_assistance",
    "spin_off",
    "rd_cooperation",
    "equipment_sale",
]
IP = [
    "patent_granted",
    "patent_pending",
    "utility_solution",
    "industrial_design",
    "copyright",
    "trade_secret",
    "none",
    "",
]


def _zipf_probabilities(n: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return weights / weights.sum()


class Vocabulary:
    """Seeded Vietnamese-like and English vocabularies with Zipf-like frequencies."""

    def __init__(self, rng: np.random.Generator, *, vi_words: int = 12_000, topics: int = 400):
        pseudo = sorted({o + r for o in ONSETS for r in RHYMES} - set(REAL_SYLLABLES))
        syllables = list(rng.permutation(REAL_SYLLABLES)) + list(rng.permutation(pseudo))
        syllable_p = _zipf_probabilities(len(syllables), 0.9)
        real = [f"{a} {b}" for a, b in zip(REAL_WORDS[::2], REAL_WORDS[1::2], strict=False)]
        words = list(dict.fromkeys(real))
        seen = set(words)
        # Pseudo-words: two syllables drawn by frequency, so that common syllables recur in
        # many words, as "công", "hệ" or "xử" do.
        pairs = rng.choice(len(syllables), size=(4 * vi_words, 2), p=syllable_p).tolist()
        for a, b in pairs:
            word = f"{syllables[a]} {syllables[b]}"
            if a != b and word not in seen:
                seen.add(word)
                words.append(word)
                if len(words) == vi_words:
                    break
        self.vi = words
        stems = list(dict.fromkeys(REAL_ENGLISH))
        self.en = list(dict.fromkeys(s + x for x in ENGLISH_SUFFIXES for s in stems))
        self.vi_p = _zipf_probabilities(len(self.vi), 1.0)
        self.en_p = _zipf_probabilities(len(self.en), 1.0)
        # A topic: 30 words of the mid and tail of the vocabulary that listings about it share.
        self.vi_topics = [rng.choice(np.arange(150, len(self.vi)), 30) for _ in range(topics)]
        self.en_topics = [rng.choice(np.arange(80, len(self.en)), 30) for _ in range(topics)]
        self.topics = topics
        self.samplers = {
            False: _Sampler(self.vi, self.vi_p, self.vi_topics, FUNCTION_WORDS),
            True: _Sampler(self.en, self.en_p, self.en_topics, FUNCTION_WORDS_EN),
        }


class _Sampler:
    """Words of one language drawn in bulk: 40 % from the listing's topic, the rest from the
    Zipf-like general frequencies, a function word after one word in five."""

    def __init__(self, words: list[str], p: np.ndarray, topics: list[np.ndarray], function):
        self.words = np.array(words, dtype=object)
        self.cdf = np.cumsum(p)
        self.topics = np.stack(topics)
        self.function = function

    def draw(self, rng: np.random.Generator, topic: int, count: int) -> list[str]:
        general = np.minimum(np.searchsorted(self.cdf, rng.random(count)), len(self.cdf) - 1)
        from_topic = rng.random(count) < 0.4
        chosen = np.where(
            from_topic, self.topics[topic][rng.integers(0, self.topics.shape[1], count)], general
        )
        out = []
        with_function = rng.random(count) < 0.2
        for word, index, function in zip(
            self.words[chosen].tolist(), chosen.tolist(), with_function.tolist(), strict=True
        ):
            out.append(word)
            if function:
                out.append(self.function[index % len(self.function)])
        return out


def _spec_rows(name: str) -> list[dict[str, str]]:
    path = SPEC / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def province_table() -> dict[str, tuple[int, float, float]]:
    """slug → (index, latitude, longitude), as matching.corpus.province_table gives them."""
    rows = _spec_rows("provinces.tsv")
    if not rows:
        return {"ha-noi": (1, 21.03, 105.85), "ho-chi-minh": (2, 10.78, 106.70)}
    return {
        row["slug"]: (index, float(row["lat"]), float(row["lon"]))
        for index, row in enumerate(rows, start=1)
    }


def sector_codes() -> list[str]:
    codes = [row["code"] for row in _spec_rows("sectors.tsv") if row["parent"]]
    return codes or SECTORS_FALLBACK


def unit_vectors(rng: np.random.Generator, topics: np.ndarray, *, n_topics: int) -> np.ndarray:
    """(n, 384) float32 unit rows: common direction + topic direction + noise."""
    common = rng.standard_normal(DIMENSIONS).astype(np.float32)
    common /= np.linalg.norm(common)
    centres = rng.standard_normal((n_topics, DIMENSIONS)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    out = np.empty((len(topics), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(topics), 20_000):
        t = topics[start : start + 20_000]
        noise = rng.standard_normal((len(t), DIMENSIONS)).astype(np.float32)
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        block = 1.6 * common + 0.405 * centres[t] + 0.747 * noise
        out[start : start + len(t)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def generate_listings(
    kind: str,
    count: int,
    *,
    seed: int = SEED,
    vocab: Vocabulary | None = None,
    min_words: int = 40,
    max_words: int = 120,
    first_id: int = 1,
    organisations: int | None = None,
) -> list[dict]:
    """`count` listings of `kind` as plain dictionaries (the fields Item and explain read)."""
    rng = np.random.default_rng([seed, 0 if kind == "offer" else 1])
    vocab = vocab or Vocabulary(np.random.default_rng(seed))
    provinces = np.array(list(province_table()), dtype=object)
    sectors = np.array(sector_codes(), dtype=object)
    cooperation = np.array(COOPERATION, dtype=object)
    organisations = organisations or max(1, count // 20)
    # Every number drawn in bulk, one column per field.
    topics = rng.integers(0, vocab.topics, count).tolist()
    english = (rng.random(count) < 0.15).tolist()
    totals = rng.integers(min_words, max_words + 1, count)
    title_n = rng.integers(5, 11, count)
    summary_n = rng.integers(10, 21, count)
    keyword_n = rng.integers(2, 5, count)
    description_n = np.maximum(1, totals - title_n - summary_n - keyword_n)
    bounds = np.cumsum(np.stack([title_n, summary_n, keyword_n, description_n], axis=1), axis=1)
    priced = rng.random(count) >= 0.3
    low = rng.integers(1, 100, count) * 50_000_000
    spread = rng.integers(1, 4, count)
    trl = np.where(rng.random(count) < 0.1, 0, rng.integers(1, 10, count))
    organisation = rng.integers(1, organisations + 1, count).tolist()
    area = rng.integers(1, 7, count).tolist()
    ip = rng.integers(0, len(IP), count).tolist()
    age = rng.exponential(200, count).tolist()
    verified = (rng.random(count) < 0.4).tolist()
    # 1-3 distinct codes per listing: the first k of a random ordering.
    picks = {
        name: (
            np.argsort(rng.random((count, len(values))), axis=1)[:, :3],
            rng.integers(1, 4, count),
        )
        for name, values in (("sectors", sectors), ("provinces", provinces), ("coop", cooperation))
    }
    stop = set(FUNCTION_WORDS + FUNCTION_WORDS_EN)
    listings = []
    for n in range(count):
        # One draw per listing (whole words), cut into its parts; function words are added
        # after the cut, so the parts keep their lengths in words.
        sampler = vocab.samplers[english[n]]
        words = sampler.draw(rng, topics[n], int(bounds[n, 3]))
        cuts = [0, *bounds[n].tolist()]
        parts = []
        content = 0
        current: list[str] = []
        for word in words:
            current.append(word)
            if word not in stop:
                content += 1
                if content == cuts[len(parts) + 1]:
                    parts.append(current)
                    current = []
        while len(parts) < 4:
            parts.append(current)
            current = []
        title, summary, keywords, description = parts
        title[0] = title[0].capitalize()
        price = int(low[n]) if priced[n] else None
        chosen = {
            name: tuple(values[order[n, : size[n]]].tolist())
            for (name, (order, size)), values in zip(
                picks.items(), (sectors, provinces, cooperation), strict=True
            )
        }
        listings.append(
            {
                "id": first_id + n,
                "kind": kind,
                "language": "en" if english[n] else "vi",
                "topic": topics[n],
                "organisation_id": organisation[n],
                "title": " ".join(title),
                "summary": " ".join(summary) + ".",
                "keywords": [k for k in keywords if k not in stop],
                "description": " ".join(description) + ".",
                "trl": int(trl[n]) or None,
                "price_min": price,
                "price_max": None if price is None else price * int(spread[n]),
                "sectors": chosen["sectors"],
                "provinces": chosen["provinces"],
                "area": area[n],
                "cooperation": chosen["coop"],
                "ip_status": IP[ip[n]] if kind == "offer" else "",
                "age_days": age[n],
                "verified": verified[n],
            }
        )
    return listings


def items_of(listings: list[dict], vectors: np.ndarray) -> list:
    """matching.sides.Item per listing, the lexical text built as matching.corpus does."""
    from matching import sides
    from matching.sides import Item
    from matching.text import encoder_text, lexical_text

    # Engines with text groups (sides.text_group) read the group from the encoder's text.
    group_of = getattr(sides, "text_group", None)
    extra = (
        (
            lambda x: {
                "text_group": group_of(
                    language=x["language"],
                    text=encoder_text(
                        title=x["title"], summary=x["summary"], keywords=x["keywords"]
                    ),
                )
            }
        )
        if group_of is not None
        else (lambda x: {})
    )
    return [
        Item(
            id=x["id"],
            organisation_id=x["organisation_id"],
            trl=x["trl"],
            price_min=x["price_min"],
            price_max=x["price_max"],
            sectors=x["sectors"],
            provinces=x["provinces"],
            area=x["area"],
            cooperation=x["cooperation"],
            ip_status=x["ip_status"],
            age_days=x["age_days"],
            verified=x["verified"],
            lexical_text=lexical_text(
                title=x["title"],
                summary=x["summary"],
                keywords=x["keywords"],
                description=x["description"],
            ),
            vector=vectors[row],
            **extra(x),
        )
        for row, x in enumerate(listings)
    ]


def generate_sides_input(
    offers: int, needs: int, *, seed: int = SEED, min_words: int = 40, max_words: int = 120
):
    """(offer listings, need listings, offer items, need items) from one seed."""
    vocab = Vocabulary(np.random.default_rng(seed))
    organisations = max(1, (offers + needs) // 20)
    offer_rows = generate_listings(
        "offer", offers, seed=seed, vocab=vocab, min_words=min_words, max_words=max_words,
        first_id=1, organisations=organisations,
    )  # fmt: skip
    need_rows = generate_listings(
        "need", needs, seed=seed, vocab=vocab, min_words=min_words, max_words=max_words,
        first_id=offers + 1, organisations=organisations,
    )  # fmt: skip
    rng = np.random.default_rng([seed, 2])
    all_topics = np.array([x["topic"] for x in offer_rows + need_rows])
    vectors = unit_vectors(rng, all_topics, n_topics=vocab.topics)
    offer_vectors = vectors[:offers]
    need_vectors = vectors[offers:]
    return (
        offer_rows,
        need_rows,
        items_of(offer_rows, offer_vectors),
        items_of(need_rows, need_vectors),
    )


# --- measuring -------------------------------------------------------------------------------


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as stream:
        for line in stream:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def rss_mib() -> float:
    return _status_kib("VmRSS") / 1024


class Memory:
    """Peak resident set per phase: the kernel's high-water mark, reset between phases
    (/proc/self/clear_refs), and a 5-ms sampler as a fallback where the reset is refused."""

    def __init__(self, *, per_phase: bool = True) -> None:
        self.per_phase = per_phase
        self.overall = 0.0
        self._sampled = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self._sampled = max(self._sampled, rss_mib())

    def reset(self) -> None:
        if not self.per_phase:
            self._sampled = max(self._sampled, rss_mib())
            return
        try:
            with open("/proc/self/clear_refs", "w", encoding="ascii") as stream:
                stream.write("5")
        except OSError:
            pass
        self._sampled = rss_mib()

    def peak(self) -> float:
        value = max(_status_kib("VmHWM") / 1024, self._sampled)
        self.overall = max(self.overall, value)
        return value

    def stop(self) -> None:
        self._stop.set()


class Phases:
    def __init__(self, memory: Memory) -> None:
        self.memory = memory
        self.rows: list[tuple[str, float, float, float]] = []

    @contextmanager
    def __call__(self, label: str):
        gc.collect()
        self.memory.reset()
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.rows.append((label, seconds, self.memory.peak(), rss_mib()))
        print(f"  {label:<44} {seconds:8.2f} s  peak {self.rows[-1][2]:7.0f} MiB", flush=True)


class RankTimer:
    """Times the parts of pipeline.rank by wrapping the functions it calls."""

    def __init__(self) -> None:
        from matching import pipeline

        self.pipeline = pipeline
        self.times: dict[str, float] = {}
        self.sizes: dict[str, int] = {}

    def _wrap(self, name: str, function, *, sizer=None):
        def wrapped(*args, **kwargs):
            started = time.perf_counter()
            result = function(*args, **kwargs)
            self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - started
            if sizer is not None:
                self.sizes[name] = sizer(args, kwargs, result)
            return result

        return wrapped

    @contextmanager
    def installed(self):
        p = self.pipeline
        originals = (p._lexical_product, p._rank_block, p._top_n)
        p._lexical_product = self._wrap("lexical", originals[0])
        p._rank_block = self._wrap("blocks", originals[1])
        p._top_n = self._wrap("sp_matmul_topn", originals[2], sizer=lambda a, k, r: int(r.nnz))
        try:
            yield self
        finally:
            p._lexical_product, p._rank_block, p._top_n = originals

    def score(self, function):
        return self._wrap("scoring", function, sizer=lambda a, k, r: len(r.score))

    def reset(self) -> None:
        self.times.clear()
        self.sizes.clear()


def timed_rank(timer: RankTimer, phases: Phases, label: str, queries, targets, score, k: int):
    from matching import pipeline

    timer.reset()
    with timer.installed(), phases(label):
        ranking = pipeline.rank(queries, targets, score=timer.score(score), k=k)
    total = phases.rows[-1][1]
    t = dict(timer.times)
    lexical_other = t.get("lexical", 0) - t.get("sp_matmul_topn", 0)
    # The blocks hold the dense product and argpartition, the union of candidates, the
    # cosine lookups, the scoring and the top-k; scoring is timed on its own inside them.
    parts = {
        "lexical candidates (sp_matmul_topn)": t.get("sp_matmul_topn", 0),
        "lexical candidates (transpose)": lexical_other,
        "blocks: dense top-n, union, lookups, top-k": t.get("blocks", 0) - t.get("scoring", 0),
        "blocks: scoring (score_transfers)": t.get("scoring", 0),
        "outside the blocks (concatenation)": total - t.get("lexical", 0) - t.get("blocks", 0),
    }
    for name, seconds in parts.items():
        print(f"    · {name:<42} {seconds:8.2f} s")
    print(
        f"    pairs scored {timer.sizes.get('scoring', 0):,}, lexical candidates "
        f"{timer.sizes.get('sp_matmul_topn', 0):,}, kept {len(ranking):,}"
    )
    return ranking, parts


def matrix_shape(label: str, counts, lexical, idf) -> dict:
    """Terms per row before and after idf pruning, and the work of a sparse product row:
    Σ over its kept terms of the term's document frequency ÷ documents (how many corpora's
    worth of rows one query row touches)."""
    kept = idf[counts.indices] > 0
    df = np.bincount(lexical.indices, minlength=lexical.shape[1])
    work = (
        np.add.reduceat(df[lexical.indices].astype(np.float64), lexical.indptr[:-1])
        if (lexical.nnz)
        else np.zeros(1)
    )
    work[np.diff(lexical.indptr) == 0] = 0
    out = {
        "rows": counts.shape[0],
        "terms/row": counts.nnz / max(1, counts.shape[0]),
        "kept/row": kept.sum() / max(1, counts.shape[0]),
        "work/row": float(work.mean() / max(1, lexical.shape[0])),
        "distinct terms": int((df > 0).sum()),
        "MiB": (lexical.data.nbytes + lexical.indices.nbytes + lexical.indptr.nbytes) / 2**20,
    }
    print(
        f"  {label}: {out['rows']:,} rows, {out['terms/row']:.0f} terms/row "
        f"({out['kept/row']:.0f} kept after pruning), {out['distinct terms']:,} distinct kept "
        f"terms, work/row {out['work/row']:.2f}, {out['MiB']:.0f} MiB"
    )
    return out


def demo_stats() -> None:
    """The same matrix shape for the demo listings (real texts, 467 lines)."""
    from matching.sides import idf_of, term_counts, weighted
    from matching.text import lexical_text

    lines = (ROOT / "demo" / "data" / "listings.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    texts = [
        lexical_text(
            title=r["title"],
            summary=r.get("summary", ""),
            keywords=[str(k) for k in r.get("keywords") or []],
            description=r.get("description", ""),
            applications=r.get("applications", ""),
        )
        for r in rows
    ]
    counts = term_counts(texts)
    idf = idf_of(counts)
    words = np.mean([len(t.split()) for t in texts])
    print(f"demo listings: {len(texts)} texts, {words:.0f} whitespace words each on average")
    matrix_shape("demo", counts, weighted(counts, idf), idf)


# --- ceilings ---------------------------------------------------------------------------------


def ceilings(queries, targets, *, n: int, label: str) -> dict[str, float]:
    """The dependencies alone on the same matrices: sp_matmul_topn (1 and 2 threads) on the
    weighted rows, and a bare numpy block matmul + argpartition on the vectors."""
    from sparse_dot_topn import sp_matmul_topn

    out = {}
    transposed = targets.lexical.T.tocsr()
    for threads in (None, 2):
        gc.collect()
        started = time.perf_counter()
        sp_matmul_topn(queries.lexical, transposed, top_n=n, threshold=1e-6, n_threads=threads)
        out[f"sp_matmul_topn n_threads={threads}"] = time.perf_counter() - started
    del transposed
    started = time.perf_counter()
    matrix = targets.dense.T
    for start in range(0, len(queries), 1024):
        block = queries.dense[start : start + 1024] @ matrix
        np.argpartition(block, -n, axis=1)[:, -n:]
    out["numpy matmul + argpartition"] = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, len(queries), 1024):
        queries.dense[start : start + 1024] @ matrix
    out["numpy matmul alone"] = time.perf_counter() - started
    for name, seconds in out.items():
        print(f"    {label} ceiling · {name:<34} {seconds:8.2f} s")
    return out


# --- explanations -----------------------------------------------------------------------------


def explain_cost(offer_rows, need_rows, ranking, sample: int, total_pairs: int, idf) -> None:
    """Times matching.explain.transfer_reasons (and explain.rendered, as services._store
    calls them) on `sample` of the ranked pairs, with unsaved
    Listing objects (sectors, provinces, exchanges and organisations prefetched, as _pairs
    gives them) and extrapolates to `total_pairs`."""
    from listings.models import Listing
    from marketplace.accounts.models import Organisation
    from marketplace.exchanges.models import Exchange, Province
    from marketplace.reference.models import Sector
    from matching import explain

    sector_cache: dict[str, object] = {}

    def sector(code: str):
        if code not in sector_cache:
            parent = Sector(code=code[0], name_vi=f"Nhóm {code[0]}", name_en=f"Group {code[0]}")
            sector_cache[code] = Sector(
                code=code, name_vi=f"Ngành {code}", name_en=f"Sector {code}", parent=parent
            )
        return sector_cache[code]

    exchanges = {
        n: Exchange(pk=n, code=f"x{n}", name_vi=f"Sàn {n}", name_en=f"Exchange {n}")
        for n in range(1, 7)
    }
    organisations: dict[int, Organisation] = {}
    provinces = {
        slug: Province(pk=index, slug=slug, name_vi=slug, name_en=slug)
        for slug, (index, _, _) in province_table().items()
    }

    def listing(x: dict) -> Listing:
        org = organisations.setdefault(
            x["organisation_id"], Organisation(pk=x["organisation_id"], name="Org")
        )
        obj = Listing(
            pk=x["id"],
            kind=x["kind"],
            title=x["title"],
            summary=x["summary"],
            keywords=x["keywords"],
            trl=x["trl"],
            price_min_vnd=x["price_min"],
            price_max_vnd=x["price_max"],
            cooperation=list(x["cooperation"]),
            organisation=org,
            exchange=exchanges[x["area"]],
        )
        # What _pairs' listings carry: sectors and provinces prefetched (no query here).
        obj._prefetched_objects_cache = {
            "sectors": [sector(c) for c in x["sectors"]],
            "provinces": [provinces[s] for s in x["provinces"]],
        }
        return obj

    # Whole lists of randomly chosen queries, as services._store meets them (a listing recurs
    # in its ten pairs; explain caches what it reads of each text).
    rng = np.random.default_rng(SEED)
    queries = rng.permutation(np.unique(ranking.query_rows))
    chosen = np.isin(ranking.query_rows, queries[: max(1, sample // 10)])
    rows = np.flatnonzero(chosen)[:sample]
    pairs = []
    for row in rows:
        need = listing(need_rows[ranking.query_rows[row]])
        offer = listing(offer_rows[ranking.target_rows[row]])
        components = {name: float(v[row]) for name, v in ranking.components.items()}
        pairs.append((need, offer, components))
    from matching.services import suggestions

    extra = {}
    if "informative" in inspect.signature(explain.transfer_reasons).parameters:
        extra["informative"] = suggestions._informative(idf)  # as _store passes it
    started = time.perf_counter()
    specs = [
        explain.transfer_reasons(need=need, offer=offer, components=components, **extra)
        for need, offer, components in pairs
    ]
    if hasattr(explain, "rendered"):  # reasons as functions, rendered in both languages
        specs = explain.rendered(specs)
    seconds = time.perf_counter() - started
    per_pair = seconds / max(1, len(pairs))
    print(
        f"  explain.transfer_reasons: {len(pairs)} pairs in {seconds:.2f} s, "
        f"{per_pair * 1e3:.3f} ms a pair → ~{per_pair * total_pairs:,.0f} s for "
        f"{total_pairs:,} pairs (extrapolated; only the pairs at or above the minimum score "
        f"get reasons, see above)"
    )


# --- main -------------------------------------------------------------------------------------


def machine() -> str:
    import scipy
    import sparse_dot_topn

    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = _meminfo_gib()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {ram:.1f} GiB RAM, Python {platform.python_version()}, "
        f"engine {_engine_version()}, "
        f"numpy {np.__version__}, scipy {scipy.__version__}, "
        f"sparse-dot-topn {sparse_dot_topn.__version__}; load average "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )


def _engine_version() -> str:
    from matching import scoring

    return getattr(scoring, "ENGINE_VERSION", "?")


def _meminfo_gib() -> float:
    with open("/proc/meminfo", encoding="ascii") as stream:
        for line in stream:
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    return 0.0


def stored_pairs(by_need, by_offer, services) -> int:
    minimum = getattr(services, "MIN_SCORE", 0.0)
    a = by_need.score >= minimum
    b = by_offer.score >= minimum
    # Pairs as (offer row, need row): by_need's queries are needs, by_offer's are offers.
    keys = np.concatenate(
        [
            by_need.target_rows[a].astype(np.int64) * (1 << 32) + by_need.query_rows[a],
            by_offer.query_rows[b].astype(np.int64) * (1 << 32) + by_offer.target_rows[b],
        ]
    )
    return len(set(keys.tolist()))


def weigh_both(needs, offers) -> np.ndarray:
    """As suggestions_recompute_all: one idf over both sides (and, in engines that have
    them, the text groups' mean vectors over both)."""
    from matching import sides

    idf = sides.idf_of(needs.counts, offers.counts)
    if hasattr(sides, "group_means_of"):
        means = sides.group_means_of(needs, offers)
        needs.weigh(idf, means)
        offers.weigh(idf, means)
    else:
        needs.weigh(idf)
        offers.weigh(idf)
    return idf


def setup_django() -> None:
    import django

    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-serves-requests")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=10_000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--min-words", type=int, default=40)
    parser.add_argument("--max-words", type=int, default=120)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--short", action="store_true", help="2,000 × 500: runs in seconds")
    parser.add_argument(
        "--ceiling", action="store_true", help="also time sp_matmul_topn and numpy alone"
    )
    parser.add_argument(
        "--explain", type=int, default=0, metavar="N", help="time the reasons of N pairs"
    )
    parser.add_argument(
        "--no-phase-memory",
        action="store_true",
        help="do not reset the high-water mark between phases (then /usr/bin/time -v and "
        "ru_maxrss give the whole run's peak; with the resets they give the last phase's)",
    )
    parser.add_argument("--demo-stats", action="store_true", help="matrix shape of demo data")
    args = parser.parse_args()
    if args.short:
        args.offers, args.needs = 2_000, 500
        args.explain = args.explain or 200
    setup_django()
    from matching import services
    from matching.sides import side_of

    print(machine())
    print(
        f"full recompute: {args.offers:,} offers × {args.needs:,} needs, top-{args.k}, "
        f"{args.min_words}-{args.max_words} words a listing, seed {args.seed}"
    )
    if args.demo_stats:
        demo_stats()
    memory = Memory(per_phase=not args.no_phase_memory)
    phases = Phases(memory)
    started = time.perf_counter()
    offer_rows, need_rows, offer_items, need_items = generate_sides_input(
        args.offers, args.needs, seed=args.seed, min_words=args.min_words,
        max_words=args.max_words,
    )  # fmt: skip
    print(
        f"generated in {time.perf_counter() - started:.1f} s (not timed below); "
        f"RSS {rss_mib():.0f} MiB"
    )
    provinces = province_table()
    timer = RankTimer()
    print("phases:")
    with phases("side_of offers (text → term counts, arrays)"):
        offers = side_of(offer_items, provinces=provinces)
    with phases("side_of needs (text → term counts, arrays)"):
        needs = side_of(need_items, provinces=provinces)
    # The items are local to matching.corpus.listings_side: gone once the side is built.
    del offer_items, need_items
    with phases("idf_of + weigh (both sides)"):
        idf = weigh_both(needs, offers)
    by_need, need_parts = timed_rank(
        timer, phases, "rank needs → offers", needs, offers, services._need_to_offers, args.k
    )
    by_offer, offer_parts = timed_rank(
        timer, phases, "rank offers → needs", offers, needs, services._offer_to_needs, args.k
    )
    total = sum(row[1] for row in phases.rows)  # without the gc.collect() between phases
    memory.stop()
    peak = max(memory.overall, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    pairs = len(by_need) + len(by_offer)
    print("\nmatrices (after weigh):")
    matrix_shape("needs", needs.counts, needs.lexical, idf)
    matrix_shape("offers", offers.counts, offers.lexical, idf)

    print("\n| phase | seconds | peak RSS MiB |\n|---|---:|---:|")
    for label, seconds, phase_peak, _ in phases.rows:
        print(f"| {label} | {seconds:.2f} | {phase_peak:,.0f} |")
    print(f"| **total (side_of → both ranks)** | **{total:.2f}** | **{peak:,.0f}** |")
    print("\n| inside rank, seconds | needs → offers | offers → needs |\n|---|---:|---:|")
    for name in need_parts:
        print(f"| {name} | {need_parts[name]:.2f} | {offer_parts[name]:.2f} |")
    print(
        f"\npairs kept: {len(by_need):,} (needs → offers) + {len(by_offer):,} (offers → needs)"
        f" = {pairs:,}; peak RSS of the process {peak:,.0f} MiB (ru_maxrss "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB, includes "
        f"the generated input)"
    )
    at_goal_size = (args.offers, args.needs, args.k) == (100_000, 10_000, 10)
    print(
        ("goal 1" if at_goal_size else "goal 1 is for 100,000 × 10,000, top-10; this run")
        + f": {total:.1f} s of 120 s ({total / 120:.2f}×), peak {peak / 1024:.2f} GiB "
        f"of 2 GiB ({peak / 2048:.2f}×)"
        + (" → " + ("MET" if total <= 120 and peak <= 2048 else "NOT MET") if at_goal_size else "")
    )
    stored = stored_pairs(by_need, by_offer, services)
    print(
        f"pairs that services._store would write (score ≥ the minimum, a pair once): "
        f"{stored:,} on these synthetic scores"
    )
    print("load average at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if args.ceiling:
        print("\nceilings (the dependencies alone, same matrices, top-50):")
        ceilings(needs, offers, n=50, label="needs → offers")
        ceilings(offers, needs, n=50, label="offers → needs")
    if args.explain:
        print()
        explain_cost(offer_rows, need_rows, by_need, args.explain, pairs, idf)


if __name__ == "__main__":
    main()
