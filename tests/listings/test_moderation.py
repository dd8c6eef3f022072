"""Moderation pages for exchange staff through the test client: the queue (scoped by the
Foundation rule), approve, return with a reason, bulk actions item by item, feature, move to
another exchange; 403 for everybody outside the scope, form errors for bad input."""

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from listings.models import Listing
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    exchange,
    province,
)

pytestmark = pytest.mark.django_db

QUEUE = "/en/listings/moderation/"
HOSTILE = '<script>alert("x")</script>'


def html(response) -> str:
    return response.content.decode()


def queue_titles(response) -> list[str]:
    return [listing.title for listing in response.context["page"].object_list]


def staff(code: str, role: str = "curator"):
    return ExchangeStaffFactory(exchange=exchange(code), role=role).user


def submitted(title: str, code: str = "hanoi", **kwargs) -> Listing:
    """A submitted offer of an organisation whose home exchange is `code`."""
    slug = {"hanoi": "ha-noi", "haiphong": "hai-phong", "hcmc": "ho-chi-minh"}[code]
    organisation = OrganisationFactory(province=province(slug), home_exchange=exchange(code))
    listing = ListingFactory(
        title=title, organisation=organisation, status="submitted", published_at=None, **kwargs
    )
    listing.status_changes.create(from_status="draft", to_status="submitted")
    return listing


def status_of(listing: Listing) -> str:
    listing.refresh_from_db()
    return listing.status


# --- who may open the queue -----------------------------------------------------------------


def test_queue_requires_log_in(client):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={QUEUE}"


@pytest.mark.parametrize("who", ["user", "member", "broker"])
def test_queue_is_403_for_non_moderators(client, who):
    user = {
        "user": UserFactory,
        "member": lambda: MembershipFactory().user,
        "broker": lambda: staff("hanoi", "broker"),
    }[who]()
    client.force_login(user)
    response = client.get(QUEUE)
    assert response.status_code == 403
    assert "This page is for curators and administrators of an exchange." in html(response)


def test_queue_shows_the_submitted_listings_in_scope_oldest_first(client):
    # Given submitted listings at Hà Nội, its Hải Phòng centre and HCMC, and a published one
    first = submitted("Hà Nội 1")
    centre = submitted("Hải Phòng 1", "haiphong")
    submitted("TP HCM 1", "hcmc")
    ListingFactory(title="Đã đăng")
    # When a Hà Nội curator opens the queue
    client.force_login(staff("hanoi"))
    response = client.get(QUEUE)
    # Then they see Hà Nội's and its centre's listings with their organisation and exchange
    assert response.status_code == 200
    assert queue_titles(response) == ["Hà Nội 1", "Hải Phòng 1"]
    assert "2 listings await moderation" in html(response)
    assert first.organisation.name in html(response)
    assert "Hải Phòng Centre for Technology Application and Transfer" in html(response)
    assert f'href="/en/offers/{centre.pk}/"' in html(response)
    with translation.override("en"):
        # Templates show datetimes in the site's time zone (Asia/Ho_Chi_Minh), not UTC
        submitted_at = first.status_changes.get(to_status="submitted").created_at
        submitted_on = date_filter(timezone.localtime(submitted_at))
    assert f"<td>{submitted_on}</td>" in html(response)


def test_local_centre_curator_sees_only_the_centre(client):
    submitted("Hà Nội 1")
    submitted("Hải Phòng 1", "haiphong")
    client.force_login(staff("haiphong"))
    assert queue_titles(client.get(QUEUE)) == ["Hải Phòng 1"]


