"""The listing exchange format (spec/listing-format.md): parsing, validation and rendering.

Import, export, federation sync, the spreadsheet upload and the REST API all speak this one
format, so they all go through `listing_data_from_dict` (format -> validated `ListingData`)
and `listing_to_dict` (model -> format). Validation collects every problem of an object, keyed
by field path ("organisation.tax_code", "price_vnd.max"), so a caller can show them all at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.accounts.models import Organisation
from marketplace.accounts.validators import TAX_CODE_RE, normalise_tax_code
from marketplace.exchanges.models import Exchange, Province

from .models import Listing, Sector, Vocabulary

MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 60
MAX_IP_NUMBERS = 20
MAX_PRICE_VND = 10**15  # a thousand trillion đồng: anything above is a typing error
LIMITS = {"title": 200, "summary": 600, "description": 20000, "applications": 5000,
          "advantages": 5000, "external_id": 100}  # fmt: skip
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The closed vocabularies as sets, built once: `Choices.values` rebuilds its list (and the
# lazy labels) at every access, which dominated the cost of validating an import line.
_ORGANISATION_KINDS = frozenset(Organisation.Kind.values)
_LISTING_KINDS = frozenset(Listing.Kind.values)
_LANGUAGES = frozenset(Vocabulary.Language.values)
_COOPERATION = frozenset(Vocabulary.Cooperation.values)
_IP_STATUSES = frozenset(Vocabulary.IpStatus.values)


class ListingFormatError(Exception):
    """Every problem found in one object, as {field path: [messages]}."""

    def __init__(self, fields: dict[str, list[str]]):
        super().__init__("; ".join(f"{key}: {' '.join(msgs)}" for key, msgs in fields.items()))
        self.fields = fields


@dataclass
class OrganisationData:
    name: str
    kind: str
    tax_code: str | None
    province: str
    interests: dict[str, Any] | None = None


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
    present: set[str] = field(default_factory=set)  # top-level keys the object carried


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
    return _CONTROL_CHARS.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _known(value: Any, allowed) -> bool:
    """Whether `value` is one of the codes in `allowed`; JSON lists and objects (unhashable)
    are simply not codes."""
    return isinstance(value, str) and value in allowed


class _Collector:
    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(str(message))


def _text(obj: dict, key: str, errors: _Collector, *, required: bool) -> str:
    value = obj.get(key)
    if value is None or value == "":
        if required:
            errors.add(key, _("This field is required."))
        return ""
    if not isinstance(value, str):
        errors.add(key, _("Must be text."))
        return ""
    value = clean_text(value)
    if required and not value:
        errors.add(key, _("This field is required."))
    limit = LIMITS.get(key)
    if limit and len(value) > limit:
        errors.add(
            key,
            _("At most %(limit)d characters (this has %(count)d).")
            % {"limit": limit, "count": len(value)},
        )
    return value


def _code_list(
    obj: dict, key: str, allowed: set[str], errors: _Collector, *, label: str
) -> list[str]:
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        errors.add(key, _("Must be a list of codes."))
        return []
    unknown = [item for item in value if item not in allowed]
    if unknown:
        errors.add(
            key,
            _("Unknown %(label)s: %(codes)s.") % {"label": label, "codes": ", ".join(unknown[:10])},
        )
    return list(dict.fromkeys(value))  # drop repeats, keep order


def _int(value: Any) -> int | None:
    """An integer, refusing booleans and fractional numbers that JSON would let through."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _organisation(value: Any, errors: _Collector, vocab: Vocabularies) -> OrganisationData | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        errors.add("organisation", _("Must be an object."))
        return None
    name = value.get("name")
    if not isinstance(name, str) or not clean_text(name):
        errors.add("organisation.name", _("This field is required."))
        name = ""
    elif len(clean_text(name)) > 255:
        errors.add("organisation.name", _("At most 255 characters."))
    kind = value.get("kind")
    if not _known(kind, _ORGANISATION_KINDS):
        errors.add(
            "organisation.kind",
            _("Unknown organisation kind; use one of: %(kinds)s.")
            % {"kinds": ", ".join(Organisation.Kind.values)},
        )
    tax_code = value.get("tax_code")
    if tax_code is not None:
        tax_code = normalise_tax_code(str(tax_code))
        if not TAX_CODE_RE.fullmatch(tax_code):
            errors.add(
                "organisation.tax_code",
                _("A tax code is 10 digits, or 10 digits + “-” + 3 digits for a branch."),
            )
    province = value.get("province")
    if not _known(province, vocab.provinces):
        errors.add("organisation.province", _("Unknown province code."))
    interests = value.get("interests")
    if interests is not None and not isinstance(interests, dict):
        errors.add("organisation.interests", _("Must be an object."))
        interests = None
    return OrganisationData(
        name=clean_text(name),
        kind=kind or "",
        tax_code=tax_code or None,
        province=province or "",
        interests=interests,
    )


