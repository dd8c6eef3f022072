"""Reasons people can read, in Vietnamese and English, for a scored pair.

Each reason is {"code", "vi", "en"}: the code lets the pages and the API pick or group them,
both sentences are stored so an e-mail or an API answer in either language needs nothing
recomputed. Only what helps a decision is said: a component at its neutral value (no price,
no province) is not turned into a sentence, a weak one is said as a caution.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext

from listings.models import Listing, Vocabulary
from marketplace.accounts.models import Organisation
from marketplace.core.formatting import vnd_short, vnd_short_range

from .scoring import NEUTRAL, PRICE_GATE_RATIO, TRL_GATE_GAP
from .text import fold_word

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
LANGUAGES = ("vi", "en")
MAX_PHRASES = 2


# A reason before it is written out: its code and how to say it in the active language.
# Writing is done for many pairs at once (`rendered`), switching the language twice in all
# rather than twice per sentence.
Reason = tuple[str, Callable[[str], str]]


def _both(code: str, sentence: Callable[[str], str]) -> Reason:
    return (code, sentence)


def rendered(pairs: list[list[Reason]]) -> list[list[dict[str, str]]]:
    """Each pair's reasons as {"code", "vi", "en"}."""
    out = [[{"code": code} for code, _sentence in reasons] for reasons in pairs]
    for language in LANGUAGES:
        with translation.override(language):
            for reasons, rows in zip(pairs, out, strict=True):
                for (_code, sentence), row in zip(reasons, rows, strict=True):
                    row[language] = sentence(language)
    return out


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[tuple[str, str]]]:
    """A text's words, their folded forms and its folded word pairs (listings recur in many
    pairs: each is read once)."""
    words = tuple(_WORD.findall(text.lower()))
    folded = tuple(fold_word(word) for word in words)
    return words, folded, frozenset(zip(folded, folded[1:], strict=False))


def _name(obj, language: str) -> str:
    return obj.name_en if language == "en" and obj.name_en else obj.name_vi


def shared_phrases(
    text: str,
    other: str,
    *,
    informative: Callable[[str], bool] = lambda _term: True,
    limit: int = MAX_PHRASES,
) -> list[str]:
    """The longest runs of `text` (in its own spelling) whose folded syllable pairs also occur
    in `other`: "xử lý nước ao nuôi tôm" for two listings about shrimp-pond water. A run
    counts only when one of its pairs is `informative` (rare enough in the corpus to say
    something: "công nghệ" alone is not a reason)."""
    words, folded, _pairs = _words(text)
    other_pairs = _words(other)[2]
    runs: list[tuple[int, int]] = []
    start = None
    for i in range(len(words) - 1):
        if (folded[i], folded[i + 1]) in other_pairs:
            if start is None:
                start = i
        elif start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(words) - 1))
    phrases: list[str] = []
    for first, last in sorted(runs, key=lambda r: r[0] - r[1]):
        pairs = (f"{folded[i]} {folded[i + 1]}" for i in range(first, last))
        if not any(informative(pair) for pair in pairs):
            continue
        phrase = " ".join(words[first : last + 1])
        if phrase not in phrases and len(phrase) >= 5:
            phrases.append(phrase)
        if len(phrases) == limit:
            break
    return phrases


def _text_reasons(
    text: str, other: str, components: dict[str, float], informative: Callable[[str], bool]
) -> list[Reason]:
    phrases = shared_phrases(text, other, informative=informative)
    if phrases and components.get("lexical", 0) > 0.15:
        joined = "; ".join(phrases)
        return [
            _both(
                "text_shared",
                lambda _lang: gettext("Similar content: %(phrases)s") % {"phrases": joined},
            )
        ]
    if components.get("semantic", 0) >= 0.5:
        return [
            _both(
                "text_meaning",
                lambda _lang: gettext("Close in meaning, though worded differently"),
            )
        ]
    return []


def _sector_reasons(a_sectors, b_sectors, fit: float) -> list[Reason]:
    by_code = {s.code: s for s in b_sectors}
    shared = [s for s in a_sectors if s.code in by_code]
    if fit >= 1.0 and shared:
        sector = shared[0]
        return [
            _both(
                "sector_same",
                lambda lang: (
                    gettext("Same sector %(code)s — %(name)s")
                    % {"code": sector.code, "name": _name(sector, lang)}
                ),
            )
        ]
    if fit == 0.5 and a_sectors and b_sectors:
        groups = {s.parent_id for s in b_sectors}
        group = next((s.parent for s in a_sectors if s.parent_id in groups), None)
        if group is not None:
            return [
                _both(
                    "sector_group",
                    lambda lang: (
                        gettext("Same field %(code)s — %(name)s")
                        % {"code": group.code, "name": _name(group, lang)}
                    ),
                )
            ]
    if fit == 0.0:
        return [_both("sector_other", lambda _lang: gettext("Different sectors"))]
    return []


def _maturity_reasons(offer_trl: int | None, minimum: int | None) -> list[Reason]:
    if offer_trl is None or minimum is None:
        return []
    values = {"trl": offer_trl, "minimum": minimum}
    if offer_trl >= minimum:
        return [
            _both(
                "trl_ok",
                lambda _lang: gettext("TRL %(trl)s ≥ required minimum %(minimum)s") % values,
            )
        ]
    code = "trl_far_below" if minimum - offer_trl >= TRL_GATE_GAP else "trl_below"
    return [
        _both(
            code,
            lambda _lang: gettext("TRL %(trl)s is below the required minimum %(minimum)s") % values,
        )
    ]


