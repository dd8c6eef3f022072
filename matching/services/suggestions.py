"""Suggestions computed: the incremental match of changed listings, the partner lists, and
the full recompute."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from listings.models import Listing
from listings.selectors import listings_for_matching
from marketplace.accounts.models import Organisation

from .. import corpus, explain, pipeline, scoring
from ..models import Suggestion
from ..selectors import is_open_to_spin_off
from ..sides import Side, group_means_of, idf_of, term_index
from .vectors import listing_vectors_refresh

TOP_K = 10
# Below this a pair is not worth anyone's attention, whatever its rank: on the labelled set
# 96% of the strong pairs score above it.
MIN_SCORE = 0.6
# Partners describe themselves in a line or two: their text scores lower, their declared
# interests carry more; on the labelled set this keeps every strong partner in the lists.
MIN_PARTNER_SCORE = 0.4
# Feedback that a recompute must keep: the row stays even when the pair leaves the top.
KEPT_STATUSES = (Suggestion.Status.CONTACTED, Suggestion.Status.DISMISSED)


@dataclass
class MatchReport:
    encoded: int = 0
    transfers: int = 0
    partners: int = 0
    removed: int = 0
    listings: list[int] = field(default_factory=list)


# --- scoring directions ------------------------------------------------------------------


def _need_to_offers(needs, need_rows, offers, offer_rows, **cosines):
    return scoring.score_transfers(needs, need_rows, offers, offer_rows, **cosines)


def _offer_to_needs(offers, offer_rows, needs, need_rows, **cosines):
    return scoring.score_transfers(needs, need_rows, offers, offer_rows, **cosines)


def _offer_to_partners(offers, offer_rows, partners, partner_rows, **cosines):
    return scoring.score_partners(offers, offer_rows, partners, partner_rows, **cosines)


# --- storing -----------------------------------------------------------------------------


@dataclass
class _Pair:
    offer: Listing
    score: float
    components: dict[str, float]
    need: Listing | None = None
    organisation: Organisation | None = None


def _min_score(kind: str) -> float:
    return MIN_SCORE if kind == Suggestion.Kind.TRANSFER else MIN_PARTNER_SCORE


def _pairs(
    ranking: pipeline.Ranking, queries: list, targets: list, *, offer_is_query: bool, kind: str
) -> list[_Pair]:
    found = []
    for position in np.flatnonzero(ranking.score >= _min_score(kind)):
        query = queries[ranking.query_rows[position]]
        target = targets[ranking.target_rows[position]]
        components = {
            name: round(float(values[position]), 4) for name, values in ranking.components.items()
        }
        offer, other = (query, target) if offer_is_query else (target, query)
        pair = _Pair(
            offer=offer, score=round(float(ranking.score[position]), 4), components=components
        )
        if kind == Suggestion.Kind.TRANSFER:
            pair.need = other
        else:
            pair.organisation = other
        found.append(pair)
    return found


# A phrase is worth naming when one of its syllable pairs is in fewer than 1 in 20 listings
# (idf = ln((1 + n) / (1 + df)) + 1 above ln 20 + 1).
INFORMATIVE_IDF = float(np.log(20) + 1)


def _informative(idf: np.ndarray | None):
    if idf is None:
        return lambda _term: True
    return lambda term: idf[term_index(term)] >= INFORMATIVE_IDF


def _store(pairs: list[_Pair], *, kind: str, now, idf: np.ndarray | None = None) -> int:
    """Upserts the pairs (one row per pair, the best score when a pair came twice), keeping
    each row's feedback."""
    informative = _informative(idf)
    best: dict[tuple[int, int], _Pair] = {}
    for pair in pairs:
        other = pair.need if kind == Suggestion.Kind.TRANSFER else pair.organisation
        key = (pair.offer.pk, other.pk)
        if key not in best or best[key].score < pair.score:
            best[key] = pair
    specs = [
        explain.transfer_reasons(
            need=pair.need,
            offer=pair.offer,
            components=pair.components,
            informative=informative,
        )
        if kind == Suggestion.Kind.TRANSFER
        else explain.partner_reasons(
            offer=pair.offer,
            organisation=pair.organisation,
            components=pair.components,
            informative=informative,
        )
        for pair in best.values()
    ]
    rows = [
        Suggestion(
            kind=kind,
            offer=pair.offer,
            need=pair.need,
            organisation=pair.organisation,
            score=pair.score,
            components=pair.components,
            reasons=reasons,
            engine_version=scoring.ENGINE_VERSION,
            computed_at=now,
        )
        for pair, reasons in zip(best.values(), explain.rendered(specs), strict=True)
    ]
    unique = ["offer", "need"] if kind == Suggestion.Kind.TRANSFER else ["offer", "organisation"]
    for start in range(0, len(rows), 1000):
        Suggestion.objects.bulk_create(
            rows[start : start + 1000],
            update_conflicts=True,
            unique_fields=unique,
            update_fields=["score", "components", "reasons", "engine_version", "computed_at"],
        )
    return len(rows)


