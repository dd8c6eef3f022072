"""The one write path of listings: every writer (owner pages, moderation, the REST API, JSON
Lines and spreadsheet imports, the demo loader, the admin, the daily jobs) calls these
functions, so the life-cycle rules exist once (`rules`) and every change is announced once
with `listings.events.listings_changed`.

    lifecycle    create, edit, submit, approve, return, archive, renew, expire, feature, move
    sync         one listing an exchange's system writes with its API token
    bulk         many listings at once, as imports write them
    readers      views, NDA acceptances, expressions of interest, bookmarks
    attachments  images and documents
"""

from .attachments import attachment_add, attachment_remove
from .bulk import BULK_STATUSES, UpsertOutcome, listings_bulk_upsert
from .lifecycle import (
    listing_approve,
    listing_archive,
    listing_create,
    listing_move_exchange,
    listing_renew,
    listing_return,
    listing_set_featured,
    listing_submit,
    listing_update,
    listings_expire_due,
)
from .readers import (
    bookmark_set,
    interest_express,
    listing_record_view,
    nda_accept,
    nda_current,
)
from .rules import PUBLICATION_PERIOD, content_differs
from .sync import external_id_taken_error, listing_sync

__all__ = [
    "BULK_STATUSES",
    "PUBLICATION_PERIOD",
    "UpsertOutcome",
    "attachment_add",
    "attachment_remove",
    "bookmark_set",
    "content_differs",
    "external_id_taken_error",
    "interest_express",
    "listing_approve",
    "listing_archive",
    "listing_create",
    "listing_move_exchange",
    "listing_record_view",
    "listing_renew",
    "listing_return",
    "listing_set_featured",
    "listing_submit",
    "listing_sync",
    "listing_update",
    "listings_bulk_upsert",
    "listings_expire_due",
    "nda_accept",
    "nda_current",
]
