"""The header's autocomplete combobox (static/js/search.js) and the search page's facets,
chips and sort, in a real browser (English pages). The keyboard contract: ArrowDown/ArrowUp
move the active option (wrapping), Escape closes the list, Enter opens the active option or,
with none active, runs the search.

Indices are this test's own (tests/search/conftest.py's prefix fixture, imported: autouse).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.search.conftest import search_index_prefix  # noqa: F401 - autouse fixture
from tests.search.fixtures_queries import drying_listings

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.search]


def test_autocomplete_keyboard_and_mouse(page):
    drying = drying_listings()
    page.goto("/en/")
    box = page.locator("#site-search")
    listbox = page.locator("#site-search-suggestions")
    options = listbox.locator("[role=option]")

    # The header box is an ARIA combobox
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_attribute("aria-controls", "site-search-suggestions")

    # Typing shows the suggestions (completed titles first, then title words)
    box.fill("máy s")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(options).to_have_count(3)
    expect(options.nth(2)).to_have_text(re.compile(r"^Cần máy sấy thanh long xuất khẩu\s*Need$"))

    # Arrow keys move the active option; Escape closes the list
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-suggestions-0")
    expect(options.nth(0)).to_have_attribute("aria-selected", "true")
    box.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", "site-search-suggestions-2")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    # Enter on an active option opens its listing
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"/en/needs/{drying.c.pk}/$"))

    # Enter without an active option runs the search; facets and chips narrow and widen it
    box = page.locator("#site-search")
    box.fill("sấy")
    box.press("Enter")
    expect(page.locator(".search-total")).to_have_text(re.compile(r"^\s*5 results for “sấy”\s*$"))
    page.get_by_role("link", name=re.compile("Mechanical engineering")).click()
    expect(page.locator(".search-total")).to_have_text(re.compile(r"^\s*1 result for “sấy”\s*$"))
    page.get_by_role("link", name="Remove filter: Sector: Mechanical engineering").click()
    expect(page.locator(".search-total")).to_have_text(re.compile(r"^\s*5 results for “sấy”\s*$"))
    page.select_option("#id_sort", "trl")
    page.get_by_role("button", name="Sort").click()
    expect(page).to_have_url(re.compile(r"/en/search/\?q=s%E1%BA%A5y&sort=trl$"))
    expect(page.locator(".search-hit__title a").first).to_have_text("Lò sấy gỗ rừng trồng")
