"""The change event of organisations: `organisations_changed(ids, reason=...)`, announced by
accounts.services after commit ("created", "updated", "verified", "unverified"). Who reacts is
listed in the ORGANISATIONS_CHANGED_HANDLERS setting (search refreshes the organisation's
listings, whose documents carry its name and badge); see marketplace.core.events."""

from marketplace.core.events import ChangeEvent

organisations_changed = ChangeEvent(
    "organisations_changed", setting="ORGANISATIONS_CHANGED_HANDLERS"
)
