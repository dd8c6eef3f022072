"""Benchmark: importing listings from JSON Lines into PostgreSQL (issue 3, goal >= 1,000/s).

Generates N realistic listings deterministically (same seed, same file), then times three
runs of `listings.importing.listings_import` over the file, exactly as `import_listings` reads
it: the first import (everything created), the same file again (everything unchanged), and a
file where every line changed (everything updated). Search indexing is not part of the import.

Use a scratch database, never a real one (the script deletes its own earlier listings, those
whose external id starts with "bench-", and the organisations it created):

    createdb -h 127.0.0.1 -U postgres vntx_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vntx_bench
    SECRET_KEY=bench ALLOWED_HOSTS=localhost .venv/bin/python manage.py migrate
    .venv/bin/python benchmarks/import_listings.py --count 10000

Results are recorded by hand in benchmarks/RESULTS.md with the machine's description.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

PREFIX = "bench-"
TAX_PREFIX = "99"  # tax codes of the organisations the benchmark creates

OFFER_SUBJECTS = [
    ("Lớp phủ nano bạc kháng khuẩn cho thiết bị y tế", ["205", "210"], "nano bạc"),
    ("Chế phẩm vi sinh xử lý nước ao nuôi tôm", ["401", "402"], "thủy sản"),
    ("Dây chuyền sấy cà phê bằng bơm nhiệt", ["202", "401"], "cà phê"),
    ("Giá thể trồng nấm từ rơm rạ", ["401", "404"], "nấm rơm"),
    ("Cảm biến độ ẩm đất LoRa cho vườn cây ăn quả", ["202", "203"], "LoRa"),
    ("Nhận dạng chữ viết tay tiếng Việt trên biểu mẫu (OCR)", ["102", "202"], "OCR"),
    ("Vật liệu composite từ xơ dừa", ["205", "209"], "xơ dừa"),
    ("Quy trình chiết xuất tinh dầu quế", ["206", "401"], "tinh dầu"),
    ("Hệ thống điện mặt trời áp mái có lưu trữ", ["202", "207"], "điện mặt trời"),
    ("Vắc-xin phòng bệnh lở mồm long móng cho gia súc", ["303", "402"], "vắc-xin"),
]
NEED_SUBJECTS = [
    ("Cần công nghệ giảm khí NH3 trong ao nuôi tôm", ["401"], "tôm"),
    ("Cần dây chuyền bảo quản thanh long sau thu hoạch", ["401", "206"], "thanh long"),
    ("Cần giải pháp số hóa hồ sơ giấy tại xã", ["102"], "số hóa"),
    ("Cần xử lý nước thải chế biến mủ cao su", ["205", "206"], "nước thải"),
    ("Cần thiết bị sấy lúa quy mô hợp tác xã", ["202", "401"], "sấy lúa"),
]
PROVINCES = ["ha-noi", "ho-chi-minh", "da-nang", "can-tho", "hue", "hai-phong", "nghe-an",
             "khanh-hoa", "dong-nai", "thai-nguyen", "lam-dong", "dak-lak"]  # fmt: skip
EXCHANGES = ["hanoi", "hcmc", "danang", "cantho", "haiphong", "hue"]
ORG_KINDS = ["research_institute", "university", "startup", "enterprise"]
IP = ["patent_granted", "patent_pending", "utility_solution", "trade_secret", "none"]
COOPERATION = ["licence", "assignment", "joint_venture", "technical_assistance", "spin_off",
               "rd_cooperation", "equipment_sale"]  # fmt: skip


def generate(count: int, *, seed: int = 2026, revision: str = "") -> list[str]:
    """`count` lines of the exchange format, the same for the same seed."""
    rng = random.Random(seed)
    organisations = [
        {
            "name": f"{rng.choice(['Viện', 'Trường Đại học', 'Công ty', 'Trung tâm'])} "
            f"Công nghệ số {n}",
            "kind": rng.choice(ORG_KINDS),
            "tax_code": f"{TAX_PREFIX}{n:08d}",
            "province": rng.choice(PROVINCES),
        }
        for n in range(max(1, count // 20))
    ]
    deadline = (date.today() + timedelta(days=365)).isoformat()
    lines = []
    for n in range(count):
        is_offer = n % 3 != 2
        title, sectors, keyword = rng.choice(OFFER_SUBJECTS if is_offer else NEED_SUBJECTS)
        low = rng.randrange(1, 50) * 100_000_000
        obj = {
            "kind": "offer" if is_offer else "need",
            "external_id": f"{PREFIX}{n:06d}",
            "exchange": rng.choice(EXCHANGES),
            "organisation": rng.choice(organisations),
            "language": "vi" if n % 10 else "en",
            "title": f"{title} — phiên bản {n}{revision}",
            "summary": f"{title}. Đã thử nghiệm tại {rng.choice(PROVINCES)}; sẵn sàng chuyển giao.",
            "description": (
                f"{title}. Mô tả chi tiết: quy trình, thông số kỹ thuật, ưu điểm so với công "
                f"nghệ hiện có và các ứng dụng trong sản xuất. Mã tham chiếu {n}. " * 4
            ),
            "sectors": sectors,
            "keywords": [keyword, "chuyển giao công nghệ"],
            "trl": rng.randint(3, 9),
            "cooperation": rng.sample(COOPERATION, rng.randint(1, 3)),
            "price_vnd": None if n % 7 == 0 else {"min": low, "max": low * 2},
            "provinces": rng.sample(PROVINCES, rng.randint(1, 3)),
        }
        if is_offer:
            obj["ip_status"] = rng.choice(IP)
            obj["ip_numbers"] = [f"1-00{rng.randrange(10000, 99999)}"] if n % 2 else []
        else:
            obj["deadline"] = deadline
        lines.append(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    return lines


def reset() -> None:
    from listings.models import Listing
    from marketplace.accounts.models import Organisation

    Listing.objects.filter(external_id__startswith=PREFIX).delete()
    Organisation.objects.filter(tax_code__startswith=TAX_PREFIX, listings__isnull=True).delete()


def timed_import(path: Path) -> tuple[float, object]:
    from django.conf import settings

    from listings.importing import listings_import, read_lines

    # Search indexing is excluded from the measure: each committed batch announces its
    # listings (listings_changed), and with Celery eager (no broker) search would index them
    # inline here. Nobody listens during the benchmark.
    settings.LISTINGS_CHANGED_HANDLERS = []
    settings.ORGANISATIONS_CHANGED_HANDLERS = []

    with path.open("rb") as stream:
        started = time.perf_counter()
        report = listings_import(lines=read_lines(stream), default_exchange=None)
        return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--allow-sqlite", action="store_true", help="run on SQLite too")
    args = parser.parse_args()

    import django

    # A benchmark serves no one: throwaway values for what the settings require once
    # DATABASE_URL is set.
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-serves-requests")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql" and not args.allow_sqlite:
        sys.exit("Set DATABASE_URL to a scratch PostgreSQL database (see the docstring).")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    reset()
    with tempfile.TemporaryDirectory() as directory:
        first = Path(directory) / "listings.jsonl"
        changed = Path(directory) / "listings-changed.jsonl"
        first.write_text("\n".join(generate(args.count)) + "\n", encoding="utf-8")
        changed.write_text(
            "\n".join(generate(args.count, revision=" (sửa)")) + "\n", encoding="utf-8"
        )
        print(f"file: {args.count} lines, {first.stat().st_size:,} bytes")
        for label, path in (
            ("first import", first),
            ("same file again", first),
            ("every line changed", changed),
        ):
            seconds, report = timed_import(path)
            print(
                f"{label:>20}: {seconds:6.2f} s  {args.count / seconds:8,.0f} listings/s  "
                f"({report.summary})"
            )
    reset()


if __name__ == "__main__":
    main()
