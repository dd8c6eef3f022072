"""Writes of the matching engine: vectors, suggestions, and people's feedback on them.

- `listing_vectors_refresh` encodes the published listings whose text changed.
- `suggestions_refresh_for_listings` is the incremental match the change event queues: the
  changed listings' own lists, plus the lists of counterparts they now belong in; listings
  that are no longer published leave every list.
- `suggestions_recompute_all` is `match_all` and the nightly job: every list from scratch.
- `suggestion_mark_seen`, `suggestion_mark_contacted`, `suggestion_dismiss` record feedback.

Suggestions are upserted on their pair, so running any of these twice gives the same rows,
and a pair's feedback (status, dismissal reason) survives every recompute.
"""

from .feedback import (
    MAX_INTRODUCTION,
    suggestion_contact,
    suggestion_dismiss,
    suggestion_introduce,
    suggestion_mark_contacted,
    suggestion_mark_seen,
    suggestion_restore,
    suggestions_mark_seen,
)
from .suggestions import (
    INCREMENTAL_LIMIT,
    MIN_PARTNER_SCORE,
    MIN_SCORE,
    TOP_K,
    MatchReport,
    _need_to_offers,
    _offer_to_needs,
    _offer_to_partners,
    _weighed,
    suggestions_recompute_all,
    suggestions_refresh_for_listings,
    suggestions_refresh_for_organisations,
)
from .vectors import ENCODE_BATCH, listing_vectors_refresh

__all__ = [
    "ENCODE_BATCH",
    "MAX_INTRODUCTION",
    "INCREMENTAL_LIMIT",
    "MIN_PARTNER_SCORE",
    "MIN_SCORE",
    "TOP_K",
    "MatchReport",
    "_need_to_offers",
    "_offer_to_needs",
    "_offer_to_partners",
    "_weighed",
    "listing_vectors_refresh",
    "suggestion_contact",
    "suggestion_dismiss",
    "suggestion_introduce",
    "suggestion_mark_contacted",
    "suggestion_mark_seen",
    "suggestion_restore",
    "suggestions_mark_seen",
    "suggestions_recompute_all",
    "suggestions_refresh_for_listings",
    "suggestions_refresh_for_organisations",
]
