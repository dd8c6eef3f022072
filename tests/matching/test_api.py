"""The matching engine's REST API (spec/api.md): the ranked lists of a listing, their shape,
language, visibility and `limit`, and the feedback extension (seen, contacted, dismissed,
restore) with its errors and its place in the OpenAPI document."""

import json

import pytest
from django.db import connection
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from rest_framework.authtoken.models import Token

from listings.models import Listing
from marketplace.exchanges import services as exchange_services
from marketplace.reference.models import Sector
from matching import selectors
from matching.models import Suggestion
from tests.factories import (
    ExchangeStaffFactory,
    MembershipFactory,
    UserFactory,
    exchange,
)
from tests.matching.conftest import make_offer

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
REASON_CODES = "not_relevant, too_early, price, region, already_known, other"


# --- Helpers -------------------------------------------------------------------------------------


def matches_url(listing, what: str = "matches") -> str:
    return f"/api/v1/{listing.kind}s/{listing.pk}/{what}/"


def feedback_url(suggestion_id: int) -> str:
    return f"/api/v1/suggestions/{suggestion_id}/feedback/"


def restore_url(suggestion_id: int) -> str:
    return f"/api/v1/suggestions/{suggestion_id}/restore/"


def key_of(user) -> str:
    return Token.objects.create(user=user).key


def auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {key}", **EN}


def post(client, url: str, body, key: str | None = None):
    headers = auth(key) if key else dict(EN)
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data, content_type="application/json", **headers)


def error(code: str, detail: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "detail": detail, "fields": fields or {}}}


def invalid(fields: dict) -> dict:
    return error("invalid", "Some fields are invalid.", fields)


NOT_FOUND = error("not_found", "Not found.")


def listing_json(listing: Listing, *, language: str = "vi") -> dict:
    with translation.override(language):
        path = listing.get_absolute_url()
    return {
        "id": listing.pk,
        "title": listing.title,
        "url": f"http://testserver{path}",
        "summary": listing.summary,
        "organisation": {"id": listing.organisation_id, "name": listing.organisation.name},
        "exchange": listing.exchange.code,
        "trl": listing.trl,
        "language": listing.language,
    }


def explanation_json(suggestion: Suggestion, *, language: str = "vi") -> dict:
    components = suggestion.components
    return {
        "text": components["text"],
        "sector": components["sector"],
        "trl": components["maturity"],
        "region": components["region"],
        "price": components["price"],
        "cooperation": components.get("cooperation"),
        "reasons": [reason[language] for reason in suggestion.reasons],
    }


def transfer(world) -> Suggestion:
    return Suggestion.objects.get(kind="transfer", need=world.need, offer=world.offer)


def partner(world) -> Suggestion:
    return Suggestion.objects.get(kind="partner", offer=world.spin_off)


def suggest(*, offer, need, score: float, status: str = "new", components=None) -> Suggestion:
    """A stored transfer suggestion, as the engine would write it."""
    return Suggestion.objects.create(
        kind=Suggestion.Kind.TRANSFER,
        offer=offer,
        need=need,
        score=score,
        components=components if components is not None else {"text": 0.5, "sector": 1.0},
        reasons=[{"code": "sector_same", "vi": "Cùng lĩnh vực", "en": "Same sector"}],
        engine_version="test",
        computed_at=timezone.now(),
        status=status,
    )


def offer_ids(response) -> list[int]:
    return [item["offer"]["id"] for item in response.json()["results"]]


def exchange_key(code: str = "hanoi") -> str:
    admin = ExchangeStaffFactory(exchange=exchange(code), role="admin").user
    _token, key = exchange_services.exchange_api_token_create(
        actor=admin, exchange=exchange(code), name="Đồng bộ"
    )
    return key


# --- The lists: shape and content ------------------------------------------------------------


def test_a_need_lists_the_offer_that_solves_it_with_score_and_explanation(client, world):
    suggestion = transfer(world)

    response = client.get(matches_url(world.need))

    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {
                "offer": listing_json(world.offer),
                "score": suggestion.score,
                "explanation": explanation_json(suggestion),
            }
        ]
    }
    item = response.json()["results"][0]
    # what the world says, independently of the stored row
    assert (item["offer"]["language"], item["offer"]["trl"]) == ("en", 7)
    assert item["offer"]["url"] == f"http://testserver/offers/{world.offer.pk}/"
    assert 0.3 <= item["score"] <= 1
    assert item["explanation"]["trl"] == 1.0  # TRL 7 for a need of at least 6
    assert item["explanation"]["cooperation"] == 1.0  # both offer a licence
    assert len(item["explanation"]["reasons"]) == len(suggestion.reasons) > 0


