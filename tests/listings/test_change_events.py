"""The seam of the house: every write path of listings goes through listings.services and
announces exactly one `listings_changed` event per changed listing after commit, and search
(the subscriber named in LISTINGS_CHANGED_HANDLERS) makes exactly one index update for it.

Each case below writes through one path as its users do (pages, the REST API, the import
command, bulk import, the spreadsheet upload, the Django admin, the daily expiry job) and
returns the listings it should have changed, with the reason."""

import json
from collections import Counter
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from listings import services
from listings.formats import Vocabularies, listing_data_from_dict
from listings.importing import listings_import
from listings.models import Listing
from listings.tasks import expire_listings
from marketplace.accounts import services as account_services
from search import indexing, subscribers
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    exchange,
)
from tests.listings.test_api import exchange_key, offer_body, patch, post
from tests.listings.test_import_export import offer
from tests.listings.test_owner_pages import offer_post
from tests.listings.test_spreadsheet import csv_bytes, row

pytestmark = pytest.mark.django_db

EVENTS: list[tuple[str, tuple[int, ...], str]] = []


def record_listings(ids, *, reason):
    EVENTS.append(("listings", tuple(ids), reason))


def record_organisations(ids, *, reason):
    EVENTS.append(("organisations", tuple(ids), reason))


@pytest.fixture
def index_updates(settings, monkeypatch):
    """Records every event and counts the index updates that search makes for each listing
    (as if the engine were running; the engine itself is not needed to count them)."""
    EVENTS.clear()
    settings.LISTINGS_CHANGED_HANDLERS = [
        *settings.LISTINGS_CHANGED_HANDLERS,
        "tests.listings.test_change_events.record_listings",
    ]
    settings.ORGANISATIONS_CHANGED_HANDLERS = [
        *settings.ORGANISATIONS_CHANGED_HANDLERS,
        "tests.listings.test_change_events.record_organisations",
    ]
    updates: Counter = Counter()
    monkeypatch.setattr(subscribers, "_engine_would_see_it", lambda: True)
    monkeypatch.setattr(indexing, "listing_upsert", lambda pk: updates.update([pk]) or "ok")
    monkeypatch.setattr(indexing, "listings_upsert", lambda ids, **kw: updates.update(ids) or {})
    return updates


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _member(client):
    membership = MembershipFactory(organisation=OrganisationFactory(tax_code="0101234567"))
    client.force_login(membership.user)
    return membership


def _curator(client, code="hanoi"):
    user = ExchangeStaffFactory(exchange=exchange(code), role="curator").user
    client.force_login(user)
    return user


# --- The write paths ----------------------------------------------------------------------------


def owner_page_creates(client):
    membership = _member(client)
    response = client.post("/en/listings/new/offer/", offer_post(membership.organisation))
    assert response.status_code == 302
    return [Listing.objects.get().pk], "created"


def owner_page_edits(client):
    membership = _member(client)
    listing = ListingFactory(organisation=membership.organisation)
    response = client.post(
        f"/en/listings/{listing.pk}/edit/", offer_post(title="Tiêu đề đã sửa", action="save")
    )
    assert response.status_code == 302
    assert Listing.objects.get().title == "Tiêu đề đã sửa"
    return [listing.pk], "updated"


def owner_page_edits_and_submits(client):
    membership = _member(client)
    listing = ListingFactory(
        organisation=membership.organisation, status="draft", published_at=None
    )
    response = client.post(
        f"/en/listings/{listing.pk}/edit/", offer_post(title="Bản sửa", action="submit")
    )
    assert response.status_code == 302
    assert Listing.objects.values_list("title", "status").get() == ("Bản sửa", "submitted")
    return [listing.pk], "submitted"


def owner_page_archives(client):
    membership = _member(client)
    listing = ListingFactory(organisation=membership.organisation)
    response = client.post(f"/en/listings/{listing.pk}/archive/")
    assert response.status_code == 302
    assert Listing.objects.get().status == "archived"
    return [listing.pk], "archived"


def moderation_page_returns(client):
    listing = ListingFactory(status="submitted", published_at=None, expires_at=None)
    _curator(client)
    response = client.post(
        f"/en/listings/moderation/{listing.pk}/return/", {"reason": "Thiếu số liệu thử nghiệm."}
    )
    assert response.status_code == 302
    assert Listing.objects.get().status == "returned"
    return [listing.pk], "returned"


def moderation_page_approves(client):
    listing = ListingFactory(status="submitted", published_at=None, expires_at=None)
    _curator(client)
    response = client.post(f"/en/listings/moderation/{listing.pk}/approve/")
    assert response.status_code == 302
    assert Listing.objects.get().status == "published"
    return [listing.pk], "approved"


def api_member_creates(client):
    membership = MembershipFactory(organisation=OrganisationFactory(tax_code="0101234567"))
    key = Token.objects.create(user=membership.user).key
    response = post(client, "/api/v1/offers/", offer_body(), key)
    assert response.status_code == 201
    return [response.json()["id"]], "created"


def api_member_patches(client):
    membership = MembershipFactory(organisation=OrganisationFactory(tax_code="0101234567"))
    key = Token.objects.create(user=membership.user).key
    listing = ListingFactory(organisation=membership.organisation)
    response = patch(client, f"/api/v1/offers/{listing.pk}/", {"trl": 8}, key)
    assert response.status_code == 200
    assert Listing.objects.get().trl == 8
    return [listing.pk], "updated"


