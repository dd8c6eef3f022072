"""The search page (/search/, /en/search/) and the header search box."""

from urllib.parse import urlencode

import pytest

from search import engine
from tests.factories import ListingFactory
from tests.search.fixtures_queries import drying_listings, index

pytestmark = pytest.mark.django_db

PAGE = "/en/search/"
HANOI = "National Technology Exchange in Hà Nội"


@pytest.fixture
def drying():
    return drying_listings()


def href(**params) -> str:
    return "?" + urlencode(params).replace("&", "&amp;")


def test_results_facets_chips_tabs_and_sort(client, drying):
    # Given listings about drying, when one searches "sấy" at the Hà Nội exchange
    response = client.get(PAGE, {"q": "sấy", "exchange": "hanoi"})

    # Then the page lists the two matching offers with their count
    assert response.status_code == 200
    result = response.context["result"]
    assert sorted(hit.id for hit in result.hits) == sorted([drying.a.pk, drying.b.pk])
    html = response.content.decode()
    assert "2 results for “sấy”" in html
    assert f'<a href="/en/offers/{drying.a.pk}/">Máy <mark>sấy</mark> nông sản' in html
    # the tabs count offers and needs under the other filters
    assert [(kind, str(label), count) for kind, label, count, _url in response.context["tabs"]] == [
        (None, "All", 2),
        ("offer", "Offers", 2),
        ("need", "Needs", 0),
    ]
    assert f'<a href="{href(q="sấy", exchange="hanoi")}" aria-current="page">All' in html
    # the exchange facet ignores its own filter; links keep the rest of the query
    exchange_facet = next(g for g in response.context["facet_groups"] if g.name == "exchange")
    assert [(link.label, link.count, link.selected) for link in exchange_facet.links] == [
        (HANOI, 2, True),
        ("National Technology Exchange in Hồ Chí Minh City", 2, False),
        ("Cần Thơ Centre for Technology Application and Transfer", 1, False),
        ("National Technology Exchange in Đà Nẵng", 1, False),
        ("Hải Phòng Centre for Technology Application and Transfer", 1, False),
    ]
    assert exchange_facet.links[0].url == href(q="sấy").replace("&amp;", "&")  # removes it
    assert exchange_facet.links[1].url == "?" + urlencode({"q": "sấy", "exchange": "hcmc"})
    assert (
        f'<a class="facet__link" href="{href(q="sấy", exchange="hanoi", sector="203")}" '
        'rel="nofollow"><span class="facet__check" aria-hidden="true">☐</span> '
        'Mechanical engineering <span class="facet__count">1</span></a>'
    ) in html
    # a TRL value sets both ends of the range
    assert f'href="{href(q="sấy", exchange="hanoi", trl_min=7, trl_max=7)}"' in html
    # one chip per active filter, removing it
    assert (
        f'<a class="chip" href="{href(q="sấy")}" aria-label="Remove filter: Exchange: {HANOI}">'
        f"Exchange: {HANOI} "
    ) in html
    # the sort form keeps the query
    assert (
        '<input type="hidden" name="q" value="sấy">'
        '<input type="hidden" name="exchange" value="hanoi">'
    ) in html
    assert '<option value="relevance" selected>Relevance</option>' in html


def test_every_filter_has_a_chip(client, drying):
    response = client.get(
        PAGE,
        {
            "sector": "2",
            "province": "ha-noi",
            "cooperation": "licence",
            "trl_min": "4",
            "trl_max": "8",
            "price_min": "1000000",
            "price_max": "500000000",
            "ip_status": "patent_granted",
            "verified": "false",
        },
    )

    assert response.status_code == 200
    assert [chip.label for chip in response.context["chips"]] == [
        "Sector: Engineering and technology",
        "Province: Hà Nội City",
        "Cooperation: Licence",
        "TRL: ≥ 4",
        "TRL: ≤ 8",
        "Budget from: 1.000.000 ₫",
        "Budget up to: 500.000.000 ₫",
        "IP status: Patent granted",
        "Organisation: not verified",
    ]
    assert [hit.id for hit in response.context["result"].hits] == [drying.a.pk]
    # removing the TRL minimum keeps everything else
    assert response.context["chips"][3].remove_url == "?" + urlencode(
        {
            "sector": "2",
            "province": "ha-noi",
            "cooperation": "licence",
            "trl_max": "8",
            "price_min": "1000000",
            "price_max": "500000000",
            "ip_status": "patent_granted",
            "verified": "false",
        }
    )


