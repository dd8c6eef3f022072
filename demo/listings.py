"""The demo's technology offers and needs, loaded through the services users use.

Each line of data/listings.jsonl is one listing in the listing exchange format (its
external_id, exchange, organisation and confidential part included) plus one demo-only key,
"demo": the listing's plan, which the format cannot say. The loader takes that key off before
a line goes anywhere near the product.

    status            where the listing's life has led: draft, submitted, returned,
                      published, archived or expired
    history           when each status change of its path (below) happened, oldest first, as
                      a time before the seed in Django's duration format ("12 03:45:00" is 12
                      days, 3 hours and 45 minutes ago); the first one is its creation
    content_updated   when its content last changed, likewise
    renewed           true when its owner renewed it: online for a year from content_updated
                      (otherwise from its publication)
    featured          true when a curator features it
    views             its page views
    reason            why a curator returned it, or why its owner archived it
    deadline_in_days  a need's deadline, in days from the day of the seed (a fixed date
                      would go stale)
    interest          who expressed interest once it was published: [{"organisation": demo
                      key of data/organisations.jsonl, "message", "days_after": days after
                      its publication, "nda": true when that organisation accepted the NDA}]

The paths, one history row a step: what owners write themselves starts as a draft
(`listing_create`) and is submitted by them (`listing_submit`); everything that was ever
published came in through the import that exchanges use (`listings_import`, to the
moderation queue) and was approved by a curator (`listing_approve`).

A run creates the listings that are missing (the key is the exchange and external_id), walks
them along their path with the life-cycle services, acting as their owners and the curators
of their exchanges, adds the expressions of interest and NDA acceptances, and then writes
their past (`_date_the_story`). Listings that exist keep their status and dates; their
content goes back to the demo text through `listing_update` if someone edited it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_duration

from listings.events import listings_changed
from listings.formats import (
    ListingData,
    ListingFormatError,
    Vocabularies,
    listing_data_from_dict,
)
from listings.importing import listings_import
from listings.models import (
    Listing,
    ListingInterest,
    ListingStatusChange,
    NdaAcceptance,
)
from listings.services import (
    PUBLICATION_PERIOD,
    content_differs,
    listing_approve,
    listing_archive,
    listing_create,
    listing_renew,
    listing_return,
    listing_set_featured,
    listing_submit,
    listing_update,
    listings_expire_due,
    nda_accept,
    nda_current,
)
from marketplace.accounts.models import Organisation, User
from marketplace.exchanges.models import Exchange

from .context import DemoContext, read_jsonl
from .people import curator_for, demo_curators, organisations_data

Status = Listing.Status
PLAN_KEY = "demo"
# The status changes that lead to each status, one history row each.
PATHS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.DRAFT,),
    Status.SUBMITTED: (Status.DRAFT, Status.SUBMITTED),
    Status.RETURNED: (Status.DRAFT, Status.SUBMITTED, Status.RETURNED),
    Status.PUBLISHED: (Status.SUBMITTED, Status.PUBLISHED),
    Status.ARCHIVED: (Status.SUBMITTED, Status.PUBLISHED, Status.ARCHIVED),
    Status.EXPIRED: (Status.SUBMITTED, Status.PUBLISHED, Status.EXPIRED),
}
FEATURED_AFTER = timedelta(days=2)  # a curator features a listing two days after publication
INTEREST_BEFORE_NOW = timedelta(minutes=60)  # the latest interest came an hour ago
NDA_BEFORE_INTEREST = timedelta(minutes=120)  # the NDA is accepted before interest is shown


def listing_lines() -> list[tuple[dict, dict]]:
    """The lines of data/listings.jsonl as (record in the exchange format, demo plan)."""
    lines = []
    for obj in read_jsonl("listings.jsonl"):
        plan = obj.pop(PLAN_KEY)
        lines.append((obj, plan))
    return lines


@dataclass
class Story:
    """One demo listing: its record, its plan, the validated data and the stored listing."""

    record: dict
    plan: dict
    data: ListingData | None = None
    listing: Listing | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.record["exchange"], self.record["external_id"])

    @property
    def path(self) -> tuple[str, ...]:
        return PATHS[self.plan["status"]]

    def moments(self, now: dt.datetime) -> dict:
        """The plan's moments as datetimes, counted back from `now`."""
        plan = self.plan
        history = [now - parse_duration(age) for age in plan["history"]]
        content_updated_at = now - parse_duration(plan["content_updated"])
        published_at = expires_at = featured_at = None
        if Status.PUBLISHED in self.path:
            published_at = history[self.path.index(Status.PUBLISHED)]
            start = content_updated_at if plan.get("renewed") else published_at
            expires_at = start + PUBLICATION_PERIOD
            if plan.get("featured"):
                featured_at = min(now, published_at + FEATURED_AFTER)
        moments = [history[-1], content_updated_at, featured_at]
        return {
            "history": history,
            "created_at": history[0],
            "published_at": published_at,
            "expires_at": expires_at,
            "content_updated_at": content_updated_at,
            "featured_at": featured_at,
            "updated_at": max(moment for moment in moments if moment is not None),
        }


