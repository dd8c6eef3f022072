"""Serializers of the REST API: the OpenAPI description of the listing exchange format, the
query parameters of the list endpoints, and the API's extensions to the format.

Thin on purpose: a listing body is validated by `listings.formats.listing_data_from_dict`
(the one place where the format's rules live), not by these classes. They describe the
format for drf-spectacular, validate query strings, and validate the small "confidential"
extension object, which is not part of the exchange format.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace.accounts.models import Organisation
from marketplace.exchanges.models import Exchange, Province
from marketplace.exchanges.reference import EXCHANGES, read_provinces
from marketplace.reference.loading import read_sectors
from marketplace.reference.models import Sector

from .formats import LIMITS, MAX_PRICE_VND, ConfidentialSerializer
from .formats.data import MAX_IP_NUMBERS, VIDEO_URL_MAX
from .models import Listing, Vocabulary

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_ID = 2**63 - 1  # the largest id the database stores (bigint)
SECTOR_CODE_PATTERN = r"^[1-6]([0-9]{2})?$"
CODE_PATTERN = r"^[a-z0-9-]+$"


# The codes of the shipped reference tables (spec/*.tsv), for the OpenAPI enums. The tables in
# the database are the authority at run time (/api/v1/exchanges/, /provinces/, /sectors/).
EXCHANGE_CODES = sorted(row[0] for row in EXCHANGES)
PROVINCE_CODES = sorted(row["slug"] for row in read_provinces())
SECTOR_CODES = sorted(row["code"] for row in read_sectors() if row["parent"])
ALL_SECTOR_CODES = sorted(row["code"] for row in read_sectors())


def _coded(field_class, codes: list[str]):
    """`field_class`, documented in OpenAPI as one of `codes` (validation stays the caller's:
    an unknown code gets the format's own message, not a generic "not a valid choice")."""
    return extend_schema_field({"type": "string", "enum": codes})(
        type(f"Coded{field_class.__name__}", (field_class,), {})
    )


ExchangeCodeField = _coded(serializers.CharField, EXCHANGE_CODES)
ProvinceCodeField = _coded(serializers.CharField, PROVINCE_CODES)
SectorCodeField = _coded(serializers.CharField, SECTOR_CODES)


# --- Query parameters ------------------------------------------------------------------------


class ListingQuerySerializer(serializers.Serializer):
    """Filters and pagination of GET /offers/ and /needs/. Unknown codes are errors, so an
    integrator's typo is reported instead of silently matching nothing."""

    exchange = _coded(serializers.SlugField, EXCHANGE_CODES)(
        required=False,
        max_length=40,
        help_text=_("Exchange code; a national exchange includes its local centres."),
        error_messages={"invalid": _("Unknown exchange code.")},
    )
    sector = _coded(serializers.RegexField, ALL_SECTOR_CODES)(
        SECTOR_CODE_PATTERN,
        required=False,
        max_length=3,
        help_text=_("Sector code: a field (level 1, e.g. 2) or a sector (level 2, e.g. 205)."),
        error_messages={"invalid": _("A sector code is 1 digit (a field) or 3 digits.")},
    )
    province = _coded(serializers.SlugField, PROVINCE_CODES)(
        required=False,
        max_length=40,
        help_text=_("Province code (slug), e.g. ha-noi."),
        error_messages={"invalid": _("Unknown province code.")},
    )
    cooperation = serializers.ChoiceField(
        choices=Vocabulary.Cooperation.choices, required=False, help_text=_("Cooperation type.")
    )
    trl_min = serializers.IntegerField(
        required=False, min_value=1, max_value=9, help_text=_("Lowest TRL, 1 to 9.")
    )
    trl_max = serializers.IntegerField(
        required=False, min_value=1, max_value=9, help_text=_("Highest TRL, 1 to 9.")
    )
    page = serializers.IntegerField(
        required=False, min_value=1, default=1, help_text=_("Page number, from 1.")
    )
    page_size = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        help_text=_("Listings per page: 1 to 100 (default 20). Above 100 is an error."),
        error_messages={"max_value": _("At most 100 listings per page.")},
    )

    def validate_exchange(self, value: str) -> Exchange:
        exchange = Exchange.objects.filter(code=value).first()
        if exchange is None:
            raise serializers.ValidationError(_("Unknown exchange code."))
        return exchange

    def validate_sector(self, value: str) -> str:
        if not Sector.objects.filter(code=value).exists():
            raise serializers.ValidationError(_("Unknown sector code."))
        return value

    def validate_province(self, value: str) -> str:
        if not Province.objects.filter(slug=value).exists():
            raise serializers.ValidationError(_("Unknown province code."))
        return value

    def validate(self, attrs: dict) -> dict:
        low, high = attrs.get("trl_min"), attrs.get("trl_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"trl_max": _("The highest TRL must not be below the lowest.")}
            )
        return attrs


# --- The API's extension: the confidential part ----------------------------------------------


# --- The exchange format, described for OpenAPI ----------------------------------------------


class PriceSerializer(serializers.Serializer):
    min = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_PRICE_VND
    )
    max = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=MAX_PRICE_VND
    )


# In a body, null is the same as leaving the key out (the codec reads it so): optional keys
# are documented as nullable.