def test_an_offer_lists_the_need_it_serves_under_need(client, world):
    suggestion = transfer(world)

    response = client.get(matches_url(world.offer))

    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {
                "need": listing_json(world.need),
                "score": suggestion.score,
                "explanation": explanation_json(suggestion),
            }
        ]
    }


def test_a_spin_off_offer_lists_the_investor_with_no_cooperation_component(client, world):
    suggestion = partner(world)

    response = client.get(matches_url(world.spin_off, "partners"))

    assert response.status_code == 200
    assert response.json() == {
        "results": [
            {
                "organisation": {
                    "id": world.investor.pk,
                    "name": world.investor.name,
                    "kind": "investor",
                    "url": f"http://testserver/organisations/{world.investor.pk}/",
                    "province": world.investor.province.slug,
                },
                "score": suggestion.score,
                "explanation": explanation_json(suggestion),
            }
        ]
    }
    assert "cooperation" not in suggestion.components
    assert response.json()["results"][0]["explanation"]["cooperation"] is None


def test_unrelated_and_non_spin_off_offers_have_empty_lists(client, world):
    # the library software matches nobody; a transfer offer and a need have no partners
    assert client.get(matches_url(world.unrelated)).json() == {"results": []}
    assert client.get(matches_url(world.unrelated, "partners")).json() == {"results": []}
    assert client.get(matches_url(world.offer, "partners")).json() == {"results": []}
    assert client.get(matches_url(world.spin_off)).json() == {"results": []}


