"""Template helpers of the matching engine: the suggestion sections of a listing's page (the
only way the listing pages reach matching: listings sits below it), the count of new
suggestions in the header, and how one suggestion is shown (its counterpart, its score, its
reasons in the reader's language, its component scores)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from listings.models import Listing
from marketplace.accounts.models import Organisation
from marketplace.exchanges import permissions

from .. import selectors
from ..forms import DismissForm
from ..models import Suggestion

register = template.Library()

# How many reasons a visitor reads; the owners of the listing read them all.
PUBLIC_REASONS = 3

COMPONENT_LABELS = {
    "text": _("Text similarity (overall)"),
    "lexical": _("Shared words"),
    "semantic": _("Similar meaning"),
    "sector": _("Sector"),
    "maturity": _("Maturity (TRL)"),
    "price": _("Price and budget"),
    "region": _("Region"),
    "cooperation": _("Form of cooperation"),
    "ip": _("Intellectual property"),
    "freshness": _("Freshness of the listings"),
    "verified": _("Verified organisations"),
}


def component_label(name: str) -> str:
    return str(COMPONENT_LABELS.get(name, name))


def reasons_in_language(reasons) -> list[str]:
    """The reasons' sentences in the active language (Vietnamese when a sentence lacks it)."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    sentences = []
    for reason in reasons if isinstance(reasons, list) else []:
        if not isinstance(reason, dict):
            continue
        text = reason.get(language) or reason.get(settings.LANGUAGE_CODE) or reason.get("en")
        if text:
            sentences.append(str(text))
    return sentences


@dataclass
class Item:
    """One suggestion as a page shows it, seen from one side of the pair: `yours` is the
    listing of that side (the page's listing, or the member's), the counterpart is the other
    listing or, for a spin-off partner, the organisation."""

    suggestion: Suggestion
    yours: Listing
    other_listing: Listing | None
    other_organisation: Organisation
    reasons: list[str]
    is_new: bool
    dismiss_form: DismissForm | None = None
    components: list[tuple[str, int]] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.suggestion.pk

    @property
    def percent(self) -> int:
        return round(max(0.0, min(1.0, self.suggestion.score)) * 100)

    @property
    def title(self) -> str:
        return self.other_listing.title if self.other_listing else self.other_organisation.name

    @property
    def url(self) -> str:
        if self.other_listing is not None:
            return self.other_listing.get_absolute_url()
        return reverse("accounts:organisation_detail", args=[self.other_organisation.pk])

    @property
    def language(self) -> str:
        """The counterpart listing's language ("" for an organisation)."""
        return self.other_listing.language if self.other_listing else ""

    @property
    def is_transfer(self) -> bool:
        return self.suggestion.kind == Suggestion.Kind.TRANSFER

    @property
    def may_contact(self) -> bool:
        return self.is_transfer and self.suggestion.status in (
            Suggestion.Status.NEW,
            Suggestion.Status.SEEN,
        )


def suggestion_item(
    suggestion: Suggestion, *, side: str, full: bool, reasons: int | None = None
) -> Item:
    """`side` ("offer" or "need") is the side the item is seen from; `full` adds what owners
    read (every reason, the component scores, the "Hide" form)."""
    if side == "offer":
        yours, other_listing = suggestion.offer, suggestion.need
    else:
        yours, other_listing = suggestion.need, suggestion.offer
    other_organisation = (
        other_listing.organisation if other_listing is not None else suggestion.organisation
    )
    sentences = reasons_in_language(suggestion.reasons)
    item = Item(
        suggestion=suggestion,
        yours=yours,
        other_listing=other_listing,
        other_organisation=other_organisation,
        reasons=sentences if full or reasons is None else sentences[:reasons],
        is_new=suggestion.status == Suggestion.Status.NEW,
    )
    if full:
        item.dismiss_form = DismissForm(auto_id=f"id_%s_{suggestion.pk}")
        components = suggestion.components if isinstance(suggestion.components, dict) else {}
        order = list(COMPONENT_LABELS)
        item.components = [
            (component_label(name), round(float(value) * 100))
            for name, value in sorted(
                components.items(),
                key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order),
            )
            if isinstance(value, int | float)
        ]
    return item


# The sections of a listing's page, by the name selectors.suggestions_of_listing gives their
# list: (heading, what an empty section says).
SECTION_TEXTS = {
    "offers": (
        _("Technologies that could meet this need"),
        _("No technology matches this need yet."),
    ),
    "needs": (
        _("Needs this technology could serve"),
        _("No technology need matches this offer yet."),
    ),
    "partners": (
        _("Potential partners"),
        _("No organisation matches this spin-off yet."),
    ),
}


@dataclass
class Section:
    name: str
    heading: str
    empty: str
    items: list[Item]


@register.inclusion_tag("matching/includes/listing_suggestions.html", takes_context=True)
def listing_suggestions(context, listing, is_owner=None):
    """The suggestion sections of a published listing's page: for a need, the offers that
    could meet it; for an offer, the needs it could serve and, when it is open to a spin-off or
    joint venture, the potential partners. `is_owner` (whether the reader belongs to the
    listing's organisation) is worked out when the page does not say it."""
    request = context.get("request")
    base = {"sections": [], "csrf_token": context.get("csrf_token"), "request": request}
    if listing is None or not listing.is_published:
        return base
    user = getattr(request, "user", None) or context.get("user")
    if is_owner is None:
        is_owner = permissions.is_member(user=user, organisation_id=listing.organisation_id)
    is_owner = bool(is_owner)
    lists = selectors.suggestions_of_listing(listing=listing)

    def items(suggestions, side):
        return [
            suggestion_item(s, side=side, full=is_owner, reasons=PUBLIC_REASONS)
            for s in suggestions
        ]

    if listing.kind == Listing.Kind.NEED:
        names = ["offers"]
    else:
        names = ["needs", "partners"] if selectors.is_open_to_spin_off(listing) else ["needs"]
    side = "need" if listing.kind == Listing.Kind.NEED else "offer"
    sections = [
        Section(name, *SECTION_TEXTS[name], items(lists.get(name, []), side)) for name in names
    ]
    return {
        **base,
        "sections": sections,
        "is_owner": is_owner,
        "listing": listing,
        "next_url": f"{listing.get_absolute_url()}#suggestions",
        "LANGUAGE_CODE": (get_language() or settings.LANGUAGE_CODE).split("-")[0],
    }


@register.simple_tag(takes_context=True)
def new_suggestions_count(context) -> int:
    """How many new suggestions wait on the user's organisations' listings (0 for visitors).
    Read once per request: the header and the page share the answer kept on the user."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if not getattr(user, "is_authenticated", False):
        return 0
    cached = getattr(user, "_matching_new_suggestions", None)
    if cached is None:
        cached = selectors.new_suggestions_count(user=user)
        user._matching_new_suggestions = cached
    return cached


register.filter("component_label", component_label)
