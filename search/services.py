"""Writes for saved searches, and their daily digest e-mail.

A saved search is the normalised query string of the search page (re-validated with
`SearchQuery.from_params` when saved). The digest lists, for each saved search with alerts on,
the listings published since the previous digest, in one e-mail per user; the period covered
is recorded (`last_sent_at`) in the same transaction as the e-mail is sent, so a retried run
never sends the same digest twice and a failed send is sent by the retry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import selectors
from .models import NAME_MAX_LENGTH, SavedSearch
from .parameters import SearchQuery, SearchQueryError
from .queries import SearchUnavailable, search_listings

logger = logging.getLogger(__name__)

MAX_SAVED_SEARCHES = 50  # per user
QUERY_STRING_MAX_LENGTH = 20_000  # characters of the submitted query string
DIGEST_MAX_LISTINGS = 20  # per saved search; a "see all" link leads to the rest
# The digest covers listings published up to a few minutes before it runs, so that a listing
# published while it runs (and indexed a moment later) falls in the next digest, not between.
DIGEST_SETTLE = timedelta(minutes=5)


# --- Saving and managing ------------------------------------------------------------------


def _clean_name(name: str) -> str:
    cleaned = " ".join(str(name or "").split())
    if not cleaned:
        raise ValidationError(_("Give this search a name."), code="required")
    if len(cleaned) > NAME_MAX_LENGTH:
        raise ValidationError(
            _("A name has at most %(max)d characters.") % {"max": NAME_MAX_LENGTH},
            code="max_length",
        )
    return cleaned


def saved_search_normalise(query_string: str) -> str:
    """The query string of the search page's URL, validated and normalised (parameters in a
    fixed order, defaults, page and page size left out); raises ValidationError({"query"})."""
    raw = str(query_string or "").strip().lstrip("?")
    if len(raw) > QUERY_STRING_MAX_LENGTH:
        raise ValidationError({"query": [_("This search is too long to be saved.")]})
    try:
        params = QueryDict(raw, mutable=True)
    except Exception as exc:  # noqa: BLE001 - TooManyFieldsSent and other refusals
        raise ValidationError({"query": [_("This search cannot be saved.")]}) from exc
    params.pop("page", None)
    params.pop("page_size", None)  # the page always shows its own page size
    try:
        query = SearchQuery.from_params(params)
    except SearchQueryError as error:
        messages = [
            _("This search cannot be saved: %(reason)s") % {"reason": message}
            for messages in error.fields.values()
            for message in messages
        ]
        raise ValidationError({"query": messages}) from error
    return urlencode(query.to_params())


def _require_owner(*, user, saved_search: SavedSearch) -> None:
    if not getattr(user, "is_authenticated", False) or saved_search.user_id != user.pk:
        raise PermissionDenied(_("This saved search belongs to someone else."))


def saved_search_create(*, user, name: str, query_string: str) -> SavedSearch:
    """Saves the search for the user (alerts on). At most MAX_SAVED_SEARCHES per user, and
    the same search only once."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to save searches."))
    errors: dict[str, list[str]] = {}
    try:
        name = _clean_name(name)
    except ValidationError as error:
        errors["name"] = error.messages
    try:
        normalised = saved_search_normalise(query_string)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Serialises one user's saves, so that two at once cannot pass the limit together.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        existing = SavedSearch.objects.filter(user=user)
        duplicate = existing.filter(query_string=normalised).first()
        if duplicate is not None:
            raise ValidationError(
                {
                    "query": [
                        _("You have already saved this search as “%(name)s”.")
                        % {"name": duplicate.name}
                    ]
                }
            )
        if existing.count() >= MAX_SAVED_SEARCHES:
            raise ValidationError(
                {
                    "__all__": [
                        _(
                            "You can keep at most %(max)d saved searches. Delete one you no "
                            "longer need, then save this one."
                        )
                        % {"max": MAX_SAVED_SEARCHES}
                    ]
                }
            )
        saved = SavedSearch.objects.create(user=user, name=name, query_string=normalised)
    logger.info("saved search created", extra={"saved_search": saved.pk, "user": user.pk})
    return saved