@dataclass
class Reader:
    """An expression of interest or an NDA acceptance created by this run, to be dated."""

    row: ListingInterest | NdaAcceptance
    listing_id: int
    days_after: int


# --- The step ------------------------------------------------------------------------------


def seed_listings(ctx: DemoContext) -> None:
    """The seed_demo step: demo offers and needs, their life cycle, interest and NDAs."""
    now = timezone.now()
    today = timezone.localdate()
    stories = [Story(record, plan) for record, plan in listing_lines()]
    stored = _stored(stories)
    for story in stories:
        story.listing = stored.get(story.key)
    _validate(stories, today)
    restored = _restore(stories)
    ctx.summary.updated["listings"] += restored

    history_before = ListingStatusChange.objects.count()
    new = [story for story in stories if story.listing is None]
    owners = _owners()
    _enter(new, owners)
    _live(new, owners)
    readers = _readers(ctx, stories, owners)
    _date_the_story(new, readers, now=now)
    ctx.summary.created["listings"] += len(new)
    ctx.summary.created["listing_status_changes"] += (
        ListingStatusChange.objects.count() - history_before
    )

    offers = sum(1 for story in stories if story.record["kind"] == Listing.Kind.OFFER)
    ctx.say(
        f"Listings: {offers} offers and {len(stories) - offers} needs ({len(new)} created this run)"
    )


def _stored(stories: list[Story]) -> dict[tuple[str, str], Listing]:
    """The demo listings already in the database, by (exchange code, external_id)."""
    listings = (
        Listing.objects.filter(external_id__in=[story.record["external_id"] for story in stories])
        .select_related("exchange__parent", "organisation")
        .prefetch_related("sectors", "provinces")
    )
    return {(listing.exchange.code, listing.external_id): listing for listing in listings}


def _validate(stories: list[Story], today: dt.date) -> None:
    """Checks every line as an import would, after giving needs their deadline: the day
    counted from today for a new listing, the stored one while it has not passed."""
    vocab = Vocabularies()
    for story in stories:
        days = story.plan.get("deadline_in_days")
        if days is not None:
            stored = story.listing.deadline if story.listing is not None else None
            deadline = stored if stored and stored >= today else today + timedelta(days=days)
            story.record["deadline"] = deadline.isoformat()
        try:
            story.data = listing_data_from_dict(
                story.record, vocab=vocab, require_exchange=True, today=today
            )
        except ListingFormatError as error:
            raise ValueError(
                f"Demo listing {story.record['external_id']} is invalid: {error}"
            ) from error


def _restore(stories: list[Story]) -> int:
    """Brings the content of edited demo listings back to the demo text (not their status or
    dates), as an exchange's system would with `listing_update`. An archived listing cannot
    be edited, by the demo either."""
    restored = 0
    for story in stories:
        listing = story.listing
        if listing is None or listing.status == Status.ARCHIVED:
            continue
        if content_differs(
            listing,
            story.data,
            organisation_id=listing.organisation_id,  # the restore keeps the owner
            sector_codes={sector.code for sector in listing.sectors.all()},
            province_slugs={province.slug for province in listing.provinces.all()},
            confidential=story.data.confidential,
        ):
            listing_update(actor=None, listing=listing, data=story.data)
            restored += 1
    return restored


