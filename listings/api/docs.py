"""The OpenAPI description of the listing endpoints (drf-spectacular)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema, extend_schema_view

from marketplace.core.api import ErrorSerializer

from ..formats import ConfidentialSerializer
from ..serializers import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    ListingQuerySerializer,
    NeedWriteSerializer,
    OfferWriteSerializer,
    OrganisationFormatSerializer,
    OrganisationInterestsSerializer,
    PriceSerializer,
)

# --- The objects of a body ---------------------------------------------------------------------

# What the codec (listings.formats.reading) requires of a text beyond its type and length:
_BIDI = r"\u202a-\u202e\u2066-\u2069"  # bidirectional controls, refused where text stands alone
_CONTROL = r"\x00-\x1f\x7f"
# a character left once control characters are dropped and the ends trimmed ...
_VISIBLE = {"minLength": 1, "pattern": rf"[^\s{_CONTROL}]"}
# ... and no bidirectional control, for a title or a name shown out of context;
_SHOWN_ALONE = {"minLength": 1, "pattern": rf"^[^{_BIDI}]*[^\s{_CONTROL}{_BIDI}][^{_BIDI}]*$"}
# ids: not blank, no control character inside (the ends are trimmed) ...
_CODE = {"pattern": rf"^\s*[^{_CONTROL}]*[^\s{_CONTROL}][^{_CONTROL}]*\s*$"}
# ... and registration numbers alike, 1 to 60 characters once trimmed.
_NUMBER = {"pattern": rf"^\s*[^\s{_CONTROL}](?:[^{_CONTROL}]{{0,58}}[^\s{_CONTROL}])?\s*$"}
_NO_NUL = {"pattern": r"^[^\x00]*$"}  # text the database stores as it is
# An http(s) address with a host name (Django's URLValidator), or nothing.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_WEB_ADDRESS = (
    rf"^(?:[Hh][Tt][Tt][Pp][Ss]?://(?:{_LABEL}\.)+[A-Za-z]{{2,63}}\.?(?::[0-9]{{1,4}})?"
    r"(?:[/?#][^\s]*)?)?$"
)

_TEXT_RULES = {
    "title": _SHOWN_ALONE,
    "summary": _VISIBLE,
    "description": _VISIBLE,
    "external_id": _CODE,
    "video_url": {"pattern": _WEB_ADDRESS},
}
BODY_RULES = {
    OfferWriteSerializer: {**_TEXT_RULES, "ip_numbers": {"items": _NUMBER}},
    NeedWriteSerializer: _TEXT_RULES,
    OrganisationFormatSerializer: {"name": _SHOWN_ALONE},
    OrganisationInterestsSerializer: {},
    PriceSerializer: {},
    ConfidentialSerializer: {
        "confidential_details": _NO_NUL,
        "contact_name": {"pattern": rf"^[^\x00{_BIDI}]*$"},
        "contact_phone": _NO_NUL,
    },
}


class _BodyObject(OpenApiSerializerExtension):
    """An object of a listing body as the API reads it: keys it does not describe are refused
    (`additionalProperties: false`, `requests.unknown_fields`), and its texts follow the
    codec's rules (BODY_RULES), so that the document promises only what the API accepts."""

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        properties = schema.get("properties", {})
        for name, rules in BODY_RULES[self.target_class].items():
            if name in properties:
                _add_rules(properties[name], rules)
        return {**schema, "additionalProperties": False}


def _add_rules(schema: dict, rules: dict) -> None:
    for key, value in rules.items():
        if isinstance(value, dict):
            _add_rules(schema.setdefault(key, {}), value)
        else:
            schema[key] = value


for _described in BODY_RULES:
    type(f"{_described.__name__}Extension", (_BodyObject,), {"target_class": _described})

# --- OpenAPI -----------------------------------------------------------------------------------

_ERRORS = {
    400: ErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    413: ErrorSerializer,
    415: ErrorSerializer,
}
# Reading needs no credentials (a revoked or unknown token is still a 401); with them, members
# and staff also see unpublished listings.
_READ_ERRORS = {401: ErrorSerializer, 404: ErrorSerializer}
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
                f"page_size says otherwise (at most {MAX_PAGE_SIZE}; more is a 400 error); a "
                "page past the last is a 404. An unknown code, a malformed number, an empty "
                "value or a trl_max below trl_min is a 400 error naming the parameter; leave a "
                "filter out to mean any."
            ),
            parameters=[ListingQuerySerializer],
            auth=_READ_AUTH,
            responses={200: page, 400: ErrorSerializer, **_READ_ERRORS},
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
                "and a repeated POST with the same key updates it (200 instead of 201). Rules "
                "beyond this document's schemas (400 naming the field): a person's listing "
                "belongs to the organisation's home exchange, an external_id is unique at its "
                "exchange, a price's or ticket's min is not above its max, a deadline is not in "
                "the past. A key the schema does not describe is a 400 naming it; the keys of "
                "an answer (id, status, url, published_at) are accepted and ignored."
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
            responses={200: out, **_READ_ERRORS},
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