def test_reasons_are_sentences_in_the_language_of_the_request(client, world):
    suggestion, fisheries = transfer(world), Sector.objects.get(code="405")

    default = client.get(matches_url(world.need)).json()["results"][0]["explanation"]["reasons"]
    vi = client.get(matches_url(world.need), **VI).json()["results"][0]["explanation"]["reasons"]
    en = client.get(matches_url(world.need), **EN).json()["results"][0]["explanation"]["reasons"]
    en_us = client.get(matches_url(world.need), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.8").json()

    assert default == vi == [reason["vi"] for reason in suggestion.reasons]
    assert en == [reason["en"] for reason in suggestion.reasons]
    assert en_us["results"][0]["explanation"]["reasons"] == en
    assert vi != en
    assert any(fisheries.name_vi in sentence for sentence in vi)
    assert any(fisheries.name_en in sentence for sentence in en)
    assert not any(fisheries.name_vi in sentence for sentence in en)


def test_partner_reasons_and_links_follow_the_language_too(client, world):
    suggestion, nano = partner(world), Sector.objects.get(code="210")

    response = client.get(matches_url(world.spin_off, "partners"), **EN)

    item = response.json()["results"][0]
    assert item["explanation"] == explanation_json(suggestion, language="en")
    assert any(nano.name_en in sentence for sentence in item["explanation"]["reasons"])
    assert item["organisation"]["url"] == (
        f"http://testserver/en/organisations/{world.investor.pk}/"
    )


def test_components_missing_from_a_stored_suggestion_are_null(client, world):
    Suggestion.objects.filter(pk=transfer(world).pk).update(components={"text": 0.4})

    explanation = client.get(matches_url(world.need)).json()["results"][0]["explanation"]

    assert {name: explanation[name] for name in explanation if name != "reasons"} == {
        "text": 0.4,
        "sector": None,
        "trl": None,
        "region": None,
        "price": None,
        "cooperation": None,
    }


def pin_world_score(world, score=0.5):
    """The engine's own score for the world's pair depends on its weights; these tests rank
    hand-made suggestions around it, so it is pinned below theirs."""
    Suggestion.objects.filter(kind="transfer", need=world.need).update(score=score)


def test_lists_are_ranked_best_first_without_dismissed_pairs_or_unpublished_offers(client, world):
    pin_world_score(world)
    best, second, tied = make_offer(), make_offer(), make_offer()
    dismissed, draft = make_offer(), make_offer(status="draft", published_at=None)
    suggest(offer=best, need=world.need, score=0.9)
    suggest(offer=second, need=world.need, score=0.6)
    suggest(offer=tied, need=world.need, score=0.6, status="contacted")  # same score: by id
    suggest(offer=dismissed, need=world.need, score=0.95, status="dismissed")
    suggest(offer=draft, need=world.need, score=0.99)

    response = client.get(matches_url(world.need))

    assert offer_ids(response) == [best.pk, second.pk, tied.pk, world.offer.pk]
    assert [item["score"] for item in response.json()["results"]] == [
        0.9,
        0.6,
        0.6,
        transfer(world).score,
    ]
    # the other side's list leaves the dismissed pair out as well
    assert client.get(matches_url(dismissed)).json() == {"results": []}


@pytest.mark.parametrize(("limit", "count"), [("1", 1), ("2", 2), ("13", 13), ("50", 13)])
def test_limit_cuts_the_ranked_list(client, world, limit, count):
    pin_world_score(world)
    offers = [make_offer() for _ in range(12)]
    for rank, offer in enumerate(offers):
        suggest(offer=offer, need=world.need, score=0.9 - rank / 100)
    ranked = [offer.pk for offer in offers] + [world.offer.pk]

    response = client.get(matches_url(world.need), {"limit": limit})

    assert response.status_code == 200
    assert offer_ids(response) == ranked[:count]


def test_the_default_limit_is_10(client, world):
    pin_world_score(world)
    for rank in range(12):
        suggest(offer=make_offer(), need=world.need, score=0.9 - rank / 100)

    response = client.get(matches_url(world.need))

    assert len(response.json()["results"]) == 10 == selectors.LIST_SIZE


@pytest.mark.parametrize(
    "limit", ["abc", "0", "51", "1e9", "", "10.0", " 10", "-1", "+5", "٣", "9" * 5000]
)
def test_a_bad_limit_is_a_400_naming_it(client, world, limit):
    for url in (matches_url(world.need), matches_url(world.offer), matches_url(world.spin_off)):
        response = client.get(url, {"limit": limit}, **EN)

        assert response.status_code == 400
        assert response.json() == invalid({"limit": ["A whole number from 1 to 50."]})


def test_a_list_runs_a_fixed_number_of_queries_whatever_its_length(client, world):
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(matches_url(world.need)).json()["results"]) == 1
    for rank in range(12):
        suggest(offer=make_offer(), need=world.need, score=0.9 - rank / 100)
    with CaptureQueriesContext(connection) as many:
        response = client.get(matches_url(world.need), {"limit": "50"})

    assert len(response.json()["results"]) == 13
    assert len(many) == len(one)


# --- The lists: who may read them ------------------------------------------------------------


def test_anyone_reads_the_lists_of_published_listings(world):
    anonymous, stranger, token = Client(), Client(), Client()
    stranger.force_login(UserFactory())
    headers = {"HTTP_AUTHORIZATION": f"Token {exchange_key()}"}

    for url in (matches_url(world.need), matches_url(world.spin_off, "partners")):
        assert anonymous.get(url).status_code == 200
        assert stranger.get(url).status_code == 200
        assert token.get(url, **headers).status_code == 200
        assert len(anonymous.get(url).json()["results"]) == 1


def test_unknown_ids_and_the_other_kind_are_404(client, world):
    unknown = Listing.objects.order_by("-pk").first().pk + 1000
    urls = [
        f"/api/v1/needs/{unknown}/matches/",
        f"/api/v1/offers/{unknown}/matches/",
        f"/api/v1/offers/{unknown}/partners/",
        f"/api/v1/needs/{2**63}/matches/",  # beyond any id the database stores
        f"/api/v1/offers/{10**30}/partners/",
        "/api/v1/needs/-1/matches/",
        "/api/v1/needs/abc/matches/",
        f"/api/v1/offers/{world.need.pk}/matches/",
        f"/api/v1/offers/{world.need.pk}/partners/",
        f"/api/v1/needs/{world.offer.pk}/matches/",
        f"/api/v1/needs/{world.spin_off.pk}/partners/",  # needs have no partner list
    ]

    for url in urls:
        response = client.get(url, **EN)

        assert response.status_code == 404, url
        assert response.json() == NOT_FOUND, url