# --- Creation and life cycle -----------------------------------------------------------------


def _owners() -> dict[str, tuple[Organisation, User]]:
    """Each demo organisation and its demo owner, by tax code."""
    specs = organisations_data()
    organisations = Organisation.objects.filter(tax_code__in=[spec["tax_code"] for spec in specs])
    by_tax_code = {organisation.tax_code: organisation for organisation in organisations}
    users = {
        user.email: user
        for user in User.objects.filter(email__in=[spec["owner"]["email"] for spec in specs])
    }
    return {
        spec["tax_code"]: (by_tax_code[spec["tax_code"]], users[spec["owner"]["email"]])
        for spec in specs
    }


def _enter(stories: list[Story], owners: dict) -> None:
    """Creates the listings: drafts by their owners (`listing_create`), everything that is
    to be published through the import, to the moderation queue (`listings_import`)."""
    if not stories:
        return
    exchanges = {exchange.code: exchange for exchange in Exchange.objects.all()}
    imported = [story for story in stories if story.path[0] == Status.SUBMITTED]
    for story in stories:
        if story.path[0] == Status.DRAFT:
            organisation, owner = owners[story.data.organisation.tax_code]
            story.listing = listing_create(
                actor=owner,
                organisation=organisation,
                data=story.data,
                exchange=exchanges[story.data.exchange],
                status=Status.DRAFT,
            )
    if imported:
        report = listings_import(
            lines=[json.dumps(story.record, ensure_ascii=False) for story in imported],
            default_exchange=None,
            status=Status.SUBMITTED,
        )
        if report.rejected or report.created != len(imported):
            raise ValueError(f"The demo listings were not all imported: {report.errors[:5]}")
        stored = _stored(imported)
        for story in imported:
            story.listing = stored[story.key]


def _live(stories: list[Story], owners: dict) -> None:
    """Walks each new listing along its path with the life-cycle services, acting as its
    owner and a curator of its exchange; then its renewal and featuring, if planned."""
    curators = demo_curators()
    exchanges = {exchange.pk: exchange for exchange in Exchange.objects.select_related("parent")}
    for story in stories:
        listing, plan = story.listing, story.plan
        listing.exchange = exchanges[listing.exchange_id]
        owner = owners[story.data.organisation.tax_code][1]
        curator = curator_for(curators, listing.exchange)
        for status in story.path[1:]:
            if status == Status.SUBMITTED:
                listing = listing_submit(actor=owner, listing=listing)
            elif status == Status.RETURNED:
                listing = listing_return(actor=curator, listing=listing, reason=plan["reason"])
            elif status == Status.PUBLISHED:
                listing = listing_approve(actor=curator, listing=listing)
            elif status == Status.ARCHIVED:
                listing = listing_archive(actor=owner, listing=listing, reason=plan["reason"])
            # Expired: the daily job, once the listing's dates say its year is up.
        if plan.get("renewed"):
            listing = listing_renew(actor=owner, listing=listing)
        if plan.get("featured"):
            listing = listing_set_featured(actor=curator, listing=listing, featured=True)
        story.listing = listing


