"""The matching engine's pages through the test client, on the matched world of conftest.py:
the suggestion sections of listing pages (visitors and owners), a member's suggestions with
their feedback (contact, hide, show again), the brokers' page and its introduction e-mail,
the staff report on dismissals, the header links, and bad input (unknown reasons, other
organisations' suggestions, partner suggestions for Contact, long messages, odd ids): a clear
answer, never a 500."""

import re
from html import escape

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from listings.models import ListingInterest
from marketplace.exchanges.models import Exchange
from matching.models import Suggestion
from tests.factories import ExchangeStaffFactory, ListingFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MY_SUGGESTIONS = "/matching/suggestions/"
BROKER = "/matching/open-matches/"
REPORT = "/matching/report/"


# --- helpers ------------------------------------------------------------------------------------


def html(response) -> str:
    return response.content.decode()


def section(body: str, name: str) -> str:
    """The HTML of one suggestion section of a listing page ("" when the page has none)."""
    match = re.search(rf'<section[^>]*id="suggestions-{name}".*?</section>', body, re.S)
    return match.group(0) if match else ""


def item_ids(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li class="match-item" id="suggestion-(\d+)"', body)]


def transfer(world) -> Suggestion:
    return Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER, need=world.need, offer=world.offer)


def partner(world) -> Suggestion:
    return Suggestion.objects.get(kind=Suggestion.Kind.PARTNER, offer=world.spin_off)


def sent_messages(response) -> list:
    return list(get_messages(response.wsgi_request))


def stranger():
    """A member of an organisation that owns no listing of the world."""
    return MembershipFactory().user


def curator_of(exchange_obj, role="curator"):
    return ExchangeStaffFactory(exchange=exchange_obj, role=role).user


def another_exchange(world) -> Exchange:
    """A national exchange whose scope holds none of the pair's listings."""
    national = {e.parent_id or e.pk for e in (world.need.exchange, world.offer.exchange)}
    return Exchange.objects.filter(parent=None).exclude(pk__in=national).first()


def reasons(suggestion: Suggestion, language: str) -> list[str]:
    return [reason[language] for reason in suggestion.reasons]


def dismiss(client, suggestion, reason="not_relevant", next_url=""):
    return client.post(
        f"{MY_SUGGESTIONS}{suggestion.pk}/dismiss/", {"reason": reason, "next": next_url}
    )


def test_the_world_has_one_transfer_and_one_partner_suggestion(world):
    # What the other tests rely on.
    assert Suggestion.objects.count() == 2
    assert transfer(world).status == Suggestion.Status.NEW
    assert partner(world).organisation == world.investor
    assert len(transfer(world).reasons) > 3
    assert not Suggestion.objects.filter(offer=world.unrelated).exists()


# --- listing pages ------------------------------------------------------------------------------


def test_a_visitor_reads_on_the_need_page_the_offer_that_could_meet_it(client, world):
    suggestion = transfer(world)
    body = html(client.get(world.need.get_absolute_url()))

    offers = section(body, "offers")
    assert item_ids(offers) == [suggestion.pk]
    assert f'<a href="{world.offer.get_absolute_url()}" lang="en">{world.offer.title}</a>' in offers
    assert escape(world.offer.organisation.name) in offers
    assert f'value="{round(suggestion.score * 100)}"' in offers  # the bar
    assert f"{round(suggestion.score * 100)}%" in offers  # and its text
    # The top three reasons in Vietnamese, not the others, no explanation, no actions.
    shown = reasons(suggestion, "vi")
    for reason in shown[:3]:
        assert escape(reason) in offers
    for reason in shown[3:]:
        assert escape(reason) not in offers
    assert "match-explain" not in offers
    assert "/dismiss/" not in body and "/contact/" not in body
    assert world.unrelated.title not in body
    assert section(body, "needs") == "" and section(body, "partners") == ""


def test_the_reasons_follow_the_language_of_the_page(client, world):
    suggestion = transfer(world)
    body = html(client.get(f"/en{world.need.get_absolute_url()}"))
    offers = section(body, "offers")
    for reason in reasons(suggestion, "en")[:3]:
        assert escape(reason) in offers
    # The English offer is not marked as foreign on the English page.
    assert f'<a href="/en/offers/{world.offer.pk}/">{world.offer.title}</a>' in offers


