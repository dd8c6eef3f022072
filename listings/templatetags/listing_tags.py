"""Template helpers for listings: amounts in đồng (marketplace.core.formatting), price
ranges, TRL meanings, and the few listing reads that shared templates (home page, staff desk)
show."""

from django import template
from django.utils.translation import gettext as _

from listings import selectors
from listings.models import Listing, Vocabulary
from listings.trl import trl_description, trl_title
from marketplace.core.formatting import group_thousands, vnd
from marketplace.exchanges import permissions

register = template.Library()
register.filter("vnd", vnd)

_COOPERATION_LABELS = dict(Vocabulary.Cooperation.choices)


def _price_text(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return _("Negotiable")
    if low is not None and high is not None:
        if low == high:
            return vnd(low)
        return f"{group_thousands(low)} – {group_thousands(high)} ₫"
    if low is not None:
        return _("from %(amount)s") % {"amount": vnd(low)}
    return _("up to %(amount)s") % {"amount": vnd(high)}


@register.filter
def price_range(listing) -> str:
    """A listing's price or budget: "500.000.000 – 1.200.000.000 ₫", "from 500.000.000 ₫",
    "up to 1.200.000.000 ₫", or "Negotiable"."""
    return _price_text(
        getattr(listing, "price_min_vnd", None), getattr(listing, "price_max_vnd", None)
    )


@register.filter
def trl_meaning(level) -> str:
    """The short meaning of a TRL ("" outside 1..9)."""
    try:
        return trl_title(int(level))
    except (TypeError, ValueError):
        return ""


@register.filter
def trl_explanation(level) -> str:
    try:
        return trl_description(int(level))
    except (TypeError, ValueError):
        return ""


@register.filter
def cooperation_label(code: str) -> str:
    """The display name of a cooperation code; unknown codes are shown as they are."""
    return str(_COOPERATION_LABELS.get(code, code))


@register.simple_tag
def featured_listings(limit: int = 6) -> list[Listing]:
    """Featured published listings of every exchange, for the home page."""
    return selectors.featured_listings(limit=limit)


@register.simple_tag
def newest_listings(kind: str, limit: int = 6) -> list[Listing]:
    """The newest published offers or needs, for the home page."""
    return list(selectors.listing_published(filters=selectors.ListingFilters(kind=kind))[:limit])


@register.simple_tag(takes_context=True)
def moderation_queue_count(context) -> int | None:
    """How many listings wait in the user's moderation queue; None when the user moderates no
    exchange (the staff desk then shows no link)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not permissions.scope_ids(user=user, action=permissions.Action.MODERATE):
        return None
    return selectors.moderation_queue(user=user).count()
