"""Benchmark: search indexing and queries over 100,000 listings (issue 4).

Goals with osmem-server on the benchmark machine: bulk indexing >= 2,000 documents/s, and the
project's overhead on a search (total time of `search.queries.search_listings` minus the
engine's own `took`) <= 15 ms at p95.

What it does, deterministically (same seed, same data, same queries):
1. Creates N published listings (default 100,000; offers and needs; 500 organisations;
   Vietnamese titles, summaries and descriptions built from templates; seeded sectors,
   provinces, exchanges, TRL, prices, cooperation) in the database, unless the same set is
   already there from an earlier run. Their external ids start with "bench-search-".
2. Bulk indexing, two measures:
   a. `search.indexing.index_rebuild()`: the project's bulk path end to end (read the
      listings from the database, build each document with `document_for`, bulk requests of
      1,000, alias swap);
   b. the engine's part alone: the same documents, built beforehand, sent with the same bulk
      helper and chunk size into a fresh index (so a) minus b) is the project's share), and
      again into an index whose text fields are not analysed (the engine's ceiling for these
      documents: no mapping that searches text can index faster).
3. A fixed mix of 1,000 searches through `search.queries.search_listings` (text + two filters
   + every facet, first page of 20) after 20 warm-up searches: p50/p95/p99 of the total time,
   of the engine's `took` and of the overhead (total minus took).

The embedded engine's start-up fill (search.bootstrap.indices_ready) is switched off here:
the benchmark fills the index itself, and measures it. It uses an embedded engine of its own
(state folder var/search_bench-engine), never the one of a site running from this checkout,
and stops it at the end.

Runs:

    # osmem-server (the default: started on demand), on a scratch SQLite database created
    # and migrated by the script (var/search_bench.sqlite3):
    .venv/bin/python benchmarks/search_bench.py

    # on a scratch PostgreSQL database:
    createdb -h 127.0.0.1 -U postgres vntx_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vntx_bench \\
        .venv/bin/python benchmarks/search_bench.py

    # against Elasticsearch 8 (e.g. `docker compose up -d elasticsearch`):
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python benchmarks/search_bench.py

With osmem-server on 2 vCPUs the default run takes ~25 minutes (the engine indexes ~250
docs/s and answers a search in ~1 s at 100,000 documents); `--count 10000` takes ~2 minutes.

Options: --count, --queries (0: indexing only), --seed, --chunk-size (bulk request size,
default 1,000 like index_rebuild), --engine-sample (listings for the build-only and engine-only
measures, 0 to skip), --engine-only (those measures alone: no rebuild, no searches),
--profile (cProfile of the search loop: where the project's time goes), --keep (keep the
indices afterwards), --reuse-index (with a persistent engine such as
Elasticsearch: skip the rebuild when a kept index holds --count documents). The indices use
the prefix "bench" (SEARCH_INDEX_PREFIX overrides it) and are deleted at the end.
Results are recorded by hand in benchmarks/RESULTS.md with the machine's description.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
if not os.environ.get("DATABASE_URL"):
    # Never the development database: a scratch SQLite file next to it.
    os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'search_bench.sqlite3'}"
# A benchmark serves no one: throwaway values for what the settings require as soon as a
# production variable (DATABASE_URL, even a scratch SQLite one) is set.
os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-serves-requests")
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
os.environ.setdefault("SEARCH_INDEX_PREFIX", "bench")
os.environ.setdefault("SEARCH_ENGINE_STATE_DIR", str(ROOT / "var" / "search_bench-engine"))
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

PREFIX = "bench-search-"
TAX_PREFIX = "98"
ORGANISATIONS = 500
WARM_UP = 20
PAGE_SIZE = 20

# --- Text templates ------------------------------------------------------------------------

# (subject, keywords, English gloss)
SUBJECTS = [
    ("xử lý nước thải dệt nhuộm", ["nước thải", "dệt nhuộm"], "textile wastewater treatment"),
    ("xử lý nước thải chăn nuôi", ["nước thải", "chăn nuôi", "biogas"], "livestock wastewater"),
    ("máy sấy nông sản bằng bơm nhiệt", ["máy sấy", "bơm nhiệt"], "heat-pump crop dryer"),
    (
        "sấy cà phê năng lượng mặt trời",
        ["sấy", "cà phê", "năng lượng mặt trời"],
        "solar coffee drying",
    ),
    ("chế phẩm vi sinh cho ao nuôi tôm", ["vi sinh", "nuôi tôm"], "probiotics for shrimp ponds"),
    ("bảo quản thanh long sau thu hoạch", ["thanh long", "bảo quản"], "dragon fruit storage"),
    ("cảm biến độ ẩm đất LoRa", ["cảm biến", "LoRa", "IoT"], "LoRa soil moisture sensor"),
    (
        "nhận dạng chữ viết tay tiếng Việt",
        ["OCR", "trí tuệ nhân tạo"],
        "Vietnamese handwriting OCR",
    ),
    ("vật liệu composite từ xơ dừa", ["composite", "xơ dừa"], "coconut fibre composite"),
    ("chiết xuất tinh dầu quế", ["tinh dầu", "quế"], "cinnamon oil extraction"),
    ("điện mặt trời áp mái có lưu trữ", ["điện mặt trời", "pin lưu trữ"], "rooftop solar storage"),
    ("vắc-xin lở mồm long móng cho gia súc", ["vắc-xin", "gia súc"], "foot-and-mouth vaccine"),
    ("lớp phủ nano bạc kháng khuẩn", ["nano bạc", "kháng khuẩn"], "antibacterial silver coating"),
    ("chip bán dẫn công suất cho xe điện", ["bán dẫn", "xe điện"], "power semiconductors for EVs"),
    (
        "phân bón hữu cơ từ phụ phẩm nông nghiệp",
        ["phân bón hữu cơ", "phụ phẩm"],
        "organic fertiliser",
    ),
    ("giống lúa chịu mặn", ["giống lúa", "chịu mặn"], "salt-tolerant rice"),
    ("số hóa hồ sơ hành chính cấp xã", ["số hóa", "chuyển đổi số"], "digitising records"),
    ("tái chế nhựa thành nhiên liệu", ["tái chế", "nhựa"], "plastic to fuel recycling"),
    ("gạch không nung từ tro xỉ", ["gạch không nung", "tro xỉ"], "unfired bricks from ash"),
    ("robot hàn tự động", ["robot", "tự động hóa"], "automatic welding robot"),
]
OFFER_HEADS = ["Công nghệ", "Quy trình", "Hệ thống", "Thiết bị", "Giải pháp", "Dây chuyền"]
NEED_HEADS = ["Cần công nghệ", "Cần thiết bị", "Tìm giải pháp", "Cần chuyển giao quy trình"]
QUALIFIERS = [
    "quy mô hộ gia đình", "cho hợp tác xã", "tiết kiệm năng lượng", "chi phí thấp",
    "cho khu công nghiệp", "điều khiển qua IoT", "đạt tiêu chuẩn xuất khẩu", "thế hệ mới",
    "cho vùng đồng bằng sông Cửu Long", "cho doanh nghiệp nhỏ và vừa",
]  # fmt: skip
BENEFITS = [
    "giảm 30 % chi phí vận hành", "tăng năng suất gấp đôi", "giảm phát thải khí nhà kính",
    "vận hành đơn giản, bảo trì dễ dàng", "thời gian hoàn vốn dưới hai năm",
    "đáp ứng QCVN hiện hành", "tiết kiệm 40 % điện năng", "chất lượng ổn định giữa các mẻ",
]  # fmt: skip
SENTENCES = [
    "Công nghệ đã được thử nghiệm tại {province} với kết quả ổn định trong hai năm.",
    "Nhóm nghiên cứu hỗ trợ lắp đặt, đào tạo vận hành và bảo hành mười hai tháng.",
    "Thiết bị chế tạo trong nước, linh kiện thay thế sẵn có.",
    "Phù hợp với cơ sở sản xuất có công suất từ 5 đến 50 tấn mỗi ngày.",
    "Kết quả được công bố trên tạp chí khoa học chuyên ngành và đã đăng ký sở hữu trí tuệ.",
    "Doanh nghiệp cần đối tác có kinh nghiệm triển khai tại Việt Nam.",
    "Hồ sơ kỹ thuật gồm bản vẽ, quy trình vận hành và báo cáo thử nghiệm.",
    "Có thể điều chỉnh theo điều kiện thực tế của từng địa phương.",
]
COOPERATION = ["licence", "assignment", "joint_venture", "technical_assistance", "spin_off",
               "rd_cooperation", "equipment_sale"]  # fmt: skip
IP = ["patent_granted", "patent_pending", "utility_solution", "trade_secret", "none"]
ORG_KINDS = ["research_institute", "university", "startup", "enterprise"]

# Query texts: with and without diacritics, English, a typo, one-word and phrases.
QUERY_TEXTS = [
    "xử lý nước thải", "nuoc thai", "máy sấy", "may say nong san", "bơm nhiệt", "cà phê",
    "nuôi tôm", "vi sinh", "thanh long", "cảm biến LoRa", "OCR tiếng Việt", "xơ dừa",
    "tinh dầu quế", "điện mặt trời", "vắc-xin gia súc", "nano bạc", "bán dẫn", "ban dan",
    "phân bón hữu cơ", "lúa chịu mặn", "số hóa", "tái chế nhựa", "gạch không nung",
    "robot hàn", "wastewater treatment", "solar dryer", "shrimp probiotics", "semiconductor",
    "xu ly nuoc thai chan nuoi", "mays sấy", "chuyển đổi số", "tiết kiệm năng lượng",
]  # fmt: skip


def _pick_sectors(rng: random.Random, subject_index: int, sectors: list[str]) -> list[str]:
    base = random.Random(subject_index).sample(sectors, 2)  # each subject's own two sectors
    return base if rng.random() < 0.7 else [base[0], rng.choice(sectors)]


def generate_rows(count: int, seed: int, reference: dict) -> tuple[list[dict], list[dict]]:
    """Organisations and listings as plain dicts (the same for the same seed)."""
    rng = random.Random(seed)
    provinces, exchanges, sectors = (
        reference["provinces"],
        reference["exchanges"],
        reference["sectors"],
    )
    organisations = [
        {
            "name": f"{rng.choice(['Viện', 'Trường Đại học', 'Công ty', 'Trung tâm'])} "
            f"Công nghệ Ứng dụng số {n}",
            "kind": rng.choice(ORG_KINDS),
            "tax_code": f"{TAX_PREFIX}{n:08d}",
            "province": rng.choice(provinces),
            "exchange": rng.choice(exchanges),
            "verified": rng.random() < 0.4,
        }
        for n in range(ORGANISATIONS)
    ]
    now = datetime(2026, 11, 1, tzinfo=UTC)
    listings = []
    for n in range(count):
        is_offer = n % 3 != 2
        index = rng.randrange(len(SUBJECTS))
        subject, keywords, english = SUBJECTS[index]
        head = rng.choice(OFFER_HEADS if is_offer else NEED_HEADS)
        title = f"{head} {subject} {rng.choice(QUALIFIERS)}"
        province_list = rng.sample(provinces, rng.choice([1, 1, 1, 2, 3]))
        summary = (
            f"{head} {subject}: {rng.choice(BENEFITS)}. "
            f"{rng.choice(SENTENCES).format(province=province_list[0])}"
        )
        description = (
            " ".join(
                sentence.format(province=rng.choice(provinces))
                for sentence in rng.sample(SENTENCES, 5)
            )
            + f" ({english}; {rng.choice(BENEFITS)}.)"
        )
        low = rng.randrange(1, 50) * 100_000_000
        price = None if n % 7 == 0 else (low, low * rng.choice([1, 2, 3]))
        listings.append(
            {
                "n": n,
                "kind": "offer" if is_offer else "need",
                "organisation": rng.randrange(ORGANISATIONS),
                "title": title[:200],
                "summary": summary[:600],
                "description": description,
                "keywords": keywords,
                "sectors": _pick_sectors(rng, index, sectors),
                "provinces": province_list,
                "trl": rng.randint(2, 9),
                "ip_status": rng.choice(IP) if is_offer else "",
                "cooperation": rng.sample(COOPERATION, rng.randint(1, 3)),
                "price": price,
                "language": "vi" if n % 10 else "en",
                "published_at": now - timedelta(minutes=n * 3),
            }
        )
    return organisations, listings


def generate_queries(count: int, seed: int, reference: dict) -> list[dict]:
    """Text plus two filters from (province, sector, kind, TRL range, exchange, cooperation,
    verified), seeded; every search computes every facet."""
    rng = random.Random(seed + 1)
    makers = {
        "province": lambda: {"province": rng.choice(reference["provinces"])},
        "sector": lambda: {"sector": rng.choice(reference["sectors"] + reference["fields"])},
        "kind": lambda: {"kind": rng.choice(["offer", "need"])},
        "trl": lambda: {"trl_min": str(rng.randint(2, 6)), "trl_max": str(rng.randint(6, 9))},
        "exchange": lambda: {"exchange": rng.choice(reference["exchanges"])},
        "cooperation": lambda: {"cooperation": rng.choice(COOPERATION)},
        "verified": lambda: {"verified": "true"},
    }
    queries = []
    for _ in range(count):
        params = {"q": rng.choice(QUERY_TEXTS)}
        for name in rng.sample(sorted(makers), 2):
            params.update(makers[name]())
        if rng.random() < 0.2:
            params["sort"] = rng.choice(["newest", "trl"])
        queries.append(params)
    return queries


# --- Database --------------------------------------------------------------------------------


def reference_data() -> dict:
    from marketplace.exchanges.models import Exchange, Province
    from marketplace.reference.models import Sector

    return {
        "provinces": list(Province.objects.order_by("slug").values_list("slug", flat=True)),
        "exchanges": list(Exchange.objects.order_by("code").values_list("code", flat=True)),
        "sectors": list(
            Sector.objects.filter(parent__isnull=False)
            .order_by("code")
            .values_list("code", flat=True)
        ),
        "fields": list(
            Sector.objects.filter(parent__isnull=True)
            .order_by("code")
            .values_list("code", flat=True)
        ),
    }


def ensure_listings(count: int, seed: int, reference: dict) -> tuple[float, bool]:
    """Creates the benchmark's listings unless exactly this set is there already. Returns
    (seconds, created)."""
    from django.db import transaction

    from listings.models import Listing
    from marketplace.accounts.models import Organisation
    from marketplace.core.text import fold_diacritics
    from marketplace.exchanges.models import Exchange, Province

    marker = f"{PREFIX}{seed}-{count - 1:06d}"
    existing = Listing.objects.filter(external_id__startswith=PREFIX)
    if existing.count() == count and existing.filter(external_id=marker).exists():
        return 0.0, False
    started = time.perf_counter()
    existing.delete()
    Organisation.objects.filter(tax_code__startswith=TAX_PREFIX).delete()
    organisations, listings = generate_rows(count, seed, reference)
    provinces = {p.slug: p for p in Province.objects.all()}
    exchanges = {e.code: e for e in Exchange.objects.all()}
    now = datetime.now(UTC)
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(
                kind=o["kind"],
                name=o["name"],
                name_folded=fold_diacritics(o["name"]),
                tax_code=o["tax_code"],
                province=provinces[o["province"]],
                home_exchange=exchanges[o["exchange"]],
                verified_at=now if o["verified"] else None,
            )
            for o in organisations
        )
    SectorLink = Listing.sectors.through
    ProvinceLink = Listing.provinces.through
    province_ids = {slug: p.pk for slug, p in provinces.items()}
    batch = 2000
    for start in range(0, count, batch):
        chunk = listings[start : start + batch]
        with transaction.atomic():
            rows = Listing.objects.bulk_create(
                Listing(
                    kind=item["kind"],
                    organisation=orgs[item["organisation"]],
                    exchange_id=orgs[item["organisation"]].home_exchange_id,
                    external_id=f"{PREFIX}{seed}-{item['n']:06d}",
                    language=item["language"],
                    title=item["title"],
                    summary=item["summary"],
                    description=item["description"],
                    keywords=item["keywords"],
                    trl=item["trl"],
                    ip_status=item["ip_status"],
                    cooperation=item["cooperation"],
                    price_min_vnd=item["price"][0] if item["price"] else None,
                    price_max_vnd=item["price"][1] if item["price"] else None,
                    deadline=(now + timedelta(days=180)).date() if item["kind"] == "need" else None,
                    status=Listing.Status.PUBLISHED,
                    published_at=item["published_at"],
                    expires_at=now + timedelta(days=365),
                    content_updated_at=now,
                )
                for item in chunk
            )
            SectorLink.objects.bulk_create(
                SectorLink(listing_id=row.pk, sector_id=code)
                for row, item in zip(rows, chunk, strict=True)
                for code in dict.fromkeys(item["sectors"])
            )
            ProvinceLink.objects.bulk_create(
                ProvinceLink(listing_id=row.pk, province_id=province_ids[slug])
                for row, item in zip(rows, chunk, strict=True)
                for slug in item["provinces"]
            )
    return time.perf_counter() - started, True


# --- Measures --------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def indexed_count() -> int:
    from search import engine
    from search.documents import KINDS, alias_name

    client = engine.get_client()
    try:
        return sum(client.count(index=alias_name(kind))["count"] for kind in KINDS)
    except Exception:  # noqa: BLE001 - no index yet
        return -1


def measure_rebuild(chunk_size: int) -> tuple[float, int]:
    from search import indexing

    started = time.perf_counter()
    counts = indexing.index_rebuild(chunk_size=chunk_size)
    seconds = time.perf_counter() - started
    return seconds, sum(c["indexed"] for c in counts.values())


def _unanalysed_body() -> dict:
    """The project's index body with every text field stored but not indexed (no analysis):
    what the engine costs for these documents before any text analysis, i.e. its ceiling."""
    from search import indexing

    body = indexing._index_body()
    properties = body["mappings"]["properties"]
    for name, mapping in list(properties.items()):
        if mapping.get("type") == "text":
            properties[name] = {"type": "text", "index": False}
    return body


def measure_engine_bulk(chunk_size: int, sample: int) -> tuple[float, dict[str, float], int]:
    """(seconds building the documents, {mapping: seconds sending them}, documents) for the
    first `sample` listings: the same bulk helper and chunk size as index_rebuild, into fresh
    concrete indices; once with the project's mapping, once with no text analysis."""
    from elasticsearch.helpers import bulk

    from search import engine, indexing
    from search.documents import KINDS, alias_name

    started = time.perf_counter()
    actions = {kind: [] for kind in KINDS}
    queryset = indexing.for_documents(indexing.published_listings()).order_by("pk")[:sample]
    for listing in queryset.iterator(chunk_size=chunk_size):
        actions[listing.kind].append(
            {"_id": str(listing.pk), "_source": indexing.document_for(listing)}
        )
    building = time.perf_counter() - started
    client = engine.get_client()
    bulk_client = indexing.bulk_client()
    timings = {}
    for label, body in (
        ("project mapping", indexing._index_body()),
        ("no text analysis", _unanalysed_body()),
    ):
        sent = 0
        names = []
        started = time.perf_counter()
        for kind in KINDS:
            name = f"{alias_name(kind)}-engine-only"
            client.indices.delete(index=name, ignore_unavailable=True)
            client.indices.create(index=name, **body)
            names.append(name)
            for start in range(0, len(actions[kind]), chunk_size):
                chunk = [
                    {"_index": name, **action}
                    for action in actions[kind][start : start + chunk_size]
                ]
                ok, _errors = bulk(bulk_client, chunk, chunk_size=len(chunk), stats_only=True)
                sent += ok
            client.indices.refresh(index=name)
        timings[label] = time.perf_counter() - started
        for name in names:
            client.indices.delete(index=name, ignore_unavailable=True)
    return building, timings, sent