def _readers(ctx: DemoContext, stories: list[Story], owners: dict) -> list[Reader]:
    """The planned expressions of interest and NDA acceptances that are missing, on the demo
    listings that are published."""
    try:
        nda = nda_current()
    except ValidationError:  # no NDA text: the site shows none, so nobody accepts one
        nda = None
    tax_codes = {spec["key"]: spec["tax_code"] for spec in organisations_data()}
    have_interest = set(ListingInterest.objects.values_list("listing_id", "organisation_id"))
    have_nda = set(NdaAcceptance.objects.values_list("listing_id", "organisation_id", "nda_id"))
    interests: list[tuple[ListingInterest, int]] = []
    readers: list[Reader] = []
    for story in stories:
        listing = story.listing
        if listing is None or listing.status != Status.PUBLISHED:
            continue
        for wish in story.plan.get("interest", []):
            organisation, user = owners[tax_codes[wish["organisation"]]]
            if (listing.pk, organisation.pk) not in have_interest:
                interest = ListingInterest(
                    listing=listing, organisation=organisation, user=user, message=wish["message"]
                )
                interests.append((interest, wish["days_after"]))
            if wish["nda"] and nda and (listing.pk, organisation.pk, nda.pk) not in have_nda:
                acceptance = nda_accept(
                    user=user, organisation=organisation, listing=listing, nda=nda
                )
                readers.append(Reader(acceptance, listing.pk, wish["days_after"]))
    # Rows, not `interest_express`: that service e-mails each owner (through the worker in
    # production), and these readers and owners are made up.
    ListingInterest.objects.bulk_create([interest for interest, _days in interests])
    readers += [Reader(interest, interest.listing_id, days) for interest, days in interests]
    ctx.summary.created["listing_interests"] += len(interests)
    ctx.summary.created["nda_acceptances"] += sum(
        1 for reader in readers if isinstance(reader.row, NdaAcceptance)
    )
    return readers


# --- The past ------------------------------------------------------------------------------


def _date_the_story(stories: list[Story], readers: list[Reader], *, now: dt.datetime) -> None:
    """Writes the past of the listings this run created, and of its readers.

    Why this exists: the services record what happens now, so a freshly seeded demo would
    show every listing created and published this minute, none stale or about to expire,
    nobody reading them, and histories that all happened at once. The plans tell a story of
    18 months instead. The services cannot write the past, so this step is the one place that
    does: it writes only timestamps and view counters, with queryset updates; statuses and
    content were written by the services before it.

    1. Each new listing's dates and views, from its plan. Listings whose year is now up are
       overdue, and the daily expiry job (`listings_expire_due`) expires them, as it would
       have on that day.
    2. The moment of every status change, the expiry's included, and `updated_at`.
    3. When interest was expressed and NDAs were accepted: soon after the publication.

    Then it announces `listings_changed(..., reason="updated")` once for those listings, so
    that search shows the new dates."""
    if not stories and not readers:
        return
    moments = {story.listing.pk: story.moments(now) for story in stories}
    for story in stories:
        at = moments[story.listing.pk]
        Listing.objects.filter(pk=story.listing.pk).update(
            created_at=at["created_at"],
            published_at=at["published_at"],
            expires_at=at["expires_at"],
            content_updated_at=at["content_updated_at"],
            featured_at=at["featured_at"],
            views_count=story.plan.get("views", 0),
        )
    if moments:
        listings_expire_due(now=now)

    rows: dict[int, list[int]] = {}
    for pk, listing_id in (
        ListingStatusChange.objects.filter(listing_id__in=moments)
        .order_by("pk")
        .values_list("pk", "listing_id")
    ):
        rows.setdefault(listing_id, []).append(pk)
    for listing_id, at in moments.items():
        for pk, moment in zip(rows[listing_id], at["history"], strict=True):
            ListingStatusChange.objects.filter(pk=pk).update(created_at=moment)
        Listing.objects.filter(pk=listing_id).update(updated_at=at["updated_at"])

    published = dict(
        Listing.objects.filter(pk__in={reader.listing_id for reader in readers}).values_list(
            "pk", "published_at"
        )
    )
    for reader in readers:
        start = published[reader.listing_id]
        shown = max(
            start, min(start + timedelta(days=reader.days_after), now - INTEREST_BEFORE_NOW)
        )
        if isinstance(reader.row, ListingInterest):
            ListingInterest.objects.filter(pk=reader.row.pk).update(created_at=shown)
        else:
            accepted = max(start, shown - NDA_BEFORE_INTEREST)
            NdaAcceptance.objects.filter(pk=reader.row.pk).update(accepted_at=accepted)
    listings_changed(list(moments), reason="updated")
