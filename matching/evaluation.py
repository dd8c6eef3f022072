"""Measuring the engine on a labelled set (`manage.py evaluate_matching`).

The set (tests/matching/evaluation/, written by hand, independently of the demo data) holds
offers and needs in the listing exchange format, partner organisations with their declared
interests, and labels: for each need its relevant offers graded 2 (strong) or 1 (partial),
hard negatives (same words but another sector, TRL too low, price far off), and the same for
spin-off partners.

The set is imported through the same write path as every listing, inside a transaction that
is rolled back, and ranked by the engine's own arithmetic (matching.pipeline and
matching.scoring, as `suggestions_recompute_all` runs them) over the set's rows only, so the
figures do not depend on what else the database holds. Three modes show what each part is
worth: the whole engine, the lexical cosine alone, the vectors' cosine alone.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from listings.importing import listings_import
from listings.models import Listing
from marketplace.accounts.models import Organisation, User
from marketplace.accounts.services import organisation_create
from marketplace.exchanges.models import Province

from . import corpus, pipeline, services
from .selectors import is_open_to_spin_off
from .sides import group_means_of, idf_of

DEFAULT_SET = Path(settings.BASE_DIR) / "tests" / "matching" / "evaluation"
MODES = ("full", "lexical", "semantic")
K = 10


@dataclass
class Metrics:
    queries: int = 0
    precision_at_5: float = 0.0
    recall_at_3: float = 0.0
    recall_at_10: float = 0.0
    ndcg_at_10: float = 0.0
    mrr: float = 0.0
    strong_in_top_3: int = 0  # queries with a grade-2 answer among their first three
    hard_negatives_in_top_3: int = 0  # over all queries
    misses: list[str] = field(default_factory=list)  # queries without a strong top-3 answer

    def as_dict(self) -> dict:
        return {
            "queries": self.queries,
            "precision@5": round(self.precision_at_5, 3),
            "recall@3": round(self.recall_at_3, 3),
            "recall@10": round(self.recall_at_10, 3),
            "nDCG@10": round(self.ndcg_at_10, 3),
            "MRR": round(self.mrr, 3),
            "strong in top 3": self.strong_in_top_3,
            "hard negatives in top 3": self.hard_negatives_in_top_3,
        }


def metrics_of(
    ranked: dict[str, list[str]], grades: dict[str, dict[str, int]], negatives: dict[str, dict]
) -> Metrics:
    """Ranking quality over the labelled queries: relevance is grade ≥ 1 for precision, recall
    and MRR; nDCG uses the grades (gain 2^grade − 1)."""
    result = Metrics()
    for query, labels in sorted(grades.items()):
        answers = ranked.get(query, [])[:K]
        relevant = {key for key, grade in labels.items() if grade >= 1}
        if not relevant:
            continue
        result.queries += 1
        result.precision_at_5 += len([a for a in answers[:5] if a in relevant]) / 5
        result.recall_at_3 += len([a for a in answers[:3] if a in relevant]) / len(relevant)
        result.recall_at_10 += len([a for a in answers if a in relevant]) / len(relevant)
        dcg = sum(
            (2 ** labels.get(a, 0) - 1) / math.log2(rank + 2) for rank, a in enumerate(answers)
        )
        ideal = sorted(labels.values(), reverse=True)[:K]
        idcg = sum((2**g - 1) / math.log2(rank + 2) for rank, g in enumerate(ideal))
        result.ndcg_at_10 += dcg / idcg if idcg else 0.0
        first = next((rank for rank, a in enumerate(answers) if a in relevant), None)
        result.mrr += 1 / (first + 1) if first is not None else 0.0
        if any(labels.get(a) == 2 for a in answers[:3]):
            result.strong_in_top_3 += 1
        else:
            result.misses.append(query)
        result.hard_negatives_in_top_3 += len(
            [a for a in answers[:3] if a in negatives.get(query, {})]
        )
    if result.queries:
        for name in ("precision_at_5", "recall_at_3", "recall_at_10", "ndcg_at_10", "mrr"):
            setattr(result, name, getattr(result, name) / result.queries)
    return result


@dataclass
class Report:
    transfers: dict[str, Metrics]
    partners: dict[str, Metrics]
    counts: dict[str, int]


class _Rollback(Exception):
    pass


def _read_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _create_partners(lines: list[str]) -> dict[str, int]:
    """The partner organisations of the set (no listings of their own), by key."""
    owner = User.objects.create_user(email="evaluation-owner@vntx.invalid", password=None)
    provinces = {p.slug: p for p in Province.objects.all()}
    created = {}
    for line in lines:
        obj = json.loads(line)
        interests = obj.get("interests") or {}
        ticket = interests.get("ticket_vnd") or {}
        organisation = organisation_create(
            owner=owner,
            kind=obj["kind"],
            name=obj["name"],
            province=provinces[obj["province"]],
            tax_code=obj.get("tax_code"),
            description=obj.get("description", ""),
            interest_sectors=interests.get("sectors", []),
            interest_provinces=[provinces[s] for s in interests.get("provinces", [])],
            interest_min_trl=interests.get("min_trl"),
            interest_spin_off=bool(interests.get("spin_off", False)),
            interest_ticket_min_vnd=ticket.get("min"),
            interest_ticket_max_vnd=ticket.get("max"),
        )
        created[obj["key"]] = organisation.pk
    return created


def _rank(queries, targets, score, mode: str, *, min_score: float) -> pipeline.Ranking:
    ranking = pipeline.rank(queries, targets, score=score, k=K, mode=mode)
    if mode != "full":
        return ranking
    shown = ranking.score >= min_score
    return pipeline.Ranking(
        ranking.query_rows[shown],
        ranking.target_rows[shown],
        ranking.score[shown],
        {name: values[shown] for name, values in ranking.components.items()},
    )


def _ranked(ranking, queries_side, targets_side, query_keys, target_keys) -> dict:
    ranked: dict[str, list[str]] = {}
    for q, t in zip(ranking.query_rows, ranking.target_rows, strict=True):
        query = query_keys.get(int(queries_side.ids[q]))
        target = target_keys.get(int(targets_side.ids[t]))
        if query and target:
            ranked.setdefault(query, []).append(target)
    return ranked


def evaluate(directory: Path = DEFAULT_SET) -> Report:
    """Imports the set, ranks it in every mode, measures, and rolls everything back."""
    labels = json.loads((directory / "labels.json").read_text(encoding="utf-8"))
    offers_lines = _read_lines(directory / "offers.jsonl")
    needs_lines = _read_lines(directory / "needs.jsonl")
    partner_lines = _read_lines(directory / "partners.jsonl")
    outcome: Report | None = None
    try:
        with transaction.atomic():
            report = listings_import(lines=offers_lines + needs_lines, default_exchange=None)
            if report.rejected:
                raise ValueError(f"the evaluation set has bad lines: {report.errors[:3]}")
            external = dict(
                Listing.objects.filter(
                    external_id__in=[json.loads(line)["external_id"] for line in offers_lines]
                    + [json.loads(line)["external_id"] for line in needs_lines]
                ).values_list("pk", "external_id")
            )
            partner_keys = {pk: key for key, pk in _create_partners(partner_lines).items()}
            # Organisations of the set's listings that also declared interests may be partners.
            services.listing_vectors_refresh(listing_ids=list(external))
            _, needs = corpus.listings_side(kind=Listing.Kind.NEED, ids=list(external))
            offer_rows, offers = corpus.listings_side(kind=Listing.Kind.OFFER, ids=list(external))
            idf = idf_of(needs.counts, offers.counts)
            means = group_means_of(needs, offers)
            needs.weigh(idf, means)
            offers.weigh(idf, means)
            spin_off_ids = [o.pk for o in offer_rows if is_open_to_spin_off(o)]
            _, spin_offs = corpus.listings_side(ids=spin_off_ids)
            _, partners = corpus.partners_side(
                ids=list(partner_keys)
                + list(
                    Organisation.objects.filter(listings__pk__in=list(external)).values_list(
                        "pk", flat=True
                    )
                )
            )
            partner_idf = idf_of(spin_offs.counts, partners.counts)
            partner_means = group_means_of(spin_offs, partners)
            spin_offs.weigh(partner_idf, partner_means)
            partners.weigh(partner_idf, partner_means)
            transfers, partner_metrics = {}, {}
            for mode in MODES:
                ranking = _rank(
                    needs, offers, services._need_to_offers, mode, min_score=services.MIN_SCORE
                )
                transfers[mode] = metrics_of(
                    _ranked(ranking, needs, offers, external, external),
                    labels["transfers"],
                    labels.get("transfer_hard_negatives", {}),
                )
                ranking = _rank(
                    spin_offs,
                    partners,
                    services._offer_to_partners,
                    mode,
                    min_score=services.MIN_PARTNER_SCORE,
                )
                partner_metrics[mode] = metrics_of(
                    _ranked(ranking, spin_offs, partners, external, partner_keys),
                    labels.get("partners", {}),
                    labels.get("partner_hard_negatives", {}),
                )
            outcome = Report(
                transfers=transfers,
                partners=partner_metrics,
                counts={
                    "offers": len(offers_lines),
                    "needs": len(needs_lines),
                    "partners": len(partner_lines),
                },
            )
            raise _Rollback
    except _Rollback:
        pass
    assert outcome is not None
    return outcome
