"""The listing exchange format codec: every rule of spec/listing-format.md, in one place."""

import datetime as dt

import pytest
from django.utils import translation

from listings.formats import (
    ListingFormatError,
    Vocabularies,
    listing_data_from_dict,
    listing_to_dict,
)
from tests.factories import ListingFactory, OrganisationFactory, province

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def spec_offer(**changes):
    """The offer example of spec/listing-format.md."""
    offer = {
        "kind": "offer",
        "external_id": "hanoi-2026-0012",
        "exchange": "hanoi",
        "organisation": {
            "name": "Viện Công nghệ Vật liệu",
            "kind": "research_institute",
            "tax_code": "0101234567",
            "province": "ha-noi",
        },
        "language": "vi",
        "title": "Quy trình sản xuất vật liệu nano bạc kháng khuẩn",
        "summary": "Public teaser, 1-3 sentences.",
        "description": "Full description: what it is, advantages, applications.",
        "sectors": ["205", "210"],
        "keywords": ["nano bạc", "kháng khuẩn"],
        "trl": 6,
        "ip_status": "patent_granted",
        "ip_numbers": ["1-0023456"],
        "cooperation": ["licence", "technical_assistance"],
        "price_vnd": {"min": 500000000, "max": 1200000000},
        "provinces": ["ha-noi"],
    }
    offer.update(changes)
    return offer


def parse(obj, **kwargs):
    with translation.override("en"):
        return listing_data_from_dict(obj, vocab=Vocabularies(), today=TODAY, **kwargs)


def errors_of(obj, **kwargs):
    with pytest.raises(ListingFormatError) as caught:
        parse(obj, **kwargs)
    return caught.value.fields


def test_the_spec_example_parses_to_exact_values():
    data = parse(spec_offer())

    assert (data.kind, data.exchange, data.external_id, data.language) == (
        "offer",
        "hanoi",
        "hanoi-2026-0012",
        "vi",
    )
    assert data.organisation.tax_code == "0101234567"
    assert data.sectors == ["205", "210"]
    assert data.trl == 6
    assert (data.price_min_vnd, data.price_max_vnd) == (500_000_000, 1_200_000_000)
    assert data.cooperation == ["licence", "technical_assistance"]
    assert data.ip_numbers == ["1-0023456"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"trl": 0}, {"trl": ["TRL is a whole number from 1 to 9."]}),
        ({"trl": 10}, {"trl": ["TRL is a whole number from 1 to 9."]}),
        ({"trl": "7"}, {"trl": ["TRL is a whole number from 1 to 9."]}),
        ({"trl": 7.5}, {"trl": ["TRL is a whole number from 1 to 9."]}),
        ({"trl": True}, {"trl": ["TRL is a whole number from 1 to 9."]}),
        (
            {"price_vnd": {"min": 9, "max": 1}},
            {"price_vnd.max": ["The maximum must not be below the minimum."]},
        ),
        (
            {"price_vnd": {"min": -1}},
            {"price_vnd.min": ["Must be a whole number of đồng, 0 or more."]},
        ),
        (
            {"price_vnd": "cheap"},
            {"price_vnd": ["Must be null or an object with “min” and/or “max”."]},
        ),
        ({"sectors": ["999", "2"]}, {"sectors": ["Unknown sector codes: 999, 2."]}),
        ({"sectors": []}, {"sectors": ["Give at least one sector code."]}),
        ({"provinces": ["nowhere"]}, {"provinces": ["Unknown province codes: nowhere."]}),
        ({"cooperation": ["barter"]}, {"cooperation": ["Unknown cooperation types: barter."]}),
        ({"exchange": "atlantis"}, {"exchange": ["Unknown exchange code."]}),
        ({"ip_status": "secret"}, {"ip_status": ["Unknown IP status."]}),
        ({"language": "fr"}, {"language": ["Must be “vi” or “en”."]}),
        ({"kind": "service"}, {"kind": ["Must be “offer” or “need”."]}),
        ({"title": ""}, {"title": ["This field is required."]}),
        ({"title": "x" * 201}, {"title": ["At most 200 characters (this has 201)."]}),
        ({"deadline": "2027-01-01"}, {"deadline": ["Only needs have a deadline."]}),
        ({"keywords": "nano"}, {"keywords": ["Must be a list of words or phrases."]}),
        ({"video_url": "javascript:alert(1)"}, {"video_url": ["Enter a valid web address."]}),
        (
            {"organisation": {"name": "X", "kind": "club", "tax_code": "12", "province": "mars"}},
            {
                "organisation.kind": [
                    "Unknown organisation kind; use one of: research_institute, university, "
                    "enterprise, startup, investor, intermediary, government."
                ],
                "organisation.tax_code": [
                    "A tax code is 10 digits, or 10 digits + “-” + 3 digits for a branch."
                ],
                "organisation.province": ["Unknown province code."],
            },
        ),
    ],
)
def test_each_invalid_value_gets_its_own_clear_error(changes, expected):
    assert errors_of(spec_offer(**changes)) == expected