def _price(obj: dict, errors: _Collector) -> tuple[int | None, int | None]:
    value = obj.get("price_vnd")
    if value is None:
        return None, None
    if not isinstance(value, dict) or set(value) - {"min", "max"}:
        errors.add("price_vnd", _("Must be null or an object with “min” and/or “max”."))
        return None, None
    bounds = []
    for key in ("min", "max"):
        raw = value.get(key)
        if raw is None:
            bounds.append(None)
            continue
        number = _int(raw)
        if number is None or number < 0 or number > MAX_PRICE_VND:
            errors.add(f"price_vnd.{key}", _("Must be a whole number of đồng, 0 or more."))
            bounds.append(None)
        else:
            bounds.append(number)
    low, high = bounds
    if low is not None and high is not None and low > high:
        errors.add("price_vnd.max", _("The maximum must not be below the minimum."))
    return low, high


def listing_data_from_dict(
    obj: Any,
    *,
    vocab: Vocabularies,
    kind: str | None = None,
    require_exchange: bool = False,
    today: dt.date | None = None,
) -> ListingData:
    """Validates one object of the exchange format. `kind` fixes the kind when the caller
    already knows it (an endpoint for offers); raises ListingFormatError with every problem."""
    errors = _Collector()
    if not isinstance(obj, dict):
        raise ListingFormatError({"": [_("Each listing must be a JSON object.")]})

    listing_kind = obj.get("kind", kind)
    if kind and listing_kind != kind:
        errors.add("kind", _("This endpoint takes listings of kind “%(kind)s”.") % {"kind": kind})
        listing_kind = None  # no kind-specific checks against the wrong kind
    elif not _known(listing_kind, _LISTING_KINDS):
        errors.add("kind", _("Must be “offer” or “need”."))
        listing_kind = None

    exchange = obj.get("exchange")
    if exchange is not None and not _known(exchange, vocab.exchanges):
        errors.add("exchange", _("Unknown exchange code."))
    elif exchange is None and require_exchange:
        errors.add("exchange", _("This field is required."))

    external_id = obj.get("external_id")
    if external_id is not None:
        if not isinstance(external_id, str) or not external_id.strip():
            errors.add("external_id", _("Must be non-empty text."))
            external_id = None
        elif len(external_id) > LIMITS["external_id"]:
            errors.add("external_id", _("At most 100 characters."))
        else:
            external_id = external_id.strip()

    language = obj.get("language", "vi")
    if not _known(language, _LANGUAGES):
        errors.add("language", _("Must be “vi” or “en”."))

    title = _text(obj, "title", errors, required=True)
    summary = _text(obj, "summary", errors, required=True)
    description = _text(obj, "description", errors, required=True)
    applications = _text(obj, "applications", errors, required=False)
    advantages = _text(obj, "advantages", errors, required=False)

    video_url = obj.get("video_url") or ""
    if video_url:
        try:
            if not isinstance(video_url, str):
                raise ValidationError("")
            URLValidator(schemes=["https", "http"])(video_url)
        except ValidationError:
            errors.add("video_url", _("Enter a valid web address."))
            video_url = ""

    sectors = _code_list(obj, "sectors", vocab.sectors, errors, label=gettext_lazy("sector codes"))
    if not sectors and "sectors" not in errors.errors:
        errors.add("sectors", _("Give at least one sector code."))
    provinces = _code_list(
        obj, "provinces", vocab.provinces, errors, label=gettext_lazy("province codes")
    )
    cooperation = _code_list(
        obj,
        "cooperation",
        _COOPERATION,
        errors,
        label=gettext_lazy("cooperation types"),
    )

    keywords = obj.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        errors.add("keywords", _("Must be a list of words or phrases."))
        keywords = []
    keywords = list(dict.fromkeys(clean_text(k) for k in keywords if clean_text(k)))
    if len(keywords) > MAX_KEYWORDS or any(len(k) > MAX_KEYWORD_LENGTH for k in keywords):
        errors.add(
            "keywords",
            _("At most %(count)d keywords of at most %(length)d characters each.")
            % {"count": MAX_KEYWORDS, "length": MAX_KEYWORD_LENGTH},
        )

    trl = _int(obj.get("trl"))
    if trl is None or not 1 <= trl <= 9:
        errors.add("trl", _("TRL is a whole number from 1 to 9."))
        trl = 0

    ip_status, ip_numbers = "", []
    if listing_kind == Listing.Kind.OFFER:
        ip_status = obj.get("ip_status") or Vocabulary.IpStatus.NONE
        if not _known(ip_status, _IP_STATUSES):
            errors.add("ip_status", _("Unknown IP status."))
        ip_numbers = obj.get("ip_numbers") or []
        if not isinstance(ip_numbers, list) or not all(
            isinstance(n, str) and 0 < len(n.strip()) <= 60 for n in ip_numbers
        ):
            errors.add("ip_numbers", _("Must be a list of registration numbers."))
            ip_numbers = []
        elif len(ip_numbers) > MAX_IP_NUMBERS:
            errors.add("ip_numbers", _("At most 20 numbers."))
        ip_numbers = [n.strip() for n in ip_numbers]
    elif listing_kind == Listing.Kind.NEED:
        for key in ("ip_status", "ip_numbers"):
            if obj.get(key):
                errors.add(key, _("A need has no IP status."))

    deadline = None
    if obj.get("deadline") is not None and listing_kind is not None:
        if listing_kind != Listing.Kind.NEED:
            errors.add("deadline", _("Only needs have a deadline."))
        else:
            try:
                deadline = dt.date.fromisoformat(str(obj["deadline"]))
            except ValueError:
                errors.add("deadline", _("Use an ISO date such as 2026-12-31."))
            else:
                if deadline < (today or timezone.localdate()):
                    errors.add("deadline", _("The deadline is in the past."))

    price_min, price_max = _price(obj, errors)
    organisation = _organisation(obj.get("organisation"), errors, vocab)

    if errors.errors:
        raise ListingFormatError(errors.errors)
    return ListingData(
        kind=listing_kind,
        exchange=exchange,
        external_id=external_id,
        organisation=organisation,
        language=language,
        title=title,
        summary=summary,
        description=description,
        sectors=sectors,
        keywords=keywords,
        trl=trl,
        ip_status=ip_status,
        ip_numbers=ip_numbers,
        cooperation=cooperation,
        price_min_vnd=price_min,
        price_max_vnd=price_max,
        provinces=provinces,
        deadline=deadline,
        applications=applications,
        advantages=advantages,
        video_url=video_url,
        present=set(obj),
    )


