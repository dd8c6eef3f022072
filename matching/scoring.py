"""How a pair is scored: components in 0..1, the weights that combine them, and the hard
constraints. This is the one place to tune the engine; the evaluation command
(`manage.py evaluate_matching`) measures the effect of a change, and the staff report of
dismissed suggestions shows which components misled people.

score = gate × (W_TEXT × text + (1 − W_TEXT) × structure × min(1, relevance / 0.5))

- `text` mixes the lexical cosine (folded syllables and bigrams, TF-IDF) with the semantic
  cosine of the multilingual vectors, both stretched to 0..1.
- `structure` is the weighted mean of the other components (WEIGHTS). It only counts in
  full once the pair is about the same thing (`relevance` ≥ 0.5: the text for transfers, the
  text or the declared sectors for partners): two listings in the same province and sector
  with nothing else in common are not a match.
- `gate` pushes a pair out of the top whatever its text: the need's minimum TRL three or more
  levels above the offer, or a price at least ten times the budget (or the investor's ticket).

An unknown value (no price, no province, no sector) gives the neutral 0.5, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .sides import Side

# Tuned on the labelled set (`manage.py evaluate_matching`; figures in benchmarks/RESULTS.md).
W_TEXT = 0.45
WEIGHTS = {
    "sector": 0.40,
    "maturity": 0.20,
    "price": 0.14,
    "region": 0.10,
    "cooperation": 0.10,
    "ip": 0.06,
    "freshness": 0.05,
    "verified": 0.05,
}
# Partners describe themselves in a line or two: their declared interests weigh more.
W_TEXT_PARTNER = 0.2
NEUTRAL = 0.5
# The semantic cosine is read above the mean cosine of the two texts' groups
# (matching.pipeline.group_offsets): on the labelled set unrelated pairs sit at -0.006 on
# average (90th percentile 0.018) and strongly related ones at 0.050. This range maps to 0..1.
SEMANTIC_FLOOR, SEMANTIC_CEILING = -0.02, 0.03
# TF-IDF cosines: strongly related pairs average 0.14, unrelated ones stay under 0.07 (99th
# percentile).
LEXICAL_CEILING = 0.2
TEXT_SEMANTIC_SHARE = 0.5
RELEVANCE_FULL = 0.5

TRL_GATE_GAP = 3  # need's minimum − offer's TRL
PRICE_GATE_RATIO = 10.0  # offer's lowest price ÷ budget's highest
GATE_FACTOR = 0.3
REGION_DISTANCE_KM = 1600.0  # about Hà Nội to TP. Hồ Chí Minh: beyond it, region adds nothing

ENGINE_VERSION = "2026.12-2"


@dataclass
class Scored:
    score: np.ndarray
    components: dict[str, np.ndarray]


def semantic_component(cosine: np.ndarray) -> np.ndarray:
    return np.clip((cosine - SEMANTIC_FLOOR) / (SEMANTIC_CEILING - SEMANTIC_FLOOR), 0.0, 1.0)


def lexical_component(cosine: np.ndarray) -> np.ndarray:
    return np.clip(cosine / LEXICAL_CEILING, 0.0, 1.0)


def text_component(lexical: np.ndarray, semantic: np.ndarray) -> np.ndarray:
    mixed = TEXT_SEMANTIC_SHARE * semantic + (1 - TEXT_SEMANTIC_SHARE) * lexical
    # Across languages the lexical side is silent: the meaning alone must be able to carry
    # a pair, a little discounted.
    return np.maximum(mixed, 0.85 * semantic)


def sector_fit(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """1 when a level-2 code is shared, 0.5 when only the level-1 group, 0 otherwise; neutral
    when either side declares none."""
    valid = (a[:, :, None] >= 0) & (b[:, None, :] >= 0)
    same = ((a[:, :, None] == b[:, None, :]) & valid).any(axis=(1, 2))
    group = ((a[:, :, None] // 100 == b[:, None, :] // 100) & valid).any(axis=(1, 2))
    unknown = (a[:, 0] < 0) | (b[:, 0] < 0)
    return np.where(unknown, NEUTRAL, np.where(same, 1.0, np.where(group, 0.5, 0.0)))


def maturity_fit(offer_trl: np.ndarray, minimum: np.ndarray) -> np.ndarray:
    """1 at or above the minimum, 0.6 one level below, 0.3 two, 0 three or more."""
    gap = minimum - offer_trl
    fit = np.select([gap <= 0, gap == 1, gap == 2], [1.0, 0.6, 0.3], default=0.0)
    return np.where(np.isnan(gap), NEUTRAL, fit)


def price_ratio(offer_min: np.ndarray, budget_max: np.ndarray) -> np.ndarray:
    """How many times the offer's lowest price exceeds the budget's highest (≤ 1: fits)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(budget_max > 0, offer_min / budget_max, np.nan)


