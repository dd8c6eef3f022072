"""The matching engine's pages in a real browser (Vietnamese, the default language): the need's
owner hides the suggested offer from the need's page, and a curator introduces the pair from
the brokers' page; at phone width the suggestions page keeps to the screen."""

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from matching.models import Suggestion
from matching.templatetags.matching_tags import SECTION_TEXTS
from tests.e2e.test_content_security_policy import sign_in
from tests.factories import ExchangeStaffFactory
from tests.matching.conftest import matching_world

pytestmark = pytest.mark.django_db(transaction=True)


def the_transfer(world) -> Suggestion:
    return Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER, need=world.need, offer=world.offer)


def test_the_need_owner_hides_the_suggested_offer_from_the_need_page(page, live_server):
    world = matching_world()
    suggestion = the_transfer(world)
    sign_in(page, live_server, world.need_owner)
    with translation.override("vi"):
        heading = str(SECTION_TEXTS["offers"][0])

    page.goto(world.need.get_absolute_url())

    offers = page.locator("#suggestions-offers")
    expect(offers.get_by_role("heading", level=2)).to_have_text(heading)
    item = offers.locator(f"#suggestion-{suggestion.pk}")
    expect(item.get_by_role("link", name=world.offer.title)).to_be_visible()
    expect(item.locator(".match-score__text")).to_contain_text(f"{round(suggestion.score * 100)}%")

    item.locator(f"#id_reason_{suggestion.pk}").select_option("already_known")
    item.locator("form.match-dismiss button[type=submit]").click()

    expect(page.locator(".alert--success")).to_contain_text(world.offer.title)
    expect(page.locator("#suggestions-offers .match-item")).to_have_count(0)
    expect(page.get_by_role("link", name=world.offer.title)).to_have_count(0)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.dismiss_reason) == ("dismissed", "already_known")

    # The hidden one waits under "dismissed", at phone width within the screen.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/matching/suggestions/?status=dismissed")
    expect(page.locator(f"#suggestion-{suggestion.pk}")).to_be_visible()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_a_curator_introduces_the_two_sides_from_the_brokers_page(page, live_server):
    world = matching_world()
    suggestion = the_transfer(world)
    curator = ExchangeStaffFactory(exchange=world.need.exchange, role="curator").user
    sign_in(page, live_server, curator)

    page.goto("/")
    page.locator(".header-account summary").click()
    page.locator(".header-account a[href='/matching/open-matches/']").click()

    item = page.locator(f"#suggestion-{suggestion.pk}")
    expect(item.get_by_role("link", name=world.offer.title)).to_be_visible()
    item.locator("details.match-introduce > summary").click()
    item.locator(f"#id_message_{suggestion.pk}").fill("Hai bên nên gặp nhau tại Cà Mau.")
    item.locator("form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/matching/open-matches/")
    expect(page.locator(".alert--success")).to_be_visible()
    expect(page.locator(f"#suggestion-{suggestion.pk}")).to_have_count(0)
    [email] = mail.outbox
    assert email.to == sorted([world.need_owner.email, world.offer_owner.email])
    assert "Hai bên nên gặp nhau tại Cà Mau." in email.body
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.CONTACTED