def test_the_offer_page_lists_the_needs_it_could_serve_and_no_partners_section(client, world):
    body = html(client.get(world.offer.get_absolute_url()))
    assert item_ids(section(body, "needs")) == [transfer(world).pk]
    assert escape(world.need.title) in section(body, "needs")
    assert section(body, "partners") == ""  # a licence offer, not open to a spin-off


def test_a_spin_off_offer_shows_its_potential_partners_and_an_empty_state(client, world):
    response = client.get(world.spin_off.get_absolute_url())
    body = html(response)
    partners = section(body, "partners")
    assert item_ids(partners) == [partner(world).pk]
    assert f'href="/organisations/{world.investor.pk}/"' in partners
    assert escape(world.investor.name) in partners
    # No need matches the spin-off offer: one sentence, no list.
    needs = section(body, "needs")
    sections = {s.name: s for s in response.context["sections"]}
    assert sections["needs"].items == []
    assert escape(str(sections["needs"].empty)) in needs
    assert "<ul" not in needs


def test_an_unpublished_listing_shows_no_suggestions_even_to_its_owner(client, world):
    world.need.status = "draft"
    world.need.save(update_fields=["status"])
    client.force_login(world.need_owner)
    body = html(client.get(world.need.get_absolute_url()))
    assert 'id="suggestions"' not in body
    assert world.offer.title not in body


def test_the_owner_reads_the_full_explanation_and_gets_the_actions(client, world):
    suggestion = transfer(world)
    client.force_login(world.need_owner)
    offers = section(html(client.get(world.need.get_absolute_url())), "offers")

    for reason in reasons(suggestion, "vi"):
        assert escape(reason) in offers
    assert 'class="match-explain"' in offers
    assert offers.count("<dt>") == len(suggestion.components)
    assert f'action="{MY_SUGGESTIONS}{suggestion.pk}/contact/"' in offers
    assert f'action="{MY_SUGGESTIONS}{suggestion.pk}/dismiss/"' in offers
    assert f'<label for="id_reason_{suggestion.pk}">' in offers
    assert f'id="id_reason_{suggestion.pk}"' in offers
    assert f'name="next" value="{world.need.get_absolute_url()}#suggestions"' in offers
    # Reading the listing page is not reading the suggestions list: the pair stays new.
    assert transfer(world).status == Suggestion.Status.NEW


@pytest.mark.parametrize("who", ["stranger", "offer_owner"])
def test_other_members_see_the_public_view_only(client, world, who):
    client.force_login(stranger() if who == "stranger" else world.offer_owner)
    body = html(client.get(world.need.get_absolute_url()))
    assert item_ids(section(body, "offers")) == [transfer(world).pk]
    assert "/dismiss/" not in body and "match-explain" not in body


def test_the_listing_page_runs_the_same_queries_for_1_and_6_suggestions(client, world):
    client.force_login(world.need_owner)
    url = world.need.get_absolute_url()
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    one = queries()
    for n in range(5):
        offer = ListingFactory(title=f"Công nghệ lọc nước ao tôm {n}")
        Suggestion.objects.create(
            kind=Suggestion.Kind.TRANSFER,
            offer=offer,
            need=world.need,
            score=0.4,
            components={"text": 0.4},
            reasons=[{"code": "x", "vi": "Lý do", "en": "Reason"}],
            engine_version="test",
            computed_at=offer.published_at,
        )
    assert queries() == one
    assert len(item_ids(html(client.get(url)))) == 6


# --- my suggestions -----------------------------------------------------------------------------


def test_my_suggestions_needs_an_account(client, world):
    response = client.get(MY_SUGGESTIONS)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_need_owner_sees_the_suggestion_marked_new_once_then_seen(client, world):
    suggestion = transfer(world)
    client.force_login(world.need_owner)

    first = client.get(MY_SUGGESTIONS)
    body = html(first)
    assert item_ids(body) == [suggestion.pk]
    # Labelled by the member's own listing, the counterpart's title links to it.
    assert f'<a href="{world.need.get_absolute_url()}">{escape(world.need.title)}</a>' in body
    assert f'<a href="{world.offer.get_absolute_url()}" lang="en">{world.offer.title}</a>' in body
    for reason in reasons(suggestion, "vi"):
        assert escape(reason) in body
    assert [item.is_new for item in first.context["items"]] == [True]
    assert 'badge--primary">' in body.split('id="suggestion-')[1]
    assert transfer(world).status == Suggestion.Status.SEEN
    assert transfer(world).status_changed_by == world.need_owner

    second = client.get(MY_SUGGESTIONS)
    assert [item.is_new for item in second.context["items"]] == [False]


