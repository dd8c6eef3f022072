"""The REST API for offers and needs (spec/api.md): reads, writes, tokens, errors, schema."""

import hashlib
import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from rest_framework.authtoken.models import Token

from listings.models import Listing, ListingStatusChange
from marketplace.accounts.models import Organisation
from marketplace.exchanges import services as exchange_services
from marketplace.exchanges.models import ExchangeApiToken
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

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


# --- Helpers and fixtures ----------------------------------------------------------------------


def offer_body(**changes) -> dict:
    body = {
        "kind": "offer",
        "language": "vi",
        "title": "Hệ thống cảm biến độ ẩm đất LoRa",
        "summary": "Cảm biến không dây cho vườn cà phê.",
        "description": "Mạng cảm biến LoRa đo độ ẩm đất, pin dùng 3 năm.",
        "sectors": ["202"],
        "keywords": ["LoRa", "độ ẩm đất"],
        "trl": 7,
        "ip_status": "patent_pending",
        "ip_numbers": ["1-2025-01234"],
        "cooperation": ["licence", "technical_assistance"],
        "price_vnd": {"min": 300000000, "max": 900000000},
        "provinces": ["dak-lak"],
    }
    body.update(changes)
    return body


def need_body(**changes) -> dict:
    body = offer_body(kind="need", **changes)
    body.pop("ip_status", None)
    body.pop("ip_numbers", None)
    body.update(changes)
    return body


def auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {key}", **EN}


def post(client, url: str, body, key: str | None = None, **extra):
    headers = auth(key) if key else dict(EN)
    headers.update(extra)
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data, content_type="application/json", **headers)


def patch(client, url: str, body, key: str | None = None):
    headers = auth(key) if key else dict(EN)
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.patch(url, data, content_type="application/json", **headers)


def error(code: str, detail: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "detail": detail, "fields": fields or {}}}


def invalid(fields: dict) -> dict:
    return error("invalid", "Some fields are invalid.", fields)


