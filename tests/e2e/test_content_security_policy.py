"""The Content-Security-Policy in a real browser: it blocks inline code, the page fixture hears
of every violation (tests/e2e/conftest.py), and the site's pages, as a visitor, a member and a
curator see them, and the admin areas under their relaxed policy cause none."""

import re

import pytest
from django.conf import settings
from django.test import Client
from wagtail.models import Collection, Locale, Page

from tests.e2e.conftest import settle_csp_reports
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

INLINE_CODE = """() => {
  const script = document.createElement("script");
  script.textContent = "document.body.dataset.inlineScript = 'ran'";
  document.body.append(script);
  const box = document.createElement("div");
  box.innerHTML = '<span id="inline-style" style="color: rgb(255, 0, 0)">đỏ</span>';
  document.body.append(box);
}"""


def sign_in(page, live_server, user) -> None:
    """Gives the browser a session of `user` (the log-in form has tests of its own)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def visit(page, paths: list[str], status: int = 200) -> None:
    for path in paths:
        response = page.goto(path)
        assert response.status == status, path
        settle_csp_reports(page)


def test_the_policy_blocks_inline_code_and_the_test_hears_of_it(page, csp_violations):
    page.goto("/")

    page.evaluate(INLINE_CODE)
    settle_csp_reports(page)

    assert page.locator("body").get_attribute("data-inline-script") is None
    color = page.locator("#inline-style").evaluate("span => getComputedStyle(span).color")
    assert color != "rgb(255, 0, 0)"
    reported = sorted(csp_violations)
    csp_violations.clear()  # provoked on purpose: the fixture must not fail the test
    events = [report for report in reported if not report.startswith("console: ")]
    console = [report for report in reported if report.startswith("console: ")]
    assert [event.split(" ", 1)[0] for event in events] == ["script-src-elem", "style-src-attr"]
    # Chromium words these lines differently from one version to the next.
    assert len(console) == 2
    assert all("Content Security Policy directive" in line for line in console)


def test_the_sites_pages_cause_no_violation(page, live_server, csp_violations):
    membership = MembershipFactory(role="owner")
    organisation = membership.organisation
    listing = ListingFactory(organisation=organisation)
    ListingFactory(organisation=organisation, status="submitted", published_at=None)
    curator = ExchangeStaffFactory(exchange=organisation.home_exchange.national_exchange).user
    code = organisation.home_exchange.code

    visit(
        page,
        [
            "/",
            "/en/",
            "/offers/",
            "/needs/",
            listing.get_absolute_url(),
            "/organisations/",
            f"/organisations/{organisation.pk}/",
            "/exchanges/",
            f"/exchanges/{code}/",
            f"/exchanges/{code}/offers/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            # Django REST framework's browsable API, as a browser asks for it.
            "/api/v1/offers/",
            f"/api/v1/offers/{listing.pk}/",
            "/api/v1/exchanges/",
        ],
    )
    visit(page, ["/khong-co-trang-nay/"], status=404)
    # The header's menus and the page's scripts run (vntx.js marks the document).
    assert page.locator("html").get_attribute("class") == "js"
    page.locator("header details.menu summary").first.click()

    sign_in(page, live_server, membership.user)
    visit(
        page,
        [
            "/accounts/profile/",
            "/accounts/api-token/",
            "/accounts/email/",
            "/accounts/password/change/",
            "/listings/mine/",
            "/listings/saved/",
            "/listings/new/offer/",
            f"/listings/{listing.pk}/manage/",
            f"/listings/{listing.pk}/edit/",
            f"/organisations/{organisation.pk}/edit/",
            "/organisations/new/",
            "/search/saved/",
        ],
    )
    visit(page, ["/exchanges/staff/"], status=403)

    sign_in(page, live_server, curator)
    visit(page, ["/exchanges/staff/", "/listings/moderation/", "/staff/listings/import/"])

    settle_csp_reports(page)
    assert csp_violations == []


def test_the_admin_areas_cause_no_violation_under_their_policy(page, live_server, csp_violations):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    # A transactional test's flush removed what Wagtail's migrations made: a locale, the root
    # collection, the page tree's root; and a page to edit.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Trang chủ VNTX", slug="trang-chu-vntx"))
    # Wagtail's dashboard asks releases.wagtail.org for a new version: no internet in tests.
    page.route(re.compile(r"^https://releases\.wagtail\.org/"), lambda route: route.abort())
    sign_in(page, live_server, superuser)

    visit(
        page,
        [
            "/django-admin/",
            "/django-admin/accounts/user/",
            f"/django-admin/accounts/user/{superuser.pk}/change/",
            "/django-admin/exchanges/exchange/",
            "/django-admin/accounts/organisation/add/",
            "/django-admin/django_celery_beat/periodictask/add/",
            "/django-admin/listings/listing/",
            "/cms-admin/",
            f"/cms-admin/pages/{root.pk}/",
            "/cms-admin/images/",
            "/cms-admin/images/multiple/add/",
            "/cms-admin/documents/",
            "/cms-admin/documents/multiple/add/",
            "/cms-admin/users/",
            f"/cms-admin/users/edit/{superuser.pk}/",
            "/cms-admin/redirects/add/",
            "/cms-admin/collections/",
            "/cms-admin/account/",
            f"/cms-admin/pages/{home.pk}/edit/",
        ],
    )

    settle_csp_reports(page)
    assert csp_violations == []