@pytest.mark.parametrize("ip_status", [[], {}, 0, False, ["patent_granted"]])
def test_an_ip_status_that_is_not_a_code_is_refused(ip_status):
    assert errors_of(spec_offer(ip_status=ip_status)) == {"ip_status": ["Unknown IP status."]}


@pytest.mark.parametrize("ip_status", [None, "", "absent"])
def test_an_offer_without_ip_status_has_none(ip_status):
    offer = spec_offer(ip_status=ip_status)
    if ip_status == "absent":
        del offer["ip_status"]

    assert parse(offer).ip_status == "none"


def test_every_problem_of_an_object_is_reported_at_once():
    errors = errors_of(spec_offer(trl=11, sectors=["0"], title=None))

    assert sorted(errors) == ["sectors", "title", "trl"]


def test_a_need_takes_a_future_deadline_and_no_ip():
    need = spec_offer(kind="need", deadline="2026-12-31")
    need.pop("ip_status")
    need.pop("ip_numbers")

    data = parse(need)

    assert data.deadline == dt.date(2026, 12, 31)
    assert (data.ip_status, data.ip_numbers) == ("", [])
    past = dict(need, deadline="2026-11-22")
    assert errors_of(past) == {"deadline": ["The deadline is in the past."]}
    assert errors_of(dict(need, deadline="31/12/2026")) == {
        "deadline": ["Use an ISO date such as 2026-12-31."]
    }
    assert errors_of(dict(need, ip_status="patent_granted")) == {
        "ip_status": ["A need has no IP status."]
    }


def test_an_endpoint_for_offers_refuses_a_need():
    assert errors_of(spec_offer(kind="need"), kind="offer") == {
        "kind": ["This endpoint takes listings of kind “offer”."]
    }


def test_non_objects_are_refused():
    for value in ([], "offer", 7, None):
        assert errors_of(value) == {"": ["Each listing must be a JSON object."]}


def test_hostile_text_is_kept_as_text_and_control_characters_are_dropped():
    data = parse(spec_offer(title="<script>alert('x')</script>\x00\x07 Nano", summary="a\r\nb"))

    assert data.title == "<script>alert('x')</script> Nano"
    assert data.summary == "a\nb"


def test_negotiable_price_and_repeated_codes():
    data = parse(spec_offer(price_vnd=None, sectors=["205", "205"], keywords=["a", "a", " "]))

    assert (data.price_min_vnd, data.price_max_vnd) == (None, None)
    assert data.sectors == ["205"]
    assert data.keywords == ["a"]


def test_listing_to_dict_renders_the_spec_shape_in_key_order():
    organisation = OrganisationFactory(
        name="Viện Công nghệ Vật liệu", tax_code="0101234567", province=province("ha-noi")
    )
    listing = ListingFactory(
        organisation=organisation,
        external_id="hanoi-2026-0012",
        title="Quy trình sản xuất vật liệu nano bạc kháng khuẩn",
        summary="Public teaser, 1-3 sentences.",
        description="Full description: what it is, advantages, applications.",
        ip_numbers=["1-0023456"],
        cooperation=["licence", "technical_assistance"],
        sectors=["210", "205"],
    )

    rendered = listing_to_dict(listing)

    assert rendered == spec_offer()
    assert list(rendered) == list(spec_offer())
