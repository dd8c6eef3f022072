"""The listing exchange format (spec/listing-format.md): parsing, validation and rendering.

Import, export, federation sync, the spreadsheet upload and the REST API all speak this one
format, so they all go through `listing_data_from_dict` (format -> validated `ListingData`)
and `listing_to_dict` (model -> format). Validation collects every problem of an object, keyed
by field path ("organisation.tax_code", "price_vnd.max"), so a caller can show them all at once.
"""

from .data import (
    CONFIDENTIAL_FIELDS,
    CONTENT_FIELDS,
    LIMITS,
    MAX_PRICE_VND,
    VIDEO_URL_MAX,
    ConfidentialSerializer,
    ListingData,
    ListingFormatError,
    Vocabularies,
    clean_text,
)
from .jsontext import json_integer, json_loads, json_syntax_message
from .reading import listing_data_from_dict
from .writing import listing_to_dict, organisation_to_dict

__all__ = [
    "CONFIDENTIAL_FIELDS",
    "CONTENT_FIELDS",
    "LIMITS",
    "MAX_PRICE_VND",
    "VIDEO_URL_MAX",
    "ConfidentialSerializer",
    "ListingData",
    "ListingFormatError",
    "Vocabularies",
    "clean_text",
    "json_integer",
    "json_loads",
    "json_syntax_message",
    "listing_data_from_dict",
    "listing_to_dict",
    "organisation_to_dict",
]
