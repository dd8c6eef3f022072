"""REST API for technology offers and needs (spec/api.md), mounted under /api/v1/.

    GET   /offers/, /needs/            published listings, filtered and paginated
    POST  /offers/, /needs/            create (a member), or create-or-update (an exchange token)
    GET   /offers/{id}/, /needs/{id}/  one listing
    PATCH /offers/{id}/, /needs/{id}/  partial update

Bodies are the listing exchange format (spec/listing-format.md), validated by
`listings.formats.listing_data_from_dict` and written by `listings.services`; this module
only decides who the caller is, what they may see and do, and shapes the answers. Errors use
the envelope of `marketplace.core.api.json_error_handler`.

Two extensions of the format: `organisation_id` (which of the caller's organisations owns a
new listing) and `confidential` (the confidential part, read and written by those who may).
Callers are a person (session or personal token) or an exchange's system (exchange token,
`request.auth` is an ExchangeApiToken and `request.user` is anonymous).
"""

from __future__ import annotations

import json
import logging
import re

from django.db import DataError, IntegrityError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.accounts.models import Membership, Organisation
from marketplace.exchanges.authentication import exchange_token_of
from marketplace.exchanges.models import Exchange
from marketplace.exchanges.selectors import exchange_token_may_act_on

from . import selectors, services
from .formats import ListingData, ListingFormatError, Vocabularies, listing_data_from_dict
from .formats import listing_to_dict as format_listing
from .models import Listing
from .serializers import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    ConfidentialSerializer,
    ErrorSerializer,
    ListingQuerySerializer,
    NeedSerializer,
    NeedWriteSerializer,
    OfferSerializer,
    OfferWriteSerializer,
    PaginatedNeedSerializer,
    PaginatedOfferSerializer,
)

logger = logging.getLogger(__name__)
S = Listing.Status
MAX_ID = 2**63 - 1
VIDEO_URL_MAX = Listing._meta.get_field("video_url").max_length
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CONFIDENTIAL_FIELDS = tuple(ConfidentialSerializer().fields)
SYNC_COMPARED_FIELDS = (
    "language",
    "title",
    "summary",
    "description",
    "sectors",
    "keywords",
    "trl",
    "ip_status",
    "ip_numbers",
    "cooperation",
    "price_min_vnd",
    "price_max_vnd",
    "provinces",
    "deadline",
    "applications",
    "advantages",
    "video_url",
)


class JsonParser(JSONParser):
    """DRF's JSON parser, refusing as parse errors (not 500s) what JSON allows but nothing
    downstream can handle: absurdly deep nesting, and lone UTF-16 surrogates ("\\ud800"),
    which no database can store as text."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError(_("JSON parse error - nested too deeply.")) from exc
        try:
            json.dumps(data, ensure_ascii=False).encode()
        except UnicodeEncodeError as exc:
            raise exceptions.ParseError(
                _("JSON parse error - the body contains an invalid Unicode character.")
            ) from exc
        return data


class ListingPagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class ReadOrIdentifiedWrite(BasePermission):
    """Anyone reads; writing needs a person (session or personal token) or an exchange
    token. What exactly each may write is decided per listing in the views."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated) or (
            exchange_token_of(request) is not None
        )


# --- Who may see and do what ------------------------------------------------------------------


def _may_see(request, listing: Listing) -> bool:
    token = exchange_token_of(request)
    if token is not None:
        return listing.status == S.PUBLISHED or exchange_token_may_act_on(token=token, obj=listing)
    return selectors.listing_visible_to(user=request.user, listing=listing)


def _may_see_confidential(request, listing: Listing) -> bool:
    token = exchange_token_of(request)
    if token is not None:
        return exchange_token_may_act_on(token=token, obj=listing)
    return selectors.listing_confidential_visible(user=request.user, listing=listing)


def _may_edit(request, listing: Listing) -> bool:
    token = exchange_token_of(request)
    if token is not None:
        return exchange_token_may_act_on(token=token, obj=listing)
    return services.listing_may_edit(user=request.user, listing=listing)


def _actor(request):
    """The person recorded as acting; None (trusted system code) for an exchange token."""
    return None if exchange_token_of(request) is not None else request.user


# --- Shapes ------------------------------------------------------------------------------------


