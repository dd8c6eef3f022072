"""How search follows the change events of listings and organisations (named in the
LISTINGS_CHANGED_HANDLERS and ORGANISATIONS_CHANGED_HANDLERS settings): one indexing task per
event, queued after the writer's transaction committed. The tasks re-read the database, so
they are right whatever the reason; the daily repair catches up what a lost task missed."""

from . import engine, tasks


def _engine_would_see_it() -> bool:
    """False while no embedded engine runs on this machine: there is nothing to update, and
    the engine fills itself from the database when it starts or restarts (search.bootstrap).
    Starting it here would make every write wait for an engine that nobody is searching, e.g.
    in `seed_demo` on a fresh machine. When one runs (whichever process started it), the
    change goes into it, so a CLI import is searchable on the running site."""
    return not engine.uses_embedded_engine() or engine.running_embedded_engine() is not None


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