def _drop_unconfirmed(qs) -> int:
    """Deletes suggestions nobody acted on; contacted and dismissed rows are the record."""
    deleted, _ = qs.exclude(status__in=KEPT_STATUSES).delete()
    return deleted


def _drop_missing(qs, *, keep: set[tuple[int, int]], other: str) -> int:
    """Drops the suggestions of `qs` whose pair (offer, `other`) is not in `keep`."""
    stale = [
        pk
        for pk, offer_id, other_id in qs.values_list("pk", "offer_id", f"{other}_id")
        if (offer_id, other_id) not in keep
    ]
    return _drop_unconfirmed(qs.filter(pk__in=stale)) if stale else 0


# --- incremental ---------------------------------------------------------------------------


def _kth_scores(*, kind: str, column: str, ids: list[int]) -> dict[int, tuple[int, float]]:
    """For each of `ids` (offers or needs or organisations): how many suggestions of `kind`
    it has and the lowest score among its best TOP_K."""
    scores: dict[int, list[float]] = {}
    rows = Suggestion.objects.filter(kind=kind, **{f"{column}_id__in": ids}).exclude(
        status=Suggestion.Status.DISMISSED
    )
    for owner, score in rows.values_list(f"{column}_id", "score"):
        scores.setdefault(owner, []).append(score)
    out = {}
    for owner, values in scores.items():
        values.sort(reverse=True)
        out[owner] = (len(values), values[min(TOP_K, len(values)) - 1])
    return out


def _deserving(pairs: list[_Pair], *, kind: str, column: str) -> list[_Pair]:
    """The reverse pairs that enter their counterpart's top: the counterpart has fewer than
    TOP_K suggestions, or this one beats its current last."""
    if not pairs:
        return []
    attribute = {"offer": "offer", "need": "need", "organisation": "organisation"}[column]
    owners = list({getattr(p, attribute).pk for p in pairs})
    current = _kth_scores(kind=kind, column=column, ids=owners)
    kept = []
    for pair in pairs:
        count, last = current.get(getattr(pair, attribute).pk, (0, 0.0))
        if count < TOP_K or pair.score > last:
            kept.append(pair)
    return kept


def _weighed(changed: Side, others: Side) -> Side:
    """The changed rows read with the statistics of the corpus they are matched against."""
    if others.idf is None:
        others.weigh(idf_of(others.counts))
    return changed.weigh(others.idf, others.group_means)


# Past this many changed listings (an import, the demo), recomputing every list is cheaper
# than rematching each listing and the lists it enters.
INCREMENTAL_LIMIT = 200


def suggestions_refresh_for_listings(*, listing_ids: Iterable[int]) -> MatchReport:
    """The incremental match for changed listings (the change event's task)."""
    ids = sorted({int(pk) for pk in listing_ids})
    if len(ids) > INCREMENTAL_LIMIT:
        report = suggestions_recompute_all()
        report.listings = ids
        return report
    report = MatchReport(listings=ids)
    published = list(listings_for_matching(ids=ids))
    gone = sorted(set(ids) - {listing.pk for listing in published})
    if gone:
        report.removed = _drop_unconfirmed(
            Suggestion.objects.filter(Q(offer_id__in=gone) | Q(need_id__in=gone))
        )
    if not published:
        return report
    report.encoded = listing_vectors_refresh(listing_ids=[listing.pk for listing in published])
    now = timezone.now()

    for kind, other_kind in (
        (Listing.Kind.NEED, Listing.Kind.OFFER),
        (Listing.Kind.OFFER, Listing.Kind.NEED),
    ):
        changed_ids = [listing.pk for listing in published if listing.kind == kind]
        if not changed_ids:
            continue
        changed, changed_side = corpus.listings_side(ids=changed_ids)
        others_side = corpus.cached_listings_side(kind=other_kind)
        if not len(others_side):
            continue
        _weighed(changed_side, others_side)
        forward = _need_to_offers if kind == Listing.Kind.NEED else _offer_to_needs
        backward = _offer_to_needs if kind == Listing.Kind.NEED else _need_to_offers
        own = pipeline.rank(changed_side, others_side, score=forward, k=TOP_K)
        theirs = pipeline.rank(others_side, changed_side, score=backward, k=TOP_K)
        wanted = {int(others_side.ids[row]) for row in own.target_rows}
        wanted |= {int(others_side.ids[row]) for row in theirs.query_rows}
        others = {o.pk: o for o in listings_for_matching(ids=wanted)}
        others_list = [others.get(int(pk)) for pk in others_side.ids]
        offer_is_query = kind == Listing.Kind.OFFER
        own_pairs = _pairs(
            own, changed, others_list, offer_is_query=offer_is_query, kind=Suggestion.Kind.TRANSFER
        )
        their_pairs = _pairs(
            theirs,
            others_list,
            changed,
            offer_is_query=not offer_is_query,
            kind=Suggestion.Kind.TRANSFER,
        )
        counterpart = "offer" if kind == Listing.Kind.NEED else "need"
        column = "need" if kind == Listing.Kind.NEED else "offer"
        with transaction.atomic():
            # The changed listings' own lists are rebuilt; what they no longer deserve goes.
            report.removed += _drop_missing(
                Suggestion.objects.filter(
                    kind=Suggestion.Kind.TRANSFER, **{f"{column}_id__in": changed_ids}
                ),
                keep={(p.offer.pk, p.need.pk) for p in own_pairs + their_pairs},
                other="need",
            )
            report.transfers += _store(
                own_pairs
                + _deserving(their_pairs, kind=Suggestion.Kind.TRANSFER, column=counterpart),
                kind=Suggestion.Kind.TRANSFER,
                now=now,
                idf=others_side.idf,
            )

    spin_offs = [o for o in published if o.kind == Listing.Kind.OFFER and is_open_to_spin_off(o)]
    not_spin_off = [o.pk for o in published if o.kind == Listing.Kind.OFFER and o not in spin_offs]
    if not_spin_off:
        report.removed += _drop_unconfirmed(
            Suggestion.objects.filter(kind=Suggestion.Kind.PARTNER, offer_id__in=not_spin_off)
        )
    if spin_offs:
        report.partners += _refresh_partners(offer_ids=[o.pk for o in spin_offs], now=now)
    return report


