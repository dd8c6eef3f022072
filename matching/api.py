"""REST API of the matching engine (spec/api.md), mounted under /api/v1/:

    GET  /needs/{id}/matches/            ranked offers for a need
    GET  /offers/{id}/matches/           ranked needs for an offer
    GET  /offers/{id}/partners/          ranked spin-off partner organisations for an offer
    POST /suggestions/{id}/feedback/     seen / contacted / dismissed (with a reason)  [extension]
    POST /suggestions/{id}/restore/      undoes a dismissal                            [extension]

A list is there for whoever may see the listing, as its detail endpoint decides
(`listings.api.requests.may_see`: published listings for anyone, unpublished ones for their
owners and the exchange's staff); it holds published counterparts only and never a dismissed
pair (matching.selectors). Reasons are stored in Vietnamese and English; the request's
language (Accept-Language, see marketplace.core.middleware.ApiLanguageMiddleware) picks one.
Feedback is for members of an organisation owning one of the pair's listings
(`selectors.suggestion_of_user`); anyone else gets 404. Errors use the envelope of
`marketplace.core.api.json_error_handler`.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiTypes,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from listings.api.requests import MAX_ID, JsonParser, visible_listing_or_404
from listings.models import Listing
from marketplace.core.api import ErrorSerializer

from . import selectors, services
from .models import Suggestion
from .serializers import (
    MatchQuerySerializer,
    NeedMatchListSerializer,
    OfferMatchListSerializer,
    PartnerMatchListSerializer,
    SuggestionFeedbackSerializer,
    SuggestionStateSerializer,
)

# Reading needs no credentials (a revoked or unknown token is still a 401).
_READ_AUTH = [{"exchangeTokenAuth": []}, {"tokenAuth": []}, {"cookieAuth": []}, {}]
_READ_ERRORS = {400: ErrorSerializer, 401: ErrorSerializer, 404: ErrorSerializer}
# Feedback is a person's: a personal token or the session (with its CSRF token).
_PERSON_AUTH = [{"tokenAuth": []}, {"cookieAuth": []}]
_WRITE_ERRORS = {
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    413: ErrorSerializer,
    415: ErrorSerializer,
}
_LISTING_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Listing id."
)
_SUGGESTION_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Suggestion id."
)
_LIST_RULES = (
    " Anyone may read the list of a published listing; the owners and the exchange's staff "
    "also read an unpublished one's (empty: only published listings are matched). Only "
    "published counterparts are listed, never a pair someone dismissed. `explanation` holds "
    "the component scores in 0..1 (`trl` is the fit of the technology's maturity; a "
    "component the kind of suggestion lacks is null) and the reasons as sentences in the "
    "request's language (Accept-Language: vi, the default, or en). 404 for an unknown id, a "
    "listing of the other kind, or one the caller may not see; 400 for a `limit` that is not "
    "a whole number from 1 to 50."
)


# --- Reads -----------------------------------------------------------------------------------


def _limit(request) -> int:
    # A plain dict, not the QueryDict: an empty ?limit= is a mistake to report.
    query = MatchQuerySerializer(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return query.validated_data["limit"]


class _MatchesApi(APIView):
    permission_classes = [AllowAny]
    kind: str = ""
    serializer_class: type = OfferMatchListSerializer

    def suggestions(self, listing: Listing, limit: int) -> list[Suggestion]:
        raise NotImplementedError

    def get(self, request, id: int):  # noqa: A002 - the spec names the path parameter "id"
        listing = visible_listing_or_404(request, id, kind=self.kind)
        suggestions = self.suggestions(listing, _limit(request))
        context = {"request": request, "language": translation.get_language()}
        return Response(self.serializer_class({"results": suggestions}, context=context).data)


def _list_schema(*, operation_id: str, summary: str, description: str, out):
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            tags=["matching"],
            summary=summary,
            description=description + _LIST_RULES,
            parameters=[_LISTING_ID, MatchQuerySerializer],
            auth=_READ_AUTH,
            responses={200: out, **_READ_ERRORS},
        )
    )


@_list_schema(
    operation_id="needs_matches",
    summary="Offers that match a need",
    description="Ranked offers that could meet the need, best first.",
    out=OfferMatchListSerializer,
)
class NeedMatchesApi(_MatchesApi):
    kind = Listing.Kind.NEED
    serializer_class = OfferMatchListSerializer

    def suggestions(self, listing, limit):
        return selectors.suggestions_for_need(need=listing, limit=limit)


@_list_schema(
    operation_id="offers_matches",
    summary="Needs that match an offer",
    description="Ranked needs the offer could serve, best first.",
    out=NeedMatchListSerializer,
)
class OfferMatchesApi(_MatchesApi):
    kind = Listing.Kind.OFFER
    serializer_class = NeedMatchListSerializer

    def suggestions(self, listing, limit):
        return selectors.suggestions_for_offer(offer=listing, limit=limit)


@_list_schema(
    operation_id="offers_partners",
    summary="Spin-off partners for an offer",
    description=(
        "Ranked organisations (investors, enterprises, ...) whose declared interests fit an "
        "offer open to a spin-off or a joint venture, best first; empty for other offers."
    ),
    out=PartnerMatchListSerializer,
)
class OfferPartnersApi(_MatchesApi):
    kind = Listing.Kind.OFFER
    serializer_class = PartnerMatchListSerializer

    def suggestions(self, listing, limit):
        return selectors.partners_for_offer(offer=listing, limit=limit)


# --- Feedback --------------------------------------------------------------------------------


class IsPerson(BasePermission):
    """A person signed in (session) or with a personal token; an exchange's token is not a
    person and gives no feedback."""

    message = _(
        "Feedback on suggestions is given by a person: sign in, or use a personal API token."
    )

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)


def _suggestion_of_caller(request, suggestion_id: int) -> Suggestion:
    if suggestion_id > MAX_ID:
        raise exceptions.NotFound()
    try:
        return selectors.suggestion_of_user(user=request.user, pk=suggestion_id)
    except Suggestion.DoesNotExist as exc:
        raise exceptions.NotFound() from exc


def _state(suggestion: Suggestion) -> Response:
    return Response(SuggestionStateSerializer(suggestion).data)


_FEEDBACK_RULES = (
    " For members of an organisation owning one of the pair's listings (a personal token, or "
    "the session with its CSRF token); a suggestion of anyone else's is a 404, and an "
    "exchange's token is refused (403)."
)


class SuggestionFeedbackApi(APIView):
    parser_classes = [JsonParser]
    permission_classes = [IsPerson]

    @extend_schema(
        operation_id="suggestions_feedback",
        tags=["matching"],
        summary="Answer a suggestion",
        description=(
            "Extension of spec/api.md. `seen` marks a new suggestion seen (any other status is "
            "kept); `contacted` records that the other side was contacted; `dismissed` hides "
            "the pair from every list for good (a recomputation keeps it hidden) and needs "
            "the `reason`, which no other status takes. Unknown keys are refused (400)."
            + _FEEDBACK_RULES
        ),
        parameters=[_SUGGESTION_ID],
        request=SuggestionFeedbackSerializer,
        auth=_PERSON_AUTH,
        responses={200: SuggestionStateSerializer, 400: ErrorSerializer, **_WRITE_ERRORS},
    )
    def post(self, request, id: int):  # noqa: A002
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError([_("The body must be a JSON object.")])
        body = SuggestionFeedbackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        # The body is judged first: its errors say nothing about the suggestion.
        suggestion = _suggestion_of_caller(request, id)
        status = body.validated_data["status"]
        if status == Suggestion.Status.SEEN:
            services.suggestion_mark_seen(suggestion=suggestion, user=request.user)
        elif status == Suggestion.Status.CONTACTED:
            services.suggestion_mark_contacted(suggestion=suggestion, user=request.user)
        else:
            services.suggestion_dismiss(
                suggestion=suggestion, user=request.user, reason=body.validated_data["reason"]
            )
        return _state(suggestion)


class SuggestionRestoreApi(APIView):
    permission_classes = [IsPerson]

    @extend_schema(
        operation_id="suggestions_restore",
        tags=["matching"],
        summary="Undo a dismissal",
        description=(
            "Extension of spec/api.md. A dismissed suggestion becomes `seen` and is listed "
            "again; any other is left as it is. No body." + _FEEDBACK_RULES
        ),
        parameters=[_SUGGESTION_ID],
        request=None,
        auth=_PERSON_AUTH,
        responses={
            200: SuggestionStateSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request, id: int):  # noqa: A002
        suggestion = _suggestion_of_caller(request, id)
        services.suggestion_restore(suggestion=suggestion, user=request.user)
        return _state(suggestion)
