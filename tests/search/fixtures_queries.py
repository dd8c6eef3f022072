"""Data for the query, API, page and relevance tests of search.

`index(*listings)` writes listings into the test's own indices (tests/search/conftest.py
gives every test a fresh index prefix); `drying_listings()` builds a small, fully specified
set for filters, facets and sorts; `load_corpus()` loads the relevance corpus.
"""

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from search import indexing
from tests.factories import ListingFactory, OrganisationFactory, exchange, province

CORPUS_FILE = Path(__file__).with_name("relevance_corpus.json")


def index(*listings) -> None:
    """Indexes (or removes, when not published) the listings and makes them searchable."""
    indexing.ensure_indices()
    indexing.listings_upsert([listing.pk for listing in listings])
    indexing.refresh()


@dataclass
class Drying:
    """Six published listings about drying (sấy) and one unrelated, plus a draft.

    key  kind  exchange (national)  sectors   provinces              coop                  trl  price (VND)        IP               verified  age
    a    offer hanoi                203       ha-noi                 licence               7    100M-300M          patent_granted   no        1 day
    b    offer haiphong (hanoi)     211       hai-phong              licence, tech. assist 5    500M-800M          utility_solution yes       2 days
    c    need  hcmc                 401       ho-chi-minh, dong-thap equipment_sale        8    negotiable         -                no        3 days
    d    offer cantho (hcmc)        404       can-tho                joint_venture         9    from 1B            trade_secret     no        4 days
    e    need  danang               211, 401  da-nang                rd_coop., licence     3    up to 200M         -                no        5 days
    f    offer hanoi                403       ha-noi                 assignment            6    500M-1.2B          patent_pending   no        6 days
    draft offer hanoi "Máy sấy ..." (not published: never found)
    """  # noqa: E501

    a: object
    b: object
    c: object
    d: object
    e: object
    f: object
    draft: object

    def key_of(self, pk: int) -> str:
        for key in ("a", "b", "c", "d", "e", "f", "draft"):
            if getattr(self, key).pk == pk:
                return key
        return f"?{pk}"


def drying_listings() -> Drying:
    now = timezone.now()
    hanoi_org = OrganisationFactory(
        name="Viện Cơ điện Nông nghiệp", home_exchange=exchange("hanoi")
    )
    haiphong_org = OrganisationFactory(
        name="Công ty Cơ khí Hải Phòng",
        province=province("hai-phong"),
        home_exchange=exchange("haiphong"),
        verified_at=now,
    )
    south_org = OrganisationFactory(
        name="Hợp tác xã Thanh long Chợ Gạo",
        province=province("ho-chi-minh"),
        home_exchange=exchange("hcmc"),
    )

    def make(age_days: int, **fields):
        return ListingFactory(published_at=now - timedelta(days=age_days), **fields)

    listings = Drying(
        a=make(
            1,
            organisation=hanoi_org,
            exchange=exchange("hanoi"),
            title="Máy sấy nông sản bằng năng lượng mặt trời",
            summary="Máy sấy nông sản quy mô hộ gia đình.",
            description="Buồng sấy dùng nhiệt mặt trời, sấy lúa, ngô và dược liệu.",
            keywords=["máy sấy", "năng lượng mặt trời"],
            sectors=["203"],
            provinces=["ha-noi"],
            cooperation=["licence"],
            trl=7,
            price_min_vnd=100_000_000,
            price_max_vnd=300_000_000,
            ip_status="patent_granted",
        ),
        b=make(
            2,
            organisation=haiphong_org,
            exchange=exchange("haiphong"),
            title="Máy sấy cà phê bằng bơm nhiệt",
            summary="Sấy cà phê nhân ở nhiệt độ thấp, giữ hương.",
            description="Bơm nhiệt tuần hoàn khí khô; tiết kiệm 40 % điện năng.",
            keywords=["sấy cà phê", "bơm nhiệt"],
            sectors=["211"],
            provinces=["hai-phong"],
            cooperation=["licence", "technical_assistance"],
            trl=5,
            price_min_vnd=500_000_000,
            price_max_vnd=800_000_000,
            ip_status="utility_solution",
        ),
        c=make(
            3,
            kind="need",
            organisation=south_org,
            exchange=exchange("hcmc"),
            title="Cần máy sấy thanh long xuất khẩu",
            summary="Hợp tác xã cần công nghệ sấy dẻo thanh long.",
            description="Công suất 2 tấn quả tươi mỗi ngày.",
            keywords=["thanh long", "sấy dẻo"],
            sectors=["401"],
            provinces=["ho-chi-minh", "dong-thap"],
            cooperation=["equipment_sale"],
            trl=8,
            price_min_vnd=None,
            price_max_vnd=None,
        ),
        d=make(
            4,
            organisation=south_org,
            exchange=exchange("cantho"),
            title="Lò sấy gỗ rừng trồng",
            summary="Lò sấy gỗ keo và bạch đàn bằng hơi nước.",
            description="Giảm nứt và cong vênh gỗ sau sấy.",
            keywords=["sấy gỗ"],
            sectors=["404"],
            provinces=["can-tho"],
            cooperation=["joint_venture"],
            trl=9,
            price_min_vnd=1_000_000_000,
            price_max_vnd=None,
            ip_status="trade_secret",
        ),
        e=make(
            5,
            kind="need",
            organisation=south_org,
            exchange=exchange("danang"),
            title="Cần công nghệ sấy lạnh trái cây",
            summary="Tìm công nghệ sấy lạnh xoài và mít.",
            description="Sản phẩm giữ màu và vitamin.",
            keywords=["sấy lạnh"],
            sectors=["211", "401"],
            provinces=["da-nang"],
            cooperation=["rd_cooperation", "licence"],
            trl=3,
            price_min_vnd=None,
            price_max_vnd=200_000_000,
        ),
        f=make(
            6,
            organisation=hanoi_org,
            exchange=exchange("hanoi"),
            title="Vắc xin cúm gia cầm H5N1",
            summary="Vắc xin vô hoạt cho gà và vịt.",
            description="Sản xuất trên phôi trứng, bảo hộ 6 tháng.",
            keywords=["vắc xin", "gia cầm"],
            sectors=["403"],
            provinces=["ha-noi"],
            cooperation=["assignment"],
            trl=6,
            ip_status="patent_pending",
        ),
        draft=ListingFactory(
            organisation=hanoi_org,
            exchange=exchange("hanoi"),
            title="Máy sấy bản nháp chưa đăng",
            status="draft",
            published_at=None,
        ),
    )
    index(listings.a, listings.b, listings.c, listings.d, listings.e, listings.f, listings.draft)
    return listings


def corpus_entries() -> list[dict]:
    return json.loads(CORPUS_FILE.read_text(encoding="utf-8"))["listings"]


def load_corpus() -> dict:
    """Creates every corpus listing (published) and indexes them; returns {key: listing}."""
    organisation = OrganisationFactory(name="Viện Nghiên cứu Ứng dụng Công nghệ")
    now = timezone.now()
    listings = {}
    for entry in corpus_entries():
        listings[entry["key"]] = ListingFactory(
            organisation=organisation,
            kind=entry["kind"],
            language=entry["language"],
            title=entry["title"],
            summary=entry["summary"],
            description=entry["description"],
            keywords=entry["keywords"],
            sectors=entry["sectors"],
            trl=entry["trl"],
            published_at=now - timedelta(days=entry["age_days"]),
        )
    index(*listings.values())
    return listings
