"""How search follows the change events of listings and organisations (named in the
LISTINGS_CHANGED_HANDLERS and ORGANISATIONS_CHANGED_HANDLERS settings): one indexing task per
event, queued after the writer's transaction committed. The tasks re-read the database, so
they are right whatever the reason; the daily repair catches up what a lost task missed."""

from . import engine, tasks


def _engine_would_see_it() -> bool:
    """False while the embedded engine has not started in this process: there is nothing to
    update, and it fills itself from the database when it starts (search.bootstrap
    .bootstrap_embedded). Starting it here would make every write wait for an engine that
    nobody is searching, e.g. in `seed_demo` or a management command."""
    return not engine.uses_embedded_engine() or engine.embedded_engine_started()


def listings_changed(ids: list[int], *, reason: str) -> None:
    """Upserts the listings' documents (published) or deletes them (any other status)."""
    if not _engine_would_see_it():
        return
    if len(ids) == 1:
        tasks.index_listing.delay(ids[0])
    else:
        tasks.index_listings.delay(ids)


def organisations_changed(ids: list[int], *, reason: str) -> None:
    """Listings' documents carry their organisation's name, kind and verification badge."""
    if reason == "created" or not _engine_would_see_it():
        return  # a new organisation's listings are indexed by their own change event
    for organisation_id in ids:
        tasks.index_organisation_listings.delay(organisation_id)
