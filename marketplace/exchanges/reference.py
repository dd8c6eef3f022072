"""The federation's reference data: the provinces table shipped from spec/ and the nodes of
the network. Data migrations and seed_demo load it through `federation_load`, which is
idempotent, so re-running it after editing the table updates rows in place."""

import csv
from pathlib import Path

PROVINCES_TSV = Path(__file__).parent / "data" / "provinces.tsv"

# (code, parent, name_vi, name_en, short_name, provinces served, e-mail, phone, address)
EXCHANGES = [
    ("hanoi", None, "Sàn giao dịch công nghệ quốc gia tại Hà Nội",
     "National Technology Exchange in Hà Nội", "VNTX Hà Nội", None,
     "hanoi@vntx.vn", "024 3943 0000", "Hoàn Kiếm, Hà Nội"),
    ("hcmc", None, "Sàn giao dịch công nghệ quốc gia tại TP. Hồ Chí Minh",
     "National Technology Exchange in Hồ Chí Minh City", "VNTX TP.HCM", None,
     "hcmc@vntx.vn", "028 3822 0000", "Quận 1, TP. Hồ Chí Minh"),
    ("danang", None, "Sàn giao dịch công nghệ quốc gia tại Đà Nẵng",
     "National Technology Exchange in Đà Nẵng", "VNTX Đà Nẵng", None,
     "danang@vntx.vn", "0236 382 0000", "Hải Châu, Đà Nẵng"),
    ("haiphong", "hanoi", "Trung tâm Ứng dụng và Chuyển giao công nghệ Hải Phòng",
     "Hải Phòng Centre for Technology Application and Transfer", "TT Hải Phòng",
     ["hai-phong"], "haiphong@vntx.vn", "0225 384 0000", "Lê Chân, Hải Phòng"),
    ("nghean", "hanoi", "Trung tâm Ứng dụng và Chuyển giao công nghệ Nghệ An",
     "Nghệ An Centre for Technology Application and Transfer", "TT Nghệ An",
     ["nghe-an"], "nghean@vntx.vn", "0238 384 0000", "Vinh, Nghệ An"),
    ("thainguyen", "hanoi", "Trung tâm Ứng dụng và Chuyển giao công nghệ Thái Nguyên",
     "Thái Nguyên Centre for Technology Application and Transfer", "TT Thái Nguyên",
     ["thai-nguyen"], "thainguyen@vntx.vn", "0208 385 0000", "Thái Nguyên"),
    ("cantho", "hcmc", "Trung tâm Ứng dụng và Chuyển giao công nghệ Cần Thơ",
     "Cần Thơ Centre for Technology Application and Transfer", "TT Cần Thơ",
     ["can-tho"], "cantho@vntx.vn", "0292 382 0000", "Ninh Kiều, Cần Thơ"),
    ("dongnai", "hcmc", "Trung tâm Ứng dụng và Chuyển giao công nghệ Đồng Nai",
     "Đồng Nai Centre for Technology Application and Transfer", "TT Đồng Nai",
     ["dong-nai"], "dongnai@vntx.vn", "0251 382 0000", "Biên Hòa, Đồng Nai"),
    ("khanhhoa", "danang", "Trung tâm Ứng dụng và Chuyển giao công nghệ Khánh Hòa",
     "Khánh Hòa Centre for Technology Application and Transfer", "TT Khánh Hòa",
     ["khanh-hoa"], "khanhhoa@vntx.vn", "0258 382 0000", "Nha Trang, Khánh Hòa"),
    ("hue", "danang", "Trung tâm Ứng dụng và Chuyển giao công nghệ Huế",
     "Huế Centre for Technology Application and Transfer", "TT Huế",
     ["hue"], "hue@vntx.vn", "0234 382 0000", "Thuận Hóa, Huế"),
]  # fmt: skip


def province_name_en(name_vi: str, kind: str) -> str:
    """English name from the Vietnamese one: "Thành phố Hà Nội" -> "Hà Nội City"."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if name_vi.startswith(prefix):
            name_vi = name_vi[len(prefix) :]
    return f"{name_vi} {'City' if kind == 'city' else 'Province'}"


def read_provinces() -> list[dict]:
    with PROVINCES_TSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def federation_load(Exchange, Province) -> None:  # noqa: N803 - historical models in migrations
    """Creates or updates the exchanges and provinces (model classes passed in so that data
    migrations can use their historical models)."""
    by_code = {}
    for code, parent, name_vi, name_en, short, _served, email, phone, address in EXCHANGES:
        exchange, _ = Exchange.objects.update_or_create(
            code=code,
            defaults={
                "parent": by_code.get(parent),
                "kind": "local" if parent else "national",
                "name_vi": name_vi,
                "name_en": name_en,
                "short_name": short,
                "email": email,
                "phone": phone,
                "address": address,
            },
        )
        by_code[code] = exchange
    for row in read_provinces():
        Province.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name_vi": row["name_vi"],
                "name_en": province_name_en(row["name_vi"], row["kind"]),
                "kind": row["kind"],
                "default_exchange": by_code[row["default_exchange"]],
                "latitude": row["lat"],
                "longitude": row["lon"],
            },
        )
    for code, parent, *_rest in EXCHANGES:
        served = _rest[3]
        exchange = by_code[code]
        if parent is None:
            exchange.provinces.set(Province.objects.filter(default_exchange=exchange))
        else:
            exchange.provinces.set(Province.objects.filter(slug__in=served))
