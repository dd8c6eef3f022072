"""Public listing pages through the test client: the DONE-WHEN story, the listing page (public
fields, confidential part and NDA, express interest, bookmarks, Open Graph), the browse pages
with their filters, bounded SQL queries, and bad input (hostile text, invalid filters, unknown
ids): a clear answer, never a 500."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import timezone, translation

from listings import services
from listings.formats import Vocabularies, listing_data_from_dict
from listings.models import Bookmark, Listing, ListingInterest, NdaAcceptance, NdaText
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

HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def html(response) -> str:
    return response.content.decode()


def meta(response, attribute: str, name: str) -> str:
    """The content of <meta attribute="name" content="...">, unescaped."""
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html(response))
    assert match, f"no meta {name}"
    return unescape(match.group(1))


def titles(response) -> list[str]:
    return [listing.title for listing in response.context["page"].object_list]


def offer_dict(**changes) -> dict:
    obj = {
        "kind": "offer",
        "language": "vi",
        "title": "Quy trình sản xuất vật liệu nano bạc kháng khuẩn",
        "summary": "Lớp phủ nano bạc diệt 99,9% vi khuẩn trên bề mặt thiết bị y tế.",
        "description": "Dung dịch nano bạc ổn định 24 tháng.\nPhủ bằng phun hoặc nhúng.",
        "sectors": ["205"],
        "keywords": ["nano bạc", "kháng khuẩn"],
        "trl": 6,
        "ip_status": "patent_granted",
        "ip_numbers": ["1-0023456"],
        "cooperation": ["licence", "technical_assistance"],
        "price_vnd": {"min": 500000000, "max": 1200000000},
        "provinces": ["ha-noi"],
    }
    obj.update(changes)
    return obj


def member_of(organisation, **kwargs):
    return MembershipFactory(organisation=organisation, **kwargs).user


# --- the DONE-WHEN story --------------------------------------------------------------------


def test_institute_offers_curator_approves_visitor_sees_enterprise_reads_after_nda(client):
    # Given an institute of the Hà Nội exchange with a researcher, a Hà Nội curator, and an
    # enterprise with one member
    institute = OrganisationFactory(name="Viện Công nghệ Vật liệu", kind="research_institute")
    researcher = member_of(institute)
    curator = ExchangeStaffFactory(exchange=exchange("hanoi"), role="curator").user
    enterprise = OrganisationFactory(name="Công ty Thiết bị Y tế Hà Thành", kind="enterprise")
    buyer = member_of(enterprise)

    # When the researcher creates an offer with a confidential part and submits it
    offer = services.listing_create(
        actor=researcher,
        organisation=institute,
        data=listing_data_from_dict(offer_dict(), vocab=Vocabularies()),
        confidential={
            "confidential_details": "Nồng độ AgNO3 0,5 mM, khử bằng natri citrat ở 90 °C.",
            "contact_name": "TS. Trần Thị Lan",
            "contact_email": "lan@vcnvl.example.vn",
        },
    )
    services.listing_submit(actor=researcher, listing=offer)
    url = f"/en/offers/{offer.pk}/"

    # Then anonymous visitors cannot see it yet
    assert client.get(url).status_code == 404

    # When the curator opens the queue and approves it
    client.force_login(curator)
    queue = client.get("/en/listings/moderation/")
    assert [listing.title for listing in queue.context["page"].object_list] == [offer.title]
    response = client.post(
        f"/en/listings/moderation/{offer.pk}/approve/", {"next": "/en/listings/moderation/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/listings/moderation/"
    offer.refresh_from_db()
    assert offer.status == "published"

    # Then an anonymous visitor finds it on /offers/ and reads its public page, not the
    # confidential part
    client.logout()
    browse = client.get("/en/offers/")
    assert titles(browse) == [offer.title]
    page = client.get(url)
    assert page.status_code == 200
    assert offer.title in html(page)
    assert "500.000.000 – 1.200.000.000 ₫" in html(page)
    assert "TRL 6</strong> — Technology demonstrated in a relevant environment" in html(page)
    assert "Nồng độ AgNO3" not in html(page)
    assert "lan@vcnvl.example.vn" not in html(page)
    assert "Log in to read the confidential part" in html(page)

    # When the enterprise member opens it: the NDA is shown instead of the confidential part
    client.force_login(buyer)
    page = client.get(url)
    assert "Nồng độ AgNO3" not in html(page)
    assert "Non-disclosure agreement (version 1)" in html(page)
    assert "I accept on behalf of Công ty Thiết bị Y tế Hà Thành" in html(page)

    # When they accept it on behalf of the enterprise
    response = client.post(
        f"/en/listings/{offer.pk}/nda/",
        {"organisation": enterprise.pk, "nda": "1", "accept": "on"},
    )

    # Then the acceptance is recorded (who, which organisation, which version) and the
    # confidential part is readable
    assert response.status_code == 302
    assert response["Location"] == f"{url}#confidential"
    acceptance = NdaAcceptance.objects.get()
    assert (acceptance.listing, acceptance.user, acceptance.organisation) == (
        offer,
        buyer,
        enterprise,
    )
    assert acceptance.nda.version == 1
    assert acceptance.accepted_at is not None
    page = client.get(url)
    assert "Nồng độ AgNO3 0,5 mM, khử bằng natri citrat ở 90 °C." in html(page)
    assert "TS. Trần Thị Lan" in html(page)
    assert "lan@vcnvl.example.vn" in html(page)
    assert "You accepted the agreement on behalf of Công ty Thiết bị Y tế Hà Thành." in html(page)


# --- the listing page -----------------------------------------------------------------------


def test_listing_page_shows_every_public_field(client):
    # Given a published offer with every public field, at a local centre, by a verified org
    organisation = OrganisationFactory(
        name="Viện Cơ điện Nông nghiệp",
        province=province("hai-phong"),
        home_exchange=exchange("haiphong"),
        verified_at=timezone.now(),
    )
    listing = ListingFactory(
        organisation=organisation,
        title="Dây chuyền sấy cà phê bằng bơm nhiệt",
        summary="Sấy cà phê nhân ở 45 °C, giữ hương.",
        description="Dây chuyền 2 tấn/mẻ.",
        keywords=["sấy", "cà phê"],
        trl=7,
        ip_status="utility_solution",
        ip_numbers=["2-0001234"],
        cooperation=["licence", "equipment_sale"],
        price_min_vnd=None,
        price_max_vnd=None,
        applications="Hợp tác xã cà phê Tây Nguyên.",
        advantages="Tiết kiệm 40% điện.",
        video_url="https://video.example.vn/say-ca-phe",
        sectors=["204", "401"],
        provinces=["dak-lak", "lam-dong"],
    )
    # When anyone opens it in English
    response = client.get(f"/en/offers/{listing.pk}/")
    body = html(response)
    # Then every public field is there
    assert response.status_code == 200
    for text in (
        "Dây chuyền sấy cà phê bằng bơm nhiệt",
        "Sấy cà phê nhân ở 45 °C, giữ hương.",
        "Dây chuyền 2 tấn/mẻ.",
        "sấy, cà phê",
        "TRL 7</strong> — System prototype demonstrated in an operational environment",
        "Utility solution",
        "2-0001234",
        "Licence",
        "Equipment sale",
        "Negotiable",
        "Đắk Lắk",
        "Lâm Đồng",
        "Hợp tác xã cà phê Tây Nguyên.",
        "Tiết kiệm 40% điện.",
        'href="https://video.example.vn/say-ca-phe"',
        "Viện Cơ điện Nông nghiệp",
        "✓</span> Verified",
        "Hải Phòng Centre for Technology Application and Transfer",
        "a local centre of National Technology Exchange in Hà Nội",
    ):
        assert text in body, text
    assert "Not updated for 6 months" not in body


def test_listing_page_shows_the_stale_badge_after_six_months(client):
    listing = ListingFactory(content_updated_at=timezone.now() - timedelta(days=200))
    response = client.get(f"/en/offers/{listing.pk}/")
    assert "Not updated for 6 months" in html(response)


def test_need_page_shows_deadline_and_budget_and_no_ip(client):
    listing = ListingFactory(
        kind="need",
        title="Cần công nghệ xử lý nước ao nuôi tôm",
        deadline=timezone.localdate() + timedelta(days=60),
        price_min_vnd=None,
        price_max_vnd=300_000_000,
    )
    response = client.get(f"/en/needs/{listing.pk}/")
    body = html(response)
    assert response.status_code == 200
    assert "Deadline" in body
    assert "up to 300.000.000 ₫" in body
    assert "Budget" in body
    assert "IP status" not in body


def test_listing_page_carries_meta_description_open_graph_and_canonical(client):
    listing = ListingFactory(title="Cảm biến độ ẩm đất LoRa", summary="Pin 3 năm, 10 km.")
    response = client.get(f"/en/offers/{listing.pk}/")
    assert meta(response, "name", "description") == "Pin 3 năm, 10 km."
    assert meta(response, "property", "og:title") == "Cảm biến độ ẩm đất LoRa"
    assert meta(response, "property", "og:description") == "Pin 3 năm, 10 km."
    assert meta(response, "property", "og:type") == "article"
    assert meta(response, "property", "og:url") == f"http://testserver/en/offers/{listing.pk}/"
    assert f'<link rel="canonical" href="http://testserver/en/offers/{listing.pk}/">' in html(
        response
    )


def test_listing_page_has_no_duplicate_element_ids(client):
    # The NDA form, the interest form and the moderation panel share one page
    listing = ListingFactory()
    user = UserFactory()
    for name in ("Công ty A", "Công ty B"):
        MembershipFactory(user=user, organisation=OrganisationFactory(name=name))
    ExchangeStaffFactory(user=user, exchange=exchange("hcmc"))
    client.force_login(user)
    body = html(client.get(f"/en/offers/{listing.pk}/"))
    assert 'for="interest_organisation"' in body
    assert 'for="nda_organisation"' in body
    for viewer in (user, ExchangeStaffFactory(exchange=exchange("hanoi")).user):
        client.force_login(viewer)
        ids = re.findall(r' id="([^"]+)"', html(client.get(f"/en/offers/{listing.pk}/")))
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_listing_page_records_a_view_on_get(client):
    listing = ListingFactory(views_count=4)
    client.get(f"/en/offers/{listing.pk}/")
    client.get(f"/en/offers/{listing.pk}/")
    client.head(f"/en/offers/{listing.pk}/")
    listing.refresh_from_db()
    assert listing.views_count == 6


def test_unknown_id_and_wrong_kind_are_404(client):
    offer = ListingFactory()
    assert client.get("/en/offers/999999/").status_code == 404
    assert client.get(f"/en/needs/{offer.pk}/").status_code == 404
    assert client.get(f"/en/offers/{offer.pk}/").status_code == 200
    assert client.post("/en/listings/999999/bookmark/", {"saved": "1"}).status_code == 404


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "expired", "archived"])
def test_unpublished_listing_is_404_for_the_public_and_shown_to_owner_and_staff(client, status):
    # Given an unpublished offer of a Hà Nội organisation
    listing = ListingFactory(status=status, published_at=None, return_reason="Thiếu mô tả.")
    url = f"/en/offers/{listing.pk}/"
    # Then anonymous visitors, other users and staff of another exchange get 404
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(ExchangeStaffFactory(exchange=exchange("hcmc")).user)
    assert client.get(url).status_code == 404
    # And the owner's members and the exchange's staff see it with a status banner
    for user in (
        member_of(listing.organisation),
        ExchangeStaffFactory(exchange=exchange("hanoi"), role="broker").user,
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert f"Not public — status: {listing.get_status_display()}." in html(response)
        assert '<meta name="robots" content="noindex">' in html(response)
    listing.refresh_from_db()
    assert listing.views_count == 0


def test_returned_listing_shows_the_reason_to_its_owner(client):
    listing = ListingFactory(status="submitted", published_at=None)
    curator = ExchangeStaffFactory(exchange=exchange("hanoi"), role="curator").user
    services.listing_return(actor=curator, listing=listing, reason="Thêm số bằng sáng chế.")
    client.force_login(member_of(listing.organisation))
    response = client.get(f"/en/offers/{listing.pk}/")
    assert "Not public — status: Returned for changes." in html(response)
    assert "Reason for return:" in html(response)
    assert "Thêm số bằng sáng chế." in html(response)


def test_confidential_part_is_visible_to_owner_and_staff_and_hidden_from_others(client):
    listing = ListingFactory(confidential_details="Bí quyết: nhiệt độ 90 °C.")
    url = f"/en/offers/{listing.pk}/"
    for user, visible in (
        (member_of(listing.organisation), True),
        (ExchangeStaffFactory(exchange=exchange("hanoi"), role="broker").user, True),
        (ExchangeStaffFactory(exchange=exchange("hcmc"), role="curator").user, False),
        (member_of(OrganisationFactory(kind="enterprise")), False),
    ):
        client.force_login(user)
        assert ("Bí quyết: nhiệt độ 90 °C." in html(client.get(url))) is visible


def test_confidential_attachments_are_hidden_from_the_public(client):
    listing = ListingFactory()
    listing.attachments.create(
        kind="document", file="listings/spec.pdf", title="Bản vẽ công khai", size=10,
        content_type="application/pdf",
    )  # fmt: skip
    listing.attachments.create(
        kind="document", file="listings/secret.pdf", title="Bản vẽ mật", size=10,
        content_type="application/pdf", confidential=True,
    )  # fmt: skip
    body = html(client.get(f"/en/offers/{listing.pk}/"))
    assert "Bản vẽ công khai" in body
    assert "Bản vẽ mật" not in body
    assert "secret.pdf" not in body
    client.force_login(member_of(listing.organisation))
    assert "Bản vẽ mật" in html(client.get(f"/en/offers/{listing.pk}/"))


def test_nda_text_is_shown_in_the_current_language(client):
    listing = ListingFactory()
    client.force_login(member_of(OrganisationFactory(kind="enterprise")))
    assert "Thỏa thuận bảo mật thông tin (phiên bản 1)" in html(
        client.get(f"/offers/{listing.pk}/")
    )
    assert "Non-disclosure agreement (version 1)" in html(client.get(f"/en/offers/{listing.pk}/"))


def test_nda_acceptance_needs_the_box_ticked(client):
    listing = ListingFactory()
    enterprise = OrganisationFactory(kind="enterprise")
    client.force_login(member_of(enterprise))
    response = client.post(
        f"/en/listings/{listing.pk}/nda/", {"organisation": enterprise.pk, "nda": "1"}
    )
    assert response.status_code == 400
    assert response.context["nda_form"].errors == {
        "accept": ["Tick the box to accept the agreement."]
    }
    assert NdaAcceptance.objects.count() == 0


def test_nda_acceptance_of_an_old_version_is_refused(client):
    # Given a reader who loaded version 1, and a version 2 published since
    listing = ListingFactory()
    enterprise = OrganisationFactory(kind="enterprise")
    client.force_login(member_of(enterprise))
    NdaText.objects.create(version=2, body_vi="Phiên bản 2", body_en="Version 2")
    # When they accept version 1
    response = client.post(
        f"/en/listings/{listing.pk}/nda/",
        {"organisation": enterprise.pk, "nda": "1", "accept": "on"},
    )
    # Then nothing is recorded and the new text is shown
    assert response.status_code == 400
    assert response.context["nda_form"].non_field_errors() == [
        "The NDA text has changed; read the new version and accept it."
    ]
    assert "Version 2" in html(response)
    assert NdaAcceptance.objects.count() == 0


def test_nda_acceptance_for_someone_elses_organisation_is_refused(client):
    listing = ListingFactory()
    stranger_org = OrganisationFactory(kind="enterprise")
    client.force_login(member_of(OrganisationFactory(kind="enterprise")))
    response = client.post(
        f"/en/listings/{listing.pk}/nda/",
        {"organisation": stranger_org.pk, "nda": "1", "accept": "on"},
    )
    assert response.status_code == 400
    assert response.context["nda_form"].errors == {"organisation": [INVALID_CHOICE]}
    assert NdaAcceptance.objects.count() == 0


def test_nda_and_interest_need_an_organisation(client):
    listing = ListingFactory()
    client.force_login(UserFactory())
    body = html(client.get(f"/en/offers/{listing.pk}/"))
    assert "Only an organisation can accept the agreement." in body
    assert "Only an organisation can express interest." in body
    response = client.post(f"/en/listings/{listing.pk}/interest/", {"message": "Xin chào"})
    assert response.status_code == 400
    assert response.context["interest_form"].non_field_errors() == [
        "Register or join an organisation first."
    ]


def test_anonymous_readers_actions_lead_to_log_in_and_back_to_the_listing(client):
    listing = ListingFactory()
    for action in ("bookmark", "interest", "nda"):
        response = client.post(f"/en/listings/{listing.pk}/{action}/", {"saved": "1"})
        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next=/en/offers/{listing.pk}/"
    assert Bookmark.objects.count() == ListingInterest.objects.count() == 0


def test_readers_actions_are_post_only(client):
    listing = ListingFactory()
    client.force_login(UserFactory())
    for action in ("bookmark", "interest", "nda"):
        assert client.get(f"/en/listings/{listing.pk}/{action}/").status_code == 405


# --- express interest -----------------------------------------------------------------------


def test_express_interest_twice_keeps_one_row_updates_the_message_and_mails_once(
    client, django_capture_on_commit_callbacks
):
    # Given a published offer whose organisation has a member, and an enterprise member
    listing = ListingFactory(title="Vật liệu nano bạc")
    owner = member_of(listing.organisation)
    enterprise = OrganisationFactory(name="Công ty Dược Hậu Giang", kind="enterprise")
    client.force_login(member_of(enterprise))
    url = f"/en/listings/{listing.pk}/interest/"

    # When they express interest
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisation": enterprise.pk, "message": "Cần 5 tấn."})
    # Then it is recorded and the owner is e-mailed
    assert response.status_code == 302
    assert response["Location"] == f"/en/offers/{listing.pk}/#interest"
    page = client.get(response["Location"])
    assert (
        "The interest of Công ty Dược Hậu Giang was recorded; the owner is notified by e-mail."
        in html(page)
    )
    assert "Update my message" in html(page)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]

    # When they express it again with another message
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"organisation": enterprise.pk, "message": "Cần 8 tấn."})
    # Then there is still one row, with the new message, and no second e-mail
    assert response.status_code == 302
    assert "Your message to the owner was updated." in html(client.get(response["Location"]))
    interest = ListingInterest.objects.get()
    assert (interest.organisation, interest.message) == (enterprise, "Cần 8 tấn.")
    assert len(mail.outbox) == 1


def test_express_interest_picks_one_of_several_organisations(client):
    listing = ListingFactory()
    user = UserFactory()
    first = MembershipFactory(
        user=user, organisation=OrganisationFactory(name="Công ty A")
    ).organisation
    second = MembershipFactory(
        user=user, organisation=OrganisationFactory(name="Công ty B")
    ).organisation
    client.force_login(user)
    page = client.get(f"/en/offers/{listing.pk}/")
    assert page.context["interest_form"]["organisation"].field.widget.input_type == "select"
    response = client.post(
        f"/en/listings/{listing.pk}/interest/", {"organisation": second.pk, "message": ""}
    )
    assert response.status_code == 302
    assert list(ListingInterest.objects.values_list("organisation", flat=True)) == [second.pk]
    assert first.pk != second.pk


def test_express_interest_rejects_an_overlong_message(client):
    listing = ListingFactory()
    enterprise = OrganisationFactory(kind="enterprise")
    client.force_login(member_of(enterprise))
    response = client.post(
        f"/en/listings/{listing.pk}/interest/",
        {"organisation": enterprise.pk, "message": "x" * 1001},
    )
    assert response.status_code == 400
    assert response.context["interest_form"].errors == {
        "message": ["Ensure this value has at most 1000 characters (it has 1001)."]
    }
    assert ListingInterest.objects.count() == 0


def test_owner_members_do_not_see_nor_use_express_interest(client):
    listing = ListingFactory()
    client.force_login(member_of(listing.organisation))
    page = client.get(f"/en/offers/{listing.pk}/")
    assert "Express interest" not in html(page)
    assert "This is your organisation's listing." in html(page)
    response = client.post(
        f"/en/listings/{listing.pk}/interest/", {"organisation": listing.organisation_id}
    )
    assert response.status_code == 403
    assert ListingInterest.objects.count() == 0


# --- bookmarks ------------------------------------------------------------------------------


def test_bookmark_button_toggles(client):
    listing = ListingFactory()
    user = UserFactory()
    client.force_login(user)
    url = f"/en/listings/{listing.pk}/bookmark/"
    assert "Save to bookmarks" in html(client.get(f"/en/offers/{listing.pk}/"))

    response = client.post(url, {"saved": "1"})
    assert response.status_code == 302
    assert list(Bookmark.objects.values_list("user", "listing")) == [(user.pk, listing.pk)]
    page = client.get(response["Location"])
    assert "The listing is in your bookmarks." in html(page)
    assert "Saved — remove from bookmarks" in html(page)

    client.post(url, {"saved": "1"})  # a double click changes nothing
    assert Bookmark.objects.count() == 1

    client.post(url, {"saved": "0"})
    assert Bookmark.objects.count() == 0
    assert "Save to bookmarks" in html(client.get(f"/en/offers/{listing.pk}/"))


@pytest.mark.parametrize("data", [{}, {"saved": "maybe"}])
def test_bookmark_rejects_malformed_input(client, data):
    listing = ListingFactory()
    client.force_login(UserFactory())
    response = client.post(f"/en/listings/{listing.pk}/bookmark/", data, follow=True)
    assert "The bookmark could not be changed." in html(response)
    assert Bookmark.objects.count() == 0


# --- browse pages ---------------------------------------------------------------------------


def test_browse_lists_published_listings_of_the_kind_newest_first(client):
    older = ListingFactory(title="Cũ", published_at=timezone.now() - timedelta(days=3))
    newer = ListingFactory(title="Mới", published_at=timezone.now() - timedelta(days=1))
    ListingFactory(title="Nháp", status="draft", published_at=None)
    ListingFactory(title="Nhu cầu", kind="need")
    response = client.get("/en/offers/")
    assert response.status_code == 200
    assert titles(response) == [newer.title, older.title]
    assert "2 offers found" in html(response)
    needs = client.get("/en/needs/")
    assert titles(needs) == ["Nhu cầu"]
    assert "1 need found" in html(needs)


def test_browse_card_shows_title_summary_org_badge_exchange_trl_price_sectors(client):
    ListingFactory(
        title="Chế phẩm nấm rơm",
        summary="Cơ chất rơm rạ cho nấm.",
        organisation=OrganisationFactory(name="Học viện Nông nghiệp", verified_at=timezone.now()),
        trl=5,
        price_min_vnd=500_000_000,
        price_max_vnd=None,
        sectors=["401"],
        content_updated_at=timezone.now() - timedelta(days=190),
    )
    body = html(client.get("/en/offers/"))
    for text in (
        "Chế phẩm nấm rơm",
        "Cơ chất rơm rạ cho nấm.",
        "Học viện Nông nghiệp",
        "✓</span> Verified",
        "National Technology Exchange in Hà Nội",
        "<dt>TRL</dt><dd>5</dd>",
        "from 500.000.000 ₫",
        "Not updated for 6 months",
    ):
        assert text in body, text


def test_featured_listings_come_first_on_the_first_page(client):
    ListingFactory(title="Mới nhất", published_at=timezone.now())
    ListingFactory(
        title="Nổi bật",
        published_at=timezone.now() - timedelta(days=30),
        featured_at=timezone.now() - timedelta(days=1),
    )
    response = client.get("/en/offers/")
    assert titles(response) == ["Nổi bật", "Mới nhất"]
    assert "Featured" in html(response)


def test_browse_filters_like_the_api(client):
    # Given offers differing in sector, province, cooperation, TRL and exchange
    ListingFactory(title="A", sectors=["205"], provinces=["ha-noi"], cooperation=["licence"], trl=3)
    ListingFactory(
        title="B", sectors=["401"], provinces=["dak-lak"], cooperation=["spin_off"], trl=7,
        organisation=OrganisationFactory(province=province("ho-chi-minh")),
    )  # fmt: skip
    cases = {
        "sector=205": ["A"],
        "sector=2": ["A"],
        "sector=4": ["B"],
        "province=dak-lak": ["B"],
        "cooperation=spin_off": ["B"],
        "trl_min=5": ["B"],
        "trl_max=5": ["A"],
        "trl_min=3&trl_max=7": ["B", "A"],
        "exchange=hcmc": ["B"],
        "exchange=hanoi&cooperation=spin_off": [],
    }
    for query, expected in cases.items():
        response = client.get(f"/en/offers/?{query}")
        assert response.status_code == 200, query
        assert titles(response) == expected, query


def test_browse_empty_result_suggests_removing_filters(client):
    ListingFactory(trl=3)
    response = client.get("/en/offers/?trl_min=9")
    assert response.status_code == 200
    assert "Nothing matches these filters." in html(response)
    assert "Remove a filter" in html(response)
    assert "No technology need is published here yet." in html(client.get("/en/needs/"))


def not_a_choice(value: str) -> str:
    return f"Select a valid choice. {value} is not one of the available choices."


@pytest.mark.parametrize(
    ("query", "field", "error"),
    [
        ("sector=999", "sector", not_a_choice("999")),
        ("trl_min=x", "trl_min", "Enter a whole number."),
        ("trl_max=10", "trl_max", "Ensure this value is less than or equal to 9."),
        ("trl_min=0", "trl_min", "Ensure this value is greater than or equal to 1."),
        ("province=nowhere", "province", INVALID_CHOICE),
        ("exchange=atlantis", "exchange", INVALID_CHOICE),
        ("cooperation=theft", "cooperation", not_a_choice("theft")),
        ("trl_min=7&trl_max=3", "trl_max", "The highest TRL must not be below the lowest."),
    ],
)  # fmt: skip
def test_browse_rejects_invalid_filters_with_400(client, query, field, error):
    ListingFactory()
    response = client.get(f"/en/offers/?{query}")
    assert response.status_code == 400
    assert response.context["page"] is None
    assert response.context["form"].errors == {field: [error]}
    assert "The filters could not be applied." in html(response)


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", ""])
def test_browse_tolerates_any_page_number(client, page):
    ListingFactory(title="Duy nhất")
    response = client.get("/en/offers/", {"page": page})
    assert response.status_code == 200
    assert titles(response) == ["Duy nhất"]


def test_browse_paginates_by_20_and_keeps_the_filters_in_the_links(client):
    for n in range(23):
        ListingFactory(title=f"Tin {n:02d}", published_at=timezone.now() - timedelta(hours=n))
    first = client.get("/en/offers/?trl_min=1")
    assert len(first.context["page"].object_list) == 20
    assert "page 1 of 2" in html(first)
    assert 'href="?trl_min=1&amp;page=2"' in html(first)
    second = client.get("/en/offers/?trl_min=1&page=2")
    assert titles(second) == ["Tin 20", "Tin 21", "Tin 22"]


def test_exchange_browse_includes_local_centres_under_their_national_exchange(client):
    ListingFactory(title="Hà Nội")
    ListingFactory(
        title="Hải Phòng",
        organisation=OrganisationFactory(
            province=province("hai-phong"), home_exchange=exchange("haiphong")
        ),
    )
    ListingFactory(
        title="TP HCM", organisation=OrganisationFactory(province=province("ho-chi-minh"))
    )
    assert sorted(titles(client.get("/en/exchanges/hanoi/offers/"))) == ["Hà Nội", "Hải Phòng"]
    assert titles(client.get("/en/exchanges/haiphong/offers/")) == ["Hải Phòng"]
    assert titles(client.get("/en/exchanges/hcmc/offers/")) == ["TP HCM"]
    assert titles(client.get("/en/exchanges/hcmc/needs/")) == []
    page = client.get("/en/exchanges/haiphong/offers/")
    assert "exchange" not in page.context["form"].fields
    assert client.get("/en/exchanges/atlantis/offers/").status_code == 404


def test_browse_pages_are_linked_from_header_home_and_exchange_page(client):
    ListingFactory(title="Tin mới nhất")
    ListingFactory(title="Tin nổi bật", featured_at=timezone.now())
    home = html(client.get("/en/"))
    assert 'href="/en/offers/">Technology offers</a>' in home
    assert 'href="/en/needs/">Technology needs</a>' in home
    assert "Featured by the exchanges" in home
    assert "Tin nổi bật" in home
    assert "Tin mới nhất" in home
    exchange_page = html(client.get("/en/exchanges/hanoi/"))
    assert 'href="/en/exchanges/hanoi/offers/"' in exchange_page
    assert 'href="/en/exchanges/hanoi/needs/"' in exchange_page


# --- hostile input --------------------------------------------------------------------------


def test_hostile_text_is_escaped_on_every_page_and_in_the_og_tags(client):
    listing = ListingFactory(
        title=HOSTILE,
        summary=HOSTILE,
        description=HOSTILE,
        applications=HOSTILE,
        keywords=[HOSTILE],
        featured_at=timezone.now(),
        organisation=OrganisationFactory(name=HOSTILE),
    )
    related = ListingFactory(title="Liên quan")
    staff = ExchangeStaffFactory(exchange=exchange("hanoi"), role="curator").user
    pages = [
        f"/en/offers/{listing.pk}/",
        f"/en/offers/{related.pk}/",
        "/en/offers/",
        "/en/exchanges/hanoi/offers/",
        "/en/",
    ]
    for url in pages:
        body = html(client.get(url))
        assert HOSTILE not in body, url
        assert ESCAPED in body, url
    page = client.get(f"/en/offers/{listing.pk}/")
    assert meta(page, "property", "og:title") == HOSTILE  # escaped in the HTML, intact as text
    assert meta(page, "property", "og:description") == HOSTILE
    assert f'content="{ESCAPED}"' in html(page)
    client.force_login(staff)
    assert HOSTILE not in html(client.get(f"/en/offers/{listing.pk}/"))


def test_hostile_query_values_are_escaped(client):
    response = client.get("/en/offers/", {"province": HOSTILE})
    assert response.status_code == 400
    assert HOSTILE not in html(response)


# --- bounded queries ------------------------------------------------------------------------


def _browse_listings(count: int) -> None:
    for n in range(count):
        ListingFactory(
            organisation=OrganisationFactory(verified_at=timezone.now() if n % 2 else None),
            sectors=["205", "401"] if n % 2 else ["102"],
            provinces=["ha-noi", "hai-phong"],
        )


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (sessions, content types) outside the count
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


FILTERED = "/en/exchanges/hanoi/offers/?province=hai-phong&trl_min=2"
# Exact counts, header included (session, user, staff scope, switcher, bookmarks, the count
# of new match suggestions...): a change here is a change of the page's cost, to be looked
# at, not silently absorbed.
BROWSE_QUERIES = {
    ("/en/offers/", False): 11,
    (FILTERED, False): 15,
    ("/en/offers/", True): 15,
    (FILTERED, True): 19,
}


@pytest.mark.parametrize("url", ["/en/offers/", FILTERED])
@pytest.mark.parametrize("logged_in", [False, True])
def test_browse_page_runs_the_same_queries_for_1_and_20_listings(
    client, django_assert_num_queries, url, logged_in
):
    if logged_in:
        client.force_login(member_of(OrganisationFactory()))
    _browse_listings(1)
    one = _queries(client, url)
    assert one == BROWSE_QUERIES[(url, logged_in)]
    _browse_listings(19)
    with django_assert_num_queries(one):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 20


@pytest.mark.parametrize("logged_in", [False, True])
def test_listing_page_runs_the_same_queries_for_1_and_20_related_listings(
    client, django_assert_num_queries, logged_in
):
    listing = ListingFactory(sectors=["205", "401"], provinces=["ha-noi", "hai-phong"])
    if logged_in:
        client.force_login(member_of(OrganisationFactory(kind="enterprise")))
    _browse_listings(1)
    one = _queries(client, f"/en/offers/{listing.pk}/")
    # The matching sections add one query (needs for an offer not open to spin-off), and the
    # header's count of new suggestions one more for a member.
    assert one == (21 if logged_in else 11)
    _browse_listings(19)
    listing.attachments.create(
        kind="document", file="listings/a.pdf", size=1, content_type="application/pdf"
    )
    with django_assert_num_queries(one):
        response = client.get(f"/en/offers/{listing.pk}/")
    assert len(response.context["related"]) == 4


# --- template filters -----------------------------------------------------------------------


def render(template: str, **context) -> str:
    return Template("{% load listing_tags %}" + template).render(Context(context))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_200_000_000, "1.200.000.000 ₫"),
        (0, "0 ₫"),
        (999, "999 ₫"),
        ("5000000", "5.000.000 ₫"),
        (None, ""),
        ("", ""),
        ("abc", "abc"),
    ],
)
def test_vnd_filter_writes_amounts_the_vietnamese_way_in_both_languages(value, expected):
    for language in ("vi", "en"):
        with translation.override(language):
            assert render("{{ value|vnd }}", value=value) == expected


def test_vnd_filter_leaves_fractions_alone():
    from marketplace.core.formatting import vnd

    assert vnd(1.5) == 1.5
    assert vnd(True) is True
    assert vnd(2.0) == "2 ₫"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (500_000_000, 1_200_000_000, "500.000.000 – 1.200.000.000 ₫"),
        (500_000_000, None, "from 500.000.000 ₫"),
        (None, 1_200_000_000, "up to 1.200.000.000 ₫"),
        (700_000_000, 700_000_000, "700.000.000 ₫"),
        (None, None, "Negotiable"),
    ],
)
def test_price_range_filter(low, high, expected):
    listing = Listing(price_min_vnd=low, price_max_vnd=high)
    with translation.override("en"):
        assert render("{{ listing|price_range }}", listing=listing) == expected
