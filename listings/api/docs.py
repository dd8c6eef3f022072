"""The OpenAPI description of the listing endpoints (drf-spectacular)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema, extend_schema_view

from marketplace.core.api import ErrorSerializer

from ..serializers import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    ListingQuerySerializer,
)

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


def collection_schema(*, noun: str, out, page, write, tag: str):
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


def item_schema(*, noun: str, out, write, tag: str):
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