def test_queue_filters_by_an_exchange_in_scope(client):
    submitted("Hà Nội 1")
    submitted("Hải Phòng 1", "haiphong")
    client.force_login(staff("hanoi"))
    assert queue_titles(client.get(QUEUE, {"exchange": "haiphong"})) == ["Hải Phòng 1"]
    assert queue_titles(client.get(QUEUE, {"exchange": "hanoi"})) == ["Hà Nội 1", "Hải Phòng 1"]
    response = client.get(QUEUE, {"exchange": "hcmc"})
    assert response.status_code == 400
    assert response.context["filter_form"].errors == {
        "exchange": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert client.get(QUEUE, {"exchange": HOSTILE}).status_code == 400


def test_staff_desk_links_the_queue_with_its_count(client):
    submitted("Hà Nội 1")
    submitted("Hà Nội 2")
    client.force_login(staff("hanoi"))
    body = html(client.get("/en/exchanges/staff/"))
    assert "2 listings wait for approval." in body
    assert f'href="{QUEUE}"' in body
    client.force_login(staff("hanoi", "broker"))
    assert f'href="{QUEUE}"' not in html(client.get("/en/exchanges/staff/"))


# --- approve --------------------------------------------------------------------------------


def test_curator_of_another_exchange_can_neither_approve_nor_see_it(client):
    listing = submitted("Hà Nội 1")
    client.force_login(staff("hcmc"))
    assert queue_titles(client.get(QUEUE)) == []
    response = client.post(f"/en/listings/moderation/{listing.pk}/approve/")
    assert response.status_code == 403
    assert "Only curators of this listing&#x27;s exchange may approve it." in html(response)
    assert status_of(listing) == "submitted"
    assert client.get(f"/en/offers/{listing.pk}/").status_code == 404


def test_national_curator_approves_a_local_centres_listing(client):
    listing = submitted("Hải Phòng 1", "haiphong")
    curator = staff("hanoi")
    client.force_login(curator)
    response = client.post(f"/en/listings/moderation/{listing.pk}/approve/", follow=True)
    assert response.redirect_chain == [(QUEUE, 302)]
    assert "“Hải Phòng 1” is published." in html(response)
    assert status_of(listing) == "published"
    change = listing.status_changes.order_by("pk").last()
    assert (change.from_status, change.to_status, change.actor) == (
        "submitted",
        "published",
        curator,
    )


def test_approving_twice_says_why_it_cannot(client):
    listing = submitted("Hà Nội 1")
    client.force_login(staff("hanoi"))
    client.post(f"/en/listings/moderation/{listing.pk}/approve/")
    response = client.post(f"/en/listings/moderation/{listing.pk}/approve/", follow=True)
    assert "A listing that is “Published” cannot become “Published”." in html(response)


def test_moderation_actions_on_unknown_listings_are_404_and_get_is_405(client):
    client.force_login(staff("hanoi"))
    assert client.post("/en/listings/moderation/999999/approve/").status_code == 404
    assert client.post("/en/listings/moderation/999999/return/").status_code == 404
    assert client.post("/en/listings/moderation/999999/feature/").status_code == 404
    assert client.post("/en/listings/moderation/999999/move/").status_code == 404
    listing = submitted("Hà Nội 1")
    assert client.get(f"/en/listings/moderation/{listing.pk}/approve/").status_code == 405
    assert client.get("/en/listings/moderation/bulk/").status_code == 405


def test_next_must_stay_on_the_site(client):
    listing = submitted("Hà Nội 1")
    client.force_login(staff("hanoi"))
    response = client.post(
        f"/en/listings/moderation/{listing.pk}/approve/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == QUEUE


# --- return ---------------------------------------------------------------------------------


def test_return_needs_a_reason(client):
    listing = submitted("Hà Nội 1")
    client.force_login(staff("hanoi"))
    for reason in ("", "   "):
        response = client.post(f"/en/listings/moderation/{listing.pk}/return/", {"reason": reason})
        assert response.status_code == 400
        assert response.context["form"].errors == {"reason": ["Say why the listing is returned."]}
    assert status_of(listing) == "submitted"


def test_return_rejects_an_overlong_reason(client):
    listing = submitted("Hà Nội 1")
    client.force_login(staff("hanoi"))
    response = client.post(f"/en/listings/moderation/{listing.pk}/return/", {"reason": "x" * 2001})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "reason": ["Ensure this value has at most 2000 characters (it has 2001)."]
    }


def test_returned_listing_shows_the_reason_to_the_owner(client):
    # Given a submitted listing and its owner's member
    listing = submitted("Hà Nội 1")
    owner = MembershipFactory(organisation=listing.organisation).user
    # When the curator returns it with a reason (the reason form is also a page of its own)
    client.force_login(staff("hanoi"))
    assert client.get(f"/en/listings/moderation/{listing.pk}/return/").status_code == 200
    response = client.post(
        f"/en/listings/moderation/{listing.pk}/return/",
        {"reason": f"Thiếu số bằng sáng chế. {HOSTILE}", "next": f"/en/offers/{listing.pk}/"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/offers/{listing.pk}/"
    assert status_of(listing) == "returned"
    # Then the owner reads the reason on the listing page, escaped
    client.force_login(owner)
    body = html(client.get(f"/en/offers/{listing.pk}/"))
    assert "Thiếu số bằng sáng chế." in body
    assert HOSTILE not in body
    assert "&lt;script&gt;" in body


def test_return_is_403_outside_the_scope(client):
    listing = submitted("Hà Nội 1")
    client.force_login(staff("haiphong"))
    assert client.get(f"/en/listings/moderation/{listing.pk}/return/").status_code == 403
    response = client.post(f"/en/listings/moderation/{listing.pk}/return/", {"reason": "Không"})
    assert response.status_code == 403
    assert status_of(listing) == "submitted"


# --- bulk -----------------------------------------------------------------------------------


def test_bulk_approve_does_each_item_it_may_and_reports_the_others(client):
    # Given two Hà Nội listings, one of HCMC (out of scope), and one already published
    a, b = submitted("Hà Nội A"), submitted("Hà Nội B")
    out_of_scope = submitted("TP HCM", "hcmc")
    published = ListingFactory(title="Đã đăng")
    client.force_login(staff("hanoi"))
    # When the Hà Nội curator approves all four at once
    response = client.post(
        "/en/listings/moderation/bulk/",
        {"listings": [a.pk, b.pk, out_of_scope.pk, published.pk], "action": "approve"},
        follow=True,
    )
    # Then the two in scope are published and the others are reported with their reasons
    assert response.redirect_chain == [(QUEUE, 302)]
    assert [status_of(x) for x in (a, b, out_of_scope, published)] == [
        "published",
        "published",
        "submitted",
        "published",
    ]
    body = html(response)
    assert "2 approved, 2 could not be:" in body
    assert "“TP HCM”: Only curators of this listing&#x27;s exchange may approve it." in body
    assert "“Đã đăng”: A listing that is “Published” cannot become “Published”." in body


def test_bulk_approve_reports_success_only_when_all_went_through(client):
    a, b = submitted("A"), submitted("B")
    client.force_login(staff("hanoi"))
    response = client.post(
        "/en/listings/moderation/bulk/",
        {"listings": [a.pk, b.pk], "action": "approve"},
        follow=True,
    )
    assert "2 listings approved." in html(response)
    assert queue_titles(response) == []


def test_bulk_return_needs_a_reason_and_uses_it_for_each(client):
    a, b = submitted("A"), submitted("B")
    client.force_login(staff("hanoi"))
    response = client.post(
        "/en/listings/moderation/bulk/", {"listings": [a.pk, b.pk], "action": "return"}
    )
    assert response.status_code == 400
    assert response.context["bulk_form"].errors == {
        "reason": ["Say why the listings are returned."]
    }
    assert [status_of(a), status_of(b)] == ["submitted", "submitted"]

    response = client.post(
        "/en/listings/moderation/bulk/",
        {"listings": [a.pk, b.pk], "action": "return", "reason": "Thiếu ảnh."},
        follow=True,
    )
    assert "2 listings returned to their owners." in html(response)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.return_reason, b.status, b.return_reason) == (
        "returned",
        "Thiếu ảnh.",
        "returned",
        "Thiếu ảnh.",
    )


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"action": "approve"}, {"listings": ["Select at least one listing."]}),
        ({"listings": ["abc"], "action": "approve"}, {"listings": ["“abc” is not a valid value."]}),
        (
            {"listings": ["999999"], "action": "approve"},
            {"listings": ["Select a valid choice. 999999 is not one of the available choices."]},
        ),
        (
            {"listings": ["1"], "action": "delete"},
            {"action": ["Select a valid choice. delete is not one of the available choices."]},
        ),
    ],
)
def test_bulk_rejects_malformed_input_with_400(client, data, errors):
    listing = submitted("A")
    if data.get("listings") == ["1"]:
        data = {**data, "listings": [str(listing.pk)]}
    client.force_login(staff("hanoi"))
    response = client.post("/en/listings/moderation/bulk/", data)
    assert response.status_code == 400
    assert response.context["bulk_form"].errors == errors
    assert status_of(listing) == "submitted"


