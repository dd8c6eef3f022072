"""One run of the demo: its steps in order, the counts and log-ins it prints, and
`demo_seed`, which `manage.py seed_demo` wraps.

Every step is idempotent and deterministic: `seed_something(ctx: DemoContext) -> None`,
appended to STEPS.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from listings.events import listings_changed
from listings.models import STALE_AFTER, Listing, ListingInterest, NdaAcceptance
from marketplace.accounts.events import organisations_changed
from marketplace.accounts.models import Membership, Organisation, User
from marketplace.exchanges.models import Exchange, ExchangeStaff, Province
from marketplace.reference.models import Sector

from .context import DEMO_PASSWORD, DEMO_SALT, DemoContext, DemoLogin, DemoSummary
from .listings import seed_listings
from .people import (
    organisations_data,
    seed_exchange_staff,
    seed_federation,
    seed_organisations,
    staff_data,
)

# The organisations whose owners are shown in the log-in block, and the national exchanges
# whose curators are.
DEMO_INSTITUTE = "vien-cnsh"
DEMO_ENTERPRISE = "thuy-san-ca-mau"
NATIONAL_EXCHANGES = ("hanoi", "hcmc", "danang")


def collect_logins(ctx: DemoContext) -> None:
    """The accounts printed at the end: one per audience a demo usually needs."""
    logins = ctx.summary.logins
    specs = {spec["key"]: spec for spec in organisations_data()}
    for key, label in (
        (DEMO_INSTITUTE, "Institute member"),
        (DEMO_ENTERPRISE, "Enterprise member"),
    ):
        organisation = Organisation.objects.get(tax_code=specs[key]["tax_code"])
        logins.append(
            DemoLogin(label, specs[key]["owner"]["email"], f"owner of {organisation.name}")
        )
    staff = staff_data()
    curators = {
        person["exchange"]: person["email"]
        for person in staff["exchange_staff"]
        if person["role"] == ExchangeStaff.Role.CURATOR
    }
    for code in NATIONAL_EXCHANGES:
        exchange = Exchange.objects.get(code=code)
        logins.append(
            DemoLogin(f"Curator, {exchange.short_name or code}", curators[code], exchange.name_vi)
        )
    logins.append(
        DemoLogin("Superuser", staff["superuser"]["email"], "/django-admin/ and /cms-admin/")
    )


# The steps of a run, in order; every step must be idempotent and deterministic.
STEPS: list[Callable[[DemoContext], None]] = [
    seed_federation,
    seed_exchange_staff,
    seed_organisations,
    seed_listings,
    collect_logins,
]


def listing_counts(*, now: dt.datetime | None = None) -> dict:
    """What the printed summary shows about listings (also used by the tests)."""
    now = now or timezone.now()
    rows = Counter(Listing.objects.values_list("kind", "status"))
    published = Listing.objects.filter(status=Listing.Status.PUBLISHED)
    national = Exchange.objects.filter(kind=Exchange.Kind.NATIONAL).order_by("pk")
    queue = {}
    for exchange in national:
        queue[exchange.short_name or exchange.code] = Listing.objects.filter(
            status=Listing.Status.SUBMITTED, exchange__in=[exchange, *exchange.local_centres.all()]
        ).count()
    return {
        "by_status": {
            kind: {status: rows[(kind, status)] for status in Listing.Status.values}
            for kind in Listing.Kind.values
        },
        "english": Listing.objects.filter(language="en").count(),
        "featured": published.filter(featured_at__isnull=False).count(),
        "stale": published.filter(content_updated_at__lt=now - STALE_AFTER).count(),
        "expiring": published.filter(expires_at__lte=now + timedelta(days=30)).count(),
        "interests": ListingInterest.objects.count(),
        "ndas": NdaAcceptance.objects.count(),
        "queue": queue,
        "sectors": Sector.objects.filter(listings__isnull=False).distinct().count(),
    }


def listing_summary_lines() -> list[str]:
    counts = listing_counts()
    lines = []
    for kind, label in (("offer", "Offers:"), ("need", "Needs:")):
        by_status = counts["by_status"][kind]
        detail = ", ".join(f"{status} {n}" for status, n in by_status.items())
        lines.append(f"  {label:<15} {sum(by_status.values())} ({detail})")
    lines.append(
        f"  Listings:       {counts['english']} in English, {counts['featured']} featured, "
        f"{counts['stale']} not updated for 6 months, {counts['expiring']} expiring within "
        "30 days"
    )
    lines.append(
        f"  Interest:       {counts['interests']} expressions of interest, {counts['ndas']} NDA "
        "acceptances"
    )
    queue = ", ".join(f"{name} {n}" for name, n in counts["queue"].items())
    lines.append(f"  Awaiting moderation: {queue}")
    return lines


def _final_counts(summary: DemoSummary) -> None:
    organisations = Organisation.objects.all()
    summary.counts = {
        "exchanges": Exchange.objects.count(),
        "national_exchanges": Exchange.objects.filter(kind=Exchange.Kind.NATIONAL).count(),
        "local_centres": Exchange.objects.filter(kind=Exchange.Kind.LOCAL).count(),
        "provinces": Province.objects.count(),
        "sectors": Sector.objects.count(),
        "organisations": organisations.count(),
        "verified_organisations": organisations.filter(verified_at__isnull=False).count(),
        "organisation_provinces": organisations.values("province").distinct().count(),
        "organisation_exchanges": organisations.values("home_exchange").distinct().count(),
        "users": User.objects.count(),
        "exchange_staff_users": User.objects.filter(exchange_roles__isnull=False)
        .distinct()
        .count(),
        "superusers": User.objects.filter(is_superuser=True).count(),
        "memberships": Membership.objects.count(),
        "staff_roles": ExchangeStaff.objects.count(),
    }
    summary.organisations_by_kind = {
        kind: organisations.filter(kind=kind).count() for kind in Organisation.Kind.values
    }
    summary.listing_lines = listing_summary_lines()


def demo_seed(*, stdout=None, steps: list[Callable[[DemoContext], None]] | None = None):
    """Loads the demo data and returns a DemoSummary. `stdout` (any object with write())
    receives one progress line per step.

    Each step commits on its own (every step is idempotent, so a run that failed half-way is
    completed by the next one), and the change events of its writes are handled then, gathered
    into one event per reason (`ChangeEvent.batched`): search does nothing while the embedded
    engine has not started in this process (it fills itself from the database when it
    starts), and otherwise queues one bulk indexing task per event, not one per listing."""
    summary = DemoSummary()
    ctx = DemoContext(
        summary=summary,
        password_hash=make_password(DEMO_PASSWORD, salt=DEMO_SALT),
        stdout=stdout,
    )
    for step in STEPS if steps is None else steps:
        with (
            transaction.atomic(),
            listings_changed.batched(),
            organisations_changed.batched(),
        ):
            step(ctx)
    _final_counts(summary)
    return summary