def test_an_unpublished_listing_is_404_for_strangers_and_empty_for_its_owners(world):
    Listing.objects.filter(pk=world.need.pk).update(status="draft")
    anonymous, stranger, owner = Client(), Client(), Client()
    stranger.force_login(MembershipFactory().user)
    owner.force_login(world.need_owner)

    for client in (anonymous, stranger):
        response = client.get(matches_url(world.need), **EN)
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
    # its owners see the list, empty: only published listings are matched
    assert owner.get(matches_url(world.need)).json() == {"results": []}
    # and the published offer no longer lists the unpublished need
    assert anonymous.get(matches_url(world.offer)).json() == {"results": []}


def test_exchange_staff_read_the_list_of_an_unpublished_listing_of_their_exchange(world):
    Listing.objects.filter(pk=world.spin_off.pk).update(status="submitted")
    curator = Client()
    curator.force_login(ExchangeStaffFactory(exchange=world.spin_off.exchange).user)

    response = curator.get(matches_url(world.spin_off, "partners"))

    assert response.status_code == 200
    assert response.json() == {"results": []}


def test_the_lists_are_read_only(client, world):
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(matches_url(world.need), **EN)

        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"


def test_an_unknown_token_is_a_401_even_on_a_public_list(client, world):
    response = client.get(matches_url(world.need), HTTP_AUTHORIZATION="Token nope", **EN)

    assert response.status_code == 401
    assert response.json() == error("authentication_failed", "Invalid token.")


# --- Feedback --------------------------------------------------------------------------------


def test_dismissing_hides_the_pair_from_both_lists_and_restoring_brings_it_back(client, world):
    suggestion, key = transfer(world), key_of(world.need_owner)

    dismissed = post(
        client, feedback_url(suggestion.pk), {"status": "dismissed", "reason": "price"}, key
    )

    assert dismissed.status_code == 200
    assert dismissed.json() == {
        "id": suggestion.pk,
        "status": "dismissed",
        "dismiss_reason": "price",
    }
    assert client.get(matches_url(world.need)).json() == {"results": []}
    assert client.get(matches_url(world.offer)).json() == {"results": []}
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.dismiss_reason) == ("dismissed", "price")
    assert suggestion.status_changed_by == world.need_owner

    restored = client.post(restore_url(suggestion.pk), **auth(key))

    assert restored.status_code == 200
    assert restored.json() == {"id": suggestion.pk, "status": "seen", "dismiss_reason": None}
    assert offer_ids(client.get(matches_url(world.need))) == [world.offer.pk]
    assert len(client.get(matches_url(world.offer)).json()["results"]) == 1


def test_either_side_marks_a_suggestion_seen_then_contacted(client, world):
    suggestion, key = transfer(world), key_of(world.offer_owner)

    seen = post(client, feedback_url(suggestion.pk), {"status": "seen"}, key)
    contacted = post(client, feedback_url(suggestion.pk), {"status": "contacted"}, key)
    seen_again = post(client, feedback_url(suggestion.pk), {"status": "seen"}, key)

    assert seen.json() == {"id": suggestion.pk, "status": "seen", "dismiss_reason": None}
    assert contacted.json() == {"id": suggestion.pk, "status": "contacted", "dismiss_reason": None}
    # seeing is not an answer: the contact stays recorded
    assert seen_again.status_code == 200
    assert seen_again.json()["status"] == "contacted"
    # contacted pairs stay listed
    assert offer_ids(client.get(matches_url(world.need))) == [world.offer.pk]


def test_restoring_a_suggestion_that_is_not_dismissed_changes_nothing(client, world):
    suggestion = transfer(world)

    response = client.post(restore_url(suggestion.pk), **auth(key_of(world.need_owner)))

    assert response.json() == {"id": suggestion.pk, "status": "new", "dismiss_reason": None}


def test_the_offer_owner_dismisses_a_partner_the_partner_cannot(client, world):
    suggestion = partner(world)
    owner, investor = (
        MembershipFactory(organisation=world.spin_off.organisation),
        MembershipFactory(organisation=world.investor),
    )

    refused = post(client, feedback_url(suggestion.pk), {"status": "seen"}, key_of(investor.user))
    dismissed = post(
        client,
        feedback_url(suggestion.pk),
        {"status": "dismissed", "reason": "too_early"},
        key_of(owner.user),
    )

    assert refused.status_code == 404
    assert dismissed.json() == {
        "id": suggestion.pk,
        "status": "dismissed",
        "dismiss_reason": "too_early",
    }
    assert client.get(matches_url(world.spin_off, "partners")).json() == {"results": []}


