"""REST API of search (spec/api.md), mounted under /api/v1/:

    GET /search/          listings matching a text and filters, with highlights and facets
    GET /search/suggest/  autocomplete: up to 10 {"text", "kind", "id"} (plus "url")

Parameters are parsed and validated by `search.queries.SearchQuery.from_params` (the one
place that knows them); invalid ones answer 400 with the JSON error envelope naming each
field, and an unreachable engine answers 503 with the code "search_unavailable".
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from listings.models import Vocabulary
from listings.serializers import ALL_SECTOR_CODES, EXCHANGE_CODES, PROVINCE_CODES
from marketplace.core.api import ErrorSerializer

from .parameters import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_PRICE_VND,
    MAX_RESULT_WINDOW,
    MAX_TEXT_LENGTH,
    SORTS,
    SearchQuery,
    SearchQueryError,
)
from .queries import SearchUnavailable, search_listings, suggest
from .results import SearchResult


class SearchUnavailableError(exceptions.APIException):
    status_code = 503
    default_code = "search_unavailable"
    default_detail = _("Search is temporarily unavailable. Please try again in a few minutes.")
    wait = 30  # becomes a Retry-After header


def _invalid(error: SearchQueryError) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {name: list(messages) for name, messages in error.fields.items()}
    )


# --- Response shapes (OpenAPI) --------------------------------------------------------------


class HighlightSerializer(serializers.Serializer):
    title = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("HTML: the title with matched words in <mark>; everything else escaped."),
    )
    description = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("HTML fragments of the description, matched words in <mark>."),
    )
    summary = serializers.ListField(
        child=serializers.CharField(), help_text=_("HTML: the summary, matched words in <mark>.")
    )


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=["offer", "need"])
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.URLField(help_text=_("The listing's page."))
    score = serializers.FloatField(allow_null=True, help_text=_("Relevance score (engine units)."))
    highlight = HighlightSerializer()


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "integer"}]})
class FacetKeyField(serializers.Field):
    def to_representation(self, value):
        return value


class FacetBucketSerializer(serializers.Serializer):
    key = FacetKeyField(help_text=_("The code to filter by (an integer for trl)."))
    label = serializers.CharField(help_text=_("The value's name in the request's language."))
    count = serializers.IntegerField(
        help_text=_("Matching listings with this value, under every other active filter.")
    )


class FacetsSerializer(serializers.Serializer):
    sector = FacetBucketSerializer(many=True, help_text=_("Level-2 sectors."))
    exchange = FacetBucketSerializer(
        many=True, help_text=_("Exchanges; a national exchange counts its local centres.")
    )
    province = FacetBucketSerializer(many=True)
    cooperation = FacetBucketSerializer(many=True)
    trl = FacetBucketSerializer(many=True)
    kind = FacetBucketSerializer(many=True, help_text=_("Offers and needs (extension)."))


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("Total matching listings."))
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    sort = serializers.ChoiceField(choices=list(SORTS))
    took_ms = serializers.IntegerField(help_text=_("The engine's own time, in milliseconds."))
    results = SearchHitSerializer(many=True)
    facets = FacetsSerializer()


class SuggestionSerializer(serializers.Serializer):
    text = serializers.CharField(help_text=_("The listing's title."))
    kind = serializers.ChoiceField(choices=["offer", "need"])
    id = serializers.IntegerField()
    url = serializers.CharField(help_text=_("The listing's page (path)."))


def _param(name, kind, description, enum=None):
    return OpenApiParameter(
        name, kind, OpenApiParameter.QUERY, required=False, description=description, enum=enum
    )


def _codes(codes) -> list[str]:
    """A closed list of codes; empty means "not given", as on the search page's form."""
    return [*codes, ""]


def _whole(low: int, high: int) -> dict:
    return {"type": "integer", "minimum": low, "maximum": high}