def api_exchange_token_syncs(client):
    key = exchange_key("hanoi")
    body = offer_body(
        external_id="web-1",
        organisation={"name": "Viện A", "kind": "research_institute", "province": "ha-noi"},
    )
    created = post(client, "/api/v1/offers/", body, key)
    repeated = post(client, "/api/v1/offers/", body, key)  # changes nothing: no event
    assert (created.status_code, repeated.status_code) == (201, 200)
    return [created.json()["id"]], "synced"


def import_command(client, tmp_path):
    path = tmp_path / "listings.jsonl"
    path.write_text("\n".join(json.dumps(offer(f"cmd-{n}")) for n in (1, 2)), encoding="utf-8")
    call_command("import_listings", str(path))
    call_command("import_listings", str(path))  # the same file again changes nothing
    return sorted(Listing.objects.values_list("pk", flat=True)), "imported"


def bulk_import_in_batches(client):
    ListingFactory(exchange=exchange("hanoi"), external_id="bulk-3", title="Cũ")
    lines = [json.dumps(offer(f"bulk-{n}")) for n in range(1, 6)]
    report = listings_import(lines=lines, default_exchange=None, batch_size=2)
    assert (report.created, report.updated) == (4, 1)
    return sorted(Listing.objects.values_list("pk", flat=True)), "imported"


def spreadsheet_upload(client):
    _curator(client)
    content = csv_bytes([row(external_id="sheet-1"), row(external_id="sheet-2")])
    response = client.post(
        "/en/staff/listings/import/",
        {
            "exchange": "hanoi",
            "status": "published",
            "file": SimpleUploadedFile("listings.csv", content),
        },
    )
    assert response.status_code == 302
    confirmed = client.post(response.url)
    assert confirmed.status_code == 200
    return sorted(Listing.objects.values_list("pk", flat=True)), "imported"


def admin_action_archives(client):
    first, second = ListingFactory(), ListingFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        "/django-admin/listings/listing/",
        {"action": "archive", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert set(Listing.objects.values_list("status", flat=True)) == {"archived"}
    return [first.pk, second.pk], "archived"


def expiry_job(client):
    due = ListingFactory(expires_at=timezone.now() - timedelta(minutes=1))
    ListingFactory(expires_at=timezone.now() + timedelta(days=1))  # not yet
    assert expire_listings.delay().get() == 1
    return [due.pk], "expired"


WRITE_PATHS = [
    owner_page_creates,
    owner_page_edits,
    owner_page_edits_and_submits,
    owner_page_archives,
    moderation_page_approves,
    moderation_page_returns,
    api_member_creates,
    api_member_patches,
    api_exchange_token_syncs,
    import_command,
    bulk_import_in_batches,
    spreadsheet_upload,
    admin_action_archives,
    expiry_job,
]


@pytest.mark.parametrize("write", WRITE_PATHS, ids=lambda write: write.__name__)
def test_each_write_path_announces_each_changed_listing_once_and_indexes_it_once(
    write, client, index_updates, django_capture_on_commit_callbacks, tmp_path
):
    # When a listing is written through this path (its transactions commit)
    with django_capture_on_commit_callbacks(execute=True):
        kwargs = {"tmp_path": tmp_path} if "tmp_path" in write.__code__.co_varnames else {}
        changed, reason = write(client, **kwargs)

    # Then exactly one event per changed listing went out, with the path's reason
    listing_events = [(ids, why) for what, ids, why in EVENTS if what == "listings"]
    announced = Counter(pk for ids, _why in listing_events for pk in ids)
    assert announced == Counter(changed)
    assert {why for _ids, why in listing_events} == {reason}
    # And search made exactly one index update for each of them, and none for anything else
    assert index_updates == Counter(changed)


def test_nothing_is_announced_when_the_write_rolls_back(
    index_updates, django_capture_on_commit_callbacks
):
    # Given a member who creates a listing in a transaction that then fails
    membership = MembershipFactory()
    data = listing_data_from_dict(offer("rolled-back"), vocab=Vocabularies())
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.listing_create(
            actor=membership.user, organisation=membership.organisation, data=data
        )
        raise RuntimeError("the request failed after the write")

    # Then nothing was written, nothing waits for a commit and nothing was announced
    assert (Listing.objects.count(), callbacks, EVENTS) == (0, [], [])
    assert index_updates == Counter()


def test_a_dry_run_announces_nothing(index_updates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = listings_import(
            lines=[json.dumps(offer("dry"))], default_exchange=None, dry_run=True
        )

    assert (report.created, Listing.objects.count(), callbacks, EVENTS) == (1, 0, [], [])
    assert index_updates == Counter()


def test_an_organisation_change_refreshes_its_listings_once(
    index_updates, django_capture_on_commit_callbacks
):
    # Given an organisation with two listings (one of them a draft)
    membership = MembershipFactory(role="owner")
    organisation = membership.organisation
    listings = [
        ListingFactory(organisation=organisation),
        ListingFactory(organisation=organisation, status="draft", published_at=None),
    ]

    # When its owner renames it
    with django_capture_on_commit_callbacks(execute=True):
        account_services.organisation_update(
            actor=membership.user, organisation=organisation, data={"name": "Viện Mới"}
        )

    # Then accounts announced one change, and search refreshed each of its listings once
    assert [("organisations", (organisation.pk,), "updated")] == EVENTS
    assert index_updates == Counter(listing.pk for listing in listings)


def test_new_organisations_are_announced_without_reindexing(
    index_updates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        listings_import(lines=[json.dumps(offer("org-1"))], default_exchange=None)

    organisation = Listing.objects.get().organisation
    assert ("organisations", (organisation.pk,), "created") in EVENTS
    # The new listing is indexed once, by its own event; the organisation's adds nothing
    assert index_updates == Counter([Listing.objects.get().pk])
