"""The shapes of the exchange format: its limits and closed vocabularies, the validated
`ListingData`, the confidential part, and the codes a listing may use."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rest_framework import serializers

from marketplace.accounts.models import Organisation
from marketplace.accounts.services import OrganisationData
from marketplace.accounts.validators import validate_no_bidi_controls
from marketplace.exchanges.models import Exchange, Province
from marketplace.reference.models import Sector

from ..models import Listing, Vocabulary

MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 60
MAX_IP_NUMBERS = 20
MAX_PRICE_VND = 10**15  # a thousand trillion đồng: anything above is a typing error
LIMITS = {"title": 200, "summary": 600, "description": 20000, "applications": 5000,
          "advantages": 5000, "external_id": 100}  # fmt: skip
VIDEO_URL_MAX = Listing._meta.get_field("video_url").max_length
# The fields of ListingData that are stored as they are on the Listing model: every writer
# copies them with `apply_content` and compares them with `content_differs`.
CONTENT_FIELDS = ("language", "title", "summary", "description", "keywords", "trl", "ip_status",
                  "ip_numbers", "cooperation", "price_min_vnd", "price_max_vnd", "deadline",
                  "applications", "advantages", "video_url")  # fmt: skip
# The confidential part, an extension of the format (REST API bodies and import lines): read
# by the owner's members, the exchange's staff and NDA signatories; never exported.
CONFIDENTIAL_FIELDS = ("confidential_details", "contact_name", "contact_email", "contact_phone")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The closed vocabularies as sets, built once: `Choices.values` rebuilds its list (and the
# lazy labels) at every access, which dominated the cost of validating an import line.
ORGANISATION_KINDS = frozenset(Organisation.Kind.values)
LISTING_KINDS = frozenset(Listing.Kind.values)
LANGUAGES = frozenset(Vocabulary.Language.values)
COOPERATION = frozenset(Vocabulary.Cooperation.values)
IP_STATUSES = frozenset(Vocabulary.IpStatus.values)


class ListingFormatError(Exception):
    """Every problem found in one object, as {field path: [messages]}."""

    def __init__(self, fields: dict[str, list[str]]):
        super().__init__("; ".join(f"{key}: {' '.join(msgs)}" for key, msgs in fields.items()))
        self.fields = fields


@dataclass
class ListingData:
    """A validated listing in the exchange format, with codes still as codes."""

    kind: str
    exchange: str | None
    external_id: str | None
    organisation: OrganisationData | None
    language: str
    title: str
    summary: str
    description: str
    sectors: list[str]
    keywords: list[str]
    trl: int
    ip_status: str
    ip_numbers: list[str]
    cooperation: list[str]
    price_min_vnd: int | None
    price_max_vnd: int | None
    provinces: list[str]
    deadline: dt.date | None
    applications: str = ""
    advantages: str = ""
    video_url: str = ""
    confidential: dict[str, str] | None = None  # the parts of the confidential part given
    present: set[str] = field(default_factory=set)  # top-level keys the object carried


class ConfidentialSerializer(serializers.Serializer):
    """The confidential part of a listing: DRF's fields validate it (and describe it in the
    OpenAPI document), so that every writer refuses the same values with the same words."""

    confidential_details = serializers.CharField(
        required=False, allow_blank=True, max_length=20000, trim_whitespace=True
    )
    contact_name = serializers.CharField(
        required=False, allow_blank=True, max_length=150, validators=[validate_no_bidi_controls]
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=40)


class Vocabularies:
    """The codes a listing may use, read from the database once per batch."""

    def __init__(self) -> None:
        self.sectors = set(
            Sector.objects.filter(parent__isnull=False).values_list("code", flat=True)
        )
        self.provinces = set(Province.objects.values_list("slug", flat=True))
        self.exchanges = set(Exchange.objects.values_list("code", flat=True))


def clean_text(value: str) -> str:
    """Normalises line ends and drops control characters that no editor types on purpose."""
    return CONTROL_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
