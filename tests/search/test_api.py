"""GET /api/v1/search/ and /api/v1/search/suggest/ (spec/api.md): shapes with exact values,
400 for invalid parameters, 503 when the engine is down, hostile input never a 500."""

import pytest

from search import engine
from tests.factories import ListingFactory, OrganisationFactory, exchange
from tests.search.fixtures_queries import drying_listings, index

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"


@pytest.fixture
def engine_down(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine.reset_client()
    # tests/search/conftest.py restores the URL and the client afterwards


def test_search_answers_in_the_spec_shape_with_exact_values(client):
    # Given one published offer
    organisation = OrganisationFactory(name="Viện Cơ điện Nông nghiệp")
    offer = ListingFactory(
        organisation=organisation,
        exchange=exchange("haiphong"),
        title="Máy sấy <cà phê> bằng bơm nhiệt",
        summary="Sấy cà phê nhân ở nhiệt độ thấp.",
        description="Bơm nhiệt tuần hoàn khí khô. Tiết kiệm điện năng khi sấy.",
        sectors=["211"],
        provinces=["hai-phong"],
        cooperation=["licence", "technical_assistance"],
        trl=5,
    )
    index(offer)

    # When the API is searched in English
    response = client.get(SEARCH, {"q": "sấy cà phê"}, HTTP_ACCEPT_LANGUAGE="en")

    # Then the answer has the spec's shape and exactly these values
    assert response.status_code == 200
    body = response.json()
    took_ms = body.pop("took_ms")
    score = body["results"][0].pop("score")
    assert isinstance(took_ms, int) and took_ms >= 0
    assert isinstance(score, float) and score > 0
    assert body == {
        "count": 1,
        "page": 1,
        "page_size": 20,
        "sort": "relevance",
        "results": [
            {
                "id": offer.pk,
                "kind": "offer",
                "title": "Máy sấy <cà phê> bằng bơm nhiệt",
                "summary": "Sấy cà phê nhân ở nhiệt độ thấp.",
                "url": f"http://testserver/en/offers/{offer.pk}/",  # the request's language
                "highlight": {
                    "title": [
                        "Máy <mark>sấy</mark> &lt;<mark>cà</mark> <mark>phê</mark>&gt; "
                        "bằng bơm nhiệt"
                    ],
                    "description": ["Tiết kiệm điện năng khi <mark>sấy</mark>."],
                    "summary": [
                        "<mark>Sấy</mark> <mark>cà</mark> <mark>phê</mark> nhân ở nhiệt độ thấp."
                    ],
                },
            }
        ],
        "facets": {
            "sector": [{"key": "211", "label": "Food and beverage technology", "count": 1}],
            "exchange": [
                {
                    "key": "haiphong",
                    "label": "Hải Phòng Centre for Technology Application and Transfer",
                    "count": 1,
                },
                {"key": "hanoi", "label": "National Technology Exchange in Hà Nội", "count": 1},
            ],
            "province": [{"key": "hai-phong", "label": "Hải Phòng City", "count": 1}],
            "cooperation": [
                {"key": "licence", "label": "Licence", "count": 1},
                {"key": "technical_assistance", "label": "Technical assistance", "count": 1},
            ],
            "trl": [{"key": 5, "label": "TRL 5", "count": 1}],
            "kind": [{"key": "offer", "label": "Technology offers", "count": 1}],
        },
    }


def test_search_filters_pages_and_sorts(client):
    drying = drying_listings()

    response = client.get(
        SEARCH, {"exchange": "hanoi", "sort": "trl", "page": "2", "page_size": "2"}
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["page_size"], body["sort"]) == (3, 2, 2, "trl")
    assert [hit["id"] for hit in body["results"]] == [drying.b.pk]  # a (7), f (6) | b (5)
    assert body["facets"]["exchange"][0] == {
        "key": "hanoi",
        "label": "Sàn giao dịch công nghệ quốc gia tại Hà Nội",  # Vietnamese by default
        "count": 3,
    }


def test_search_kind_and_empty_text(client):
    drying = drying_listings()

    body = client.get(SEARCH, {"kind": "need"}, HTTP_ACCEPT_LANGUAGE="en").json()

    assert [hit["id"] for hit in body["results"]] == [drying.c.pk, drying.e.pk]
    assert all(hit["highlight"] == {"title": [], "description": [], "summary": []}
               for hit in body["results"])  # fmt: skip
    assert body["facets"]["kind"] == [
        {"key": "offer", "label": "Technology offers", "count": 4},
        {"key": "need", "label": "Technology needs", "count": 2},
    ]


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"exchange": "atlantis"}, {"exchange": ["Unknown exchange code."]}),
        ({"sector": "9"}, {"sector": ["Unknown sector code."]}),
        ({"kind": "both"}, {"kind": [
            "Choose offers (offer), needs (need) or both (leave empty)."
        ]}),
        ({"trl_min": "x", "province": "nowhere"}, {
            "trl_min": ["A TRL is a whole number from 1 to 9."],
            "province": ["Unknown province code."],
        }),
        ({"page_size": "1000"}, {"page_size": ["A page holds 1 to 100 results."]}),
        ({"price_max": "99999999999999999999"}, {
            "price_max": ["A price is a whole number of đồng, from 0 to 10^15."],
        }),
        ({"page": "10001", "page_size": "1"}, {"page": [
            "Results beyond the first 10.000 cannot be shown: refine your search (more words, a "
            "filter) instead of going this deep."
        ]}),
    ],
)  # fmt: skip
def test_invalid_parameters_answer_400_naming_the_field(client, params, fields):
    response = client.get(SEARCH, params, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {
        "error": {"code": "invalid", "detail": "Some fields are invalid.", "fields": fields}
    }


@pytest.mark.parametrize(
    "text",
    [
        'title:(a OR b) AND "unbalanced',
        "x" * 10_240,
        "nước thải " * 1024,
        "🚀🌞💩",
        "<script>alert(1)</script>",
        "\\",
        "a" * 20 + "\x00",
    ],
)
def test_any_text_answers_200(client, text):
    drying_listings()

    response = client.get(SEARCH, {"q": text})

    assert response.status_code == 200
    assert set(response.json()) == {"count", "page", "page_size", "sort", "took_ms", "results",
                                    "facets"}  # fmt: skip


def test_engine_down_answers_503(client, engine_down):
    response = client.get(
        SEARCH, {"q": "sấy"}, HTTP_ACCEPT_LANGUAGE="en", HTTP_X_REQUEST_ID="search-outage-1"
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "error": {
            "code": "search_unavailable",
            "detail": "Search is temporarily unavailable. Please try again in a few minutes.",
            "fields": {},
            "request_id": "search-outage-1",
        }
    }


def test_engine_down_still_reports_invalid_parameters_as_400(client, engine_down):
    response = client.get(SEARCH, {"exchange": "atlantis"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400


def test_suggest_answers_up_to_ten_in_the_spec_shape(client):
    drying = drying_listings()

    response = client.get(SUGGEST, {"q": "thanh lo"})

    assert response.status_code == 200
    assert response.json() == [
        {
            "text": "Cần máy sấy thanh long xuất khẩu",
            "kind": "need",
            "id": drying.c.pk,
            "url": f"/needs/{drying.c.pk}/",
        }
    ]


def test_suggest_urls_follow_the_language(client):
    drying = drying_listings()

    response = client.get(SUGGEST, {"q": "vắc xin"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.json() == [
        {
            "text": "Vắc xin cúm gia cầm H5N1",
            "kind": "offer",
            "id": drying.f.pk,
            "url": f"/en/offers/{drying.f.pk}/",
        }
    ]


@pytest.mark.parametrize("text", ["", "💩", 'title:(a OR "b', "x" * 10_240])
def test_suggest_any_text_answers_200(client, text):
    drying_listings()

    response = client.get(SUGGEST, {"q": text})

    assert response.status_code == 200
    assert response.json() == []


def test_suggest_engine_down_answers_503(client, engine_down):
    response = client.get(SUGGEST, {"q": "sấy"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "search_unavailable"


def test_schema_documents_both_endpoints(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()

    search = schema["paths"]["/api/v1/search/"]["get"]
    assert {parameter["name"] for parameter in search["parameters"]} >= {
        "q", "kind", "exchange", "sector", "province", "cooperation", "trl_min", "trl_max",
        "price_min", "price_max", "ip_status", "verified", "sort", "page", "page_size",
    }  # fmt: skip
    assert set(search["responses"]) == {"200", "400", "401", "503"}
    body = schema["components"]["schemas"]["SearchResponse"]["properties"]
    assert set(body) == {"count", "page", "page_size", "sort", "took_ms", "results", "facets"}
    suggest = schema["paths"]["/api/v1/search/suggest/"]["get"]
    assert set(suggest["responses"]) == {"200", "401", "503"}


def test_schema_states_the_ranges_and_codes_of_the_parameters(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()

    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"]["/api/v1/search/"]["get"]["parameters"]
    }
    assert parameters["page"] == {"type": "integer", "minimum": 1, "maximum": 10_000}
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert parameters["trl_min"] == {"type": "integer", "minimum": 1, "maximum": 9}
    assert parameters["price_max"] == {"type": "integer", "minimum": 0, "maximum": 10**15}
    # Codes are the tables' own; empty means "not given", as on the search page's form.
    assert parameters["exchange"]["enum"] == [
        "", "cantho", "danang", "dongnai", "haiphong", "hanoi", "hcmc", "hue", "khanhhoa",
        "nghean", "thainguyen",
    ]  # fmt: skip
    assert {"2", "205", ""} <= set(parameters["sector"]["enum"])
    assert len(parameters["province"]["enum"]) == 35


def test_empty_parameters_mean_not_given(client):
    response = client.get(SEARCH, {"q": "", "exchange": "", "sector": "", "trl_min": ""})

    assert response.status_code == 200
