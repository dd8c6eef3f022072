"""The query service (search.queries): parsing, filters, facets, sorts, pages, hostile text,
suggestions and the engine being down. Talks to the real engine (osmem-server by default).
"""

import time

import pytest
from django.utils import translation

from search import engine
from search.parameters import MAX_TEXT_LENGTH, SearchQuery, SearchQueryError
from search.queries import SearchUnavailable, search_listings, suggest
from tests.factories import ListingFactory
from tests.search.fixtures_queries import drying_listings, index

pytestmark = pytest.mark.django_db


@pytest.fixture
def drying():
    return drying_listings()


def keys(drying, result) -> list[str]:
    return [drying.key_of(hit.id) for hit in result.hits]


def run(drying, **params) -> list[str]:
    """The keys of the hits for query parameters given as strings (newest first when the
    text is empty)."""
    return keys(drying, search_listings(SearchQuery.from_params(params)))


def buckets(result, facet) -> list[tuple]:
    return [(bucket.key, bucket.label, bucket.count) for bucket in result.facets[facet]]


# --- Parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"exchange": "atlantis"}, "exchange", "Unknown exchange code."),
        ({"sector": "999"}, "sector", "Unknown sector code."),
        ({"sector": "<script>"}, "sector", "Unknown sector code."),
        ({"province": "paris"}, "province", "Unknown province code."),
        ({"cooperation": "barter"}, "cooperation", "Unknown cooperation type."),
        ({"ip_status": "secret"}, "ip_status", "Unknown IP status."),
        ({"kind": "offers"}, "kind", "Choose offers (offer), needs (need) or both (leave empty)."),
        ({"sort": "best"}, "sort", "Sort by relevance, newest or trl."),
        ({"verified": "maybe"}, "verified", "Use true or false."),
        ({"trl_min": "abc"}, "trl_min", "A TRL is a whole number from 1 to 9."),
        ({"trl_max": "10"}, "trl_max", "A TRL is a whole number from 1 to 9."),
        ({"trl_min": "0"}, "trl_min", "A TRL is a whole number from 1 to 9."),
        (
            {"trl_min": "7", "trl_max": "3"},
            "trl_max",
            "The highest TRL must not be below the lowest.",
        ),
        ({"price_min": "-1"}, "price_min", "A price is a whole number of đồng, from 0 to 10^15."),
        ({"price_max": "1e9"}, "price_max", "A price is a whole number of đồng, from 0 to 10^15."),
        (
            {"price_min": "9", "price_max": "5"},
            "price_max",
            "The highest price must not be below the lowest.",
        ),
        ({"page": "0"}, "page", "A page is a whole number from 1."),
        ({"page": "two"}, "page", "A page is a whole number from 1."),
        ({"page_size": "101"}, "page_size", "A page holds 1 to 100 results."),
    ],
)
def test_invalid_parameters_name_the_field(params, field, message):
    # Given an invalid parameter, when it is parsed (in English)
    with translation.override("en"), pytest.raises(SearchQueryError) as raised:
        SearchQuery.from_params(params)

    # Then the error names the field with a clear message
    assert raised.value.fields == {field: [message]}
    assert str(raised.value) == message


def test_several_invalid_parameters_are_reported_together():
    with translation.override("en"), pytest.raises(SearchQueryError) as raised:
        SearchQuery.from_params({"exchange": "x", "trl_min": "x", "sort": "x"})

    assert raised.value.fields == {
        "sort": ["Sort by relevance, newest or trl."],
        "trl_min": ["A TRL is a whole number from 1 to 9."],
        "exchange": ["Unknown exchange code."],
    }


def test_valid_parameters_are_typed_and_empty_ones_ignored():
    query = SearchQuery.from_params(
        {
            "q": "  máy   sấy ",
            "kind": "offer",
            "exchange": "hanoi",
            "sector": "2",
            "province": "",
            "cooperation": "licence",
            "trl_min": "3",
            "trl_max": "",
            "price_max": "250000000",
            "verified": "true",
            "sort": "trl",
            "page": "2",
            "page_size": "50",
        }
    )

    assert query == SearchQuery(
        text="máy sấy",
        kind="offer",
        exchange="hanoi",
        sector="2",
        cooperation="licence",
        trl_min=3,
        price_max=250_000_000,
        verified=True,
        sort="trl",
        page=2,
        page_size=50,
    )
    assert query.sector_level == 1
    assert query.to_params() == {
        "q": "máy sấy",
        "kind": "offer",
        "exchange": "hanoi",
        "sector": "2",
        "cooperation": "licence",
        "trl_min": "3",
        "price_max": "250000000",
        "verified": "true",
        "sort": "trl",
        "page_size": "50",
    }


