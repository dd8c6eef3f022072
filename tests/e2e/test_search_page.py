"""The search page in a real browser (Vietnamese, the default language): text without
diacritics, highlighted results, a facet and its chip, the header's autocomplete, and saving
a search.

The listings are indexed through search.indexing into indices of this test's own prefix
(tests/search/conftest.py's fixture, imported here: autouse in this module); the live server
runs in this process, so it searches the same embedded engine and prefix.
"""

import re

import pytest
from playwright.sync_api import expect

from search import indexing
from search.models import SavedSearch
from tests.factories import (
    TEST_PASSWORD,
    ListingFactory,
    OrganisationFactory,
    UserFactory,
    exchange,
    province,
)
from tests.search.conftest import search_index_prefix  # noqa: F401 - autouse fixture

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.search]

PROVINCE = "Tỉnh/thành phố"  # the province facet's heading
HANOI = "Thành phố Hà Nội"


def _corpus() -> dict:
    """Five published listings, three of them about wastewater (nước thải), and a draft."""
    hanoi_org = OrganisationFactory(name="Viện Môi trường Hà Nội")
    south_org = OrganisationFactory(
        name="Công ty Môi trường Sài Gòn",
        province=province("ho-chi-minh"),
        home_exchange=exchange("hcmc"),
    )
    listings = {
        "textile": ListingFactory(
            organisation=hanoi_org,
            title="Xử lý nước thải dệt nhuộm bằng vi sinh",
            summary="Công nghệ vi sinh xử lý nước thải dệt nhuộm, giảm 90 % độ màu.",
            keywords=["nước thải", "dệt nhuộm"],
            provinces=["ha-noi"],
        ),
        "livestock": ListingFactory(
            organisation=hanoi_org,
            title="Hệ thống xử lý nước thải chăn nuôi heo",
            summary="Biogas kết hợp lọc sinh học cho trang trại.",
            keywords=["nước thải", "chăn nuôi"],
            provinces=["ha-noi"],
        ),
        "seafood": ListingFactory(
            kind="need",
            organisation=south_org,
            title="Cần công nghệ xử lý nước thải chế biến thủy sản",
            summary="Nhà máy cần xử lý 500 m³ nước thải mỗi ngày.",
            keywords=["nước thải", "thủy sản"],
            provinces=["ho-chi-minh"],
        ),
        "dryer": ListingFactory(
            organisation=hanoi_org,
            title="Máy sấy cà phê bằng bơm nhiệt",
            summary="Sấy cà phê nhân ở nhiệt độ thấp.",
            keywords=["máy sấy"],
            provinces=["dak-lak"],
        ),
        "nano": ListingFactory(organisation=hanoi_org, title="Lớp phủ nano bạc kháng khuẩn"),
    }
    ListingFactory(title="Bản nháp xử lý nước thải", status="draft", published_at=None)
    indexing.index_rebuild()  # every published listing, into this test's indices
    return listings