def listing_item(request, listing: Listing, *, confidential: bool = False) -> dict:
    """A listing as the API returns it: the exchange format plus id, status, url and
    published_at (and the confidential part for those who may read it)."""
    item = {"id": listing.pk, **format_listing(listing)}
    item["status"] = listing.status
    item["url"] = request.build_absolute_uri(listing.get_absolute_url())
    item["published_at"] = serializers.DateTimeField().to_representation(listing.published_at)
    if confidential:
        item["confidential"] = {name: getattr(listing, name) for name in CONFIDENTIAL_FIELDS}
    return item


def _body(request) -> dict:
    data = request.data
    if not isinstance(data, dict):
        raise exceptions.ValidationError(
            [_("The body must be a JSON object: one listing in the exchange format.")]
        )
    return dict(data)


def _pop_extensions(body: dict, errors: dict) -> tuple[int | None, dict | None]:
    """Takes the API's extensions out of a body: organisation_id and confidential."""
    organisation_id = body.pop("organisation_id", None)
    if organisation_id is not None and (
        isinstance(organisation_id, bool)
        or not isinstance(organisation_id, int)
        or not 0 < organisation_id <= MAX_ID
    ):
        errors["organisation_id"] = [_("Must be the id (a whole number) of an organisation.")]
        organisation_id = None
    confidential = body.pop("confidential", None)
    if confidential is not None:
        if not isinstance(confidential, dict):
            errors["confidential"] = [_("Must be an object.")]
            confidential = None
        else:
            serializer = ConfidentialSerializer(data=confidential)
            if serializer.is_valid():
                confidential = dict(serializer.validated_data)
            else:
                for name, messages in serializer.errors.items():
                    errors[f"confidential.{name}"] = [str(message) for message in messages]
                confidential = None
    return organisation_id, confidential


def _validate(obj: dict, *, kind: str, errors: dict) -> ListingData | None:
    try:
        data = listing_data_from_dict(obj, vocab=Vocabularies(), kind=kind)
    except ListingFormatError as error:
        errors.update(error.fields)
        return None
    problems: dict = {}
    _check_storable(data, problems)
    errors.update(problems)
    return None if problems else data


def _check_storable(data: ListingData, errors: dict) -> None:
    """What the format lets through but the database cannot store (the import command
    checks the same in listings.importing): control characters in ids, long video links."""
    if data.external_id and _CONTROL.search(data.external_id):
        errors["external_id"] = [_("Must not contain control characters.")]
    if any(_CONTROL.search(number) for number in data.ip_numbers):
        errors["ip_numbers"] = [_("Must not contain control characters.")]
    if data.video_url and _CONTROL.search(data.video_url):
        errors["video_url"] = [_("Enter a valid web address.")]
    elif len(data.video_url) > VIDEO_URL_MAX:
        errors["video_url"] = [_("At most 200 characters.")]


def _raise_if(errors: dict) -> None:
    if errors:
        raise exceptions.ValidationError(errors)


def _confidential_data(listing: Listing | None, given: dict | None):
    if given is None:
        return None
    current = {name: getattr(listing, name) for name in CONFIDENTIAL_FIELDS} if listing else {}
    return services.ConfidentialData(**{**current, **given})


def _external_id_taken(*, exchange_id: int, external_id: str | None, exclude_pk=None) -> bool:
    if not external_id:
        return False
    clash = Listing.objects.filter(exchange_id=exchange_id, external_id=external_id)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    return clash.exists()


def _external_id_error() -> dict:
    return {"external_id": [_("Another listing of this exchange already has this external_id.")]}


def _sync_unchanged(listing: Listing, data: ListingData, organisation, confidential) -> bool:
    """Whether a synced listing already says what `data` says, so that repeating a sync
    changes nothing (not even the "last updated" date that drives the staleness badge)."""
    if listing.organisation_id != organisation.pk:
        return False
    if confidential and any(getattr(listing, k) != v for k, v in confidential.items()):
        return False
    listing = selectors.listing_get(pk=listing.pk)
    try:
        current = listing_data_from_dict(
            format_listing(listing), vocab=Vocabularies(), kind=listing.kind
        )
    except ListingFormatError:  # e.g. a deadline now past: rewrite it
        return False
    unordered = ("sectors", "provinces")
    for name in SYNC_COMPARED_FIELDS:
        old, new = getattr(current, name), getattr(data, name)
        if (set(old) != set(new)) if name in unordered else (old != new):
            return False
    return True