SEARCH_PARAMETERS = [
    _param(
        "q",
        OpenApiTypes.STR,
        f"Text, with or without diacritics; cut at {MAX_TEXT_LENGTH} characters. Plain text: "
        "query syntax is not interpreted. Empty: every listing, newest first.",
    ),
    _param(
        "kind", OpenApiTypes.STR, "Offers or needs; both when absent.", _codes(["offer", "need"])
    ),
    _param(
        "exchange",
        OpenApiTypes.STR,
        "Exchange code; a national exchange includes its centres.",
        _codes(EXCHANGE_CODES),
    ),
    _param(
        "sector",
        OpenApiTypes.STR,
        "A field (level 1, e.g. 2) or a sector (e.g. 205).",
        _codes(ALL_SECTOR_CODES),
    ),
    _param("province", OpenApiTypes.STR, "Province code, e.g. ha-noi.", _codes(PROVINCE_CODES)),
    _param(
        "cooperation",
        OpenApiTypes.STR,
        "Cooperation type.",
        _codes(Vocabulary.Cooperation.values),
    ),
    _param("trl_min", _whole(1, 9), "Lowest TRL, 1 to 9."),
    _param("trl_max", _whole(1, 9), "Highest TRL, 1 to 9, not below trl_min (400 otherwise)."),
    _param(
        "price_min",
        _whole(0, MAX_PRICE_VND),
        "Budget from (VND): listings whose price range overlaps the budget, and negotiable ones.",
    ),
    _param(
        "price_max",
        _whole(0, MAX_PRICE_VND),
        "Budget up to (VND), not below price_min (400 otherwise).",
    ),
    _param("ip_status", OpenApiTypes.STR, "IP status.", _codes(Vocabulary.IpStatus.values)),
    _param("verified", OpenApiTypes.BOOL, "Only organisations verified by their exchange."),
    _param(
        "sort",
        OpenApiTypes.STR,
        "relevance (default; newest when there is no text), newest, or trl (highest first).",
        _codes(SORTS),
    ),
    _param(
        "page",
        _whole(1, MAX_RESULT_WINDOW),
        f"Page number from 1; pages beyond the first {MAX_RESULT_WINDOW} results (page × "
        "page_size) are refused (400): refine the search instead.",
    ),
    _param(
        "page_size",
        _whole(1, MAX_PAGE_SIZE),
        f"Results per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}).",
    ),
]


# --- Views ----------------------------------------------------------------------------------


def result_payload(request, result: SearchResult) -> dict:
    """The JSON of a search result (spec/api.md plus page, page_size, sort, took_ms)."""
    return {
        "count": result.total,
        "page": result.query.page,
        "page_size": result.query.page_size,
        "sort": result.query.sort,
        "took_ms": result.took_ms,
        "results": [
            {
                "id": hit.id,
                "kind": hit.kind,
                "title": hit.title,
                "summary": hit.summary,
                "url": request.build_absolute_uri(hit.url),
                "score": hit.score,
                "highlight": {
                    name: [str(fragment) for fragment in hit.highlight.get(name, [])]
                    for name in ("title", "description", "summary")
                },
            }
            for hit in result.hits
        ],
        "facets": {
            name: [
                {"key": bucket.key, "label": bucket.label, "count": bucket.count}
                for bucket in buckets
            ]
            for name, buckets in result.facets.items()
        },
    }


class SearchApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search",
        tags=["search"],
        summary="Search offers and needs",
        description=(
            "Full-text search over published listings, Vietnamese with or without diacritics "
            "and English, with typo tolerance. Facet counts for one field ignore that field's "
            "own filter. 400 names each invalid parameter (unknown code, bad number, a page "
            "beyond the first 10,000 results); 503 with code `search_unavailable` when the "
            "search engine cannot be reached."
        ),
        parameters=SEARCH_PARAMETERS,
        responses={
            200: SearchResponseSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            503: ErrorSerializer,
        },
    )
    def get(self, request):
        try:
            query = SearchQuery.from_params(request.query_params)
            result = search_listings(query)
        except SearchQueryError as error:
            raise _invalid(error) from error
        except SearchUnavailable as error:
            raise SearchUnavailableError() from error
        return Response(result_payload(request, result))


class SuggestApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search_suggest",
        tags=["search"],
        summary="Autocomplete",
        description=(
            "Up to 10 listings whose title (or a keyword) starts with the text, then listings "
            "with title words starting with the typed words. Empty text: an empty list."
        ),
        parameters=[_param("q", OpenApiTypes.STR, "What the user has typed so far.")],
        responses={
            200: SuggestionSerializer(many=True),
            401: ErrorSerializer,
            503: ErrorSerializer,
        },
    )
    def get(self, request):
        try:
            suggestions = suggest(request.query_params.get("q", ""))
        except SearchUnavailable as error:
            raise SearchUnavailableError() from error
        return Response(suggestions)
