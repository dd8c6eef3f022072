"""What every listing endpoint does with a request: parse its JSON, decide what the caller
may see and do, read the body in the exchange format, resolve the owning organisation, and
shape a listing for the answer."""

from __future__ import annotations

import json
import logging

from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, BasePermission

from marketplace.accounts.models import Membership, Organisation
from marketplace.exchanges import permissions
from marketplace.exchanges.authentication import exchange_token_of

from .. import selectors, services
from ..formats import (
    CONFIDENTIAL_FIELDS,
    ListingData,
    ListingFormatError,
    Vocabularies,
    json_loads,
    listing_data_from_dict,
)
from ..formats import listing_to_dict as format_listing
from ..models import Listing
from ..serializers import (
    DEFAULT_PAGE_SIZE,
    MAX_ID,
    MAX_PAGE_SIZE,
)

logger = logging.getLogger(__name__)


class JsonParser(JSONParser):
    """Reads a JSON body as the import reads a line (listings.formats.json_loads): syntax
    errors are whole translated sentences with their column (DRF's are Python's English
    fragments), a number too long for any field reaches the field's own check, and absurdly
    deep nesting is a parse error. Lone UTF-16 surrogates ("\\ud800"), which JSON allows but
    no database can store as text, are refused too."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            text = stream.read().decode("utf-8") if stream is not None else ""
        except UnicodeDecodeError as exc:
            raise exceptions.ParseError(_("The body is not UTF-8 text.")) from exc
        try:
            data = json_loads(text)
        except ListingFormatError as exc:
            raise exceptions.ParseError(exc.fields[""][0]) from exc
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


def may_see(request, listing: Listing) -> bool:
    token = exchange_token_of(request)
    if token is not None:
        return listing.is_published or permissions.token_may_act_on(token=token, obj=listing)
    return permissions.may_see_listing(user=request.user, listing=listing)


def visible_listing_or_404(request, listing_id: int, *, kind: str) -> Listing:
    """The listing of `kind` if the caller may see it; 404 otherwise, the same whether it does
    not exist, is of the other kind or is hidden (as far as the caller can tell, a listing one
    may not see does not exist)."""
    if listing_id > MAX_ID:
        raise exceptions.NotFound()
    try:
        listing = selectors.listing_get(pk=listing_id, kind=kind)
    except Listing.DoesNotExist as exc:
        raise exceptions.NotFound() from exc
    if not may_see(request, listing):
        raise exceptions.NotFound()
    return listing


def may_see_confidential(request, listing: Listing) -> bool:
    token = exchange_token_of(request)
    if token is not None:
        return permissions.token_may_act_on(token=token, obj=listing)
    return permissions.may_read_confidential(user=request.user, listing=listing)


def may_edit(request, listing: Listing) -> bool:
    token = exchange_token_of(request)
    if token is not None:
        return permissions.token_may_act_on(token=token, obj=listing)
    return permissions.may_edit_listing(user=request.user, listing=listing)


def acting_person(request):
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


def json_object(request) -> dict:
    data = request.data
    if not isinstance(data, dict):
        raise exceptions.ValidationError(
            [_("The body must be a JSON object: one listing in the exchange format.")]
        )
    return dict(data)


def unknown_fields(body: dict, described: serializers.Serializer, *, prefix: str = "") -> dict:
    """{path: [message]} for each key of `body`, and of the objects inside it, that the
    serializer describing the body (the OpenAPI document's) does not know: a misspelt key
    would otherwise be silently dropped. The codec judges the values, and the keys the
    format knows for the other kind ("ip_status" of a need) with its own words."""
    errors = {}
    for key, value in body.items():
        field = described.fields.get(key)
        path = f"{prefix}{key}"
        if field is None:
            errors[path] = [_("Unknown field: the exchange format has no such key.")]
        elif isinstance(field, serializers.Serializer) and isinstance(value, dict):
            errors.update(unknown_fields(value, field, prefix=f"{path}."))
    return errors


def pop_organisation_id(body: dict, errors: dict) -> int | None:
    """Takes the API's `organisation_id` extension out of a body."""
    organisation_id = body.pop("organisation_id", None)
    if organisation_id is not None and (
        isinstance(organisation_id, bool)
        or not isinstance(organisation_id, int)
        or not 0 < organisation_id <= MAX_ID
    ):
        errors["organisation_id"] = [_("Must be the id (a whole number) of an organisation.")]
        organisation_id = None
    return organisation_id


def read_listing(obj: dict, *, kind: str, errors: dict) -> ListingData | None:
    try:
        return listing_data_from_dict(obj, vocab=Vocabularies(), kind=kind)
    except ListingFormatError as error:
        errors.update(error.fields)
        return None


def raise_if(errors: dict) -> None:
    if errors:
        raise exceptions.ValidationError(errors)


def external_id_taken(*, exchange_id: int, external_id: str | None, exclude_pk=None) -> bool:
    if not external_id:
        return False
    clash = Listing.objects.filter(exchange_id=exchange_id, external_id=external_id)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    return clash.exists()


def external_id_error() -> dict:
    return services.external_id_taken_error().message_dict


# --- Resolving the owner -----------------------------------------------------------------------


def organisation_of_caller(*, user, organisation_id: int | None, data: ListingData):
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
