"""What the listing views share."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from marketplace.exchanges import permissions

from .. import selectors
from ..models import Listing


def listing_or_404(pk: int, *, kind: str | None = None, visible_to=None) -> Listing:
    """The listing with what its pages need; 404 when there is none (of this `kind`) or,
    given `visible_to` (a user), when that user may not see it: an unpublished listing's
    existence is not disclosed."""
    try:
        listing = selectors.listing_get(pk=pk, kind=kind)
    except Listing.DoesNotExist as exc:
        raise Http404(_("No such listing.")) from exc
    if visible_to is not None and not permissions.may_see_listing(user=visible_to, listing=listing):
        raise Http404(_("No such listing."))
    return listing