def test_a_single_trl_is_one_chip(client, drying):
    response = client.get(PAGE, {"trl_min": "7", "trl_max": "7"})

    assert [(chip.label, chip.remove_url) for chip in response.context["chips"]] == [
        ("TRL: 7", "?")
    ]


def test_highlights_escape_listing_text(client, drying):
    # Given a listing whose title and description hold markup
    hostile = ListingFactory(
        title='<script>alert("x")</script> Máy sấy hạt điều',
        summary="<b>Sấy</b> hạt điều",
        description='<img src=x onerror="alert(1)"> hạt điều sấy khô',
    )
    index(hostile)

    # When a search highlights it
    response = client.get(PAGE, {"q": "hạt điều"})

    # Then the markup is shown as text, and only <mark> is markup
    html = response.content.decode()
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Máy sấy <mark>hạt</mark> "
        "<mark>điều</mark>"
    ) in html
    assert "&lt;b&gt;Sấy&lt;/b&gt; <mark>hạt</mark> <mark>điều</mark>" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <mark>hạt</mark>" in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def test_titles_without_highlight_are_escaped_too(client, drying):
    hostile = ListingFactory(title="<script>alert(1)</script> Lò sấy")
    index(hostile)

    html = client.get(PAGE, {"sort": "newest"}).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; Lò sấy" in html
    assert "<script>alert(1)" not in html


def test_empty_state_suggests_removing_each_filter(client, drying):
    response = client.get(PAGE, {"q": "xyzzy", "sector": "211", "trl_min": "3", "kind": "need"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "0 results for “xyzzy”" in html
    assert "Nothing matches “xyzzy” with these filters." in html
    assert (
        f'<a class="chip" href="{href(q="xyzzy", kind="need", trl_min=3)}">'
        "without Sector: Food and beverage technology</a>"
    ) in html
    assert (
        f'<a class="chip" href="{href(q="xyzzy", kind="need", sector=211)}">without TRL: ≥ 3'
        in html
    )
    assert (
        f'<a class="chip" href="{href(q="xyzzy", sector=211, trl_min=3)}">'
        "search offers and needs</a>"
    ) in html
    assert f'href="{href(q="xyzzy", kind="need")}">Clear all filters</a>' in html
    # the chosen sector stays visible in its facet (count 0) so that it can be removed
    sector_facet = next(g for g in response.context["facet_groups"] if g.name == "sector")
    assert [(link.label, link.count, link.selected) for link in sector_facet.links] == [
        ("Food and beverage technology", 0, True)
    ]


def test_empty_state_without_filters_gives_advice(client, drying):
    html = client.get(PAGE, {"q": "xyzzy"}).content.decode()

    assert "Nothing matches “xyzzy”." in html
    assert "Check the spelling, try fewer or more general words" in html


def test_pagination_twenty_per_page(client):
    listings = [ListingFactory(title=f"Máy sấy số {n}") for n in range(25)]
    index(*listings)

    first = client.get(PAGE, {"q": "máy sấy", "sort": "newest"})
    second = client.get(PAGE, {"q": "máy sấy", "sort": "newest", "page": "2"})

    assert len(first.context["result"].hits) == 20
    assert len(second.context["result"].hits) == 5
    assert "25 results for “máy sấy” · page 1 of 2" in first.content.decode()
    assert f'href="{href(q="máy sấy", sort="newest", page=2)}" rel="next"' in (
        first.content.decode()
    )
    assert '<ol class="search-results" start="21">' in second.content.decode()
    # a page past the last one goes to the last one
    beyond = client.get(PAGE, {"q": "máy sấy", "page": "7"})
    assert beyond.status_code == 302
    assert beyond["Location"] == "?" + urlencode({"q": "máy sấy", "page": 2})


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"exchange": "atlantis"}, "<li><code>exchange</code>: Unknown exchange code.</li>"),
        (
            {"trl_min": "high"},
            "<li><code>trl_min</code>: A TRL is a whole number from 1 to 9.</li>",
        ),
        ({"page": "600"}, "refine your search"),
        ({"sort": "<script>"}, "<li><code>sort</code>: Sort by relevance, newest or trl.</li>"),
    ],
)
def test_invalid_parameters_answer_400_with_a_clear_message(client, params, message):
    response = client.get(PAGE, {"q": "sấy", **params})

    assert response.status_code == 400
    html = response.content.decode()
    assert "This search could not be run" in html
    assert message in html
    assert f'<a class="button button--secondary" href="{PAGE}?q=s%E1%BA%A5y">' in html
    assert "<script>" not in html.split("</head>")[1].split("<footer")[0]