def test_the_offer_owner_sees_the_need_for_the_offer(client, world):
    client.force_login(world.offer_owner)
    response = client.get(MY_SUGGESTIONS)
    [item] = response.context["items"]
    assert (item.yours, item.other_listing) == (world.offer, world.need)
    assert escape(world.need.title) in html(response)


@pytest.mark.parametrize(
    ("status", "count"), [("new", 1), ("seen", 0), ("contacted", 0), ("dismissed", 0)]
)
def test_the_status_filter(client, world, status, count):
    client.force_login(world.need_owner)
    response = client.get(MY_SUGGESTIONS, {"status": status})
    assert response.status_code == 200
    assert len(response.context["items"]) == count
    assert f'<a href="?status={status}" aria-current="page">' in html(response)
    if not count:
        assert 'class="empty-state"' in html(response)


@pytest.mark.parametrize("status", ["bogus", "<script>", "NEW"])
def test_an_unknown_status_is_a_400_with_an_alert(client, world, status):
    client.force_login(world.need_owner)
    response = client.get(MY_SUGGESTIONS, {"status": status})
    assert response.status_code == 400
    assert 'role="alert"' in html(response)
    assert "<script>" not in html(response).split("<main")[1]
    assert transfer(world).status == Suggestion.Status.NEW


def test_a_member_without_suggestions_reads_an_empty_state(client, world):
    client.force_login(stranger())
    response = client.get(MY_SUGGESTIONS)
    assert response.status_code == 200
    assert response.context["items"] == []
    assert 'class="empty-state"' in html(response)


def test_a_user_without_organisation_is_invited_to_register_one(client, world):
    client.force_login(UserFactory())
    body = html(client.get(MY_SUGGESTIONS))
    assert 'class="empty-state"' in body
    assert 'href="/organisations/new/"' in body.split("<main")[1]


def test_my_suggestions_are_paginated(client, world):
    for n in range(21):
        offer = ListingFactory(title=f"Công nghệ lọc nước ao tôm {n}")
        Suggestion.objects.create(
            kind=Suggestion.Kind.TRANSFER,
            offer=offer,
            need=world.need,
            score=0.35 + n / 100,
            components={"text": 0.4},
            reasons=[],
            engine_version="test",
            computed_at=offer.published_at,
        )
    client.force_login(world.need_owner)
    first = client.get(MY_SUGGESTIONS, {"status": "new"})
    assert len(first.context["items"]) == 20
    assert 'href="?status=new&amp;page=2"' in html(first)
    # The 20 shown were marked seen; the 22nd strongest is still new.
    assert Suggestion.objects.filter(need=world.need, status="new").count() == 2
    assert len(client.get(MY_SUGGESTIONS, {"status": "new"}).context["items"]) == 2
    second = client.get(MY_SUGGESTIONS, {"page": "2"})
    assert second.context["page"].number == 2
    assert len(second.context["items"]) == 2
    # A page that is not a number is the first; one past the end is the last.
    assert client.get(MY_SUGGESTIONS, {"page": "x"}).context["page"].number == 1
    assert client.get(MY_SUGGESTIONS, {"page": "99"}).context["page"].number == 2


# --- feedback: hide, show again, contact -----------------------------------------------------


def test_the_owner_hides_a_suggestion_from_the_need_page_and_it_disappears(client, world):
    suggestion = transfer(world)
    client.force_login(world.need_owner)
    back = f"{world.need.get_absolute_url()}#suggestions"

    response = dismiss(client, suggestion, reason="price", next_url=back)

    assert response.status_code == 302
    assert response["Location"] == back
    [message] = sent_messages(response)
    assert message.level == messages.SUCCESS
    assert world.offer.title in message.message
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.dismiss_reason) == ("dismissed", "price")
    assert suggestion.status_changed_by == world.need_owner
    body = html(client.get(world.need.get_absolute_url()))
    assert item_ids(section(body, "offers")) == []
    assert world.offer.title not in section(body, "offers")
    assert 'class="alert alert--success"' in body  # the message, after the redirect
    # Everyone else stops seeing it too, on both listings' pages.
    client.logout()
    assert item_ids(section(html(client.get(world.offer.get_absolute_url())), "needs")) == []