def _range(low: int | None, high: int | None, language: str) -> str:
    low, high = low or high, high or low
    return vnd_short_range(low, high, language=language)


def _price_reasons(offer_range, budget_range, fit: float, *, budget_word: str) -> list[Reason]:
    offer_low, offer_high = offer_range
    budget_low, budget_high = budget_range
    if offer_low is None and offer_high is None:
        return [_both("price_negotiable", lambda _lang: gettext("Price negotiable"))]
    if budget_low is None and budget_high is None or fit == NEUTRAL:
        return []
    ceiling = budget_high or budget_low
    if fit >= 1.0:
        return [
            _both(
                "price_fits",
                lambda lang: (
                    (
                        gettext("Price %(price)s within the budget of %(budget)s")
                        if budget_word == "budget"
                        else gettext("Price %(price)s within the ticket of %(budget)s")
                    )
                    % {
                        "price": _range(offer_low, offer_high, lang),
                        "budget": _range(budget_low, budget_high, lang),
                    }
                ),
            )
        ]
    far = (offer_low or offer_high) >= PRICE_GATE_RATIO * ceiling
    return [
        _both(
            "price_far_above" if far else "price_above",
            lambda lang: (
                (
                    gettext("Price from %(price)s is above the budget of %(budget)s")
                    if budget_word == "budget"
                    else gettext("Price from %(price)s is above the ticket of %(budget)s")
                )
                % {
                    "price": vnd_short(offer_low or offer_high, language=lang),
                    "budget": _range(budget_low, budget_high, lang),
                }
            ),
        )
    ]


def _region_reasons(a_provinces, a_exchange, b_provinces, b_exchange, fit: float) -> list[Reason]:
    shared = [p for p in a_provinces if p in set(b_provinces)]
    if shared:
        province = shared[0]
        return [
            _both(
                "region_province",
                lambda lang: gettext("Same province: %(name)s") % {"name": _name(province, lang)},
            )
        ]
    if fit >= 0.75 and a_exchange is not None and b_exchange is not None:
        national = a_exchange.parent or a_exchange
        return [
            _both(
                "region_area",
                lambda lang: gettext("Same area: %(name)s") % {"name": _name(national, lang)},
            )
        ]
    return []


def _cooperation_reasons(a: list[str], b: list[str]) -> list[Reason]:
    shared = [code for code in a if code in set(b) and code in Vocabulary.Cooperation.values]
    if not shared:
        return []
    return [
        _both(
            "cooperation_shared",
            lambda _lang: (
                gettext("Shared form of cooperation: %(forms)s")
                % {"forms": ", ".join(str(Vocabulary.Cooperation(c).label) for c in shared)}
            ),
        )
    ]


def _verified_reasons(offer_org: Organisation, other_org: Organisation | None) -> list[Reason]:
    if offer_org.verified_at is None:
        return []
    if other_org is not None and other_org.verified_at is None:
        return []
    return [_both("verified", lambda _lang: gettext("Verified organisations"))]


def _listing_text(listing: Listing) -> str:
    return f"{listing.title}. {listing.summary} {' '.join(map(str, listing.keywords or []))}"


def _everything(_term: str) -> bool:
    return True


def transfer_reasons(
    *,
    need: Listing,
    offer: Listing,
    components: dict[str, float],
    informative: Callable[[str], bool] = _everything,
) -> list[Reason]:
    """Reasons for proposing `offer` for `need`; the listings come with their sectors
    (and parents), provinces, exchanges and organisations loaded."""
    need_sectors, offer_sectors = list(need.sectors.all()), list(offer.sectors.all())
    return [
        *_text_reasons(_listing_text(need), _listing_text(offer), components, informative),
        *_sector_reasons(offer_sectors, need_sectors, components["sector"]),
        *_maturity_reasons(offer.trl, need.trl),
        *_price_reasons(
            (offer.price_min_vnd, offer.price_max_vnd),
            (need.price_min_vnd, need.price_max_vnd),
            components["price"],
            budget_word="budget",
        ),
        *_region_reasons(
            list(offer.provinces.all()),
            offer.exchange,
            list(need.provinces.all()),
            need.exchange,
            components["region"],
        ),
        *_cooperation_reasons(list(offer.cooperation or []), list(need.cooperation or [])),
        *_verified_reasons(offer.organisation, need.organisation),
    ]


def partner_reasons(
    *,
    offer: Listing,
    organisation: Organisation,
    components: dict[str, float],
    informative: Callable[[str], bool] = _everything,
) -> list[Reason]:
    interests = list(organisation.interest_sectors.all())
    return [
        *_text_reasons(
            _listing_text(offer),
            f"{organisation.name}. {organisation.description}",
            components,
            informative,
        ),
        *_sector_reasons(list(offer.sectors.all()), interests, components["sector"]),
        *_maturity_reasons(offer.trl, organisation.interest_min_trl),
        *_price_reasons(
            (offer.price_min_vnd, offer.price_max_vnd),
            (organisation.interest_ticket_min_vnd, organisation.interest_ticket_max_vnd),
            components["price"],
            budget_word="ticket",
        ),
        *_region_reasons(
            list(offer.provinces.all()),
            offer.exchange,
            list(organisation.interest_provinces.all()),
            organisation.home_exchange,
            components["region"],
        ),
        *_verified_reasons(offer.organisation, organisation),
    ]
