"""A small matched world for the matching tests: a Vietnamese need about shrimp-pond water,
the English offer that solves it, an unrelated offer, a spin-off offer and an investor whose
declared interests fit it. `matching_world()` builds it and runs the full recompute."""

from dataclasses import dataclass

import pytest

from listings.models import Listing
from marketplace.accounts.models import Organisation
from marketplace.exchanges.models import Province
from matching import services
from tests.factories import (
    ListingFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    province,
)


@dataclass
class World:
    need: Listing
    offer: Listing
    unrelated: Listing
    spin_off: Listing
    investor: Organisation
    need_owner: object
    offer_owner: object


def make_need(**fields) -> Listing:
    defaults = {
        "kind": "need",
        "organisation": OrganisationFactory(
            kind=Organisation.Kind.ENTERPRISE, province=province("ca-mau")
        ),
        "title": "Tìm công nghệ xử lý nước ao nuôi tôm thẻ chân trắng không thay nước",
        "summary": "Ao nuôi tôm bị tăng khí độc amoniac, cần giải pháp lọc sinh học tuần hoàn.",
        "description": "Trang trại 20 ha ở Bạc Liêu cần hệ thống xử lý nước ao nuôi tôm.",
        "keywords": ["nuôi tôm", "xử lý nước"],
        "trl": 6,
        "ip_status": "",
        "price_min_vnd": 500_000_000,
        "price_max_vnd": 1_500_000_000,
        "sectors": ["405"],
        "provinces": ["ca-mau"],
    }
    return ListingFactory(**{**defaults, **fields})


def make_offer(**fields) -> Listing:
    defaults = {
        "kind": "offer",
        "organisation": OrganisationFactory(province=province("ca-mau")),
        "language": "en",
        "title": "Recirculating biofilter for white-leg shrimp pond water treatment",
        "summary": "A biological filter that removes ammonia from shrimp ponds without daily "
        "water exchange.",
        "description": "Bacteria on floating media convert ammonia and nitrite in shrimp ponds.",
        "keywords": ["shrimp farming", "water treatment"],
        "trl": 7,
        "price_min_vnd": 900_000_000,
        "price_max_vnd": 1_200_000_000,
        "sectors": ["405"],
        "provinces": ["ca-mau"],
    }
    return ListingFactory(**{**defaults, **fields})


def matching_world() -> World:
    need = make_need()
    offer = make_offer()
    unrelated = make_offer(
        organisation=OrganisationFactory(),
        language="vi",
        title="Phần mềm quản lý thư viện số cho trường đại học",
        summary="Hệ thống mượn trả sách và tra cứu tài liệu số cho sinh viên.",
        description="Phần mềm quản lý thư viện chạy trên nền web.",
        keywords=["thư viện", "phần mềm"],
        sectors=["102"],
        provinces=["ha-noi"],
    )
    spin_off = make_offer(
        organisation=OrganisationFactory(),
        language="vi",
        title="Vật liệu nano bạc kháng khuẩn cho vải y tế",
        summary="Dung dịch nano bạc bám chắc trên vải, diệt khuẩn sau nhiều lần giặt.",
        description="Viện tìm đối tác thành lập doanh nghiệp spin-off để thương mại hóa.",
        keywords=["nano bạc", "kháng khuẩn"],
        cooperation=["spin_off", "licence"],
        sectors=["210"],
        provinces=["ha-noi"],
    )
    investor = OrganisationFactory(
        kind=Organisation.Kind.INVESTOR,
        name="Quỹ Đầu tư Vật liệu Mới",
        description="Quỹ đầu tư vào doanh nghiệp spin-off về vật liệu nano và vật liệu y sinh.",
        interest_spin_off=True,
        interest_min_trl=5,
        interest_ticket_min_vnd=500_000_000,
        interest_ticket_max_vnd=3_000_000_000,
    )
    investor.interest_sectors.set(["210"])
    investor.interest_provinces.set(Province.objects.filter(slug="ha-noi"))
    need_owner = UserFactory()
    MembershipFactory(user=need_owner, organisation=need.organisation)
    offer_owner = UserFactory()
    MembershipFactory(user=offer_owner, organisation=offer.organisation)
    services.suggestions_recompute_all()
    return World(need, offer, unrelated, spin_off, investor, need_owner, offer_owner)


@pytest.fixture
def world(db) -> World:
    return matching_world()