def measure_queries(queries: list[dict], profile: bool) -> dict:
    """Times each search: the total of search_listings, the engine's `took`, and the HTTP call
    (client.search, which includes the transport and the decoding of the JSON answer), so that
    total - took splits into the call's share beyond `took` and the project's Python."""
    from search import engine
    from search.parameters import SearchQuery
    from search.queries import search_listings

    client = engine.get_client()
    search = client.search
    calls: list[float] = []
    sizes: list[int] = []

    def timed_search(**kwargs):
        t0 = time.perf_counter()
        response = search(**kwargs)
        calls.append((time.perf_counter() - t0) * 1000)
        sizes.append(int(response.meta.headers.get("content-length") or 0))
        return response

    client.search = timed_search  # the cached client that search_listings uses
    try:
        for params in queries[:WARM_UP]:
            search_listings(SearchQuery.from_params(params, page_size=PAGE_SIZE))
        calls.clear()
        sizes.clear()
        rows = {"totals": [], "tooks": [], "overheads": [], "beyond_took": [], "python": []}
        hits = 0
        profiler = cProfile.Profile() if profile else None
        started = time.perf_counter()
        for params in queries:
            if profiler:
                profiler.enable()
            t0 = time.perf_counter()
            result = search_listings(SearchQuery.from_params(params, page_size=PAGE_SIZE))
            total = (time.perf_counter() - t0) * 1000
            if profiler:
                profiler.disable()
            call = calls[-1]
            rows["totals"].append(total)
            rows["tooks"].append(result.took_ms)
            rows["overheads"].append(total - result.took_ms)
            rows["beyond_took"].append(call - result.took_ms)
            rows["python"].append(total - call)
            hits += result.total > 0
        wall = time.perf_counter() - started
    finally:
        del client.search
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(25)
    return {**rows, "with_hits": hits, "wall": wall, "sizes": sizes}