def _refresh_partners(*, offer_ids: list[int], now) -> int:
    offers, offers_side = corpus.listings_side(ids=offer_ids)
    organisations, partners_side = corpus.partners_side()
    if not offers or not organisations:
        return 0
    idf = idf_of(offers_side.counts, partners_side.counts)
    means = group_means_of(offers_side, partners_side)
    offers_side.weigh(idf, means)
    partners_side.weigh(idf, means)
    ranking = pipeline.rank(offers_side, partners_side, score=_offer_to_partners, k=TOP_K)
    pairs = _pairs(
        ranking, offers, organisations, offer_is_query=True, kind=Suggestion.Kind.PARTNER
    )
    with transaction.atomic():
        _drop_missing(
            Suggestion.objects.filter(kind=Suggestion.Kind.PARTNER, offer_id__in=offer_ids),
            keep={(p.offer.pk, p.organisation.pk) for p in pairs},
            other="organisation",
        )
        return _store(pairs, kind=Suggestion.Kind.PARTNER, now=now, idf=idf)


def suggestions_refresh_for_organisations(*, organisation_ids: Iterable[int]) -> int:
    """An organisation's interests or verification changed: the spin-off offers' partner lists
    are recomputed (organisations are few; this is cheap)."""
    offers = [
        o.pk for o in listings_for_matching(kind=Listing.Kind.OFFER) if is_open_to_spin_off(o)
    ]
    if not offers:
        return 0
    return _refresh_partners(offer_ids=offers, now=timezone.now())


# --- everything ------------------------------------------------------------------------------


def suggestions_recompute_all() -> MatchReport:
    """Every list from scratch (`match_all`, nightly). Idempotent: the same data gives the
    same rows; pairs that left every list are deleted unless someone acted on them."""
    report = MatchReport()
    report.encoded = listing_vectors_refresh()
    now = timezone.now()
    needs, needs_side = corpus.listings_side(kind=Listing.Kind.NEED)
    offers, offers_side = corpus.listings_side(kind=Listing.Kind.OFFER)
    pairs: list[_Pair] = []
    if needs and offers:
        idf = idf_of(needs_side.counts, offers_side.counts)
        means = group_means_of(needs_side, offers_side)
        needs_side.weigh(idf, means)
        offers_side.weigh(idf, means)
        by_need = pipeline.rank(needs_side, offers_side, score=_need_to_offers, k=TOP_K)
        by_offer = pipeline.rank(offers_side, needs_side, score=_offer_to_needs, k=TOP_K)
        pairs = _pairs(by_need, needs, offers, offer_is_query=False, kind=Suggestion.Kind.TRANSFER)
        pairs += _pairs(by_offer, offers, needs, offer_is_query=True, kind=Suggestion.Kind.TRANSFER)
    with transaction.atomic():
        report.removed = _drop_missing(
            Suggestion.objects.filter(kind=Suggestion.Kind.TRANSFER),
            keep={(p.offer.pk, p.need.pk) for p in pairs},
            other="need",
        )
        report.transfers = _store(pairs, kind=Suggestion.Kind.TRANSFER, now=now, idf=needs_side.idf)
    spin_offs = [o.pk for o in offers if is_open_to_spin_off(o)]
    with transaction.atomic():
        report.removed += _drop_unconfirmed(
            Suggestion.objects.filter(kind=Suggestion.Kind.PARTNER).exclude(offer_id__in=spin_offs)
        )
    if spin_offs:
        report.partners = _refresh_partners(offer_ids=spin_offs, now=now)
    return report