def test_strangers_and_unknown_ids_get_404_and_change_nothing(client, world):
    suggestion = transfer(world)
    stranger = key_of(MembershipFactory().user)
    owner = key_of(world.need_owner)
    unknown = Suggestion.objects.order_by("-pk").first().pk + 1000
    body = {"status": "dismissed", "reason": "other"}

    responses = [
        post(client, feedback_url(suggestion.pk), body, stranger),
        client.post(restore_url(suggestion.pk), **auth(stranger)),
        post(client, feedback_url(unknown), body, owner),
        client.post(restore_url(unknown), **auth(owner)),
        post(client, feedback_url(2**63), body, owner),
        client.post(restore_url(10**30), **auth(owner)),
    ]

    for response in responses:
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
    suggestion.refresh_from_db()
    assert suggestion.status == "new"


def test_anonymous_feedback_is_401_with_a_token_challenge(client, world):
    suggestion = transfer(world)

    responses = [
        post(client, feedback_url(suggestion.pk), {"status": "dismissed", "reason": "other"}),
        client.post(restore_url(suggestion.pk), **EN),
    ]

    for response in responses:
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert response.json() == error(
            "not_authenticated", "Authentication credentials were not provided."
        )
    suggestion.refresh_from_db()
    assert suggestion.status == "new"


def test_an_exchange_token_gives_no_feedback(client, world):
    suggestion = transfer(world)
    headers = {"HTTP_AUTHORIZATION": f"Token {exchange_key('hcmc')}", **EN}

    response = client.post(
        feedback_url(suggestion.pk),
        json.dumps({"status": "seen"}),
        content_type="application/json",
        **headers,
    )

    assert response.status_code == 403
    assert response.json() == error(
        "permission_denied",
        "Feedback on suggestions is given by a person: sign in, or use a personal API token.",
    )


def test_the_session_gives_feedback_with_its_csrf_token_only(world):
    suggestion = transfer(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.need_owner)
    body = json.dumps({"status": "contacted"})

    without = client.post(feedback_url(suggestion.pk), body, content_type="application/json")
    csrf = _get_new_csrf_string()
    client.cookies["csrftoken"] = csrf
    with_token = client.post(
        feedback_url(suggestion.pk), body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )

    assert without.status_code == 403
    assert without.json()["error"]["code"] == "permission_denied"
    assert without.json()["error"]["detail"].startswith("CSRF Failed")
    assert with_token.status_code == 200
    assert with_token.json()["status"] == "contacted"


UNKNOWN_STATUS = {"status": ["Unknown status: one of seen, contacted, dismissed."]}
UNKNOWN_REASON = {"reason": [f"Unknown reason: one of {REASON_CODES}."]}


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"status": ["This field is required."]}),
        ({"status": None}, {"status": ["This field may not be null."]}),
        ({"status": 1}, UNKNOWN_STATUS),
        ({"status": True}, UNKNOWN_STATUS),
        ({"status": ["seen"]}, UNKNOWN_STATUS),
        ({"status": {"seen": True}}, UNKNOWN_STATUS),
        ({"status": ""}, UNKNOWN_STATUS),
        ({"status": "new"}, UNKNOWN_STATUS),  # the engine's status, not an answer
        ({"status": "SEEN"}, UNKNOWN_STATUS),
        ({"status": " seen"}, UNKNOWN_STATUS),
        ({"status": "x" * 10_000}, UNKNOWN_STATUS),
        (
            {"status": "dismissed"},
            {"reason": [f"Say why the suggestion is dismissed: one of {REASON_CODES}."]},
        ),
        (
            {"status": "seen", "reason": "price"},
            {"reason": ["A reason is given only with the status “dismissed”."]},
        ),
        ({"status": "contacted", "reason": ""}, UNKNOWN_REASON),
        ({"status": "dismissed", "reason": "because"}, UNKNOWN_REASON),
        ({"status": "dismissed", "reason": "x" * 10_000}, UNKNOWN_REASON),
        ({"status": "dismissed", "reason": 3}, UNKNOWN_REASON),
        ({"status": "dismissed", "reason": ["price"]}, UNKNOWN_REASON),
        ({"status": "dismissed", "reason": None}, {"reason": ["This field may not be null."]}),
        (
            {"status": "seen", "note": "merci", "by": 1},
            {"note": ["Unknown field."], "by": ["Unknown field."]},
        ),
        (
            {"status": "archived", "x" * 10_000: 1},
            {**UNKNOWN_STATUS, "x" * 10_000: ["Unknown field."]},
        ),
    ],
)
def test_malformed_feedback_is_a_400_naming_each_field_and_changes_nothing(
    client, world, body, fields
):
    suggestion = transfer(world)

    response = post(client, feedback_url(suggestion.pk), body, key_of(world.need_owner))

    assert response.status_code == 400
    assert response.json() == invalid(fields)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.dismiss_reason) == ("new", "")


