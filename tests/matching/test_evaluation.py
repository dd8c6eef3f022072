"""The engine measured on the labelled set (tests/matching/evaluation/): the floors sit just
under the figures measured when the weights were tuned (benchmarks/RESULTS.md, "Matching
quality"), so a change that makes matching worse fails here."""

import pytest

from matching import evaluation

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return evaluation.evaluate()


def test_the_set_is_what_the_readme_says(report):
    assert report.counts == {"offers": 86, "needs": 47, "partners": 17}
    assert report.transfers["full"].queries == 47
    assert report.partners["full"].queries == 25


def test_transfers_meet_the_floors(report):
    full = report.transfers["full"]
    assert full.strong_in_top_3 >= 45  # of 47 needs
    assert full.hard_negatives_in_top_3 <= 1
    assert full.ndcg_at_10 >= 0.86
    assert full.mrr >= 0.92
    assert full.recall_at_3 >= 0.82
    assert full.recall_at_10 >= 0.87
    assert full.precision_at_5 >= 0.26


def test_the_whole_engine_beats_each_source_alone(report):
    full, lexical, semantic = (report.transfers[m] for m in ("full", "lexical", "semantic"))
    assert full.ndcg_at_10 > lexical.ndcg_at_10 + 0.2
    assert full.ndcg_at_10 > semantic.ndcg_at_10 + 0.15
    assert lexical.hard_negatives_in_top_3 >= 10  # what the sector and maturity checks catch
    assert full.hard_negatives_in_top_3 < lexical.hard_negatives_in_top_3


def test_partners_meet_the_floors(report):
    full = report.partners["full"]
    assert full.strong_in_top_3 >= 18  # of 25 offers open to spin-off
    assert full.hard_negatives_in_top_3 <= 1
    assert full.recall_at_10 >= 0.99
    assert full.ndcg_at_10 >= 0.86
    assert full.mrr >= 0.88


def test_metrics_of_a_known_ranking():
    grades = {"n1": {"a": 2, "b": 1}, "n2": {"c": 2}}
    ranked = {"n1": ["x", "a", "b"], "n2": ["y", "z", "w", "c"]}
    metrics = evaluation.metrics_of(ranked, grades, {"n2": {"y": "wrong_sector"}})
    assert metrics.queries == 2
    assert metrics.recall_at_3 == pytest.approx((1.0 + 0.0) / 2)
    assert metrics.recall_at_10 == pytest.approx(1.0)
    assert metrics.mrr == pytest.approx((1 / 2 + 1 / 4) / 2)
    assert metrics.precision_at_5 == pytest.approx((2 / 5 + 1 / 5) / 2)
    assert metrics.strong_in_top_3 == 1
    assert metrics.hard_negatives_in_top_3 == 1
    assert metrics.misses == ["n2"]