def exchange_key(code: str, *, name: str = "Đồng bộ website") -> str:
    admin = ExchangeStaffFactory(exchange=exchange(code), role="admin").user
    _token, key = exchange_services.exchange_api_token_create(
        actor=admin, exchange=exchange(code), name=name
    )
    return key


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """API requests activate the caller's Accept-Language in this thread (the middleware does
    not restore it): put the default back so that later tests are not affected."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def member():
    """A member of a Hà Nội research institute, with a personal API token."""
    membership = MembershipFactory(organisation=OrganisationFactory(tax_code="0101234567"))
    membership.key = Token.objects.create(user=membership.user).key
    return membership


# --- GET /offers/, /needs/ ---------------------------------------------------------------------


def test_list_shows_published_listings_of_the_endpoint_kind_newest_first(client):
    now = timezone.now()
    older = ListingFactory(published_at=now - timedelta(days=2))
    newer = ListingFactory(published_at=now - timedelta(days=1))
    ListingFactory(status="draft", published_at=None)
    ListingFactory(status="submitted", published_at=None)
    ListingFactory(status="expired")
    need = ListingFactory(kind="need")

    offers = client.get("/api/v1/offers/", **EN).json()
    needs = client.get("/api/v1/needs/", **EN).json()

    assert offers["count"] == 2
    assert offers["next"] is None and offers["previous"] is None
    assert [item["id"] for item in offers["results"]] == [newer.pk, older.pk]
    assert [item["id"] for item in needs["results"]] == [need.pk]


def test_list_item_is_the_exchange_format_plus_id_status_url_published_at(client):
    listing = ListingFactory(external_id="hn-2026-0012")

    item = client.get("/api/v1/offers/", **EN).json()["results"][0]

    assert item == {
        "id": listing.pk,
        "kind": "offer",
        "external_id": "hn-2026-0012",
        "exchange": "hanoi",
        "organisation": {
            "name": listing.organisation.name,
            "kind": "research_institute",
            "tax_code": listing.organisation.tax_code,
            "province": "ha-noi",
        },
        "language": "vi",
        "title": listing.title,
        "summary": "Lớp phủ nano bạc diệt khuẩn cho bề mặt y tế.",
        "description": (
            "Quy trình chế tạo dung dịch nano bạc ổn định, dùng cho lớp phủ kháng khuẩn."
        ),
        "sectors": ["205"],
        "keywords": ["nano bạc", "kháng khuẩn"],
        "trl": 6,
        "ip_status": "patent_granted",
        "ip_numbers": [],
        "cooperation": ["licence"],
        "price_vnd": {"min": 500000000, "max": 1200000000},
        "provinces": ["ha-noi"],
        "status": "published",
        "url": f"http://testserver/en/offers/{listing.pk}/",
        "published_at": timezone.localtime(listing.published_at).isoformat(),
    }


def test_list_is_paginated_with_page_and_page_size(client):
    now = timezone.now()
    listings = [ListingFactory(published_at=now - timedelta(hours=n)) for n in range(5)]

    first = client.get("/api/v1/offers/?page_size=2", **EN).json()
    last = client.get("/api/v1/offers/?page_size=2&page=3", **EN).json()
    beyond = client.get("/api/v1/offers/?page_size=2&page=4", **EN)

    assert first["count"] == 5
    assert [item["id"] for item in first["results"]] == [listings[0].pk, listings[1].pk]
    assert first["next"] == "http://testserver/api/v1/offers/?page=2&page_size=2"
    assert [item["id"] for item in last["results"]] == [listings[4].pk]
    assert last["next"] is None
    assert beyond.status_code == 404
    assert beyond.json() == error("not_found", "Invalid page.")


def test_default_page_size_is_20(client):
    for _n in range(21):
        ListingFactory()

    page = client.get("/api/v1/offers/", **EN).json()

    assert page["count"] == 21
    assert len(page["results"]) == 20


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("page_size=101", {"page_size": ["At most 100 listings per page."]}),
        ("page_size=0", {"page_size": ["Ensure this value is greater than or equal to 1."]}),
        ("page=abc", {"page": ["A valid integer is required."]}),
        ("page=0", {"page": ["Ensure this value is greater than or equal to 1."]}),
        ("exchange=atlantis", {"exchange": ["Unknown exchange code."]}),
        ("exchange=ha%20noi", {"exchange": ["Unknown exchange code."]}),
        ("province=H%C3%A0%20N%E1%BB%99i", {"province": ["Unknown province code."]}),
        ("sector=198", {"sector": ["Unknown sector code."]}),
        ("sector=999", {"sector": ["A sector code is 1 digit (a field) or 3 digits."]}),
        ("sector=7", {"sector": ["A sector code is 1 digit (a field) or 3 digits."]}),
        ("sector=abc", {"sector": ["A sector code is 1 digit (a field) or 3 digits."]}),
        ("province=atlantis", {"province": ["Unknown province code."]}),
        ("cooperation=barter", {"cooperation": ['"barter" is not a valid choice.']}),
        ("trl_min=abc", {"trl_min": ["A valid integer is required."]}),
        ("trl_min=12", {"trl_min": ["Ensure this value is less than or equal to 9."]}),
        ("trl_max=0", {"trl_max": ["Ensure this value is greater than or equal to 1."]}),
        ("trl_min=7.5", {"trl_min": ["A valid integer is required."]}),
        ("trl_min=6&trl_max=3", {"trl_max": ["The highest TRL must not be below the lowest."]}),
    ],
)
def test_invalid_query_parameters_are_400_naming_the_parameter(client, query, fields):
    response = client.get(f"/api/v1/offers/?{query}", **EN)

    assert response.status_code == 400
    assert response.json() == invalid(fields)


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("sector=", {"sector": ["This field may not be blank."]}),
        (
            "exchange=&province=",
            {
                "exchange": ["This field may not be blank."],
                "province": ["This field may not be blank."],
            },
        ),
        ("cooperation=", {"cooperation": ['"" is not a valid choice.']}),
        ("trl_min=", {"trl_min": ["A valid integer is required."]}),
        ("page_size=", {"page_size": ["A valid integer is required."]}),
    ],
)
def test_a_parameter_given_empty_is_400_naming_it(client, query, fields):
    """Leaving a filter out means "any"; giving it empty is a mistake to report, as the
    OpenAPI document says (an empty string is not a code)."""
    response = client.get(f"/api/v1/offers/?{query}", **EN)

    assert response.status_code == 400
    assert response.json() == invalid(fields)


def test_filters_exchange_national_includes_its_local_centres(client):
    hanoi = ListingFactory()
    haiphong = ListingFactory(exchange=exchange("haiphong"))
    danang = ListingFactory(exchange=exchange("danang"))

    def ids(query):
        return {item["id"] for item in client.get(f"/api/v1/offers/?{query}").json()["results"]}

    assert ids("exchange=hanoi") == {hanoi.pk, haiphong.pk}
    assert ids("exchange=haiphong") == {haiphong.pk}
    assert ids("exchange=danang") == {danang.pk}


def test_filters_sector_province_cooperation_and_trl(client):
    nano = ListingFactory(sectors=["210"], provinces=["da-nang"], trl=4, cooperation=["spin_off"])
    materials = ListingFactory(sectors=["205", "210"], trl=6, cooperation=["licence"])
    software = ListingFactory(sectors=["102"], trl=9, cooperation=["licence", "assignment"])

    def ids(query):
        return {item["id"] for item in client.get(f"/api/v1/offers/?{query}").json()["results"]}

    assert ids("sector=210") == {nano.pk, materials.pk}
    assert ids("sector=2") == {nano.pk, materials.pk}
    assert ids("sector=1") == {software.pk}
    assert ids("province=da-nang") == {nano.pk}
    assert ids("cooperation=licence") == {materials.pk, software.pk}
    assert ids("cooperation=spin_off") == {nano.pk}
    assert ids("trl_min=5") == {materials.pk, software.pk}
    assert ids("trl_max=6") == {nano.pk, materials.pk}
    assert ids("trl_min=5&trl_max=6&sector=2") == {materials.pk}


@pytest.mark.parametrize("page_size", [1, 100])
def test_list_runs_a_fixed_number_of_queries_whatever_the_page_size(
    client, django_assert_num_queries, page_size
):
    for n in range(6):
        organisation = OrganisationFactory(interest_spin_off=True, interest_min_trl=3)
        organisation.interest_sectors.set(["205", "210"])
        ListingFactory(organisation=organisation, sectors=["205", "210"], keywords=[f"k{n}"])

    # count, page, sectors, provinces, organisations' interest sectors and provinces
    with django_assert_num_queries(6):
        response = client.get(f"/api/v1/offers/?page_size={page_size}")

    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, 6)


def test_filtering_by_exchange_adds_a_fixed_number_of_queries(client, django_assert_num_queries):
    for _n in range(3):
        ListingFactory()

    # + the exchange, + its local centres
    with django_assert_num_queries(8):
        response = client.get("/api/v1/offers/?exchange=hanoi&page_size=100")

    assert len(response.json()["results"]) == 3


# --- GET /offers/{id}/ -------------------------------------------------------------------------


def test_anonymous_reads_a_published_listing_without_its_confidential_part(client):
    listing = ListingFactory(kind="need", contact_email="giam.doc@example.vn")

    response = client.get(f"/api/v1/needs/{listing.pk}/", **EN)

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == listing.pk
    assert body["kind"] == "need"
    assert body["status"] == "published"
    assert body["url"] == f"http://testserver/en/needs/{listing.pk}/"
    assert "confidential" not in body
    assert "ip_status" not in body


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "expired", "archived"])
def test_anonymous_gets_404_for_an_unpublished_listing(client, status):
    listing = ListingFactory(status=status)

    response = client.get(f"/api/v1/offers/{listing.pk}/", **EN)

    assert response.status_code == 404
    assert response.json() == error("not_found", "Not found.")


def test_an_offer_under_needs_an_unknown_id_and_an_enormous_id_are_404(client):
    offer = ListingFactory()

    for url in (
        f"/api/v1/needs/{offer.pk}/",
        "/api/v1/offers/987654/",
        "/api/v1/offers/99999999999999999999999999/",
    ):
        response = client.get(url, **EN)
        assert response.status_code == 404, url
        assert response.json() == error("not_found", "Not found."), url


def test_members_and_moderators_in_scope_read_unpublished_listings_and_the_confidential_part(
    client, member
):
    listing = ListingFactory(
        organisation=member.organisation,
        exchange=exchange("haiphong"),
        status="draft",
        published_at=None,
        confidential_details="Nồng độ 50 ppm.",
        contact_name="Trần Thị Hoa",
        contact_email="hoa@vien.vn",
        contact_phone="024 3756 1234",
    )
    national_curator = ExchangeStaffFactory(exchange=exchange("hanoi")).user
    other_curator = ExchangeStaffFactory(exchange=exchange("danang")).user
    url = f"/api/v1/offers/{listing.pk}/"
    confidential = {
        "confidential_details": "Nồng độ 50 ppm.",
        "contact_name": "Trần Thị Hoa",
        "contact_email": "hoa@vien.vn",
        "contact_phone": "024 3756 1234",
    }

    as_member = client.get(url, **auth(member.key))
    client.force_login(national_curator)
    as_curator = client.get(url, **EN)
    client.force_login(other_curator)
    as_other_curator = client.get(url, **EN)

    assert as_member.status_code == 200
    assert as_member.json()["status"] == "draft"
    assert as_member.json()["published_at"] is None
    assert as_member.json()["confidential"] == confidential
    assert as_curator.status_code == 200
    assert as_curator.json()["confidential"] == confidential
    assert as_other_curator.status_code == 404


def test_organisations_that_accepted_the_nda_read_the_confidential_part(client):
    from listings import services

    listing = ListingFactory(contact_email="hoa@vien.vn")
    reader = MembershipFactory(organisation=OrganisationFactory(kind="enterprise"))
    key = Token.objects.create(user=reader.user).key
    services.nda_accept(
        user=reader.user,
        organisation=reader.organisation,
        listing=listing,
        nda=services.nda_current(),
    )

    response = client.get(f"/api/v1/offers/{listing.pk}/", **auth(key))

    assert response.json()["confidential"]["contact_email"] == "hoa@vien.vn"


def test_other_organisations_read_published_listings_without_the_confidential_part(client):
    listing = ListingFactory(contact_email="hoa@vien.vn")
    stranger = MembershipFactory()
    key = Token.objects.create(user=stranger.user).key

    response = client.get(f"/api/v1/offers/{listing.pk}/", **auth(key))

    assert response.status_code == 200
    assert "confidential" not in response.json()


# --- POST as a person --------------------------------------------------------------------------


def test_member_creates_an_offer_that_goes_to_moderation_by_default(client, member):
    body = offer_body(confidential={"contact_name": "Lê Văn Nam", "contact_email": "nam@vien.vn"})

    response = post(client, "/api/v1/offers/", body, member.key)

    assert response.status_code == 201
    listing = Listing.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/offers/{listing.pk}/"
    created = response.json()
    assert created["id"] == listing.pk
    assert created["status"] == "submitted"
    assert created["exchange"] == "hanoi"
    assert created["external_id"] == f"vntx-{listing.pk}"
    assert created["organisation"]["tax_code"] == "0101234567"
    assert created["sectors"] == ["202"]
    assert created["price_vnd"] == {"min": 300000000, "max": 900000000}
    assert created["confidential"] == {
        "confidential_details": "",
        "contact_name": "Lê Văn Nam",
        "contact_email": "nam@vien.vn",
        "contact_phone": "",
    }
    assert listing.organisation == member.organisation
    assert listing.external_id is None
    assert listing.created_by == member.user
    assert list(listing.status_changes.values_list("from_status", "to_status", "actor")) == [
        ("", "submitted", member.user.pk)
    ]


def test_new_listings_are_drafts_when_the_exchange_does_not_moderate_api_submissions(
    client, member
):
    hanoi = exchange("hanoi")
    hanoi.api_submissions_moderated = False
    hanoi.save()

    response = post(client, "/api/v1/needs/", need_body(deadline="2099-12-31"), member.key)

    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert response.json()["deadline"] == "2099-12-31"
    assert Listing.objects.get().status == "draft"


def test_a_logged_in_member_creates_with_the_session(member):
    client = Client()
    client.force_login(member.user)

    response = post(client, "/api/v1/offers/", offer_body())

    assert response.status_code == 201


def test_session_writes_need_the_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member.user)

    response = post(client, "/api/v1/offers/", offer_body())

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert response.json()["error"]["detail"].startswith("CSRF Failed")
    assert not Listing.objects.exists()


def test_anonymous_writes_are_401_with_a_token_challenge(client):
    listing = ListingFactory()

    created = post(client, "/api/v1/offers/", offer_body())
    edited = patch(client, f"/api/v1/offers/{listing.pk}/", {"title": "Mới"})

    for response in (created, edited):
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert response.json() == error(
            "not_authenticated", "Authentication credentials were not provided."
        )
    assert Listing.objects.count() == 1


def test_the_organisation_is_chosen_by_id_or_tax_code_when_the_caller_has_several(client):
    user = UserFactory()
    first = MembershipFactory(user=user, organisation=OrganisationFactory(tax_code="0101111111"))
    second = MembershipFactory(user=user, organisation=OrganisationFactory(tax_code="0102222222"))
    key = Token.objects.create(user=user).key
    ids = sorted([first.organisation_id, second.organisation_id])

    ambiguous = post(client, "/api/v1/offers/", offer_body(), key)
    by_id = post(client, "/api/v1/offers/", offer_body(organisation_id=second.organisation_id), key)
    organisation = {"name": "Viện", "kind": "university", "tax_code": "0101111111",
                    "province": "ha-noi"}  # fmt: skip
    by_tax_code = post(client, "/api/v1/offers/", offer_body(organisation=organisation), key)

    assert ambiguous.status_code == 400
    assert ambiguous.json() == invalid(
        {
            "organisation_id": [
                f"You belong to several organisations (ids: {ids[0]}, {ids[1]}): give "
                "organisation_id, or the organisation's tax_code."
            ]
        }
    )
    assert by_id.status_code == 201
    assert Listing.objects.get(pk=by_id.json()["id"]).organisation == second.organisation
    assert by_tax_code.status_code == 201
    assert Listing.objects.get(pk=by_tax_code.json()["id"]).organisation == first.organisation


def test_organisation_errors_of_a_person(client, member):
    other = OrganisationFactory(tax_code="0109999999")
    loner_key = Token.objects.create(user=UserFactory()).key
    stranger = {"name": "Công ty", "kind": "enterprise", "tax_code": "0109999999",
                "province": "ha-noi"}  # fmt: skip

    not_member = post(client, "/api/v1/offers/", offer_body(organisation_id=other.pk), member.key)
    unknown = post(client, "/api/v1/offers/", offer_body(organisation_id=987654), member.key)
    bad_id = post(client, "/api/v1/offers/", offer_body(organisation_id="7"), member.key)
    foreign_tax_code = post(
        client, "/api/v1/offers/", offer_body(organisation=stranger), member.key
    )
    no_organisation = post(client, "/api/v1/offers/", offer_body(), loner_key)

    assert not_member.status_code == 403
    assert not_member.json() == error(
        "permission_denied",
        "You are not a member of this organisation: only its members create its listings.",
    )
    assert unknown.json() == invalid({"organisation_id": ["Unknown organisation."]})
    assert bad_id.json() == invalid(
        {"organisation_id": ["Must be the id (a whole number) of an organisation."]}
    )
    assert foreign_tax_code.json() == invalid(
        {"organisation.tax_code": ["You are not a member of the organisation with this tax code."]}
    )
    assert no_organisation.status_code == 400
    assert no_organisation.json() == error(
        "invalid",
        "You do not belong to any organisation. Register yours, or ask an owner of your "
        "organisation to invite you, before creating listings.",
    )
    assert not Listing.objects.exists()


def test_a_person_cannot_create_at_another_exchange_nor_reuse_an_external_id(client, member):
    ListingFactory(organisation=member.organisation, external_id="hn-1")

    elsewhere = post(client, "/api/v1/offers/", offer_body(exchange="danang"), member.key)
    reused = post(client, "/api/v1/offers/", offer_body(external_id="hn-1"), member.key)

    assert elsewhere.json() == invalid(
        {
            "exchange": [
                f"Listings of {member.organisation.name} belong to its home exchange “hanoi”; "
                "a curator may move one to another exchange later."
            ]
        }
    )
    assert reused.json() == invalid(
        {"external_id": ["Another listing of this exchange already has this external_id."]}
    )
    assert Listing.objects.count() == 1


# --- Malformed bodies ----------------------------------------------------------------------------


def test_a_body_that_is_not_json_is_a_parse_error(client, member):
    response = post(client, "/api/v1/offers/", "{not json", member.key)

    assert response.status_code == 400
    assert response.json() == error(
        "parse_error",
        "Invalid JSON: a property name in double quotes is expected at column 2.",
    )


def test_a_body_that_is_not_utf8_is_a_parse_error_and_saves_nothing(client, member):
    body = json.dumps(offer_body(title="Máy sấy")).encode("utf-16")
    response = post(client, "/api/v1/offers/", body, member.key)

    assert response.status_code == 400
    assert response.json() == error("parse_error", "The body is not UTF-8 text.")
    assert Listing.objects.count() == 0


def test_parse_errors_are_whole_sentences_with_their_column(client, member):
    # Given a raw tab inside a string, as a hand-written body may hold
    tabbed = post(client, "/api/v1/offers/", '{"title": "a\tb"}', member.key)
    # and a number of 5,000 digits, beyond Python's own limit on reading integers
    huge = offer_body()
    huge["trl"] = 7
    text = json.dumps(huge).replace('"trl": 7', '"trl": ' + "9" * 5000)
    long_number = post(client, "/api/v1/offers/", text, member.key)

    assert tabbed.status_code == 400
    assert tabbed.json() == error(
        "parse_error",
        "Invalid JSON: the control character at column 13 must be written as an escape, "
        "such as \\t for a tab or \\n for a line break.",
    )
    # the number reaches the field's own check, which names the field
    assert long_number.status_code == 400
    assert list(long_number.json()["error"]["fields"]) == ["trl"]


@pytest.mark.parametrize("payload", ["[]", "[1, 2]", '"offer"', "42", "null"])
def test_a_body_that_is_not_a_json_object_is_refused(client, member, payload):
    response = post(client, "/api/v1/offers/", payload, member.key)

    assert response.status_code == 400
    assert response.json() == error(
        "invalid", "The body must be a JSON object: one listing in the exchange format."
    )


def test_form_encoded_bodies_are_415(client, member):
    response = client.post("/api/v1/offers/", {"title": "x"}, **auth(member.key))

    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_nested_too_deeply_and_too_large_bodies_are_json_errors(client, member):
    deep = post(client, "/api/v1/offers/", "[" * 100000, member.key)
    large = post(client, "/api/v1/offers/", offer_body(description="x" * 11_000_000), member.key)

    assert deep.status_code == 400
    assert deep.json() == error(
        "parse_error", "Invalid JSON: the objects and lists are nested too deeply."
    )
    assert large.status_code == 413
    assert large.json() == error("too_large", "The request body is too large.")


@pytest.mark.parametrize("trl", [0, 10, "7", 7.5, True, None, -1, 10**30])
def test_trl_must_be_a_whole_number_from_1_to_9(client, member, trl):
    response = post(client, "/api/v1/offers/", offer_body(trl=trl), member.key)

    assert response.status_code == 400
    assert response.json() == invalid({"trl": ["TRL is a whole number from 1 to 9."]})
    assert not Listing.objects.exists()


def test_wrong_types_are_reported_per_field(client, member):
    body = offer_body(
        title=5,
        sectors="205",
        keywords="nano",
        cooperation=[1],
        price_vnd=[1, 2],
        exchange=["hanoi"],
        organisation="Viện",
        language="fr",
        video_url=12,
    )

    response = post(client, "/api/v1/offers/", body, member.key)

    assert response.json() == invalid(
        {
            "exchange": ["Unknown exchange code."],
            "language": ["Must be “vi” or “en”."],
            "title": ["Must be text."],
            "video_url": ["Enter a valid web address."],
            "sectors": ["Must be a list of codes."],
            "cooperation": ["Must be a list of codes."],
            "keywords": ["Must be a list of words or phrases."],
            "price_vnd": ["Must be null or an object with “min” and/or “max”."],
            "organisation": ["Must be an object."],
        }
    )


def test_unhashable_codes_are_errors_not_crashes(client, member):
    organisation = {"name": "Viện", "kind": ["university"], "province": {"slug": "ha-noi"}}
    body = offer_body(exchange={}, language=["vi"], ip_status=["none"], organisation=organisation)

    response = post(client, "/api/v1/offers/", body, member.key)
    need = post(client, "/api/v1/needs/", {**need_body(), "kind": ["need"]}, member.key)

    assert response.json() == invalid(
        {
            "exchange": ["Unknown exchange code."],
            "language": ["Must be “vi” or “en”."],
            "ip_status": ["Unknown IP status."],
            "organisation.kind": [
                "Unknown organisation kind; use one of: research_institute, university, "
                "enterprise, startup, investor, intermediary, government."
            ],
            "organisation.province": ["Unknown province code."],
        }
    )
    assert need.json() == invalid({"kind": ["This endpoint takes listings of kind “need”."]})


def test_huge_strings_unknown_codes_and_inverted_prices_are_refused(client, member):
    body = offer_body(
        title="T" * 100_000,
        sectors=["205", "999"],
        provinces=["atlantis"],
        cooperation=["barter"],
        ip_status="secret",
        price_vnd={"min": 900, "max": 100},
    )

    response = post(client, "/api/v1/offers/", body, member.key)

    assert response.json() == invalid(
        {
            "title": ["At most 200 characters (this has 100000)."],
            "sectors": ["Unknown sector codes: 999."],
            "provinces": ["Unknown province codes: atlantis."],
            "cooperation": ["Unknown cooperation types: barter."],
            "ip_status": ["Unknown IP status."],
            "price_vnd.max": ["The maximum must not be below the minimum."],
        }
    )


def test_a_need_with_a_past_deadline_or_ip_is_refused(client, member):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    response = post(
        client,
        "/api/v1/needs/",
        need_body(deadline=yesterday, ip_status="patent_granted"),
        member.key,
    )

    assert response.json() == invalid(
        {
            "ip_status": ["A need has no IP status."],
            "deadline": ["The deadline is in the past."],
        }
    )


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"external_id": "hp\x00-1"}, {"external_id": ["Must not contain control characters."]}),
        ({"ip_numbers": ["1-\x00"]}, {"ip_numbers": ["Must not contain control characters."]}),
        ({"video_url": "https://video.vn/\x00"}, {"video_url": ["Enter a valid web address."]}),
        (
            {"video_url": "https://video.vn/" + "v" * 200},
            {"video_url": ["At most 200 characters."]},
        ),
        (
            {"confidential": {"contact_name": "An\x00"}},
            {"confidential.contact_name": ["Null characters are not allowed."]},
        ),
    ],
)
def test_nul_characters_that_the_database_cannot_store_are_refused(client, changes, fields):
    body = {**synced(), **changes}

    response = post(client, "/api/v1/offers/", body, exchange_key("hanoi"))

    assert response.status_code == 400
    assert response.json() == invalid(fields)


@pytest.mark.parametrize("member_text", ['"title": "\\ud800 nano"', '"keywords": ["\\udfff"]'])
def test_lone_surrogates_are_a_parse_error(client, member, member_text):
    body = json.dumps(offer_body())[:-1] + ", " + member_text + "}"

    response = post(client, "/api/v1/offers/", body, member.key)

    assert response.status_code == 400
    assert response.json() == error(
        "parse_error", "JSON parse error - the body contains an invalid Unicode character."
    )
    assert not Listing.objects.exists()


def test_unknown_fields_are_refused_naming_each(client, member):
    organisation = {"name": "Viện", "kind": "research_institute", "tax_code": "0101234567",
                    "province": "ha-noi", "founded": 1990,
                    "interests": {"sectors": ["202"], "budget_vnd": 5}}  # fmt: skip
    body = offer_body(
        colour="red", organisation=organisation, confidential={"contact_name": "An", "fax": "1"}
    )

    response = post(client, "/api/v1/offers/", body, member.key)

    unknown = ["Unknown field: the exchange format has no such key."]
    assert response.status_code == 400
    assert response.json() == invalid(
        {
            "colour": unknown,
            "organisation.founded": unknown,
            "organisation.interests.budget_vnd": unknown,
            "confidential.fax": unknown,
        }
    )
    assert not Listing.objects.exists()


def test_a_patch_with_an_unknown_field_saves_nothing(client, member):
    listing = ListingFactory(organisation=member.organisation, title="Cũ")

    response = patch(
        client, f"/api/v1/offers/{listing.pk}/", {"title": "Mới", "titel": "Mới"}, member.key
    )

    assert response.status_code == 400
    assert response.json() == invalid(
        {"titel": ["Unknown field: the exchange format has no such key."]}
    )
    listing.refresh_from_db()
    assert listing.title == "Cũ"


def test_values_of_the_wrong_type_are_refused_even_when_they_look_empty(client, member):
    organisation = {"name": "Viện", "kind": "research_institute", "province": "ha-noi",
                    "interests": {"sectors": False, "provinces": 0, "spin_off": "yes"}}  # fmt: skip
    body = offer_body(organisation=organisation, keywords=False, ip_numbers=0, video_url={})

    response = post(client, "/api/v1/offers/", body, member.key)

    assert response.status_code == 400
    assert response.json() == invalid(
        {
            "video_url": ["Enter a valid web address."],
            "keywords": ["Must be a list of words or phrases."],
            "ip_numbers": ["Must be a list of registration numbers."],
            "organisation.interests.sectors": ["Must be a list of codes."],
            "organisation.interests.provinces": ["Must be a list of codes."],
            "organisation.interests.spin_off": ["Must be true or false."],
        }
    )
    assert not Listing.objects.exists()


def test_a_value_the_database_refuses_is_a_400(client, member, monkeypatch):
    from django.db import DataError

    from listings import services

    def refuse(**kwargs):
        raise DataError("value too long for type character varying(200)")

    monkeypatch.setattr(services, "listing_create", refuse)

    response = post(client, "/api/v1/offers/", offer_body(), member.key)

    assert response.status_code == 400
    assert response.json() == error(
        "invalid", "The listing could not be saved: a value is not accepted by the database."
    )


def test_control_characters_are_dropped_from_free_text(client, member):
    body = offer_body(title="Nano\x00 bạc\x07", keywords=["nano\x00"])

    response = post(client, "/api/v1/offers/", body, member.key)

    assert response.status_code == 201
    assert (response.json()["title"], response.json()["keywords"]) == ("Nano bạc", ["nano"])


def test_the_endpoint_fixes_the_kind(client, member):
    response = post(client, "/api/v1/needs/", offer_body(), member.key)

    assert response.json()["error"]["fields"]["kind"] == [
        "This endpoint takes listings of kind “need”."
    ]


def test_html_is_kept_as_text(client, member):
    title = '<script>alert("x")</script> Lớp phủ <b>nano</b>'

    response = post(client, "/api/v1/offers/", offer_body(title=title), member.key)

    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response.json()["title"] == title
    assert Listing.objects.get().title == title


def test_the_confidential_extension_is_validated(client, member):
    body = offer_body(confidential={"contact_email": "not-an-address", "contact_phone": "9" * 41})

    bad = post(client, "/api/v1/offers/", body, member.key)
    not_object = post(client, "/api/v1/offers/", offer_body(confidential="x"), member.key)

    assert bad.json() == invalid(
        {
            "confidential.contact_email": ["Enter a valid email address."],
            "confidential.contact_phone": ["Ensure this field has no more than 40 characters."],
        }
    )
    assert not_object.json() == invalid({"confidential": ["Must be an object."]})
    assert not Listing.objects.exists()


# --- PATCH -------------------------------------------------------------------------------------


def test_member_patches_some_keys_and_the_rest_is_kept(client, member):
    listing = ListingFactory(
        organisation=member.organisation, status="draft", contact_name="Hoa", trl=5
    )
    before = client.get(f"/api/v1/offers/{listing.pk}/", **auth(member.key)).json()

    response = patch(
        client,
        f"/api/v1/offers/{listing.pk}/",
        {"title": "Tiêu đề mới", "trl": 7, "confidential": {"contact_phone": "0912 345 678"}},
        member.key,
    )

    assert response.status_code == 200
    after = response.json()
    assert after == {
        **before,
        "title": "Tiêu đề mới",
        "trl": 7,
        "confidential": {**before["confidential"], "contact_phone": "0912 345 678"},
    }
    listing.refresh_from_db()
    assert (listing.title, listing.trl, listing.contact_name) == ("Tiêu đề mới", 7, "Hoa")
    assert listing.external_id is None
    assert listing.status == "draft"


def test_a_round_trip_of_the_answer_is_accepted(client, member):
    listing = ListingFactory(organisation=member.organisation)
    answer = client.get(f"/api/v1/offers/{listing.pk}/", **auth(member.key)).json()

    response = patch(client, f"/api/v1/offers/{listing.pk}/", answer, member.key)

    assert response.status_code == 200
    assert response.json() == answer


def test_an_invalid_patch_saves_nothing(client, member):
    listing = ListingFactory(organisation=member.organisation, title="Cũ")

    response = patch(
        client, f"/api/v1/offers/{listing.pk}/", {"title": "Mới", "trl": 12}, member.key
    )

    assert response.status_code == 400
    assert response.json() == invalid({"trl": ["TRL is a whole number from 1 to 9."]})
    listing.refresh_from_db()
    assert listing.title == "Cũ"


def test_patch_cannot_change_kind_exchange_or_owner(client, member):
    listing = ListingFactory(organisation=member.organisation)
    url = f"/api/v1/offers/{listing.pk}/"
    other_owner = {"name": "Khác", "kind": "enterprise", "tax_code": "0107777777",
                   "province": "ha-noi"}  # fmt: skip

    kind = patch(client, url, {"kind": "need"}, member.key)
    moved = patch(client, url, {"exchange": "danang"}, member.key)
    owner = patch(client, url, {"organisation": other_owner}, member.key)
    owner_id = patch(client, url, {"organisation_id": member.organisation_id + 1000}, member.key)

    assert kind.json() == invalid({"kind": ["This endpoint takes listings of kind “offer”."]})
    assert moved.json() == invalid(
        {"exchange": ["A listing's exchange cannot change here; a curator may move it."]}
    )
    assert owner.json() == invalid(
        {"organisation": ["The owning organisation of a listing cannot change."]}
    )
    assert owner_id.json() == invalid(
        {"organisation_id": ["The owning organisation of a listing cannot change."]}
    )


def test_editing_someone_elses_listing_is_403_or_404_when_it_is_not_visible(client, member):
    published = ListingFactory()
    draft = ListingFactory(status="draft", published_at=None)

    visible = patch(client, f"/api/v1/offers/{published.pk}/", {"title": "Của tôi"}, member.key)
    hidden = patch(client, f"/api/v1/offers/{draft.pk}/", {"title": "Của tôi"}, member.key)

    assert visible.status_code == 403
    assert visible.json() == error(
        "permission_denied",
        "Only the owning organisation or the exchange's moderators may edit this listing.",
    )
    assert hidden.status_code == 404
    published.refresh_from_db()
    assert published.title != "Của tôi"


def test_moderators_edit_listings_of_their_scope_only(client):
    listing = ListingFactory(exchange=exchange("haiphong"))
    in_scope = Token.objects.create(user=ExchangeStaffFactory(exchange=exchange("hanoi")).user)
    out_of_scope = Token.objects.create(user=ExchangeStaffFactory(exchange=exchange("hcmc")).user)

    allowed = patch(client, f"/api/v1/offers/{listing.pk}/", {"trl": 8}, in_scope.key)
    refused = patch(client, f"/api/v1/offers/{listing.pk}/", {"trl": 9}, out_of_scope.key)

    assert allowed.status_code == 200
    assert refused.status_code == 403
    listing.refresh_from_db()
    assert listing.trl == 8


def test_patch_of_the_wrong_kind_or_an_archived_listing(client, member):
    need = ListingFactory(kind="need", organisation=member.organisation)
    archived = ListingFactory(organisation=member.organisation, status="archived")

    wrong_kind = patch(client, f"/api/v1/offers/{need.pk}/", {"trl": 3}, member.key)
    frozen = patch(client, f"/api/v1/offers/{archived.pk}/", {"trl": 3}, member.key)

    assert wrong_kind.status_code == 404
    assert frozen.status_code == 400
    assert frozen.json() == invalid({"non_field_errors": ["An archived listing cannot be edited."]})


# --- Exchange tokens ---------------------------------------------------------------------------


def synced(**changes) -> dict:
    organisation = {"name": "Viện Công nghệ Biển", "kind": "research_institute",
                    "tax_code": "0201234567", "province": "hai-phong"}  # fmt: skip
    return offer_body(external_id="hp-2026-0001", organisation=organisation, **changes)


def test_an_exchange_token_publishes_at_once_and_a_repeated_post_updates(client):
    key = exchange_key("hanoi")

    created = post(client, "/api/v1/offers/", synced(exchange="haiphong"), key)
    again = post(client, "/api/v1/offers/", synced(exchange="haiphong", trl=8), key)

    assert created.status_code == 201
    assert again.status_code == 200
    listing = Listing.objects.get()
    assert created.json()["status"] == "published"
    assert created.json()["published_at"] is not None
    assert again.json()["id"] == listing.pk
    assert again.json()["trl"] == 8
    assert (listing.exchange.code, listing.external_id, listing.trl) == (
        "haiphong",
        "hp-2026-0001",
        8,
    )
    assert listing.created_by is None
    organisation = listing.organisation
    assert (organisation.tax_code, organisation.province.slug) == ("0201234567", "hai-phong")
    assert organisation.verified_at is None
    assert not organisation.memberships.exists()
    assert ListingStatusChange.objects.get().actor is None


def test_repeating_a_sync_changes_nothing(client):
    key = exchange_key("hanoi")
    post(client, "/api/v1/offers/", synced(), key)
    Listing.objects.update(content_updated_at=timezone.now() - timedelta(days=200))

    again = post(client, "/api/v1/offers/", synced(sectors=["202"]), key)
    reordered = post(client, "/api/v1/offers/", {**synced(), "provinces": ["dak-lak"]}, key)

    assert (again.status_code, reordered.status_code) == (200, 200)
    listing = Listing.objects.get()
    assert listing.content_updated_at < timezone.now() - timedelta(days=199)
    assert listing.is_stale


def test_an_exchange_token_matches_organisations_by_tax_code_and_defaults_its_exchange(client):
    existing = OrganisationFactory(tax_code="0201234567", name="Tên đã đăng ký")
    key = exchange_key("haiphong")

    response = post(client, "/api/v1/offers/", synced(), key)

    assert response.status_code == 201
    assert response.json()["exchange"] == "haiphong"
    assert Listing.objects.get().organisation == existing
    assert Organisation.objects.count() == 1


def test_an_exchange_token_writes_only_inside_its_scope(client):
    hanoi_key = exchange_key("hanoi")
    haiphong_key = exchange_key("haiphong")

    other_national = post(client, "/api/v1/offers/", synced(exchange="danang"), hanoi_key)
    parent = post(client, "/api/v1/offers/", synced(exchange="hanoi"), haiphong_key)

    assert other_national.status_code == 403
    assert other_national.json() == error(
        "permission_denied",
        "This token writes listings of exchange “hanoi” and its local centres only.",
    )
    assert parent.status_code == 403
    assert not Listing.objects.exists()


def test_an_exchange_token_needs_external_id_and_organisation(client):
    key = exchange_key("hanoi")
    body = offer_body()

    response = post(client, "/api/v1/offers/", body, key)

    assert response.json() == invalid(
        {
            "external_id": ["An exchange token writes listings keyed by external_id: give it."],
            "organisation": ["This field is required."],
        }
    )


def test_an_exchange_token_cannot_turn_an_offer_into_a_need(client):
    key = exchange_key("hanoi")
    post(client, "/api/v1/offers/", synced(), key)

    response = post(client, "/api/v1/needs/", need_body(**{
        k: v for k, v in synced().items() if k in ("external_id", "organisation")
    }), key)  # fmt: skip

    assert response.json() == invalid(
        {"external_id": ["This external_id belongs to a listing of the other kind."]}
    )


def test_an_exchange_token_reads_and_patches_listings_of_its_scope(client):
    key = exchange_key("hanoi")
    mine = ListingFactory(exchange=exchange("thainguyen"), status="submitted", contact_name="An")
    theirs_published = ListingFactory(exchange=exchange("danang"))
    theirs_draft = ListingFactory(exchange=exchange("danang"), status="draft")

    read = client.get(f"/api/v1/offers/{mine.pk}/", **auth(key))
    edited = patch(client, f"/api/v1/offers/{mine.pk}/", {"trl": 3}, key)
    refused = patch(client, f"/api/v1/offers/{theirs_published.pk}/", {"trl": 3}, key)
    hidden = patch(client, f"/api/v1/offers/{theirs_draft.pk}/", {"trl": 3}, key)

    assert read.status_code == 200
    assert read.json()["confidential"]["contact_name"] == "An"
    assert edited.status_code == 200
    assert edited.json()["trl"] == 3
    assert refused.status_code == 403
    assert hidden.status_code == 404


def test_revoked_unknown_and_malformed_tokens_are_401(client):
    admin = ExchangeStaffFactory(exchange=exchange("hanoi"), role="admin").user
    token, key = exchange_services.exchange_api_token_create(
        actor=admin, exchange=exchange("hanoi"), name="Cũ"
    )
    exchange_services.exchange_api_token_revoke(actor=admin, token=token)

    revoked = post(client, "/api/v1/offers/", synced(), key)
    revoked_read = client.get("/api/v1/offers/", **auth(key))
    unknown_exchange_key = client.get("/api/v1/offers/", **auth("vxt_nope"))
    unknown_personal_key = client.get("/api/v1/offers/", **auth("0" * 40))
    no_key = client.get("/api/v1/offers/", HTTP_AUTHORIZATION="Token", **EN)

    assert revoked.status_code == 401
    assert revoked.json() == error("authentication_failed", "This token was revoked.")
    assert revoked_read.status_code == 401
    assert unknown_exchange_key.json() == error("authentication_failed", "Invalid token.")
    assert unknown_personal_key.status_code == 401
    assert unknown_personal_key.json() == error("authentication_failed", "Invalid token.")
    assert no_key.status_code == 401
    assert not Listing.objects.exists()


def test_exchange_tokens_are_stored_hashed_and_record_their_use(client):
    admin = ExchangeStaffFactory(exchange=exchange("hanoi"), role="admin").user
    token, key = exchange_services.exchange_api_token_create(
        actor=admin, exchange=exchange("hanoi"), name="Website"
    )

    client.get("/api/v1/offers/", **auth(key))

    token.refresh_from_db()
    assert key.startswith("vxt_") and len(key) > 40
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:12]
    assert not ExchangeApiToken.objects.filter(key_hash=key).exists()
    assert token.last_used_at is not None
    assert token.created_by == admin


def test_only_administrators_in_scope_manage_exchange_tokens():
    curator = ExchangeStaffFactory(exchange=exchange("hanoi"), role="curator").user
    local_admin = ExchangeStaffFactory(exchange=exchange("haiphong"), role="admin").user
    national_admin = ExchangeStaffFactory(exchange=exchange("hanoi"), role="admin").user
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        exchange_services.exchange_api_token_create(
            actor=curator, exchange=exchange("hanoi"), name="x"
        )
    with pytest.raises(PermissionDenied):
        exchange_services.exchange_api_token_create(
            actor=local_admin, exchange=exchange("hanoi"), name="x"
        )
    with pytest.raises(ValidationError):
        exchange_services.exchange_api_token_create(
            actor=national_admin, exchange=exchange("haiphong"), name="   "
        )
    token, _key = exchange_services.exchange_api_token_create(
        actor=national_admin, exchange=exchange("haiphong"), name="Hải Phòng sync"
    )
    with pytest.raises(PermissionDenied):
        exchange_services.exchange_api_token_revoke(actor=curator, token=token)
    exchange_services.exchange_api_token_revoke(actor=local_admin, token=token)
    assert token.revoked_at is not None


# --- Token pages -------------------------------------------------------------------------------


def test_exchange_admin_page_shows_a_new_key_once_and_revokes(client):
    admin = ExchangeStaffFactory(exchange=exchange("hanoi"), role="admin").user
    client.force_login(admin)

    created = client.post("/en/exchanges/haiphong/api-tokens/", {"name": "<b>Sync</b>"})
    token = ExchangeApiToken.objects.get()
    listed = client.get("/en/exchanges/haiphong/api-tokens/")
    revoked = client.post(f"/en/exchanges/haiphong/api-tokens/{token.pk}/revoke/")

    assert created.status_code == 200
    key = created.context["new_key"]
    assert key.startswith("vxt_")
    assert key in created.content.decode()
    assert "&lt;b&gt;Sync&lt;/b&gt;" in created.content.decode()
    assert "no-store" in created["Cache-Control"]
    assert token.exchange.code == "haiphong"
    assert listed.status_code == 200
    assert key not in listed.content.decode()
    assert token.prefix in listed.content.decode()
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_exchange_token_page_is_for_administrators_in_scope(client):
    client.force_login(ExchangeStaffFactory(exchange=exchange("hanoi"), role="curator").user)
    as_curator = client.get("/en/exchanges/hanoi/api-tokens/")
    client.force_login(ExchangeStaffFactory(exchange=exchange("haiphong"), role="admin").user)
    as_local_admin = client.get("/en/exchanges/hanoi/api-tokens/")
    as_local_admin_posting = client.post("/en/exchanges/hanoi/api-tokens/", {"name": "x"})
    client.logout()
    anonymous = client.get("/en/exchanges/hanoi/api-tokens/")

    assert as_curator.status_code == 403
    assert as_local_admin.status_code == 403
    assert as_local_admin_posting.status_code == 403
    assert anonymous.status_code == 302
    assert not ExchangeApiToken.objects.exists()


def test_exchange_token_form_errors(client):
    client.force_login(ExchangeStaffFactory(exchange=exchange("hanoi"), role="admin").user)

    response = client.post("/en/exchanges/hanoi/api-tokens/", {"name": ""})

    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert not ExchangeApiToken.objects.exists()


def test_personal_token_page_creates_rotates_and_revokes(client, member):
    client.force_login(member.user)
    old_key = member.key

    profile = client.get("/en/accounts/profile/")
    page = client.get("/en/accounts/api-token/")
    rotated = client.post("/en/accounts/api-token/", {"action": "rotate"})
    new_key = rotated.context["new_key"]
    client.logout()
    with_old = client.get("/api/v1/offers/", **auth(old_key))
    with_new = client.get("/api/v1/offers/", **auth(new_key))
    client.force_login(member.user)
    again = client.get("/en/accounts/api-token/")
    revoked = client.post("/en/accounts/api-token/", {"action": "revoke"})
    client.logout()
    after_revoke = client.get("/api/v1/offers/", **auth(new_key))

    assert 'href="/en/accounts/api-token/"' in profile.content.decode()
    assert page.status_code == 200
    assert old_key[:6] in page.content.decode()
    assert old_key not in page.content.decode()
    assert new_key != old_key and new_key in rotated.content.decode()
    assert "no-store" in rotated["Cache-Control"]
    assert with_old.status_code == 401
    assert with_new.status_code == 200
    assert new_key not in again.content.decode()
    assert revoked.status_code == 302
    assert after_revoke.status_code == 401
    assert not Token.objects.filter(user=member.user).exists()


def test_personal_token_page_needs_a_login(client):
    response = client.get("/en/accounts/api-token/")

    assert response.status_code == 302
    assert not Token.objects.exists()


# --- OpenAPI -----------------------------------------------------------------------------------


def test_openapi_document_describes_every_listing_operation(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    paths = schema["paths"]
    assert set(paths["/api/v1/offers/"]) == {"get", "post"}
    assert set(paths["/api/v1/needs/"]) == {"get", "post"}
    assert set(paths["/api/v1/offers/{id}/"]) == {"get", "patch"}
    assert set(paths["/api/v1/needs/{id}/"]) == {"get", "patch"}
    parameters = {p["name"] for p in paths["/api/v1/offers/"]["get"]["parameters"]}
    assert parameters == {"exchange", "sector", "province", "cooperation", "trl_min", "trl_max",
                          "page", "page_size"}  # fmt: skip
    post_op = paths["/api/v1/offers/"]["post"]
    assert post_op["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/OfferWrite"
    }
    assert post_op["responses"]["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert {"Offer", "Need", "Error", "PaginatedOfferList", "Confidential"} <= set(
        schema["components"]["schemas"]
    )
    assert {"exchangeTokenAuth", "tokenAuth", "cookieAuth"} <= set(
        schema["components"]["securitySchemes"]
    )
    assert {} in paths["/api/v1/offers/"]["get"]["security"]
    assert {} in paths["/api/v1/needs/{id}/"]["get"]["security"]
    assert {} not in post_op["security"]


def test_openapi_document_states_what_a_body_may_hold(client):
    schemas = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()[
        "components"
    ]["schemas"]

    # Keys nobody describes are refused, at every level of a body.
    bodies = ["OfferWrite", "PatchedOfferWrite", "NeedWrite", "PatchedNeedWrite",
              "OrganisationFormat", "OrganisationInterests", "Price", "Confidential"]  # fmt: skip
    for name in bodies:
        assert schemas[name]["additionalProperties"] is False, name
    offer = schemas["OfferWrite"]["properties"]
    assert offer["organisation_id"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 2**63 - 1,
        "format": "int64",
        "description": offer["organisation_id"]["description"],
    }
    # The keys of an answer may be sent back (GET, change, PATCH): read-only, ignored.
    assert {offer[key].get("readOnly") for key in ("id", "status", "url", "published_at")} == {True}
    assert "kind" not in schemas["OfferWrite"]["required"]  # the endpoint's kind
    assert offer["title"]["minLength"] == 1
    assert (offer["external_id"]["nullable"], offer["keywords"]["nullable"]) == (True, True)
    interests = schemas["OrganisationInterests"]["properties"]
    assert (interests["sectors"]["type"], interests["sectors"]["nullable"]) == ("array", True)


def test_openapi_document_states_the_ranges_of_the_list_parameters(client):
    paths = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()[
        "paths"
    ]

    parameters = {p["name"]: p["schema"] for p in paths["/api/v1/offers/"]["get"]["parameters"]}
    assert (parameters["page"]["minimum"], parameters["page_size"]["maximum"]) == (1, 100)
    assert parameters["sector"]["minLength"] == 1  # an empty filter is refused
    assert set(paths["/api/v1/offers/"]["get"]["responses"]) == {"200", "400", "401", "404"}
    assert set(paths["/api/v1/offers/{id}/"]["get"]["responses"]) == {"200", "401", "404"}


def test_openapi_document_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))

    assert (tmp_path / "s.yml").read_text().startswith("openapi: 3.0.3")


def test_province_fixture_sanity():
    assert province("hai-phong").default_exchange.code == "hanoi"