def test_text_is_normalised_and_cut_at_500_characters():
    # Old-style tone placement and decomposed input become NFC, modern placement
    assert SearchQuery(text="đIỀU hoà").text == "đIỀU hòa"
    # A 10 KB paste is cut, not refused
    assert SearchQuery.from_params({"q": "nướcthải" * 1300}).text == ("nướcthải" * 63)[:500]
    assert len(SearchQuery.from_params({"q": "nước thải " * 1000}).text) == MAX_TEXT_LENGTH - 1


# --- Pages -----------------------------------------------------------------------------------


def test_deep_pages_are_refused_before_the_engine_is_asked(settings):
    # Given an unreachable engine (so asking it would raise SearchUnavailable instead)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine.reset_client()

    # When page 501 of 20 (results 10,001-10,020) is asked for
    with translation.override("en"), pytest.raises(SearchQueryError) as raised:
        search_listings(SearchQuery(page=501, page_size=20))

    # Then it is refused with a clear message, without a request
    assert raised.value.fields == {
        "page": [
            "Results beyond the first 10.000 cannot be shown: refine your search (more words, "
            "a filter) instead of going this deep."
        ]
    }
    # and the last reachable page is accepted by the parser
    assert SearchQuery.from_params({"page": "500"}).page == 500
    assert SearchQuery.from_params({"page": "100", "page_size": "100"}).page == 100
    with pytest.raises(SearchQueryError):
        SearchQuery.from_params({"page": "101", "page_size": "100"})


def test_pagination(drying):
    # Given six published listings, when they are paged by two (newest first)
    pages = [search_listings(SearchQuery(page=page, page_size=2)) for page in (1, 2, 3, 4)]

    # Then each page holds the next two and the total stays 6
    assert [keys(drying, page) for page in pages] == [["a", "b"], ["c", "d"], ["e", "f"], []]
    assert [page.total for page in pages] == [6, 6, 6, 6]
    assert pages[0].page_count == 3


# --- Text -----------------------------------------------------------------------------------


def test_empty_text_matches_every_published_listing_newest_first(drying):
    result = search_listings(SearchQuery())

    assert keys(drying, result) == ["a", "b", "c", "d", "e", "f"]  # never the draft
    assert result.total == 6
    assert result.took_ms >= 0
    assert result.total_ms > 0


def test_text_finds_with_and_without_diacritics(drying):
    assert sorted(run(drying, q="sấy")) == ["a", "b", "c", "d", "e"]
    assert sorted(run(drying, q="say")) == ["a", "b", "c", "d", "e"]
    # "thanh long" is in c's text, and in the name of the co-operative that published c, d, e
    found = run(drying, q="thanh long")
    assert found[0] == "c"
    assert sorted(found[1:]) == ["d", "e"]
    assert run(drying, q="vac xin cum") == ["f"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title:(a OR b) AND "unbalanced', []),
        ('"máy sấy', ["a", "b", "c"]),
        ("máy sấy)", ["a", "b", "c"]),
        ("sấy~2 AND NOT gỗ^10", []),
        ("* ? \\ / [ ] { } < > ! :", []),
        ("🚀 thanh long 🌞", ["c", "d", "e"]),  # d and e: their organisation's name
        ("💩", []),
        ("\x00\x1f thanh long", ["c", "d", "e"]),
    ],
)
def test_hostile_text_is_plain_text(drying, text, expected):
    # Lucene syntax, unbalanced quotes, emoji and control characters are inert words
    result = search_listings(SearchQuery.from_params({"q": text}))

    assert sorted(keys(drying, result)) == expected


def test_ten_kilobytes_of_text_still_answer(drying):
    started = time.perf_counter()
    result = search_listings(SearchQuery.from_params({"q": "máy sấy thanh long " * 600}))

    assert len(result.query.text) == MAX_TEXT_LENGTH
    assert keys(drying, result) == ["c"]  # the only listing with every (repeated) word
    assert time.perf_counter() - started < 5


def test_relevance_sort_puts_the_phrase_first(drying):
    assert run(drying, q="máy sấy cà phê")[:1] == ["b"]
    assert run(drying, q="sấy gỗ")[:1] == ["d"]