def price_fit(
    offer_min: np.ndarray, offer_max: np.ndarray, budget_min: np.ndarray, budget_max: np.ndarray
) -> np.ndarray:
    """1 when the ranges overlap, falling with the order of magnitude of the gap; neutral when
    either side is negotiable (no price)."""
    low = np.where(np.isnan(offer_min), offer_max, offer_min)
    high = np.where(np.isnan(budget_max), budget_min, budget_max)
    ratio = price_ratio(low, high)
    with np.errstate(divide="ignore", invalid="ignore"):
        fit = np.where(ratio <= 1.0, 1.0, np.clip(1.0 - np.log10(ratio), 0.0, 1.0))
    return np.where(np.isnan(ratio), NEUTRAL, fit)


def _distance_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    lat1, lon1, lat2, lon2 = (np.radians(x) for x in (lat1, lon1, lat2, lon2))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def region_fit(a: Side, ai: np.ndarray, b: Side, bi: np.ndarray) -> np.ndarray:
    """1 for a shared province, 0.75 for the same exchange's area, else by the distance
    between the first provinces' centres (0.6 next door, 0 at REGION_DISTANCE_KM); neutral
    when a side names no province."""
    pa, pb = a.provinces[ai], b.provinces[bi]
    valid = (pa[:, :, None] >= 0) & (pb[:, None, :] >= 0)
    same = ((pa[:, :, None] == pb[:, None, :]) & valid).any(axis=(1, 2))
    same_area = (a.area[ai] >= 0) & (a.area[ai] == b.area[bi])
    distance = _distance_km(a.latitude[ai], a.longitude[ai], b.latitude[bi], b.longitude[bi])
    by_distance = 0.6 * np.clip(1.0 - distance / REGION_DISTANCE_KM, 0.0, 1.0)
    unknown = (pa[:, 0] < 0) | (pb[:, 0] < 0)
    fit = np.where(same, 1.0, np.where(same_area, 0.75, np.nan_to_num(by_distance, nan=NEUTRAL)))
    return np.where(unknown, NEUTRAL, fit)