def test_bulk_is_403_for_non_moderators(client):
    listing = submitted("A")
    client.force_login(staff("hanoi", "broker"))
    response = client.post(
        "/en/listings/moderation/bulk/", {"listings": [listing.pk], "action": "approve"}
    )
    assert response.status_code == 403
    assert status_of(listing) == "submitted"


# --- feature and move -----------------------------------------------------------------------


def test_moderator_features_and_unfeatures_from_the_listing_page(client):
    listing = ListingFactory(title="Nano bạc")
    client.force_login(staff("hanoi"))
    page = html(client.get(f"/en/offers/{listing.pk}/"))
    assert "Feature this listing" in page
    response = client.post(
        f"/en/listings/moderation/{listing.pk}/feature/",
        {"featured": "1", "next": f"/en/offers/{listing.pk}/"},
        follow=True,
    )
    assert response.redirect_chain == [(f"/en/offers/{listing.pk}/", 302)]
    assert "The listing is featured." in html(response)
    assert "Stop featuring" in html(response)
    listing.refresh_from_db()
    assert listing.featured_at is not None
    client.post(f"/en/listings/moderation/{listing.pk}/feature/", {"featured": "0"})
    listing.refresh_from_db()
    assert listing.featured_at is None


def test_feature_refuses_unpublished_listings_and_outsiders(client):
    listing = submitted("A")
    client.force_login(staff("hanoi"))
    response = client.post(
        f"/en/listings/moderation/{listing.pk}/feature/", {"featured": "1"}, follow=True
    )
    assert "Only published listings can be featured." in html(response)
    response = client.post(
        f"/en/listings/moderation/{listing.pk}/feature/", {"featured": "yes"}, follow=True
    )
    assert "Choose whether to feature the listing." in html(response)
    published = ListingFactory()
    client.force_login(staff("hcmc"))
    response = client.post(f"/en/listings/moderation/{published.pk}/feature/", {"featured": "1"})
    assert response.status_code == 403
    client.force_login(MembershipFactory(organisation=published.organisation).user)
    assert "Feature this listing" not in html(client.get(f"/en/offers/{published.pk}/"))