def test_highlights_are_escaped_with_marks(drying):
    hostile = ListingFactory(
        title='<script>alert("x")</script> Máy sấy hạt điều',
        summary="Sấy <b>nhanh</b> & đều",
        description="Buồng sấy <img src=x onerror=alert(1)> dùng khí nóng.",
    )
    index(hostile)

    result = search_listings(SearchQuery(text="sấy hạt điều"))

    hit = result.hits[0]
    assert hit.id == hostile.pk
    assert hit.highlight == {
        "title": [
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Máy <mark>sấy</mark> "
            "<mark>hạt</mark> <mark>điều</mark>"
        ],
        "summary": ["<mark>Sấy</mark> &lt;b&gt;nhanh&lt;/b&gt; &amp; đều"],
        "description": ["Buồng <mark>sấy</mark> &lt;img src=x onerror=alert(1)&gt; dùng khí nóng."],
    }
    assert hit.title == '<script>alert("x")</script> Máy sấy hạt điều'  # raw, for JSON


# --- Filters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "offer"}, ["a", "b", "d", "f"]),
        ({"kind": "need"}, ["c", "e"]),
        # A national exchange includes its local centres; a centre is itself only.
        ({"exchange": "hanoi"}, ["a", "b", "f"]),
        ({"exchange": "haiphong"}, ["b"]),
        ({"exchange": "hcmc"}, ["c", "d"]),
        ({"exchange": "danang"}, ["e"]),
        ({"exchange": "hue"}, []),
        # Sector: a field (level 1) or a sector (level 2).
        ({"sector": "2"}, ["a", "b", "e"]),
        ({"sector": "4"}, ["c", "d", "e", "f"]),
        ({"sector": "211"}, ["b", "e"]),
        ({"sector": "403"}, ["f"]),
        ({"province": "dong-thap"}, ["c"]),
        ({"province": "ha-noi"}, ["a", "f"]),
        ({"cooperation": "licence"}, ["a", "b", "e"]),
        ({"trl_min": "6"}, ["a", "c", "d", "f"]),
        ({"trl_max": "5"}, ["b", "e"]),
        ({"trl_min": "5", "trl_max": "7"}, ["a", "b", "f"]),
        # A budget matches overlapping price ranges and negotiable listings.
        ({"price_max": "250000000"}, ["a", "c", "e"]),
        ({"price_min": "900000000"}, ["c", "d", "f"]),
        ({"price_min": "250000000", "price_max": "600000000"}, ["a", "b", "c", "f"]),
        ({"ip_status": "utility_solution"}, ["b"]),
        ({"verified": "true"}, ["b"]),
        ({"verified": "false"}, ["a", "c", "d", "e", "f"]),
        ({"q": "sấy", "exchange": "hanoi", "kind": "offer", "trl_min": "6"}, ["a"]),
    ],
)
def test_filters(drying, params, expected):
    assert run(drying, **params) == expected


# --- Facets ----------------------------------------------------------------------------------


def test_facets_count_under_every_other_filter(drying):
    # Given a text and an exchange filter
    with translation.override("en"):
        result = search_listings(SearchQuery.from_params({"q": "sấy", "exchange": "hanoi"}))

    # Then the hits are filtered
    assert sorted(keys(drying, result)) == ["a", "b"]
    assert result.total == 2
    # and the exchange facet ignores its own filter (every listing about "sấy")
    assert buckets(result, "exchange") == [
        ("hanoi", "National Technology Exchange in Hà Nội", 2),
        ("hcmc", "National Technology Exchange in Hồ Chí Minh City", 2),
        ("cantho", "Cần Thơ Centre for Technology Application and Transfer", 1),
        ("danang", "National Technology Exchange in Đà Nẵng", 1),
        ("haiphong", "Hải Phòng Centre for Technology Application and Transfer", 1),
    ]
    # while the other facets count under the exchange filter
    assert buckets(result, "sector") == [
        ("203", "Mechanical engineering", 1),
        ("211", "Food and beverage technology", 1),
    ]
    assert buckets(result, "province") == [
        ("ha-noi", "Hà Nội City", 1),
        ("hai-phong", "Hải Phòng City", 1),
    ]
    assert buckets(result, "cooperation") == [
        ("licence", "Licence", 2),
        ("technical_assistance", "Technical assistance", 1),
    ]
    assert buckets(result, "trl") == [(5, "TRL 5", 1), (7, "TRL 7", 1)]
    assert buckets(result, "kind") == [("offer", "Technology offers", 2)]


def test_each_facet_ignores_only_its_own_filter(drying):
    # Given a sector, an exchange, a kind and a TRL range together
    with translation.override("en"):
        result = search_listings(
            SearchQuery.from_params(
                {"sector": "211", "exchange": "hanoi", "kind": "offer", "trl_max": "6"}
            )
        )

    assert keys(drying, result) == ["b"]
    # sector: under exchange + kind + TRL (b: 211 and f: 403; a has TRL 7)
    assert buckets(result, "sector") == [
        ("211", "Food and beverage technology", 1),
        ("403", "Veterinary science", 1),
    ]
    # exchange: under sector + kind + TRL (b only: e is a need)
    assert buckets(result, "exchange") == [
        ("haiphong", "Hải Phòng Centre for Technology Application and Transfer", 1),
        ("hanoi", "National Technology Exchange in Hà Nội", 1),
    ]
    assert buckets(result, "province") == [("hai-phong", "Hải Phòng City", 1)]
    # kind: under sector + exchange + TRL
    assert buckets(result, "kind") == [("offer", "Technology offers", 1)]
    # trl: under sector + exchange + kind
    assert buckets(result, "trl") == [(5, "TRL 5", 1)]