def cooperation_fit(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where((a == 0) | (b == 0), NEUTRAL, np.where((a & b) != 0, 1.0, 0.0))


def _combine(
    text, relevance, components: dict[str, np.ndarray], gate, *, w_text: float = W_TEXT
) -> np.ndarray:
    total = sum(WEIGHTS[name] for name in components)
    structure = sum(WEIGHTS[name] * value for name, value in components.items()) / total
    support = np.clip(relevance / RELEVANCE_FULL, 0.0, 1.0)
    score = gate * (w_text * text + (1 - w_text) * structure * support)
    return np.clip(score, 0.0, 1.0)


def score_transfers(
    needs: Side,
    need_rows: np.ndarray,
    offers: Side,
    offer_rows: np.ndarray,
    *,
    lexical_cosine: np.ndarray,
    semantic_cosine: np.ndarray,
) -> Scored:
    lexical = lexical_component(lexical_cosine)
    semantic = semantic_component(semantic_cosine)
    text = text_component(lexical, semantic)
    ratio = price_ratio(
        np.where(
            np.isnan(offers.price_min[offer_rows]),
            offers.price_max[offer_rows],
            offers.price_min[offer_rows],
        ),
        np.where(
            np.isnan(needs.price_max[need_rows]),
            needs.price_min[need_rows],
            needs.price_max[need_rows],
        ),
    )
    trl_gap = needs.trl[need_rows] - offers.trl[offer_rows]
    gate = np.where(
        (np.nan_to_num(trl_gap, nan=0) >= TRL_GATE_GAP)
        | (np.nan_to_num(ratio, nan=0) >= PRICE_GATE_RATIO),
        GATE_FACTOR,
        1.0,
    )
    components = {
        "sector": sector_fit(needs.sectors[need_rows], offers.sectors[offer_rows]),
        "maturity": maturity_fit(offers.trl[offer_rows], needs.trl[need_rows]),
        "price": price_fit(
            offers.price_min[offer_rows],
            offers.price_max[offer_rows],
            needs.price_min[need_rows],
            needs.price_max[need_rows],
        ),
        "region": region_fit(needs, need_rows, offers, offer_rows),
        "cooperation": cooperation_fit(
            needs.cooperation[need_rows], offers.cooperation[offer_rows]
        ),
        "ip": offers.ip[offer_rows],
        "freshness": (needs.freshness[need_rows] + offers.freshness[offer_rows]) / 2,
        "verified": (needs.verified[need_rows] + offers.verified[offer_rows]) / 2,
    }
    score = _combine(text, text, components, gate)
    return Scored(
        score=score,
        components={"text": text, "lexical": lexical, "semantic": semantic, **components},
    )


def score_partners(
    offers: Side,
    offer_rows: np.ndarray,
    partners: Side,
    partner_rows: np.ndarray,
    *,
    lexical_cosine: np.ndarray,
    semantic_cosine: np.ndarray,
) -> Scored:
    """Offer ↔ organisation: the organisation's declared interests play the need's part
    (sectors, minimum TRL, ticket size, provinces); an organisation not open to spin-offs is
    never proposed (score 0)."""
    lexical = lexical_component(lexical_cosine)
    semantic = semantic_component(semantic_cosine)
    text = text_component(lexical, semantic)
    sector = sector_fit(partners.sectors[partner_rows], offers.sectors[offer_rows])
    ratio = price_ratio(offers.price_min[offer_rows], partners.price_max[partner_rows])
    trl_gap = partners.trl[partner_rows] - offers.trl[offer_rows]
    gate = np.where(
        (np.nan_to_num(trl_gap, nan=0) >= TRL_GATE_GAP)
        | (np.nan_to_num(ratio, nan=0) >= PRICE_GATE_RATIO),
        GATE_FACTOR,
        1.0,
    )
    gate = np.where(partners.open_to_spin_off[partner_rows], gate, 0.0)
    components = {
        "sector": sector,
        "maturity": maturity_fit(offers.trl[offer_rows], partners.trl[partner_rows]),
        "price": price_fit(
            offers.price_min[offer_rows],
            offers.price_max[offer_rows],
            partners.price_min[partner_rows],
            partners.price_max[partner_rows],
        ),
        "region": region_fit(partners, partner_rows, offers, offer_rows),
        "verified": (partners.verified[partner_rows] + offers.verified[offer_rows]) / 2,
        "freshness": offers.freshness[offer_rows],
    }
    # Investors describe themselves in a line or two, if at all: their declared sectors are
    # as telling as the text.
    relevance = np.maximum(text, np.where(sector == NEUTRAL, 0.0, sector))
    score = _combine(text, relevance, components, gate, w_text=W_TEXT_PARTNER)
    return Scored(
        score=score,
        components={"text": text, "lexical": lexical, "semantic": semantic, **components},
    )
