"""Finding listings by the name of the organisation that published them.

Users look for an institute by its name, typed with or without diacritics. The name is
searched like the listing's texts with a weight below the title's, and a text that is exactly
an organisation's whole name puts that organisation's listings first. Part of a name is a
subject like any other: a listing about it ranks above one whose organisation merely bears
it in its name.
"""

import unicodedata

import pytest

from search.parameters import SearchQuery
from search.queries import search_listings
from tests.factories import ListingFactory, OrganisationFactory
from tests.search.fixtures_queries import index

pytestmark = pytest.mark.django_db

BIOTECH = {"biotech-compost", "biotech-orchid", "biotech-fermenter"}


@pytest.fixture
def listings():
    """Listings of four organisations whose names share words with each other and with
    other listings' titles; every listing's own text avoids its organisation's name."""
    biotech = OrganisationFactory(name="Viện Công nghệ Sinh học")
    environment = OrganisationFactory(name="Viện Công nghệ Môi trường")
    tropical = OrganisationFactory(name="Viện Sinh học Nhiệt đới")
    fishery = OrganisationFactory(name="Công ty Cổ phần Thủy sản Cà Mau", kind="enterprise")

    def make(organisation, title, summary, description, kind="offer", **fields):
        return ListingFactory(
            organisation=organisation,
            kind=kind,
            title=title,
            summary=summary,
            description=description,
            keywords=[],
            **fields,
        )

    made = {
        "biotech-compost": make(
            biotech,
            "Chế phẩm vi sinh ủ phân hữu cơ từ phụ phẩm nông nghiệp",
            "Rút ngắn thời gian ủ rơm rạ và vỏ cà phê xuống ba tuần.",
            "Tổ hợp chủng nấm và vi khuẩn phân giải xenlulo, dạng bột khô bảo quản 12 tháng.",
        ),
        "biotech-orchid": make(
            biotech,
            "Quy trình nhân giống lan kim tuyến in vitro",
            "Cây giống sạch bệnh, tỷ lệ sống khi ra vườn trên 90 %.",
            "Môi trường nuôi cấy mô tối ưu cho giai đoạn tạo chồi và ra rễ.",
        ),
        "biotech-fermenter": make(
            biotech,
            "Cần hệ thống lên men quy mô pilot 500 lít",
            "Tìm nhà cung cấp nồi lên men có điều khiển nhiệt độ và pH.",
            "Dùng để sản xuất thử enzyme cho thức ăn chăn nuôi.",
            kind="need",
        ),
        "biotech-draft": make(
            biotech,
            "Bản nháp chưa đăng về enzyme",
            "Chưa gửi duyệt.",
            "Chưa gửi duyệt.",
            status="draft",
            published_at=None,
        ),
        "environment-filter": make(
            environment,
            "Bể lọc sinh học xử lý nước thải làng nghề",
            "Giảm 85 % COD cho nước thải chế biến nông sản.",
            "Giá thể vi sinh chuyển động, vận hành đơn giản, chi phí thấp.",
        ),
        "tropical-nematode": make(
            tropical,
            "Chế phẩm sinh học phòng trừ tuyến trùng hại cà phê",
            "Nấm đối kháng thay thuốc hóa học trong vườn cà phê.",
            "Sản xuất trên giá thể gạo, mật độ bào tử cao.",
        ),
        "fishery-shrimp": make(
            fishery,
            "Cần công nghệ sinh học xử lý nước ao nuôi tôm",
            "Giảm khí độc NH3 và H2S trong ao nuôi tôm thẻ chân trắng.",
            "Ao nuôi 5.000 m², nuôi hai vụ mỗi năm.",
            kind="need",
        ),
        "fishery-sensor": make(
            fishery,
            "Cảm biến quan trắc môi trường nước ao nuôi",
            "Đo oxy hòa tan, pH và nhiệt độ, báo về điện thoại.",
            "Pin mặt trời, truyền dữ liệu qua mạng di động.",
            kind="need",
        ),
    }
    index(*made.values())
    return {listing.pk: key for key, listing in made.items()}


def ranking(listings, text: str) -> list[str]:
    result = search_listings(SearchQuery(text=text, page_size=50))
    return [listings[hit.id] for hit in result.hits]


@pytest.mark.parametrize(
    "text",
    [
        "Viện Công nghệ Sinh học",
        "viện công nghệ sinh học",
        "vien cong nghe sinh hoc",
        "VIEN CONG NGHE SINH HOC",
        unicodedata.normalize("NFD", "Viện Công nghệ Sinh học"),
    ],
)
def test_the_name_of_an_institute_finds_its_published_listings_first(listings, text):
    # Given listings of the institute, of institutes with similar names, and a listing with
    # "công nghệ sinh học" in its title
    # When its name is searched, with or without diacritics
    found = ranking(listings, text)

    # Then its three published listings come first (its draft never)
    assert set(found[:3]) == BIOTECH, found
    assert "biotech-draft" not in found
    # and the title that holds most of the name ranks right after them
    assert found[3] == "fishery-shrimp", found


@pytest.mark.parametrize("text", ["Thủy sản Cà Mau", "thuy san ca mau"])
def test_part_of_a_name_finds_exactly_that_organisations_listings(listings, text):
    assert sorted(ranking(listings, text)) == ["fishery-sensor", "fishery-shrimp"]


def test_part_of_a_name_that_is_a_subject_ranks_the_listing_about_it_first(listings):
    # "công nghệ sinh học" is in the fishery's need's title and in the institute's name
    found = ranking(listings, "công nghệ sinh học")

    assert found[0] == "fishery-shrimp", found
    assert set(found[1:]) >= BIOTECH, found


def test_a_title_outranks_an_organisation_name_with_the_same_words(listings):
    # "môi trường" is in one listing's title and in another's organisation name (and in the
    # description of a third): the title ranks first, then the name
    assert ranking(listings, "môi trường")[:2] == ["fishery-sensor", "environment-filter"]
