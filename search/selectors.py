"""Reads for saved searches: a user's saved searches, one of them, and the human-readable
description of a search (the saved-searches page and the digest e-mail)."""

from __future__ import annotations

from django.core import signing
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .models import SavedSearch
from .parameters import SearchQuery, SearchQueryError, facet_label

UNSUBSCRIBE_SALT = "search.saved-search.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 90  # seconds: the links of a digest work for 90 days


def saved_searches_of_user(*, user) -> QuerySet[SavedSearch]:
    """The user's saved searches, newest first (none for an anonymous user)."""
    if not getattr(user, "is_authenticated", False):
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user).order_by("-created_at", "-pk")


def saved_search_get(*, user, pk: int) -> SavedSearch:
    """One of the user's saved searches; raises SavedSearch.DoesNotExist for anyone else's."""
    return saved_searches_of_user(user=user).get(pk=pk)


def saved_search_for_token(token: str) -> SavedSearch:
    """The saved search of an unsubscribe link's token (search.services.unsubscribe_token).
    Raises signing.BadSignature when the token was tampered with or is malformed,
    signing.SignatureExpired (a BadSignature) when it is too old, SavedSearch.DoesNotExist
    when the search was deleted since."""
    data = signing.loads(str(token), salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise signing.BadSignature("unexpected token content")
    return SavedSearch.objects.select_related("user").get(pk=data["s"], user_id=data.get("u"))


def saved_search_query(saved_search: SavedSearch) -> SearchQuery | None:
    """The saved search as a query (None when it no longer validates, e.g. a code that the
    reference data dropped since)."""
    try:
        return SearchQuery.from_params(saved_search.params)
    except SearchQueryError:
        return None


def search_description(query: SearchQuery) -> list[str]:
    """The search in words, one item per part: the text, the kind and each filter."""
    from listings.models import Vocabulary
    from marketplace.core.formatting import vnd

    parts = []
    if query.text:
        parts.append(_("Words: “%(text)s”") % {"text": query.text})
    if query.kind == "offer":
        parts.append(_("Technology offers only"))
    elif query.kind == "need":
        parts.append(_("Technology needs only"))
    for name, label in (
        ("exchange", _("Exchange")),
        ("sector", _("Sector")),
        ("province", _("Province")),
        ("cooperation", _("Cooperation")),
    ):
        value = getattr(query, name)
        if value:
            parts.append(f"{label}: {facet_label(name, value)}")
    if query.trl_min is not None and query.trl_min == query.trl_max:
        parts.append(f"TRL: {query.trl_min}")
    elif query.trl_min is not None or query.trl_max is not None:
        low = query.trl_min if query.trl_min is not None else 1
        high = query.trl_max if query.trl_max is not None else 9
        parts.append(f"TRL: {low}–{high}")
    if query.price_min is not None:
        parts.append(_("Budget from: %(amount)s") % {"amount": vnd(query.price_min)})
    if query.price_max is not None:
        parts.append(_("Budget up to: %(amount)s") % {"amount": vnd(query.price_max)})
    if query.ip_status:
        label = dict(Vocabulary.IpStatus.choices).get(query.ip_status, query.ip_status)
        parts.append(_("IP status: %(status)s") % {"status": label})
    if query.verified is True:
        parts.append(_("Verified organisations only"))
    elif query.verified is False:
        parts.append(_("Organisations not yet verified"))
    if not parts:
        parts.append(_("Every published listing"))
    return parts


def saved_search_description(saved_search: SavedSearch) -> list[str]:
    query = saved_search_query(saved_search)
    if query is None:
        return [_("This search is no longer valid: some of its filters no longer exist.")]
    return search_description(query)