def test_a_hidden_suggestion_is_listed_under_dismissed_and_shown_again(client, world):
    suggestion = transfer(world)
    client.force_login(world.need_owner)
    dismiss(client, suggestion, reason="too_early")

    hidden = client.get(MY_SUGGESTIONS, {"status": "dismissed"})
    body = html(hidden)
    assert item_ids(body) == [suggestion.pk]
    assert f'action="{MY_SUGGESTIONS}{suggestion.pk}/restore/"' in body
    assert f'action="{MY_SUGGESTIONS}{suggestion.pk}/dismiss/"' not in body
    assert client.get(MY_SUGGESTIONS).context["items"] == []

    back = f"{MY_SUGGESTIONS}?status=dismissed"
    response = client.post(f"{MY_SUGGESTIONS}{suggestion.pk}/restore/", {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.dismiss_reason) == ("seen", "")
    assert [i.pk for i in client.get(MY_SUGGESTIONS).context["items"]] == [suggestion.pk]

    # Showing again what is not hidden changes nothing.
    again = client.post(f"{MY_SUGGESTIONS}{suggestion.pk}/restore/")
    assert again.status_code == 302
    assert [m.level for m in sent_messages(again)] == [messages.INFO]
    assert transfer(world).status == "seen"


@pytest.mark.parametrize("reason", ["", "bogus", "DISMISSED", "x" * 5000])
def test_hiding_with_a_bad_reason_shows_the_error_next_to_the_field(client, world, reason):
    suggestion = transfer(world)
    client.force_login(world.need_owner)
    response = dismiss(client, suggestion, reason=reason, next_url=world.need.get_absolute_url())
    assert response.status_code == 400
    body = html(response)
    assert response.context["form"].errors["reason"]
    assert f'id="id_reason_{suggestion.pk}_error"' in body
    assert 'aria-invalid="true"' in body
    assert f'name="next" value="{world.need.get_absolute_url()}"' in body
    assert transfer(world).status == Suggestion.Status.NEW


def test_a_next_address_off_the_site_is_not_followed(client, world):
    client.force_login(world.need_owner)
    response = dismiss(client, transfer(world), next_url="https://evil.example/")
    assert response["Location"] == MY_SUGGESTIONS


def test_contact_expresses_interest_in_the_offer_and_emails_its_owner(
    client, world, django_capture_on_commit_callbacks
):
    suggestion = transfer(world)
    client.force_login(world.need_owner)
    back = f"{world.need.get_absolute_url()}#suggestions"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{MY_SUGGESTIONS}{suggestion.pk}/contact/", {"next": back})

    assert response.status_code == 302 and response["Location"] == back
    assert [m.level for m in sent_messages(response)] == [messages.SUCCESS]
    interest = ListingInterest.objects.get()
    assert (interest.listing, interest.organisation, interest.user) == (
        world.offer,
        world.need.organisation,
        world.need_owner,
    )
    assert [message.to for message in mail.outbox] == [[world.offer_owner.email]]
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.CONTACTED
    # Contacted: still listed, without a second Contact button.
    offers = section(html(client.get(world.need.get_absolute_url())), "offers")
    assert item_ids(offers) == [suggestion.pk]
    assert "/contact/" not in offers


def test_the_offer_owner_contacts_the_need_side(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.offer_owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{MY_SUGGESTIONS}{transfer(world).pk}/contact/")
    interest = ListingInterest.objects.get()
    assert (interest.listing, interest.organisation) == (world.need, world.offer.organisation)
    assert [message.to for message in mail.outbox] == [[world.need_owner.email]]


def test_a_partner_suggestion_cannot_be_contacted(client, world):
    suggestion = partner(world)
    researcher = MembershipFactory(organisation=world.spin_off.organisation).user
    client.force_login(researcher)
    body = html(client.get(MY_SUGGESTIONS))
    assert item_ids(body) == [suggestion.pk]
    assert "/contact/" not in body

    response = client.post(f"{MY_SUGGESTIONS}{suggestion.pk}/contact/")
    assert response.status_code == 302
    assert [m.level for m in sent_messages(response)] == [messages.ERROR]
    assert partner(world).status == Suggestion.Status.SEEN
    assert not ListingInterest.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("action", ["contact", "dismiss", "restore"])
def test_another_organisations_suggestion_is_a_404(client, world, action):
    client.force_login(stranger())
    response = client.post(f"{MY_SUGGESTIONS}{transfer(world).pk}/{action}/", {"reason": "other"})
    assert response.status_code == 404
    # The need's owner cannot act on the spin-off's partner suggestion either.
    client.force_login(world.need_owner)
    response = client.post(f"{MY_SUGGESTIONS}{partner(world).pk}/{action}/", {"reason": "other"})
    assert response.status_code == 404
    assert set(Suggestion.objects.values_list("status", flat=True)) == {"new"}
    assert not ListingInterest.objects.exists()


@pytest.mark.parametrize("action", ["contact", "dismiss", "restore"])
def test_actions_are_post_only_and_need_an_account(client, world, action):
    url = f"{MY_SUGGESTIONS}{transfer(world).pk}/{action}/"
    response = client.post(url, {"reason": "other"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(world.need_owner)
    assert client.get(url).status_code == 405
    assert transfer(world).status == Suggestion.Status.NEW


@pytest.mark.parametrize("pk", ["abc", "-1", "1.5", "99999999999999999999", "0"])
def test_odd_suggestion_ids_are_a_404(client, world, pk):
    client.force_login(ExchangeStaffFactory(exchange=world.need.exchange).user)
    for url in (
        f"{MY_SUGGESTIONS}{pk}/contact/",
        f"{MY_SUGGESTIONS}{pk}/dismiss/",
        f"{MY_SUGGESTIONS}{pk}/restore/",
        f"{BROKER}{pk}/introduce/",
    ):
        assert client.post(url, {"reason": "other"}).status_code == 404, url


# --- brokers ----------------------------------------------------------------------------------


def test_the_broker_page_needs_an_account_and_a_staff_role(client, world):
    for url in (BROKER, REPORT):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(world.need_owner)
    for url in (BROKER, REPORT):
        assert client.get(url).status_code == 403
    response = client.post(f"{BROKER}{transfer(world).pk}/introduce/", {"message": "Xin chào"})
    assert response.status_code == 403
    assert mail.outbox == []


def test_a_curator_sees_the_open_pair_of_the_exchange_and_introduces_it(client, world):
    suggestion = transfer(world)
    curator = curator_of(world.need.exchange)
    client.force_login(curator)

    page = client.get(BROKER)
    body = html(page)
    assert page.status_code == 200
    assert item_ids(body) == [suggestion.pk]
    assert escape(world.need.title) in body and world.offer.title in body
    assert f'action="{BROKER}{suggestion.pk}/introduce/"' in body
    assert f'<label for="id_message_{suggestion.pk}">' in body

    response = client.post(
        f"{BROKER}{suggestion.pk}/introduce/", {"message": "Hai bên nên gặp nhau tuần tới."}
    )

    assert response.status_code == 302 and response["Location"] == BROKER
    assert [m.level for m in sent_messages(response)] == [messages.SUCCESS]
    [email] = mail.outbox
    assert email.to == sorted([world.need_owner.email, world.offer_owner.email])
    assert "Hai bên nên gặp nhau tuần tới." in email.body
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.CONTACTED
    assert suggestion.status_changed_by == curator
    assert item_ids(html(client.get(BROKER))) == []


def test_an_introduction_of_10000_characters_is_refused_next_to_the_field(client, world):
    suggestion = transfer(world)
    client.force_login(curator_of(world.need.exchange, role="broker"))
    response = client.post(f"{BROKER}{suggestion.pk}/introduce/", {"message": "a" * 10_000})
    assert response.status_code == 400
    assert response.context["form"].errors["message"]
    assert f'id="id_message_{suggestion.pk}_error"' in html(response)
    assert mail.outbox == []
    assert transfer(world).status == Suggestion.Status.NEW
    # 1,000 characters are enough.
    ok = client.post(f"{BROKER}{suggestion.pk}/introduce/", {"message": "a" * 1000})
    assert ok.status_code == 302 and len(mail.outbox) == 1


def test_staff_of_another_exchange_see_nothing_and_may_not_introduce(client, world):
    client.force_login(curator_of(another_exchange(world)))
    page = client.get(BROKER)
    assert page.status_code == 200
    assert page.context["rows"] == []
    assert 'class="empty-state"' in html(page)

    # Outside their scope the pair does not exist for them (as on the broker page).
    response = client.post(f"{BROKER}{transfer(world).pk}/introduce/", {"message": ""})
    assert response.status_code == 404
    assert mail.outbox == []
    assert transfer(world).status == Suggestion.Status.NEW


def test_an_administrator_without_the_broker_role_sees_the_pair_without_the_form(client, world):
    client.force_login(curator_of(world.need.exchange, role="admin"))
    body = html(client.get(BROKER))
    assert item_ids(body) == [transfer(world).pk]
    assert "/introduce/" not in body
    response = client.post(f"{BROKER}{transfer(world).pk}/introduce/", {"message": ""})
    assert response.status_code == 403
    assert mail.outbox == []


def test_a_partner_suggestion_is_not_introduced_from_the_broker_page(client, world):
    client.force_login(curator_of(world.spin_off.exchange))
    response = client.post(f"{BROKER}{partner(world).pk}/introduce/", {"message": ""})
    assert response.status_code == 404
    assert mail.outbox == []


# --- the dismissal report -------------------------------------------------------------------


def test_the_report_counts_dismissals_by_reason_and_compares_components(client, world):
    client.force_login(world.need_owner)
    dismiss(client, transfer(world), reason="price")
    client.force_login(curator_of(world.need.exchange))

    response = client.get(REPORT)

    assert response.status_code == 200
    report = response.context["report"]
    assert report.total == 1
    counts = {code: count for code, _label, count in report.by_reason}
    assert counts == {code: int(code == "price") for code in Suggestion.DismissReason.values}
    body = html(response)
    assert body.count("<caption>") == 2
    assert body.count('<th scope="row">') == len(report.by_reason) + len(report.components)
    text = next(row for row in report.components if row.component == "text")
    assert text.dismissed_mean == round(transfer(world).components["text"], 3)
    # In Vietnamese, decimals take a comma.
    assert f"{text.dismissed_mean:.3f}".replace(".", ",") in body


def test_the_report_of_another_exchange_counts_nothing(client, world):
    client.force_login(world.need_owner)
    dismiss(client, transfer(world), reason="price")
    client.force_login(curator_of(another_exchange(world)))
    assert client.get(REPORT).context["report"].total == 0


# --- header and owner pages -----------------------------------------------------------------


def test_the_account_menu_links_to_the_suggestions_with_the_new_count(client, world):
    client.force_login(world.need_owner)
    body = html(client.get("/offers/"))
    link = re.search(r'<a href="/matching/suggestions/">(.*?)</a>', body, re.S)
    assert link and 'class="badge badge--primary">1 ' in link.group(1)
    assert f'href="{BROKER}"' not in body

    client.get(MY_SUGGESTIONS)  # seen: the count goes
    link = re.search(r'<a href="/matching/suggestions/">(.*?)</a>', html(client.get("/offers/")))
    assert "badge" not in link.group(1)


def test_staff_get_the_broker_link(client, world):
    client.force_login(curator_of(world.need.exchange))
    assert f'href="{BROKER}"' in html(client.get("/offers/"))


def test_my_listings_links_to_the_suggestions_and_reads_the_count_once(client, world):
    client.force_login(world.offer_owner)
    with CaptureQueriesContext(connection) as captured:
        body = html(client.get("/listings/mine/"))
    main = body.split("<main")[1]
    assert f'href="{MY_SUGGESTIONS}"' in main
    assert "badge--primary" in main.split(f'href="{MY_SUGGESTIONS}"')[1].split("</p>")[0]
    assert len([q for q in captured if "matching_suggestion" in q["sql"]]) == 1


def test_the_english_suggestions_page_shows_english_reasons(client, world):
    client.force_login(world.need_owner)
    body = html(client.get(f"/en{MY_SUGGESTIONS}"))
    for reason in reasons(transfer(world), "en"):
        assert escape(reason) in body
    assert 'action="/en/matching/suggestions/' in body


def test_ids_of_four_or_more_digits_are_not_grouped_in_vietnamese(client, world):
    """The page is in Vietnamese, where numbers are grouped with dots ("12.345"): an element
    id must not be."""
    Suggestion.objects.filter(pk=transfer(world).pk).update(id=12345)
    body = html(client.get(world.need.get_absolute_url()))
    assert item_ids(section(body, "offers")) == [12345]
    assert 'id="suggestion-12.345"' not in body