def test_facet_labels_follow_the_language(drying):
    with translation.override("vi"):
        result = search_listings(SearchQuery.from_params({"sector": "211"}))

    assert buckets(result, "sector") == [
        ("211", "Kỹ thuật thực phẩm và đồ uống", 2),
        ("401", "Trồng trọt", 2),
        ("203", "Kỹ thuật cơ khí", 1),
        ("403", "Thú y", 1),
        ("404", "Lâm nghiệp", 1),
    ]


# --- Sorts -----------------------------------------------------------------------------------


def test_sorts(drying):
    assert run(drying, sort="newest") == ["a", "b", "c", "d", "e", "f"]
    assert run(drying, sort="trl") == ["d", "c", "a", "f", "b", "e"]
    assert run(drying, q="sấy", sort="trl") == ["d", "c", "a", "b", "e"]
    assert run(drying, q="sấy", sort="newest") == ["a", "b", "c", "d", "e"]
    # relevance without text: newest first
    assert run(drying, sort="relevance") == ["a", "b", "c", "d", "e", "f"]


def test_scores_are_reported_for_every_sort(drying):
    result = search_listings(SearchQuery(text="sấy", sort="trl"))

    assert all(isinstance(hit.score, float) and hit.score > 0 for hit in result.hits)


# --- Suggestions -----------------------------------------------------------------------------


def test_suggest_completes_titles_then_title_words(drying):
    suggestions = suggest("máy s")

    # Titles starting with the text first (completion), then titles with words starting
    # with the typed words
    assert sorted(suggestions[:2], key=lambda s: s["id"]) == [
        {
            "text": "Máy sấy nông sản bằng năng lượng mặt trời",
            "kind": "offer",
            "id": drying.a.pk,
            "url": f"/offers/{drying.a.pk}/",
        },
        {
            "text": "Máy sấy cà phê bằng bơm nhiệt",
            "kind": "offer",
            "id": drying.b.pk,
            "url": f"/offers/{drying.b.pk}/",
        },
    ]
    assert suggestions[2:] == [
        {
            "text": "Cần máy sấy thanh long xuất khẩu",
            "kind": "need",
            "id": drying.c.pk,
            "url": f"/needs/{drying.c.pk}/",
        }
    ]


def test_suggest_without_diacritics_and_mid_title_words(drying):
    assert {s["id"] for s in suggest("may say")} == {drying.a.pk, drying.b.pk, drying.c.pk}
    assert [s["id"] for s in suggest("thanh lo")] == [drying.c.pk]
    assert [s["id"] for s in suggest("vac")] == [drying.f.pk]


def test_suggest_gives_each_listing_once_and_at_most_ten(drying):
    # B's keyword "sấy cà phê" completes first; title words "sấy" + "cà…" follow, B not again
    suggestions = [s["id"] for s in suggest("sấy cà")]
    assert suggestions[0] == drying.b.pk
    assert sorted(suggestions) == sorted({drying.b.pk, drying.c.pk, drying.e.pk})
    many = [ListingFactory(title=f"Máy sấy mẫu {n}", keywords=["máy sấy"]) for n in range(12)]
    index(*many)

    suggestions = suggest("máy sấy")

    assert len(suggestions) == 10
    assert len({s["id"] for s in suggestions}) == 10


@pytest.mark.parametrize("text", ["", "   ", None])
def test_suggest_empty_text(text):
    assert suggest(text) == []


def test_suggest_hostile_text(drying):
    assert suggest('title:(a OR "b') == []
    assert suggest("💩" * 5000) == []


# --- Engine down -----------------------------------------------------------------------------


def test_engine_down_raises_search_unavailable(settings, drying):
    # Given an engine that does not answer
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine.reset_client()

    # When a search or a suggestion runs, then search is unavailable (not a crash)
    with pytest.raises(SearchUnavailable):
        search_listings(SearchQuery(text="sấy"))
    with pytest.raises(SearchUnavailable):
        suggest("sấy")
    # while invalid input is still reported as such
    with pytest.raises(SearchQueryError):
        SearchQuery.from_params({"exchange": "atlantis"})
