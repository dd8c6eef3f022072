"""The foundation's pages in a real browser: language, navigation, log-in, directory."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD, MembershipFactory, OrganisationFactory, province

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_is_vietnamese_and_the_language_switcher_keeps_the_page(page):
    page.goto("/exchanges/hanoi/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("h1")).to_contain_text("Sàn giao dịch công nghệ quốc gia tại Hà Nội")

    page.locator("header select[name=language]").select_option("en")
    page.locator("header form[action*='setlang'] button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/en/exchanges/hanoi/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("National Technology Exchange in Hà Nội")


def test_member_logs_in_and_finds_an_organisation_without_diacritics(page):
    member = MembershipFactory(
        role="owner",
        organisation=OrganisationFactory(
            name="Viện Công nghệ Sinh học Đồng Nai", province=province("dong-nai")
        ),
    )
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("E-mail", re.I)).fill(member.user.email)
    page.get_by_label(re.compile("Mật khẩu", re.I)).first.fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))

    # The header box searches listings (search:page); the directory has its own search.
    page.goto("/organisations/")
    page.locator("main input[name=q]").fill("vien cong nghe sinh hoc dong nai")
    page.locator("main input[name=q]").press("Enter")

    expect(page.get_by_role("link", name="Viện Công nghệ Sinh học Đồng Nai")).to_be_visible()
