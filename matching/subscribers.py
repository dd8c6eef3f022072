"""How matching follows the change events (LISTINGS_CHANGED_HANDLERS and
ORGANISATIONS_CHANGED_HANDLERS): one task per event, queued after the writer's transaction
committed. The task re-reads the database, so it is right whatever the reason; the nightly
`match_all` catches up what a lost task missed."""

from . import tasks

# Reasons that change nothing the engine reads.
_IGNORED_LISTING_REASONS = frozenset({"featured", "unfeatured"})


def listings_changed(ids: list[int], *, reason: str) -> None:
    """Rematches published listings and takes the others out of every list."""
    if reason in _IGNORED_LISTING_REASONS:
        return
    tasks.match_listings.delay(list(ids))


def organisations_changed(ids: list[int], *, reason: str) -> None:
    """Interests and verification feed the partner lists and the verified component."""
    if reason == "created":
        return  # a new organisation has no listings yet; its interests arrive as an update
    tasks.match_organisations.delay(list(ids))