@pytest.mark.parametrize("payload", ["[]", '"seen"', "42", "null", '[{"status": "seen"}]'])
def test_a_feedback_body_that_is_not_a_json_object_is_refused(client, world, payload):
    response = post(client, feedback_url(transfer(world).pk), payload, key_of(world.need_owner))

    assert response.status_code == 400
    assert response.json() == error("invalid", "The body must be a JSON object.")


def test_a_feedback_body_that_is_not_json_utf8_or_a_json_media_type_is_refused(client, world):
    url, key = feedback_url(transfer(world).pk), key_of(world.need_owner)

    not_json = post(client, url, "{not json", key)
    not_utf8 = post(client, url, json.dumps({"status": "seen"}).encode("utf-16"), key)
    form = client.post(url, {"status": "seen"}, **auth(key))

    assert not_json.status_code == 400
    assert not_json.json() == error(
        "parse_error", "Invalid JSON: a property name in double quotes is expected at column 2."
    )
    assert not_utf8.json() == error("parse_error", "The body is not UTF-8 text.")
    assert form.status_code == 415
    assert form.json()["error"]["code"] == "unsupported_media_type"
    assert transfer(world).status == "new"


# --- OpenAPI ---------------------------------------------------------------------------------


def test_openapi_document_describes_the_matching_operations(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths, components = schema["paths"], schema["components"]["schemas"]

    lists = {
        "/api/v1/needs/{id}/matches/": "OfferMatchList",
        "/api/v1/offers/{id}/matches/": "NeedMatchList",
        "/api/v1/offers/{id}/partners/": "PartnerMatchList",
    }
    for path, out in lists.items():
        operation = paths[path]["get"]
        assert set(paths[path]) == {"get"}
        assert set(operation["responses"]) == {"200", "400", "401", "404"}
        assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/{out}"
        }
        assert {} in operation["security"]  # anonymous callers read
        limit = next(p for p in operation["parameters"] if p["name"] == "limit")
        assert limit["schema"] == {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}
    for path in ("/api/v1/suggestions/{id}/feedback/", "/api/v1/suggestions/{id}/restore/"):
        operation = paths[path]["post"]
        assert set(paths[path]) == {"post"}
        assert operation["security"] == [{"tokenAuth": []}, {"cookieAuth": []}]
    feedback = paths["/api/v1/suggestions/{id}/feedback/"]["post"]
    assert feedback["requestBody"]["required"] is True
    assert set(feedback["responses"]) == {"200", "400", "401", "403", "404", "413", "415"}
    assert "requestBody" not in paths["/api/v1/suggestions/{id}/restore/"]["post"]
    # the body is exact: "dismissed" with a reason, the others without
    branches = components["SuggestionFeedback"]["oneOf"]
    assert [branch["required"] for branch in branches] == [["status"], ["status", "reason"]]
    assert {branch["additionalProperties"] for branch in branches} == {False}
    assert components["FeedbackAnswerEnum"]["enum"] == ["seen", "contacted"]
    assert components["FeedbackDismissalEnum"]["enum"] == ["dismissed"]
    assert components["DismissReasonEnum"]["enum"] == REASON_CODES.split(", ")
    assert set(components["MatchExplanation"]["properties"]) == {
        "text", "sector", "trl", "region", "price", "cooperation", "reasons"
    }  # fmt: skip
    assert set(components["MatchListing"]["properties"]) == {
        "id", "title", "url", "summary", "organisation", "exchange", "trl", "language"
    }  # fmt: skip
    assert set(components["MatchPartner"]["properties"]) == {
        "id", "name", "kind", "url", "province"
    }  # fmt: skip
    assert components["SuggestionState"]["required"] == ["dismiss_reason", "id", "status"]