# --- Resolving the owner -----------------------------------------------------------------------


def _organisation_of_caller(*, user, organisation_id: int | None, data: ListingData):
    """Which of the caller's organisations owns a new listing: `organisation_id` when given,
    else the one whose tax code the body names, else the caller's only organisation."""
    organisations = {
        membership.organisation_id: membership.organisation
        for membership in Membership.objects.filter(user=user).select_related(
            "organisation__home_exchange"
        )
    }
    if organisation_id is not None:
        if organisation_id in organisations:
            return organisations[organisation_id]
        if Organisation.objects.filter(pk=organisation_id).exists():
            raise exceptions.PermissionDenied(
                _(
                    "You are not a member of this organisation: only its members create its "
                    "listings."
                )
            )
        raise exceptions.ValidationError({"organisation_id": [_("Unknown organisation.")]})
    tax_code = data.organisation.tax_code if data.organisation else None
    if tax_code:
        for organisation in organisations.values():
            if organisation.tax_code == tax_code:
                return organisation
        raise exceptions.ValidationError(
            {
                "organisation.tax_code": [
                    _("You are not a member of the organisation with this tax code.")
                ]
            }
        )
    if len(organisations) == 1:
        return next(iter(organisations.values()))
    if not organisations:
        raise exceptions.ValidationError(
            [
                _(
                    "You do not belong to any organisation. Register yours, or ask an owner of "
                    "your organisation to invite you, before creating listings."
                )
            ]
        )
    raise exceptions.ValidationError(
        {
            "organisation_id": [
                _(
                    "You belong to several organisations (ids: %(ids)s): give organisation_id, "
                    "or the organisation's tax_code."
                )
                % {"ids": ", ".join(str(pk) for pk in sorted(organisations))}
            ]
        }
    )


# --- Views -------------------------------------------------------------------------------------


class _ListingApi(APIView):
    kind: str = ""
    parser_classes = [JsonParser]
    permission_classes = [ReadOrIdentifiedWrite]

    def handle_exception(self, exc):
        # A last line of defence: a value the checks above let through but the database
        # refuses is the caller's bad input (400), not a server failure. Writes run in
        # atomic services, so nothing partial is left behind.
        if isinstance(exc, DataError):
            logger.warning("listing api: the database refused a value", exc_info=exc)
            exc = exceptions.ValidationError(
                [_("The listing could not be saved: a value is not accepted by the database.")]
            )
        return super().handle_exception(exc)

    def _get_listing(self, request, listing_id: int) -> Listing:
        """The listing of this endpoint's kind if the caller may see it; 404 otherwise (a
        listing one may not see does not exist, as far as the caller can tell)."""
        if listing_id > MAX_ID:
            raise exceptions.NotFound()
        try:
            listing = selectors.listing_get(pk=listing_id, kind=self.kind)
        except Listing.DoesNotExist as exc:
            raise exceptions.NotFound() from exc
        if not _may_see(request, listing):
            raise exceptions.NotFound()
        return listing

    def _answer(self, request, listing_id: int, *, status_code=status.HTTP_200_OK, headers=None):
        listing = selectors.listing_get(pk=listing_id, kind=self.kind)
        return Response(
            listing_item(request, listing, confidential=_may_see_confidential(request, listing)),
            status=status_code,
            headers=headers,
        )


