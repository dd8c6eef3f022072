"""The engine's pieces without the database: lexical terms, each score component, the hard
constraints, and candidate fusion in pipeline.rank."""

import numpy as np
import pytest

from marketplace.core.formatting import vnd_short, vnd_short_range
from matching import pipeline, scoring
from matching.explain import shared_phrases
from matching.sides import (
    TEXT_GROUPS,
    Item,
    group_means_of,
    idf_of,
    side_of,
    term_counts,
    term_index,
)
from matching.text import lexical_terms

PROVINCES = {
    "ha-noi": (1, 21.03, 105.85),
    "ho-chi-minh": (2, 10.78, 106.70),
    "bac-ninh": (3, 21.19, 106.08),
}


def test_lexical_terms_fold_diacritics_and_add_bigrams():
    assert lexical_terms("Xử lý nước thải") == [
        "xu",
        "ly",
        "nuoc",
        "thai",
        "xu ly",
        "ly nuoc",
        "nuoc thai",
    ]
    # Typed without marks, the same terms: the two spellings meet.
    assert lexical_terms("xu ly nuoc thai") == lexical_terms("Xử lý nước thải")


def test_stop_words_are_dropped_before_folding():
    # "của" and "và" go; "cơ" (as in "cơ khí") is not mistaken for "có".
    assert lexical_terms("máy của cơ khí và điện") == [
        "may",
        "co",
        "khi",
        "dien",
        "may co",
        "co khi",
        "khi dien",
    ]


def test_term_index_is_the_hashing_vectorizers_column():
    counts = term_counts(["nuôi tôm"])
    assert sorted(counts.indices.tolist()) == sorted(
        {term_index("nuoi"), term_index("tom"), term_index("nuoi tom")}
    )


def test_idf_prunes_terms_found_in_too_many_documents():
    texts = [f"công nghệ chủ đề {n} riêng biệt số {n}" for n in range(40)]
    idf = idf_of(term_counts(texts))
    assert idf[term_index("cong nghe")] == 0.0  # in all 40
    assert idf[term_index("rieng biet")] == 0.0
    assert idf[term_index("7")] > 3.0  # in one (and in "17", "27", "37": 4 of 40)


@pytest.mark.parametrize(
    ("offer", "need", "expected"),
    [
        ([[205, -1]], [[205, -1]], 1.0),  # same level-2 code
        ([[205, -1]], [[207, -1]], 0.5),  # same level-1 group (2)
        ([[205, -1]], [[405, -1]], 0.0),
        ([[-1, -1]], [[405, -1]], scoring.NEUTRAL),  # unknown is neutral, never 0
    ],
)
def test_sector_fit(offer, need, expected):
    assert scoring.sector_fit(np.array(offer), np.array(need)).tolist() == [expected]


def test_maturity_fit_penalises_each_level_below_the_minimum():
    offer = np.array([7.0, 5.0, 4.0, 3.0, np.nan])
    minimum = np.array([6.0, 6.0, 6.0, 6.0, 6.0])
    assert scoring.maturity_fit(offer, minimum).tolist() == [1.0, 0.6, 0.3, 0.0, 0.5]


def test_price_fit_overlap_magnitude_and_negotiable():
    nan = np.nan
    fit = scoring.price_fit(
        np.array([900e6, 3e9, 10e9, nan]),
        np.array([1.2e9, 3e9, 12e9, nan]),
        np.array([nan, nan, nan, 500e6]),
        np.array([1.5e9, 1e9, 1e9, 1e9]),
    )
    assert fit.round(3).tolist() == [1.0, round(1 - np.log10(3), 3), 0.0, 0.5]


def _side(items):
    return side_of(items, provinces=PROVINCES)


def _weigh(*sides):
    """Corpus statistics for hand-made sides: idf over them, and no group offset (their few
    synthetic vectors make a meaningless mean)."""
    idf = idf_of(*(side.counts for side in sides))
    for side in sides:
        side.weigh(idf, np.zeros((len(TEXT_GROUPS), 384), dtype=np.float32))


def _item(pk, organisation, text, vector, **fields):
    return Item(id=pk, organisation_id=organisation, lexical_text=text, vector=vector, **fields)


def _unit(*values):
    vector = np.zeros(384, dtype=np.float32)
    vector[: len(values)] = values
    return vector / np.linalg.norm(vector)


def test_hard_constraints_push_an_identical_text_out_of_the_top():
    """Same text three times: the offer three TRL levels short and the one priced ten times
    the budget end far below the one that fits."""
    text = "hệ thống lọc sinh học tuần hoàn cho ao nuôi tôm"
    vector = _unit(1.0)
    common = {"sectors": ("405",), "provinces": ("ha-noi",), "area": 1}
    needs = _side([_item(1, 10, text, vector, trl=6, price_min=None, price_max=1e9, **common)])
    offers = _side(
        [
            _item(21, 20, text, vector, trl=7, price_min=8e8, price_max=9e8, **common),
            _item(22, 20, text, vector, trl=3, price_min=8e8, price_max=9e8, **common),
            _item(23, 20, text, vector, trl=7, price_min=1e10, price_max=2e10, **common),
        ]
    )
    _weigh(needs, offers)
    ranking = pipeline.rank(needs, offers, score=scoring.score_transfers, k=3)
    by_offer = dict(zip(offers.ids[ranking.target_rows].tolist(), ranking.score, strict=True))
    assert list(by_offer)[0] == 21
    assert by_offer[21] > 0.9
    assert by_offer[22] < 0.35 and by_offer[23] < 0.35