def test_moderator_moves_a_listing_within_the_scope(client):
    listing = ListingFactory(title="Nano bạc")
    client.force_login(staff("hanoi"))
    page = client.get(f"/en/offers/{listing.pk}/")
    codes = [e.code for e in page.context["move_form"].fields["exchange"].queryset]
    assert codes == ["haiphong", "nghean", "thainguyen"]  # in scope, not the current one
    response = client.post(
        f"/en/listings/moderation/{listing.pk}/move/", {"exchange": "haiphong"}, follow=True
    )
    assert response.redirect_chain == [(f"/en/offers/{listing.pk}/", 302)]
    assert (
        "The listing now belongs to Hải Phòng Centre for Technology Application and Transfer."
        in html(response)
    )
    listing.refresh_from_db()
    assert listing.exchange.code == "haiphong"


def test_move_out_of_the_scope_is_a_form_error(client):
    listing = ListingFactory()
    client.force_login(staff("hanoi"))
    for code in ("hcmc", "atlantis", ""):
        response = client.post(f"/en/listings/moderation/{listing.pk}/move/", {"exchange": code})
        assert response.status_code == 400
        assert list(response.context["form"].errors) == ["exchange"]
    listing.refresh_from_db()
    assert listing.exchange.code == "hanoi"
    client.force_login(staff("hcmc"))
    assert (
        client.post(f"/en/listings/moderation/{listing.pk}/move/", {"exchange": "hcmc"}).status_code
        == 403
    )


def test_hostile_titles_are_escaped_in_the_queue_and_messages(client):
    listing = submitted(HOSTILE)
    client.force_login(staff("hanoi"))
    assert HOSTILE not in html(client.get(QUEUE))
    response = client.post(f"/en/listings/moderation/{listing.pk}/approve/", follow=True)
    assert HOSTILE not in html(response)
    assert "“&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;” is published." in html(response)
