"""Reading the exchange format: `listing_data_from_dict` validates one object and collects
every problem, keyed by field path ("organisation.tax_code", "price_vnd.max"), so that a caller
can show them all at once. The checks that keep the database able to store a value (lengths,
control characters) are made here, for every writer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.accounts.models import Organisation
from marketplace.accounts.services import OrganisationData, PartnerInterests
from marketplace.accounts.validators import (
    BIDI_CONTROLS,
    BIDI_CONTROLS_MESSAGE,
    TAX_CODE_RE,
    normalise_tax_code,
)

from ..models import Listing, Vocabulary
from .data import (
    ANY_CONTROL,
    COOPERATION,
    IP_STATUSES,
    LANGUAGES,
    LIMITS,
    LISTING_KINDS,
    MAX_IP_NUMBERS,
    MAX_KEYWORD_LENGTH,
    MAX_KEYWORDS,
    MAX_PRICE_VND,
    ORGANISATION_KINDS,
    VIDEO_URL_MAX,
    ConfidentialSerializer,
    ListingData,
    ListingFormatError,
    Vocabularies,
    clean_text,
)

# Text shown out of its context (in lists, links, e-mail subjects), where invisible characters
# that reorder it could disguise it; running text (summaries, descriptions) may quote them.
SHOWN_ALONE = frozenset({"title"})


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
    if key in SHOWN_ALONE and BIDI_CONTROLS.search(value):
        errors.add(key, BIDI_CONTROLS_MESSAGE)
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
    elif BIDI_CONTROLS.search(name):
        errors.add("organisation.name", BIDI_CONTROLS_MESSAGE)
    kind = value.get("kind")
    if not _known(kind, ORGANISATION_KINDS):
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
    return OrganisationData(
        name=clean_text(name),
        kind=kind or "",
        tax_code=tax_code or None,
        province=province or "",
        interests=_interests(value.get("interests"), errors, vocab),
    )


def _interests(value: Any, errors: _Collector, vocab: Vocabularies) -> PartnerInterests | None:
    """The organisation's partner interests (spec, "Organisation interests")."""
    if value is None:
        return None
    path = "organisation.interests"
    if not isinstance(value, dict):
        errors.add(path, _("Must be an object."))
        return None
    codes = {}
    for key, allowed in (("sectors", vocab.sectors), ("provinces", vocab.provinces)):
        items = [] if value.get(key) is None else value.get(key)  # false is not a list
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            errors.add(f"{path}.{key}", _("Must be a list of codes."))
            items = []
        unknown = [item for item in items if item not in allowed]
        if unknown:
            errors.add(
                f"{path}.{key}",
                _("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown[:10])},
            )
        codes[key] = tuple(dict.fromkeys(items))
    min_trl = value.get("min_trl")
    if min_trl is not None:
        min_trl = _int(min_trl)
        if min_trl is None or not 1 <= min_trl <= 9:
            errors.add(f"{path}.min_trl", _("TRL is a whole number from 1 to 9."))
            min_trl = None
    spin_off = value.get("spin_off")
    if spin_off is None:
        spin_off = False
    elif not isinstance(spin_off, bool):
        errors.add(f"{path}.spin_off", _("Must be true or false."))
        spin_off = False
    low, high = _vnd_range(value.get("ticket_vnd"), f"{path}.ticket_vnd", errors)
    return PartnerInterests(
        sectors=codes["sectors"],
        provinces=codes["provinces"],
        min_trl=min_trl,
        spin_off=spin_off,
        ticket_min_vnd=low,
        ticket_max_vnd=high,
    )


def _confidential(value: Any, errors: _Collector) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        errors.add("confidential", _("Must be an object."))
        return None
    serializer = ConfidentialSerializer(data=value)
    if serializer.is_valid():
        return dict(serializer.validated_data)
    for name, messages in serializer.errors.items():
        for message in messages:
            errors.add(f"confidential.{name}", message)
    return None


def _vnd_range(value: Any, path: str, errors: _Collector) -> tuple[int | None, int | None]:
    """A price or ticket: null, or {"min": đồng, "max": đồng} with either bound optional."""
    if value is None:
        return None, None
    if not isinstance(value, dict) or set(value) - {"min", "max"}:
        errors.add(path, _("Must be null or an object with “min” and/or “max”."))
        return None, None
    bounds = []
    for key in ("min", "max"):
        raw = value.get(key)
        if raw is None:
            bounds.append(None)
            continue
        number = _int(raw)
        if number is None or number < 0 or number > MAX_PRICE_VND:
            errors.add(f"{path}.{key}", _("Must be a whole number of đồng, 0 or more."))
            bounds.append(None)
        else:
            bounds.append(number)
    low, high = bounds
    if low is not None and high is not None and low > high:
        errors.add(f"{path}.max", _("The maximum must not be below the minimum."))
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
    elif not _known(listing_kind, LISTING_KINDS):
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
        elif ANY_CONTROL.search(external_id.strip()):  # surrounding line ends are trimmed
            errors.add("external_id", _("Must not contain control characters."))
        else:
            external_id = external_id.strip()

    language = obj.get("language", "vi")
    if not _known(language, LANGUAGES):
        errors.add("language", _("Must be “vi” or “en”."))

    title = _text(obj, "title", errors, required=True)
    summary = _text(obj, "summary", errors, required=True)
    description = _text(obj, "description", errors, required=True)
    applications = _text(obj, "applications", errors, required=False)
    advantages = _text(obj, "advantages", errors, required=False)

    video_url = "" if obj.get("video_url") is None else obj["video_url"]
    if video_url != "":  # not given; anything else must be a web address ({} and false too)
        try:
            if not isinstance(video_url, str) or ANY_CONTROL.search(video_url):
                raise ValidationError("")
            URLValidator(schemes=["https", "http"])(video_url)
        except ValidationError:
            errors.add("video_url", _("Enter a valid web address."))
            video_url = ""
        else:
            if len(video_url) > VIDEO_URL_MAX:
                errors.add("video_url", _("At most 200 characters."))

    sectors = _code_list(obj, "sectors", vocab.sectors, errors, label=gettext_lazy("sector codes"))
    if not sectors and "sectors" not in errors.errors:
        errors.add("sectors", _("Give at least one sector code."))
    provinces = _code_list(
        obj, "provinces", vocab.provinces, errors, label=gettext_lazy("province codes")
    )
    cooperation = _code_list(
        obj,
        "cooperation",
        COOPERATION,
        errors,
        label=gettext_lazy("cooperation types"),
    )

    keywords = [] if obj.get("keywords") is None else obj["keywords"]  # false is not a list
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
        ip_status = obj.get("ip_status")
        if ip_status is None or ip_status == "":  # not given; an empty list is no status
            ip_status = Vocabulary.IpStatus.NONE
        if not _known(ip_status, IP_STATUSES):
            errors.add("ip_status", _("Unknown IP status."))
        ip_numbers = [] if obj.get("ip_numbers") is None else obj["ip_numbers"]
        if not isinstance(ip_numbers, list) or not all(
            isinstance(n, str) and 0 < len(n.strip()) <= 60 for n in ip_numbers
        ):
            errors.add("ip_numbers", _("Must be a list of registration numbers."))
            ip_numbers = []
        elif len(ip_numbers) > MAX_IP_NUMBERS:
            errors.add("ip_numbers", _("At most 20 numbers."))
        ip_numbers = [n.strip() for n in ip_numbers]
        if any(ANY_CONTROL.search(number) for number in ip_numbers):
            errors.add("ip_numbers", _("Must not contain control characters."))
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

    price_min, price_max = _vnd_range(obj.get("price_vnd"), "price_vnd", errors)
    organisation = _organisation(obj.get("organisation"), errors, vocab)
    confidential = _confidential(obj.get("confidential"), errors)

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
        confidential=confidential,
        present=set(obj),
    )