# --- Report ----------------------------------------------------------------------------------


def machine() -> list[str]:
    from django.db import connection

    from search import engine

    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as info:
        ram_kb = int(next(line for line in info if line.startswith("MemTotal")).split()[1])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("select version()")
        else:
            cursor.execute("select 'SQLite ' || sqlite_version()")
        database = cursor.fetchone()[0].split(" on ")[0]
    reachable, detail = engine.engine_ping()
    where = "embedded osmem-server" if engine.uses_embedded_engine() else "ELASTICSEARCH_URL"
    return [
        f"nproc: {len(os.sched_getaffinity(0))}",
        f"CPU: {cpu}",
        f"RAM: {ram_kb / 1024 / 1024:.1f} GiB",
        f"engine: {detail if reachable else 'unreachable: ' + detail} ({where})",
        f"database: {database}",
        f"Python {platform.python_version()}",
        f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument(
        "--engine-sample",
        type=int,
        default=10_000,
        help="documents for the build-only and engine-only measures (default 10,000)",
    )
    parser.add_argument(
        "--engine-only",
        action="store_true",
        help="only the build-only, engine-only and no-analysis measures on --engine-sample",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the search loop")
    parser.add_argument("--keep", action="store_true", help="keep the indices afterwards")
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="skip the rebuild when a kept index (--keep, ELASTICSEARCH_URL) holds --count docs",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from search import bootstrap, engine

    # The benchmark fills the index itself (and measures it): no start-up fill.
    bootstrap.indices_ready = lambda target: None

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
    print("## Machine")
    for line in machine():
        print(f"- {line}")
    print(f"- database URL: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"- index prefix: {settings.SEARCH_INDEX_PREFIX}")

    reference = reference_data()
    seconds, created = ensure_listings(args.count, args.seed, reference)
    if created:
        print(f"\nCreated {args.count:,} listings in {seconds:.1f} s (not a measure).")
    else:
        print(f"\nReusing the {args.count:,} listings of an earlier run (seed {args.seed}).")

    try:
        if args.engine_only:
            pass
        elif args.reuse_index and indexed_count() == args.count:
            print(f"\nReusing the index of an earlier run (--keep): {args.count:,} documents.")
        else:
            print("\n## Bulk indexing")
            seconds, indexed = measure_rebuild(args.chunk_size)
            print(
                f"- index_rebuild (database -> document_for -> bulk of {args.chunk_size} -> "
                f"alias swap): {indexed:,} documents in {seconds:.1f} s = "
                f"{indexed / seconds:,.0f} docs/s"
            )
        if args.engine_sample:
            building, timings, sent = measure_engine_bulk(args.chunk_size, args.engine_sample)
            print(
                f"- building {sent:,} documents alone (database + document_for): "
                f"{building:.1f} s = {sent / building:,.0f} docs/s"
            )
            for label, seconds in timings.items():
                print(
                    f"- engine alone, {label} (prebuilt documents, same bulk helper): "
                    f"{sent:,} documents in {seconds:.1f} s = {sent / seconds:,.0f} docs/s"
                )

        if not args.queries or args.engine_only:
            return
        queries = generate_queries(args.queries, args.seed, reference)
        print(f"\n## Searches ({len(queries):,}: text + two filters + facets, page of {PAGE_SIZE})")
        measured = measure_queries(queries, args.profile)
        print(
            f"- {measured['with_hits']:,} of {len(queries):,} had results; wall time "
            f"{measured['wall']:.1f} s ({len(queries) / measured['wall']:.1f} searches/s, one "
            "client)"
        )
        sizes = measured["sizes"]
        print(
            f"- answer size (JSON): median {percentile(sizes, 50) / 1024:.1f} KiB, "
            f"p95 {percentile(sizes, 95) / 1024:.1f} KiB"
        )
        print("\n| ms | p50 | p95 | p99 | max |")
        print("|---|---|---|---|---|")
        for label, key in (
            ("total (search_listings)", "totals"),
            ("engine `took`", "tooks"),
            ("overhead (total - took)", "overheads"),
            ("- of which the HTTP call beyond `took`", "beyond_took"),
            ("- of which the project's Python", "python"),
        ):
            values = measured[key]
            figures = " | ".join(f"{percentile(values, p):.1f}" for p in (50, 95, 99, 100))
            print(f"| {label} | {figures} |")
        print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not args.keep:
            client = engine.get_client()
            client.indices.delete(
                index=f"{settings.SEARCH_INDEX_PREFIX}-*",
                ignore_unavailable=True,
                allow_no_indices=True,
            )
            if engine.uses_embedded_engine():
                engine.embedded_engine_stop()


if __name__ == "__main__":
    main()