def test_search_facets_chips_and_autocomplete(page):
    listings = _corpus()

    # Given the search page, when one types "nuoc thai" (no diacritics) and submits
    page.goto("/search/")
    box = page.get_by_role("main").get_by_role("searchbox")
    box.fill("nuoc thai")
    box.press("Enter")

    # Then the three wastewater listings are shown, with the matched words marked
    expect(page).to_have_url(re.compile(r"/search/\?q=nuoc\+thai$"))
    titles = page.locator(".search-hit__title")
    expect(titles).to_have_count(3)
    for key in ("textile", "livestock", "seafood"):
        expect(page.get_by_role("link", name=listings[key].title)).to_be_visible()
    expect(page.get_by_role("link", name=listings["dryer"].title)).to_have_count(0)
    expect(page.get_by_role("link", name="Bản nháp xử lý nước thải")).to_have_count(0)
    marks = page.get_by_role("main").locator(".search-hit__title mark")
    expect(marks.first).to_be_visible()
    assert {text.lower() for text in marks.all_inner_texts()} == {"nước", "thải"}
    total = page.get_by_role("main").get_by_role("status")
    expect(total).to_have_text(re.compile(r"^\s*3\b"))

    # When one picks the province Hà Nội in the facets
    facet = page.get_by_role("region", name=PROVINCE)
    hanoi = facet.get_by_role("link", name=re.compile(rf"^{HANOI} 2$"))
    expect(hanoi).to_be_visible()
    hanoi.click()

    # Then the count drops to the two listings there, and a chip shows the filter
    expect(page).to_have_url(re.compile(r"province=ha-noi"))
    expect(total).to_have_text(re.compile(r"^\s*2\b"))
    expect(titles).to_have_count(2)
    expect(page.get_by_role("link", name=listings["seafood"].title)).to_have_count(0)
    chip = page.locator(".search-chips").get_by_role("link", name=re.compile(HANOI))
    expect(chip).to_have_count(1)
    expect(facet.get_by_role("link", name=re.compile(HANOI))).to_have_attribute(
        "aria-current", "true"
    )

    # When the chip is removed, the three results are back and the chip is gone
    chip.click()
    expect(page).to_have_url(re.compile(r"/search/\?q=nuoc\+thai$"))
    expect(total).to_have_text(re.compile(r"^\s*3\b"))
    expect(page.locator(".search-chips")).to_have_count(0)

    # When one types a prefix in the header's search box, suggestions are listed
    header_box = page.get_by_role("banner").get_by_role("search").get_by_role("combobox")
    header_box.fill("")
    header_box.press_sequentially("he thong xu")
    suggestions = page.get_by_role("listbox")
    expect(suggestions).to_be_visible()
    options = suggestions.get_by_role("option")
    expect(options.first).to_contain_text(listings["livestock"].title)
    expect(header_box).to_have_attribute("aria-expanded", "true")

    # and ArrowDown + Enter opens the first suggestion's listing
    header_box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    header_box.press("Enter")
    expect(page).to_have_url(re.compile(rf"/offers/{listings['livestock'].pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(listings["livestock"].title)


def test_a_signed_in_user_saves_the_search(page):
    _corpus()
    user = UserFactory(full_name="Phạm Minh Anh")
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("E-mail", re.I)).fill(user.email)
    page.get_by_label(re.compile("Mật khẩu", re.I)).first.fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))

    # Given a search with a filter
    page.goto("/search/?q=nuoc+thai&province=ha-noi")

    # When the user saves it under a name
    page.get_by_text("Lưu tìm kiếm này").click()
    name = page.get_by_label("Tên tìm kiếm đã lưu")
    expect(name).to_have_value("nuoc thai")
    name.fill("Nước thải ở Hà Nội")
    page.locator(".save-search__form").get_by_role("button", name="Lưu").click()

    # Then the saved searches page lists it, in words, with a link that runs it
    expect(page).to_have_url(re.compile(r"/search/saved/$"))
    expect(page.get_by_role("heading", name="Nước thải ở Hà Nội")).to_be_visible()
    expect(page.get_by_text("Từ khóa: “nuoc thai”")).to_be_visible()
    expect(page.get_by_text(f"{PROVINCE}: {HANOI}")).to_be_visible()
    saved = SavedSearch.objects.get(user=user)
    assert saved.query_string == "q=nuoc+thai&province=ha-noi"

    # (the name's visually hidden part is a block for the accessibility tree: a space before it)
    run = page.get_by_role("link", name=re.compile(r"^Chạy tìm kiếm này\s*: Nước thải ở Hà Nội$"))
    run.click()
    expect(page).to_have_url(re.compile(r"/search/\?q=nuoc\+thai&province=ha-noi$"))
    expect(page.get_by_role("main").get_by_role("status")).to_have_text(re.compile(r"^\s*2\b"))
