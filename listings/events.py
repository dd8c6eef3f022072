"""The one change event of listings: `listings_changed(ids, reason=...)`.

Every writer of listings is in `listings.services`, and each of its functions announces the
listings it changed, once per listing, when its transaction commits. The reason says what
happened: "created", "updated", "submitted", "approved", "returned", "archived", "renewed",
"expired", "featured", "unfeatured", "moved", "imported" or "synced". Who reacts is listed in
the LISTINGS_CHANGED_HANDLERS setting; see marketplace.core.events.
"""

from marketplace.core.events import ChangeEvent

listings_changed = ChangeEvent("listings_changed", setting="LISTINGS_CHANGED_HANDLERS")