def organisation_to_dict(organisation: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": organisation.name,
        "kind": organisation.kind,
        "tax_code": organisation.tax_code,
        "province": organisation.province.slug,
    }
    if organisation.has_interests:
        ticket = None
        if organisation.interest_ticket_min_vnd or organisation.interest_ticket_max_vnd:
            ticket = {
                "min": organisation.interest_ticket_min_vnd,
                "max": organisation.interest_ticket_max_vnd,
            }
        data["interests"] = {
            "sectors": sorted(s.code for s in organisation.interest_sectors.all()),
            "min_trl": organisation.interest_min_trl,
            "spin_off": organisation.interest_spin_off,
            "ticket_vnd": ticket,
            "provinces": sorted(p.slug for p in organisation.interest_provinces.all()),
        }
    return data


def listing_to_dict(listing: Listing) -> dict[str, Any]:
    """The listing in the exchange format, keys in the order of the spec. Expects sectors,
    provinces, organisation (with province) and exchange to be prefetched."""
    data: dict[str, Any] = {
        "kind": listing.kind,
        "external_id": listing.external_id or f"vntx-{listing.pk}",
        "exchange": listing.exchange.code,
        "organisation": organisation_to_dict(listing.organisation),
        "language": listing.language,
        "title": listing.title,
        "summary": listing.summary,
        "description": listing.description,
        "sectors": sorted(s.code for s in listing.sectors.all()),
        "keywords": list(listing.keywords),
        "trl": listing.trl,
    }
    if listing.kind == Listing.Kind.OFFER:
        data["ip_status"] = listing.ip_status or Vocabulary.IpStatus.NONE
        data["ip_numbers"] = list(listing.ip_numbers)
    data["cooperation"] = list(listing.cooperation)
    data["price_vnd"] = (
        None
        if listing.price_is_negotiable
        else {"min": listing.price_min_vnd, "max": listing.price_max_vnd}
    )
    data["provinces"] = sorted(p.slug for p in listing.provinces.all())
    if listing.kind == Listing.Kind.NEED and listing.deadline:
        data["deadline"] = listing.deadline.isoformat()
    for key in ("applications", "advantages", "video_url"):
        if getattr(listing, key):
            data[key] = getattr(listing, key)
    return data