def test_rank_keeps_k_per_query_and_skips_the_same_organisation():
    vectors = [_unit(1.0, 0.1 * n) for n in range(6)]
    queries = _side([_item(1, 1, "máy sấy cà phê", vectors[0], trl=5)])
    targets = _side(
        [_item(10 + n, 1 if n == 0 else 2, "máy sấy cà phê", vectors[n], trl=6) for n in range(6)]
    )
    _weigh(queries, targets)
    ranking = pipeline.rank(queries, targets, score=scoring.score_transfers, k=3)
    assert ranking.query_rows.tolist() == [0, 0, 0]
    assert 10 not in targets.ids[ranking.target_rows].tolist()  # same organisation
    assert len(set(targets.ids[ranking.target_rows].tolist())) == 3
    assert ranking.score.tolist() == sorted(ranking.score.tolist(), reverse=True)


def test_rank_modes_and_bad_mode():
    side = _side([_item(1, 1, "a b", _unit(1.0))])
    other = _side([_item(2, 2, "a b", _unit(1.0))])
    _weigh(side, other)
    lexical = pipeline.rank(side, other, score=scoring.score_transfers, mode="lexical")
    semantic = pipeline.rank(side, other, score=scoring.score_transfers, mode="semantic")
    assert lexical.score.round(4).tolist() == [1.0]
    assert semantic.score.round(4).tolist() == [1.0]
    with pytest.raises(ValueError):
        pipeline.rank(side, other, score=scoring.score_transfers, mode="magic")


def test_empty_and_missing_values_are_scored_without_errors():
    """No text, no vector, no sector, no province, no price, no TRL: neutral, never NaN."""
    blank = _side([Item(id=1, organisation_id=1)])
    other = _side([Item(id=2, organisation_id=2, lexical_text="x", vector=_unit(1.0))])
    idf = idf_of(blank.counts, other.counts)
    blank.weigh(idf)
    other.weigh(idf)
    scored = scoring.score_transfers(
        blank,
        np.array([0]),
        other,
        np.array([0]),
        lexical_cosine=np.array([0.0]),
        semantic_cosine=np.array([-0.8]),  # no vector: 0 less the groups' mean
    )
    assert not np.isnan(scored.score).any()
    assert scored.score.tolist() == [0.0]  # nothing in common: no structure alone makes a match
    assert scored.components["sector"].tolist() == [scoring.NEUTRAL]
    assert scored.components["region"].tolist() == [scoring.NEUTRAL]


def test_group_offsets_remove_what_a_text_group_shares():
    """Two unaccented texts that say nothing alike are as close as two related English
    ones; read against their groups' mean, they are not."""
    vi, en = TEXT_GROUPS["vi-unaccented"], TEXT_GROUPS["en"]
    common = _unit(1.0, 0.0, 0.0)
    rows = [
        _item(1, 1, "a", _unit(1.0, 0.5, 0.0), text_group=vi),
        _item(2, 2, "b", _unit(1.0, 0.0, 0.5), text_group=vi),
        _item(3, 3, "c", _unit(0.0, 1.0, 0.2), text_group=en),
        _item(4, 4, "d", _unit(0.0, 1.0, 0.3), text_group=en),
    ]
    side = _side(rows)
    side.weigh(idf_of(side.counts))
    means = group_means_of(side)
    assert (
        means[vi].round(3).tolist()[:3]
        == ((rows[0].vector + rows[1].vector) / 2).round(3)[:3].tolist()
    )
    offsets = pipeline.group_offsets(side, side)
    assert offsets.shape == (3, 3)
    assert float(offsets[vi, vi]) == float(means[vi] @ means[vi])
    assert float(common @ common) == 1.0


def test_shared_phrases_keep_the_listings_spelling_and_skip_uninformative_runs():
    need = "Cần công nghệ xử lý nước ao nuôi tôm bị nhiễm khuẩn"
    offer = "Quy trinh xu ly nuoc ao nuoi tom bang vi sinh, cong nghe moi"
    assert shared_phrases(need, offer) == ["xử lý nước ao nuôi tôm", "công nghệ"]
    assert shared_phrases(need, offer, informative=lambda term: term != "cong nghe") == [
        "xử lý nước ao nuôi tôm"
    ]


def test_vnd_short_in_both_languages():
    assert vnd_short(1_200_000_000) == "1,2 tỷ ₫"
    assert vnd_short(300_000_000) == "300 triệu ₫"
    assert vnd_short(1_200_000_000, language="en") == "VND 1.2 billion"
    assert vnd_short(950, language="en") == "VND 950"
    assert vnd_short_range(900_000_000, 1_200_000_000) == "0,9–1,2 tỷ ₫"
    assert vnd_short_range(900_000_000, 1_200_000_000, language="en") == "VND 0.9–1.2 billion"
    assert vnd_short_range(50_000_000, 1_200_000_000) == "50 triệu ₫–1,2 tỷ ₫"
    assert vnd_short_range(300_000_000, 300_000_000) == "300 triệu ₫"
