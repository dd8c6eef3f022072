"""The search page: /search/ (Vietnamese) and /en/search/.

The URL carries the whole query, so a search can be shared; every link on the page (facets,
tabs, chips, sort, pages) is the current query with one change. Invalid parameters answer 400
with a clear message, an unreachable engine 503 with a plain "temporarily unavailable"; the
rest of the site does not depend on the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from listings.models import Vocabulary
from marketplace.core.formatting import vnd

from .forms import SearchForm
from .parameters import (
    DEFAULT_PAGE_SIZE,
    MAX_RESULT_WINDOW,
    MAX_TEXT_LENGTH,
    SearchQuery,
    SearchQueryError,
    facet_label,
)
from .queries import SearchUnavailable, search_listings
from .results import FacetBucket, SearchResult

PAGE_SIZE = DEFAULT_PAGE_SIZE
FACET_VISIBLE = 8  # the rest of a long facet goes behind "More"


def _url(query: SearchQuery, **changes) -> str:
    params = query.to_params(**changes)
    return f"?{urlencode(params)}" if params else "?"


@dataclass
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class FacetGroup:
    name: str
    title: str
    links: list[FacetLink]

    @property
    def visible(self) -> list[FacetLink]:
        return self.links[:FACET_VISIBLE]

    @property
    def more(self) -> list[FacetLink]:
        return self.links[FACET_VISIBLE:]


@dataclass
class Chip:
    label: str
    remove_url: str


def _facet_groups(query: SearchQuery, result: SearchResult) -> list[FacetGroup]:
    titles = {
        "sector": _("Sector"),
        "exchange": _("Exchange"),
        "province": _("Province"),
        "cooperation": _("Cooperation"),
        "trl": _("Readiness (TRL)"),
    }
    selected_keys = {
        "sector": query.sector,
        "exchange": query.exchange,
        "province": query.province,
        "cooperation": query.cooperation,
        "trl": query.trl_min if query.trl_min == query.trl_max else None,
    }
    groups = []
    for name, title in titles.items():
        buckets = list(result.facets.get(name, []))
        selected = selected_keys[name]
        if selected not in (None, "") and all(b.key != selected for b in buckets):
            # The chosen value matched nothing: still shown, so that it can be removed.
            buckets.insert(0, FacetBucket(selected, facet_label(name, selected), 0))
        links = []
        for bucket in buckets:
            is_selected = bucket.key == selected
            if name == "trl":
                value = None if is_selected else bucket.key
                url = _url(query, trl_min=value, trl_max=value)
            else:
                url = _url(query, **{name: None if is_selected else bucket.key})
            links.append(FacetLink(bucket.label, bucket.count, url, is_selected))
        if links:
            groups.append(FacetGroup(name, str(title), links))
    return groups


def _chips(query: SearchQuery) -> list[Chip]:
    """One chip per active filter; each link is the query without that filter."""
    chips = []
    if query.exchange:
        chips.append((_("Exchange"), facet_label("exchange", query.exchange), {"exchange": None}))
    if query.sector:
        chips.append((_("Sector"), facet_label("sector", query.sector), {"sector": None}))
    if query.province:
        chips.append((_("Province"), facet_label("province", query.province), {"province": None}))
    if query.cooperation:
        chips.append(
            (
                _("Cooperation"),
                facet_label("cooperation", query.cooperation),
                {"cooperation": None},
            )
        )
    if query.trl_min is not None and query.trl_min == query.trl_max:
        chips.append(("TRL", str(query.trl_min), {"trl_min": None, "trl_max": None}))
    else:
        if query.trl_min is not None:
            chips.append(("TRL", f"≥ {query.trl_min}", {"trl_min": None}))
        if query.trl_max is not None:
            chips.append(("TRL", f"≤ {query.trl_max}", {"trl_max": None}))
    if query.price_min is not None:
        chips.append((_("Budget from"), vnd(query.price_min), {"price_min": None}))
    if query.price_max is not None:
        chips.append((_("Budget up to"), vnd(query.price_max), {"price_max": None}))
    if query.ip_status:
        label = dict(Vocabulary.IpStatus.choices).get(query.ip_status, query.ip_status)
        chips.append((_("IP status"), str(label), {"ip_status": None}))
    if query.verified is not None:
        value = _("verified only") if query.verified else _("not verified")
        chips.append((_("Organisation"), value, {"verified": None}))
    return [Chip(f"{name}: {value}", _url(query, **changes)) for name, value, changes in chips]


def _hidden_fields(query: SearchQuery, *, without: tuple[str, ...]) -> list[tuple[str, str]]:
    """The query's parameters as hidden inputs for a GET form that changes `without`."""
    params = query.to_params()
    return [(name, value) for name, value in params.items() if name not in without]


@require_safe
def search_page(request):
    params = request.GET.copy()
    params.pop("page_size", None)  # the page shows 20 per page; the API takes page_size
    form = SearchForm(request.GET or None)
    context = {"form": form}
    try:
        query = SearchQuery.from_params(params, page_size=PAGE_SIZE)
    except SearchQueryError as error:
        text = request.GET.get("q", "")[:MAX_TEXT_LENGTH]
        context["restart_url"] = reverse("search:page") + (
            f"?{urlencode({'q': text})}" if text else ""
        )
        context["errors"] = [
            (name, message) for name, messages in error.fields.items() for message in messages
        ]
        return render(request, "search/page.html", context, status=400)
    context["query"] = query
    try:
        result = search_listings(query)
    except SearchUnavailable:
        context["unavailable"] = True
        response = render(request, "search/page.html", context, status=503)
        response["Retry-After"] = "30"
        return response
    if result.hits == [] and result.total and query.page > result.page_count:
        return HttpResponseRedirect(_url(query, page=result.page_count))
    paginator = Paginator(range(min(result.total, MAX_RESULT_WINDOW)), PAGE_SIZE)
    kind_counts = {bucket.key: bucket.count for bucket in result.facets.get("kind", [])}
    context.update(
        {
            "result": result,
            "page": paginator.get_page(query.page),
            "pagination_query": urlencode(query.to_params()),
            "facet_groups": _facet_groups(query, result),
            "chips": _chips(query),
            "clear_filters_url": _url(
                query,
                **{name: None for name, _value in query.active_filters()},
            ),
            "both_kinds_url": _url(query, kind=None),
            "tabs": [
                (None, _("All"), sum(kind_counts.values()), _url(query, kind=None)),
                ("offer", _("Offers"), kind_counts.get("offer", 0), _url(query, kind="offer")),
                ("need", _("Needs"), kind_counts.get("need", 0), _url(query, kind="need")),
            ],
            "sort_hidden": _hidden_fields(query, without=("sort", "page")),
            "text_hidden": _hidden_fields(query, without=("q", "page")),
            "has_query": bool(query.text or query.active_filters() or query.kind),
        }
    )
    return render(request, "search/page.html", context)