def test_engine_down_answers_503_in_plain_words(client, settings, drying):
    # Given a search engine that does not answer
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine.reset_client()

    # When the search page is asked
    response = client.get(PAGE, {"q": "sấy"})

    # Then it says so in plain words with 503
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Search is temporarily unavailable" in html
    assert "Our search service is not answering right now. Please try again in a few minutes." in (
        html
    )
    # and the rest of the site works
    assert client.get("/en/").status_code == 200
    assert client.get("/en/offers/").status_code == 200
    assert client.get(f"/en/offers/{drying.a.pk}/").status_code == 200


def test_empty_query_lists_everything_newest_first(client, drying):
    response = client.get(PAGE)

    assert response.status_code == 200
    assert [hit.id for hit in response.context["result"].hits] == [
        drying.a.pk,
        drying.b.pk,
        drying.c.pk,
        drying.d.pk,
        drying.e.pk,
        drying.f.pk,
    ]
    assert "6 results" in response.content.decode()


def test_meta_and_open_graph_tags(client, drying):
    html = client.get(PAGE, {"q": "sấy"}).content.decode()

    assert "<title>Search: sấy · VNTX</title>" in html
    assert '<meta property="og:title" content="Search: sấy">' in html
    assert (
        '<meta name="description" content="Search the technologies offered and the technology '
        "needs published across Vietnam's technology-exchange network"
    ) in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert '<link rel="canonical" href="http://testserver/en/search/">' in html
    hostile = client.get(PAGE, {"q": '"><script>alert(1)</script>'}).content.decode()
    assert (
        "<title>Search: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; · VNTX</title>" in hostile
    )
    assert "<script>alert(1)" not in hostile
    plain = client.get(PAGE).content.decode()
    assert "<title>Search technologies and needs · VNTX</title>" in plain
    assert 'name="robots"' not in plain


def test_vietnamese_page(client, drying):
    response = client.get("/search/", {"q": "sấy", "exchange": "hanoi"})

    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()
    assert f'<a href="/offers/{drying.a.pk}/">' in response.content.decode()


@pytest.mark.parametrize(
    ("path", "action", "suggest"),
    [
        ("/", "/search/", "/api/v1/search/suggest/"),
        ("/en/", "/en/search/", "/api/v1/search/suggest/"),
    ],
)
def test_header_search_box_goes_to_the_search_page(client, path, action, suggest):
    html = client.get(path).content.decode()

    assert f'<form class="header-search" role="search" method="get" action="{action}">' in html
    assert (
        '<input type="search" id="site-search" name="q" maxlength="200" autocomplete="off"' in html
    )
    assert f'data-suggest-url="{suggest}"' in html
    assert "/static/js/search.js" in html


def test_header_search_box_keeps_the_text_on_the_search_page(client, drying):
    html = client.get(PAGE, {"q": "máy <sấy>"}).content.decode()

    assert 'value="máy &lt;sấy&gt;">' in html