class ListingCollectionApi(_ListingApi):
    def get(self, request):
        query = ListingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        queryset = selectors.listing_published(
            filters=selectors.ListingFilters(
                kind=self.kind,
                exchange=params.get("exchange"),
                sector=params.get("sector", ""),
                province=params.get("province", ""),
                cooperation=params.get("cooperation", ""),
                trl_min=params.get("trl_min"),
                trl_max=params.get("trl_max"),
            )
        )
        paginator = ListingPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(
            [listing_item(request, listing) for listing in page]
        )

    def post(self, request):
        body = _body(request)
        errors: dict = {}
        organisation_id, confidential = _pop_extensions(body, errors)
        token = exchange_token_of(request)
        if token is not None:
            return self._sync(request, token, body, confidential, errors)
        data = _validate(body, kind=self.kind, errors=errors)
        _raise_if(errors)
        organisation = _organisation_of_caller(
            user=request.user, organisation_id=organisation_id, data=data
        )
        exchange = organisation.home_exchange
        if data.exchange and data.exchange != exchange.code:
            raise exceptions.ValidationError(
                {
                    "exchange": [
                        _(
                            "Listings of %(organisation)s belong to its home exchange "
                            "“%(code)s”; a curator may move one to another exchange later."
                        )
                        % {"organisation": organisation.name, "code": exchange.code}
                    ]
                }
            )
        if _external_id_taken(exchange_id=exchange.pk, external_id=data.external_id):
            raise exceptions.ValidationError(_external_id_error())
        initial = S.SUBMITTED if exchange.api_submissions_moderated else S.DRAFT
        try:
            listing = services.listing_create(
                actor=request.user,
                organisation=organisation,
                data=data,
                exchange=exchange,
                status=initial,
                confidential=_confidential_data(None, confidential),
            )
        except IntegrityError as exc:  # the same external_id, created meanwhile
            raise exceptions.ValidationError(_external_id_error()) from exc
        return self._created(request, listing)

    def _created(self, request, listing: Listing) -> Response:
        return self._answer(
            request,
            listing.pk,
            status_code=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(f"{listing.pk}/")},
        )

    def _sync(self, request, token, body: dict, confidential, errors: dict) -> Response:
        """An exchange's system writes a listing it vouches for, keyed by (exchange,
        external_id): created published at once, or updated when the key exists."""
        if body.get("exchange") is None:
            body["exchange"] = token.exchange.code
        data = _validate(body, kind=self.kind, errors=errors)
        if data is not None:
            if not data.external_id:
                errors["external_id"] = [
                    _("An exchange token writes listings keyed by external_id: give it.")
                ]
            if data.organisation is None:
                errors["organisation"] = [_("This field is required.")]
        _raise_if(errors)
        exchange = Exchange.objects.get(code=data.exchange)
        if not exchange_token_may_act_on(token=token, obj=exchange):
            raise exceptions.PermissionDenied(
                _("This token writes listings of exchange “%(code)s” and its local centres only.")
                % {"code": token.exchange.code}
            )
        for _attempt in range(2):
            existing = Listing.objects.filter(
                exchange=exchange, external_id=data.external_id
            ).first()
            organisation = services.organisation_for_sync(data=data.organisation)
            if existing is not None:
                if existing.kind != self.kind:
                    raise exceptions.ValidationError(
                        {
                            "external_id": [
                                _("This external_id belongs to a listing of the other kind.")
                            ]
                        }
                    )
                if not _sync_unchanged(existing, data, organisation, confidential):
                    existing.organisation = organisation  # as the import does
                    services.listing_update(
                        actor=None,
                        listing=existing,
                        data=data,
                        confidential=_confidential_data(existing, confidential),
                    )
                return self._answer(request, existing.pk)
            try:
                listing = services.listing_create(
                    actor=None,
                    organisation=organisation,
                    data=data,
                    exchange=exchange,
                    status=S.PUBLISHED,
                    confidential=_confidential_data(None, confidential),
                )
            except IntegrityError:  # created meanwhile by a concurrent request: update it
                continue
            return self._created(request, listing)
        raise exceptions.ValidationError(_external_id_error())


class ListingItemApi(_ListingApi):
    def get(self, request, id: int):  # noqa: A002 - the spec names the path parameter "id"
        listing = self._get_listing(request, id)
        return Response(
            listing_item(request, listing, confidential=_may_see_confidential(request, listing))
        )

    def patch(self, request, id: int):  # noqa: A002
        listing = self._get_listing(request, id)
        if not _may_edit(request, listing):
            raise exceptions.PermissionDenied(
                _(
                    "Only the owning organisation or the exchange's moderators may edit this "
                    "listing."
                )
            )
        body = _body(request)
        errors: dict = {}
        organisation_id, confidential = _pop_extensions(body, errors)
        if organisation_id is not None and organisation_id != listing.organisation_id:
            errors["organisation_id"] = [_("The owning organisation of a listing cannot change.")]
        merged = format_listing(listing)
        if listing.external_id is None:
            merged.pop("external_id")  # the format's stand-in id is not stored by a PATCH
        merged.update(body)
        data = _validate(merged, kind=listing.kind, errors=errors)
        if data is not None:
            if data.exchange != listing.exchange.code:
                errors["exchange"] = [
                    _("A listing's exchange cannot change here; a curator may move it.")
                ]
            if data.organisation is None or data.organisation.tax_code != (
                listing.organisation.tax_code
            ):
                errors["organisation"] = [_("The owning organisation of a listing cannot change.")]
            if data.external_id != listing.external_id and _external_id_taken(
                exchange_id=listing.exchange_id,
                external_id=data.external_id,
                exclude_pk=listing.pk,
            ):
                errors.update(_external_id_error())
        _raise_if(errors)
        try:
            services.listing_update(
                actor=_actor(request),
                listing=listing,
                data=data,
                confidential=_confidential_data(listing, confidential),
            )
        except IntegrityError as exc:
            raise exceptions.ValidationError(_external_id_error()) from exc
        return self._answer(request, listing.pk)


