"""What a user searches for: the typed query, its parameters and their labels.

`SearchQuery.from_params(request.GET)` parses and validates a query (unknown codes and bad
numbers raise `SearchQueryError` naming the field); `to_params()` turns it back into URL
parameters, so every link of the search page is the current query with one change. The
labels of codes (sectors, exchanges, provinces, cooperation types, TRL) in the current
language describe facets, filter chips and saved searches.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .analysis import normalise_text
from .documents import KINDS

MAX_TEXT_LENGTH = 500  # longer text is cut, not refused: a pasted paragraph still answers
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_RESULT_WINDOW = 10_000  # the engines' index.max_result_window
MAX_PRICE_VND = 10**15
SORTS = ("relevance", "newest", "trl")
FACETS = ("sector", "exchange", "province", "cooperation", "trl")


class SearchQueryError(ValueError):
    """Invalid search parameters: `fields` maps each parameter to its messages."""

    def __init__(self, fields: dict[str, list[str]]):
        self.fields = fields
        first = next(iter(fields.values()))[0] if fields else ""
        super().__init__(first)

    @property
    def message(self) -> str:
        return str(self)


# --- Reference labels ---------------------------------------------------------------------


_LABELS_TTL = 300.0
_labels_cache: dict[str, tuple[float, dict[str, tuple]]] = {}


def _load_labels(name: str) -> dict[str, tuple]:
    """{code: (Vietnamese name, English name, extra)} for sectors (extra: the parent field),
    exchanges (their kind) or provinces."""
    from marketplace.exchanges.models import Exchange, Province
    from marketplace.reference.models import Sector

    if name == "sector":
        rows = Sector.objects.values_list("code", "name_vi", "name_en", "parent_id")
        return {code: (vi, en, parent) for code, vi, en, parent in rows}
    if name == "exchange":
        rows = Exchange.objects.values_list("code", "name_vi", "name_en", "kind")
        return {code: (vi, en, kind) for code, vi, en, kind in rows}
    rows = Province.objects.values_list("slug", "name_vi", "name_en")
    return {slug: (vi, en, None) for slug, vi, en in rows}


def _labels(name: str, *, missing: str | None = None) -> dict[str, tuple]:
    """Reference data changes rarely: kept for a few minutes, reloaded at once when a code
    is asked for that the kept copy lacks."""
    now = time.monotonic()
    cached = _labels_cache.get(name)
    if cached is None or now - cached[0] > _LABELS_TTL or (missing and missing not in cached[1]):
        cached = (now, _load_labels(name))
        _labels_cache[name] = cached
    return cached[1]


def _localised(names: tuple) -> str:
    return names[1] if get_language() == "en" else names[0]


def _cooperation_labels() -> dict[str, str]:
    from listings.models import Vocabulary

    return {value: str(label) for value, label in Vocabulary.Cooperation.choices}


def _ip_status_codes() -> set[str]:
    from listings.models import Vocabulary

    return set(Vocabulary.IpStatus.values)


def facet_label(facet: str, key) -> str:
    """The label of a facet value (or of an active filter) in the current language."""
    if facet == "trl":
        return _("TRL %(level)s") % {"level": key}
    if facet == "cooperation":
        return _cooperation_labels().get(key, str(key))
    if facet == "kind":
        return {"offer": _("Technology offers"), "need": _("Technology needs")}.get(key, key)
    if facet in ("sector", "exchange", "province"):
        names = _labels(facet).get(str(key))
        return _localised(names) if names else str(key)
    return str(key)


# {(facet, language): (the reference rows they were made from, {key: label})}
_label_maps: dict[tuple[str, str], tuple[object, dict]] = {}


def facet_labels(facet: str) -> dict:
    """{key: label} of a facet in the current language. A search labels a few hundred facet
    values: this keeps one dictionary per language, rebuilt when the reference data is."""
    rows = _labels(facet) if facet in ("sector", "exchange", "province") else None
    key = (facet, get_language() or "")
    cached = _label_maps.get(key)
    if cached is None or cached[0] is not rows:
        if rows is not None:
            labels = {code: _localised(names) for code, names in rows.items()}
        elif facet == "trl":
            labels = {level: facet_label("trl", level) for level in range(1, 10)}
        elif facet == "cooperation":
            labels = _cooperation_labels()
        else:
            labels = {value: facet_label(facet, value) for value in KINDS}
        cached = (rows, labels)
        _label_maps[key] = cached
    return cached[1]


# --- The query ----------------------------------------------------------------------------


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
PARAMETERS = (
    "q",
    "kind",
    "exchange",
    "sector",
    "province",
    "cooperation",
    "trl_min",
    "trl_max",
    "price_min",
    "price_max",
    "ip_status",
    "verified",
    "sort",
    "page",
    "page_size",
)


@dataclass(frozen=True)
class SearchQuery:
    """What a user searches for. Codes are the exchange format's (spec/listing-format.md)."""

    text: str = ""
    kind: str | None = None  # "offer", "need" or None for both
    exchange: str = ""  # a national exchange includes its local centres
    sector: str = ""  # a field (1 digit) or a sector (3 digits)
    province: str = ""
    cooperation: str = ""
    trl_min: int | None = None
    trl_max: int | None = None
    price_min: int | None = None  # a budget: listings whose price range overlaps it match
    price_max: int | None = None
    ip_status: str = ""
    verified: bool | None = None  # the organisation is verified by its exchange
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # Not URL parameters: set by code (the saved-search digest) to list the listings published
    # in a period (published_after < published_at <= published_before).
    published_after: datetime | None = None
    published_before: datetime | None = None

    def __post_init__(self):
        # Cut before normalising too: a 10 KB paste costs nothing more than 500 characters.
        raw = str(self.text or "")[: 4 * MAX_TEXT_LENGTH]
        text = normalise_text(raw)[:MAX_TEXT_LENGTH].strip()
        object.__setattr__(self, "text", text)

    # Parsing ------------------------------------------------------------------------------

    @classmethod
    def from_params(cls, params: Mapping[str, str], *, page_size: int | None = None):
        """Parses query parameters (a QueryDict or a dict of strings) and validates them;
        raises SearchQueryError naming each invalid field. Empty values mean "not given"."""
        errors: dict[str, list[str]] = {}

        def get(name: str) -> str:
            value = params.get(name)
            if isinstance(value, list | tuple):
                value = value[-1] if value else ""
            return "" if value is None else str(value).strip()

        def integer(name: str, low: int, high: int, message: str) -> int | None:
            raw = get(name)
            if not raw:
                return None
            if not re.fullmatch(r"\d{1,20}", raw) or not low <= int(raw) <= high:
                errors.setdefault(name, []).append(message)
                return None
            return int(raw)

        kind = get("kind") or None
        if kind == "all":
            kind = None
        if kind is not None and kind not in KINDS:
            errors["kind"] = [_("Choose offers (offer), needs (need) or both (leave empty).")]
            kind = None
        verified_raw = get("verified").lower()
        verified = None
        if verified_raw in _TRUE:
            verified = True
        elif verified_raw in _FALSE:
            verified = False
        elif verified_raw:
            errors["verified"] = [_("Use true or false.")]
        sort = get("sort") or "relevance"
        if sort not in SORTS:
            errors["sort"] = [_("Sort by relevance, newest or trl.")]
            sort = "relevance"
        trl_message = _("A TRL is a whole number from 1 to 9.")
        price_message = _("A price is a whole number of đồng, from 0 to 10^15.")
        values = {
            "text": get("q"),
            "kind": kind,
            "exchange": get("exchange"),
            "sector": get("sector"),
            "province": get("province"),
            "cooperation": get("cooperation"),
            "trl_min": integer("trl_min", 1, 9, trl_message),
            "trl_max": integer("trl_max", 1, 9, trl_message),
            "price_min": integer("price_min", 0, MAX_PRICE_VND, price_message),
            "price_max": integer("price_max", 0, MAX_PRICE_VND, price_message),
            "ip_status": get("ip_status"),
            "verified": verified,
            "sort": sort,
            "page": integer("page", 1, 10**9, _("A page is a whole number from 1.")) or 1,
            "page_size": (
                integer(
                    "page_size",
                    1,
                    MAX_PAGE_SIZE,
                    _("A page holds 1 to %(max)s results.") % {"max": MAX_PAGE_SIZE},
                )
                or page_size
                or DEFAULT_PAGE_SIZE
            ),
        }
        query = cls(**values)
        errors.update(query._check(skip=set(errors)))
        if errors:
            raise SearchQueryError(errors)
        return query

    def _check(self, skip: set[str] = frozenset()) -> dict[str, list[str]]:
        """Codes against the database, ranges and the result window."""
        errors: dict[str, list[str]] = {}
        if self.kind is not None and self.kind not in KINDS:
            errors["kind"] = [_("Choose offers (offer), needs (need) or both (leave empty).")]
        if self.exchange and self.exchange not in _labels("exchange", missing=self.exchange):
            errors["exchange"] = [_("Unknown exchange code.")]
        if self.sector and self.sector not in _labels("sector", missing=self.sector):
            errors["sector"] = [_("Unknown sector code.")]
        if self.province and self.province not in _labels("province", missing=self.province):
            errors["province"] = [_("Unknown province code.")]
        if self.cooperation and self.cooperation not in _cooperation_labels():
            errors["cooperation"] = [_("Unknown cooperation type.")]
        if self.ip_status and self.ip_status not in _ip_status_codes():
            errors["ip_status"] = [_("Unknown IP status.")]
        if self.sort not in SORTS:
            errors["sort"] = [_("Sort by relevance, newest or trl.")]
        for name in ("trl_min", "trl_max"):
            value = getattr(self, name)
            if value is not None and not 1 <= value <= 9:
                errors[name] = [_("A TRL is a whole number from 1 to 9.")]
        if self.trl_min is not None and self.trl_max is not None and self.trl_min > self.trl_max:
            errors["trl_max"] = [_("The highest TRL must not be below the lowest.")]
        if (
            self.price_min is not None
            and self.price_max is not None
            and self.price_min > self.price_max
        ):
            errors["price_max"] = [_("The highest price must not be below the lowest.")]
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            errors["page_size"] = [_("A page holds 1 to %(max)s results.") % {"max": MAX_PAGE_SIZE}]
        elif self.page < 1:
            errors["page"] = [_("A page is a whole number from 1.")]
        elif self.page * self.page_size > MAX_RESULT_WINDOW:
            errors["page"] = [
                _(
                    "Results beyond the first %(max)s cannot be shown: refine your search "
                    "(more words, a filter) instead of going this deep."
                )
                % {"max": f"{MAX_RESULT_WINDOW:,}".replace(",", ".")}
            ]
        return {name: messages for name, messages in errors.items() if name not in skip}

    def validate(self) -> SearchQuery:
        errors = self._check()
        if errors:
            raise SearchQueryError(errors)
        return self

    # Helpers for pages ----------------------------------------------------------------------

    @property
    def sector_level(self) -> int | None:
        if not self.sector:
            return None
        return 1 if len(self.sector) == 1 else 2

    def active_filters(self) -> list[tuple[str, str]]:
        """(parameter, value) of every active filter, in a stable order (chips)."""
        active = []
        for name in (
            "exchange",
            "sector",
            "province",
            "cooperation",
            "trl_min",
            "trl_max",
            "price_min",
            "price_max",
            "ip_status",
        ):
            value = getattr(self, name)
            if value not in ("", None):
                active.append((name, str(value)))
        if self.verified is not None:
            active.append(("verified", "true" if self.verified else "false"))
        return active

    @property
    def has_filters(self) -> bool:
        return bool(self.active_filters())

    def to_params(self, **changes) -> dict[str, str]:
        """The query as URL parameters (defaults left out), with `changes` applied: a value
        of None or "" removes a parameter. The page goes back to 1 unless given."""
        changes.setdefault("page", 1)
        query = replace(
            self, **{k: (_empty(k) if v in (None, "") else v) for k, v in changes.items()}
        )
        params = {"q": query.text}
        for name in PARAMETERS[1:]:
            value = getattr(query, name, None)
            if name == "kind":
                value = query.kind or ""
            elif name == "verified":
                value = "" if query.verified is None else ("true" if query.verified else "false")
            elif name == "sort":
                value = "" if query.sort == "relevance" else query.sort
            elif name == "page":
                value = "" if query.page == 1 else query.page
            elif name == "page_size":
                value = "" if query.page_size == DEFAULT_PAGE_SIZE else query.page_size
            params[name] = "" if value is None else str(value)
        return {name: value for name, value in params.items() if value != ""}


def _empty(name: str):
    defaults = {
        "kind": None,
        "trl_min": None,
        "trl_max": None,
        "price_min": None,
        "price_max": None,
        "verified": None,
        "sort": "relevance",
        "page": 1,
        "page_size": DEFAULT_PAGE_SIZE,
    }
    return defaults.get(name, "")