class OrganisationInterestsSerializer(serializers.Serializer):
    sectors = serializers.ListField(child=SectorCodeField(), required=False, allow_null=True)
    min_trl = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=9)
    spin_off = serializers.BooleanField(required=False, allow_null=True)
    ticket_vnd = PriceSerializer(required=False, allow_null=True)
    provinces = serializers.ListField(child=ProvinceCodeField(), required=False, allow_null=True)


class OrganisationFormatSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices)
    tax_code = serializers.RegexField(
        r"^[0-9]{10}(-[0-9]{3})?$",
        required=False,
        allow_null=True,
        help_text=_("10 digits, or 10 digits + “-” + 3 digits for a branch."),
    )
    province = ProvinceCodeField(help_text=_("Province code (slug)."))
    interests = OrganisationInterestsSerializer(required=False, allow_null=True)


class _ListingFormatSerializer(serializers.Serializer):
    """The common part of an offer and a need (spec/listing-format.md)."""

    external_id = serializers.CharField(
        required=False,
        allow_null=True,
        max_length=LIMITS["external_id"],
        help_text=_("The id in the exchange's own system; with `exchange`, the sync key."),
    )
    exchange = ExchangeCodeField(required=False, allow_null=True, help_text=_("Exchange code."))
    organisation = OrganisationFormatSerializer(required=False, allow_null=True)
    language = serializers.ChoiceField(choices=Vocabulary.Language.choices, required=False)
    title = serializers.CharField(max_length=LIMITS["title"])
    summary = serializers.CharField(max_length=LIMITS["summary"])
    description = serializers.CharField(max_length=LIMITS["description"])
    sectors = serializers.ListField(
        child=SectorCodeField(), min_length=1, help_text=_("Level-2 sector codes.")
    )
    keywords = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, allow_null=True, max_length=20
    )
    trl = serializers.IntegerField(min_value=1, max_value=9)
    cooperation = serializers.ListField(
        child=serializers.ChoiceField(choices=Vocabulary.Cooperation.choices),
        required=False,
        allow_null=True,
    )
    price_vnd = PriceSerializer(
        required=False, allow_null=True, help_text=_("In đồng; null means negotiable.")
    )
    provinces = serializers.ListField(
        child=ProvinceCodeField(),
        required=False,
        allow_null=True,
        help_text=_("Province codes (slugs)."),
    )
    applications = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, max_length=LIMITS["applications"]
    )
    advantages = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, max_length=LIMITS["advantages"]
    )
    # A web address (its pattern: listings.api.docs); empty or null: none.
    video_url = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, max_length=VIDEO_URL_MAX
    )


@extend_schema_field({"type": "string", "pattern": "^offer$"})
class _OfferKindField(serializers.CharField):
    pass


@extend_schema_field({"type": "string", "pattern": "^need$"})
class _NeedKindField(serializers.CharField):
    pass


class OfferFormatSerializer(_ListingFormatSerializer):
    kind = _OfferKindField(help_text=_("Always “offer” here."))
    ip_status = serializers.ChoiceField(
        choices=Vocabulary.IpStatus.choices, required=False, allow_null=True, allow_blank=True
    )
    ip_numbers = serializers.ListField(
        child=serializers.CharField(),  # 1 to 60 characters once trimmed: listings.api.docs
        required=False,
        allow_null=True,
        max_length=MAX_IP_NUMBERS,
    )


class NeedFormatSerializer(_ListingFormatSerializer):
    kind = _NeedKindField(help_text=_("Always “need” here."))
    deadline = serializers.DateField(
        required=False, allow_null=True, help_text=_("ISO date, not in the past.")
    )


class _ListingOutMixin(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Listing.Status.choices)
    url = serializers.URLField(help_text=_("The listing's page on the portal."))
    published_at = serializers.DateTimeField(allow_null=True)
    confidential = ConfidentialSerializer(
        required=False,
        help_text=_(
            "Only for the owner's members, the exchange's staff (and tokens) and organisations "
            "that accepted the listing's NDA."
        ),
    )


class OfferSerializer(_ListingOutMixin, OfferFormatSerializer):
    pass


class NeedSerializer(_ListingOutMixin, NeedFormatSerializer):
    pass


# A body: the format, the API's extensions, and the keys of an answer (ignored, so that an
# answer can be sent back as it is). Any other key is refused (listings.api.requests).
class _ListingWriteMixin(serializers.Serializer):
    organisation_id = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_(
            "Extension: the owning organisation when the caller belongs to several. Without "
            "it, the organisation whose tax code the body gives, or the caller's only one."
        ),
    )
    confidential = ConfidentialSerializer(required=False, allow_null=True)
    id = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=Listing.Status.choices, read_only=True)
    url = serializers.URLField(read_only=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)


class OfferWriteSerializer(_ListingWriteMixin, OfferFormatSerializer):
    kind = _OfferKindField(
        required=False, help_text=_("Always “offer” here; the endpoint's kind when left out.")
    )


class NeedWriteSerializer(_ListingWriteMixin, NeedFormatSerializer):
    kind = _NeedKindField(
        required=False, help_text=_("Always “need” here; the endpoint's kind when left out.")
    )


def paginated(serializer_class, name: str):
    """The page envelope of a list endpoint, for OpenAPI."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )


PaginatedOfferSerializer = paginated(OfferSerializer, "PaginatedOfferList")
PaginatedNeedSerializer = paginated(NeedSerializer, "PaginatedNeedList")
