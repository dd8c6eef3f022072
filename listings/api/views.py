"""The listing endpoints. Each parses the request (`requests`), calls a service and answers
in the exchange format; `docs` describes them for the OpenAPI document."""

from __future__ import annotations

import logging

from django.db import DataError, IntegrityError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace.exchanges import permissions
from marketplace.exchanges.authentication import exchange_token_of
from marketplace.exchanges.models import Exchange

from .. import selectors, services
from ..formats import listing_to_dict as format_listing
from ..models import Listing
from ..serializers import (
    ListingQuerySerializer,
    NeedSerializer,
    NeedWriteSerializer,
    OfferSerializer,
    OfferWriteSerializer,
    PaginatedNeedSerializer,
    PaginatedOfferSerializer,
)
from .docs import collection_schema, item_schema
from .requests import (
    JsonParser,
    ListingPagination,
    ReadOrIdentifiedWrite,
    acting_person,
    external_id_error,
    external_id_taken,
    json_object,
    listing_item,
    may_edit,
    may_see_confidential,
    organisation_of_caller,
    pop_organisation_id,
    raise_if,
    read_listing,
    unknown_fields,
    visible_listing_or_404,
)

logger = logging.getLogger(__name__)


# --- Views -------------------------------------------------------------------------------------


class _ListingApi(APIView):
    kind: str = ""
    write_serializer_class: type = OfferWriteSerializer  # what a body may hold (OpenAPI)
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
        return visible_listing_or_404(request, listing_id, kind=self.kind)

    def _answer(self, request, listing_id: int, *, status_code=status.HTTP_200_OK, headers=None):
        listing = selectors.listing_get(pk=listing_id, kind=self.kind)
        return Response(
            listing_item(request, listing, confidential=may_see_confidential(request, listing)),
            status=status_code,
            headers=headers,
        )


class ListingCollectionApi(_ListingApi):
    def get(self, request):
        # A plain dict, not the QueryDict: DRF takes an empty value in a QueryDict for a
        # parameter left out, and an empty filter is a mistake to report (400 naming it).
        query = ListingQuerySerializer(data=request.query_params.dict())
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
        body = json_object(request)
        errors = unknown_fields(body, self.write_serializer_class())
        organisation_id = pop_organisation_id(body, errors)
        token = exchange_token_of(request)
        if token is not None:
            return self._sync(request, token, body, errors)
        data = read_listing(body, kind=self.kind, errors=errors)
        raise_if(errors)
        organisation = organisation_of_caller(
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
        if external_id_taken(exchange_id=exchange.pk, external_id=data.external_id):
            raise exceptions.ValidationError(external_id_error())
        initial = (
            Listing.Status.SUBMITTED if exchange.api_submissions_moderated else Listing.Status.DRAFT
        )
        try:
            listing = services.listing_create(
                actor=request.user,
                organisation=organisation,
                data=data,
                exchange=exchange,
                status=initial,
            )
        except IntegrityError as exc:  # the same external_id, created meanwhile
            raise exceptions.ValidationError(external_id_error()) from exc
        return self._created(request, listing)

    def _created(self, request, listing: Listing) -> Response:
        return self._answer(
            request,
            listing.pk,
            status_code=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(f"{listing.pk}/")},
        )

    def _sync(self, request, token, body: dict, errors: dict) -> Response:
        """An exchange's system writes a listing it vouches for, keyed by (exchange,
        external_id): created published at once, or updated when the key exists."""
        if body.get("exchange") is None:
            body["exchange"] = token.exchange.code
        data = read_listing(body, kind=self.kind, errors=errors)
        if data is not None:
            if not data.external_id:
                errors["external_id"] = [
                    _("An exchange token writes listings keyed by external_id: give it.")
                ]
            if data.organisation is None:
                errors["organisation"] = [_("This field is required.")]
        raise_if(errors)
        exchange = Exchange.objects.get(code=data.exchange)
        if not permissions.token_may_act_on(token=token, obj=exchange):
            raise exceptions.PermissionDenied(
                _("This token writes listings of exchange “%(code)s” and its local centres only.")
                % {"code": token.exchange.code}
            )
        listing, created = services.listing_sync(exchange=exchange, data=data)
        if created:
            return self._created(request, listing)
        return self._answer(request, listing.pk)


class ListingItemApi(_ListingApi):
    def get(self, request, id: int):  # noqa: A002 - the spec names the path parameter "id"
        listing = self._get_listing(request, id)
        return Response(
            listing_item(request, listing, confidential=may_see_confidential(request, listing))
        )

    def patch(self, request, id: int):  # noqa: A002
        listing = self._get_listing(request, id)
        if not may_edit(request, listing):
            raise exceptions.PermissionDenied(
                _(
                    "Only the owning organisation or the exchange's moderators may edit this "
                    "listing."
                )
            )
        body = json_object(request)
        errors = unknown_fields(body, self.write_serializer_class())
        organisation_id = pop_organisation_id(body, errors)
        if organisation_id is not None and organisation_id != listing.organisation_id:
            errors["organisation_id"] = [_("The owning organisation of a listing cannot change.")]
        merged = format_listing(listing)
        if listing.external_id is None:
            merged.pop("external_id")  # the format's stand-in id is not stored by a PATCH
        # The owner's partner interests are the organisation's, not the listing's: a PATCH
        # neither changes nor re-checks them.
        merged["organisation"].pop("interests", None)
        merged.update(body)
        data = read_listing(merged, kind=listing.kind, errors=errors)
        if data is not None:
            if data.exchange != listing.exchange.code:
                errors["exchange"] = [
                    _("A listing's exchange cannot change here; a curator may move it.")
                ]
            if data.organisation is None or data.organisation.tax_code != (
                listing.organisation.tax_code
            ):
                errors["organisation"] = [_("The owning organisation of a listing cannot change.")]
            if data.external_id != listing.external_id and external_id_taken(
                exchange_id=listing.exchange_id,
                external_id=data.external_id,
                exclude_pk=listing.pk,
            ):
                errors.update(external_id_error())
        raise_if(errors)
        try:
            services.listing_update(actor=acting_person(request), listing=listing, data=data)
        except IntegrityError as exc:
            raise exceptions.ValidationError(external_id_error()) from exc
        return self._answer(request, listing.pk)


@collection_schema(
    noun="offer",
    out=OfferSerializer,
    page=PaginatedOfferSerializer,
    write=OfferWriteSerializer,
    tag="offers",
)
class OfferCollectionApi(ListingCollectionApi):
    kind = Listing.Kind.OFFER


@collection_schema(
    noun="need",
    out=NeedSerializer,
    page=PaginatedNeedSerializer,
    write=NeedWriteSerializer,
    tag="needs",
)
class NeedCollectionApi(ListingCollectionApi):
    kind = Listing.Kind.NEED
    write_serializer_class = NeedWriteSerializer


@item_schema(noun="offer", out=OfferSerializer, write=OfferWriteSerializer, tag="offers")
class OfferItemApi(ListingItemApi):
    kind = Listing.Kind.OFFER


@item_schema(noun="need", out=NeedSerializer, write=NeedWriteSerializer, tag="needs")
class NeedItemApi(ListingItemApi):
    kind = Listing.Kind.NEED
    write_serializer_class = NeedWriteSerializer