# --- OpenAPI -----------------------------------------------------------------------------------

_ERRORS = {
    400: ErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    413: ErrorSerializer,
    415: ErrorSerializer,
}
# Reading needs no credentials; with them, members and staff also see unpublished listings.
_READ_AUTH = [{"exchangeTokenAuth": []}, {"tokenAuth": []}, {"cookieAuth": []}, {}]
_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Listing id.")


def _collection_schema(*, noun: str, out, page, write, tag: str):
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"{noun}s_list",
            tags=[tag],
            summary=f"Published {noun}s",
            description=(
                f"Published {noun}s, newest first, {DEFAULT_PAGE_SIZE} per page unless "
                f"page_size says otherwise (at most {MAX_PAGE_SIZE}; more is a 400 error). "
                "An unknown code or a malformed number in a filter is a 400 error naming the "
                "parameter."
            ),
            parameters=[ListingQuerySerializer],
            auth=_READ_AUTH,
            responses={200: page, 400: ErrorSerializer, 404: ErrorSerializer},
        ),
        post=extend_schema(
            operation_id=f"{noun}s_create",
            tags=[tag],
            summary=f"Create an {noun}" if noun == "offer" else f"Create a {noun}",
            description=(
                "The body is the listing exchange format. As a person (session or personal "
                "token): a member of the owning organisation creates a listing at the "
                "organisation's home exchange; it is `submitted` for moderation when the "
                "exchange moderates API submissions, otherwise a `draft`. With an exchange "
                "token: the listing is keyed by (exchange, external_id), published at once, "
                "and a repeated POST with the same key updates it (200 instead of 201)."
            ),
            request=write,
            responses={200: out, 201: out, **_ERRORS},
        ),
    )


def _item_schema(*, noun: str, out, write, tag: str):
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"{noun}s_retrieve",
            tags=[tag],
            summary=f"One {noun}",
            description=(
                "Anyone reads a published listing; members of the owning organisation and "
                "the exchange's staff also read unpublished ones and the `confidential` part."
            ),
            parameters=[_ID],
            auth=_READ_AUTH,
            responses={200: out, 404: ErrorSerializer},
        ),
        patch=extend_schema(
            operation_id=f"{noun}s_partial_update",
            tags=[tag],
            summary=f"Edit an {noun}" if noun == "offer" else f"Edit a {noun}",
            description=(
                "Partial update: the given keys of the exchange format replace the current "
                "ones and the whole result is validated. The exchange and the owning "
                "organisation cannot change."
            ),
            parameters=[_ID],
            request=write,
            responses={200: out, **_ERRORS},
        ),
    )


@_collection_schema(
    noun="offer",
    out=OfferSerializer,
    page=PaginatedOfferSerializer,
    write=OfferWriteSerializer,
    tag="offers",
)
class OfferCollectionApi(ListingCollectionApi):
    kind = Listing.Kind.OFFER


@_collection_schema(
    noun="need",
    out=NeedSerializer,
    page=PaginatedNeedSerializer,
    write=NeedWriteSerializer,
    tag="needs",
)
class NeedCollectionApi(ListingCollectionApi):
    kind = Listing.Kind.NEED


@_item_schema(noun="offer", out=OfferSerializer, write=OfferWriteSerializer, tag="offers")
class OfferItemApi(ListingItemApi):
    kind = Listing.Kind.OFFER


@_item_schema(noun="need", out=NeedSerializer, write=NeedWriteSerializer, tag="needs")
class NeedItemApi(ListingItemApi):
    kind = Listing.Kind.NEED