def saved_search_rename(*, user, saved_search: SavedSearch, name: str) -> SavedSearch:
    _require_owner(user=user, saved_search=saved_search)
    try:
        saved_search.name = _clean_name(name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from error
    saved_search.save(update_fields=["name", "updated_at"])
    return saved_search


def saved_search_delete(*, user, saved_search: SavedSearch) -> None:
    _require_owner(user=user, saved_search=saved_search)
    saved_search.delete()


def saved_search_set_alerts(*, user, saved_search: SavedSearch, enabled: bool) -> SavedSearch:
    """Turns the daily e-mail on or off. Turned back on, the next digest starts from now: no
    backlog of what was published while the alerts were off."""
    _require_owner(user=user, saved_search=saved_search)
    return _set_alerts(saved_search, enabled)


def _set_alerts(saved_search: SavedSearch, enabled: bool) -> SavedSearch:
    if saved_search.alerts_enabled == enabled:
        return saved_search
    saved_search.alerts_enabled = enabled
    fields = ["alerts_enabled", "updated_at"]
    if enabled:
        saved_search.last_sent_at = timezone.now()
        fields.append("last_sent_at")
    saved_search.save(update_fields=fields)
    return saved_search


def unsubscribe_token(saved_search: SavedSearch) -> str:
    """A signed token that turns off this saved search's alerts without signing in."""
    return signing.dumps(
        {"s": saved_search.pk, "u": saved_search.user_id}, salt=selectors.UNSUBSCRIBE_SALT
    )


def saved_search_unsubscribe(*, token: str) -> SavedSearch:
    """Turns off the alerts of the token's saved search. Raises signing.BadSignature
    (tampered or expired: SignatureExpired is one) or SavedSearch.DoesNotExist."""
    saved_search = selectors.saved_search_for_token(token)
    return _set_alerts(saved_search, False)


# --- The daily digest ---------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _reverse(name: str, *args) -> str:
    """Absolute, in the default language (the e-mail's), whatever language is active."""
    with translation.override(settings.LANGUAGE_CODE):
        return _absolute(reverse(name, args=args))


@dataclass
class DigestListing:
    title: str
    url: str


@dataclass
class DigestSection:
    """One saved search in a digest: its new listings (at most DIGEST_MAX_LISTINGS)."""

    saved_search: SavedSearch
    query: SearchQuery
    total: int
    listings: list[DigestListing]
    see_all_url: str
    unsubscribe_url: str

    @property
    def more(self) -> int:
        return max(0, self.total - len(self.listings))

    @property
    def description(self) -> str:
        """In the language active while the e-mail renders."""
        return " · ".join(selectors.search_description(self.query))


@dataclass
class DigestReport:
    until: datetime
    sent: dict[int, int] = field(default_factory=dict)  # user id: new listings in the e-mail
    failed: list[int] = field(default_factory=list)  # user ids whose e-mail failed


def digest_until(now: datetime | None = None) -> datetime:
    """The end of the period a digest run now covers."""
    return (now or timezone.now()) - DIGEST_SETTLE


def _published_listings(ids: list[int]) -> list:
    """The listings still published, in the given order (the index may lag a little)."""
    from listings.models import Listing

    found = {
        listing.pk: listing
        for listing in Listing.objects.filter(pk__in=ids, status=Listing.Status.PUBLISHED)
    }
    return [found[pk] for pk in ids if pk in found]


def _section(saved_search: SavedSearch, until: datetime) -> DigestSection | None:
    query = selectors.saved_search_query(saved_search)
    if query is None:
        logger.warning("saved search no longer valid", extra={"saved_search": saved_search.pk})
        return None
    result = search_listings(
        replace(
            query,
            sort="newest",
            page=1,
            page_size=DIGEST_MAX_LISTINGS,
            published_after=saved_search.window_start,
            published_before=until,
        )
    )
    if not result.total:
        return None
    listings = _published_listings([hit.id for hit in result.hits])
    if not listings:
        return None
    see_all = _reverse("search:page") + "?" + urlencode(query.to_params(sort="newest"))
    return DigestSection(
        saved_search=saved_search,
        query=query,
        total=max(result.total, len(listings)),
        listings=[
            DigestListing(listing.title, _reverse(f"listings:{listing.kind}_detail", listing.pk))
            for listing in listings
        ],
        see_all_url=see_all,
        unsubscribe_url=_reverse("search:saved_unsubscribe", unsubscribe_token(saved_search)),
    )


def _new_count(sections: list[DigestSection]) -> int:
    """New listings in a digest: each listed one once (it may match several searches), plus
    those left out of the long sections."""
    listed = {listing.url for section in sections for listing in section.listings}
    return len(listed) + sum(section.more for section in sections)


def _send_digest(user, sections: list[DigestSection]) -> None:
    context = {
        "user": user,
        "sections": sections,
        "count": _new_count(sections),
        "manage_url": _reverse("search:saved_list"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        # One line whatever the names hold: a line break in a header is refused by Django.
        subject = " ".join(render_to_string("search/email/digest_subject.txt", context).split())
        body = render_to_string("search/email/digest_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def _digest_for_user(*, user_id: int, until: datetime) -> int:
    """Sends one user's digest if anything is new; returns its count of new listings."""
    with transaction.atomic():
        # Locked: a second run at the same time waits, then sees the period already covered.
        searches = list(
            SavedSearch.objects.select_for_update()
            .filter(user_id=user_id, alerts_enabled=True)
            .order_by("created_at", "pk")
        )
        due = [search for search in searches if search.window_start < until]
        if not due:
            return 0
        sections = [section for search in due if (section := _section(search, until))]
        count = _new_count(sections)
        if sections:
            user = get_user_model().objects.get(pk=user_id)
            _send_digest(user, sections)
        # Same transaction: if the send failed, nothing is recorded and the retry sends it.
        SavedSearch.objects.filter(pk__in=[search.pk for search in due]).update(last_sent_at=until)
    return count


def saved_search_digests_send(*, until: datetime) -> DigestReport:
    """Sends the digest of every user with alerts on, for the listings published up to
    `until` (keep the same `until` when retrying a run). Raises SearchUnavailable when the
    engine cannot answer (the users done so far stay done); a user whose e-mail failed is
    reported in `failed` and left for the retry."""
    report = DigestReport(until=until)
    user_ids = (
        SavedSearch.objects.filter(alerts_enabled=True, user__is_active=True)
        .exclude(user__email="")
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in list(user_ids):
        try:
            count = _digest_for_user(user_id=user_id, until=until)
        except SearchUnavailable:
            raise
        except Exception:
            logger.exception("saved-search digest failed", extra={"user": user_id})
            report.failed.append(user_id)
            continue
        if count:
            report.sent[user_id] = count
    logger.info(
        "saved-search digests sent",
        extra={"users": len(report.sent), "failed": len(report.failed)},
    )
    return report
