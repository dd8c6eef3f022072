"""Indexing: documents, the on-commit tasks of the services, rebuild, check and repair, the
management command and the embedded engine's start-up fill. Tests talk to the real engine
(osmem-server, or Elasticsearch when ELASTICSEARCH_URL is set)."""

import unicodedata
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from elasticsearch import NotFoundError

from listings import services
from listings.formats import Vocabularies, listing_data_from_dict
from listings.models import Listing
from marketplace.accounts import services as account_services
from search import bootstrap, engine, indexing, repair
from search.documents import alias_name
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    MembershipFactory,
    OrganisationFactory,
    exchange,
)

pytestmark = pytest.mark.django_db


def client():
    return engine.get_client()


def indexed_ids(kind="offer"):
    indexing.refresh()
    response = client().search(index=alias_name(kind), query={"match_all": {}}, size=100)
    return sorted(int(hit["_id"]) for hit in response["hits"]["hits"])


def source(listing):
    indexing.refresh()
    return client().get(index=alias_name(listing.kind), id=str(listing.pk))["_source"]


def concrete(kind="offer"):
    """The concrete indices behind the kind's alias."""
    return sorted(client().indices.get_alias(name=alias_name(kind)).body)


def all_indices(prefix):
    return sorted(client().indices.get(index=f"{prefix}-*").body)


@pytest.fixture
def curator():
    return ExchangeStaffFactory(exchange=exchange("hanoi"), role="curator").user


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs the callbacks queued on commit (the Celery tasks run eagerly)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


# --- document_for ----------------------------------------------------------------------------


def test_document_for_is_the_exact_normalised_document():
    # Given a listing of a local centre with decomposed text and old-style tone marks
    organisation = OrganisationFactory(
        name=unicodedata.normalize("NFD", "Viện Công nghệ  Hoà Bình"),
        kind="university",
        verified_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    listing = ListingFactory(
        organisation=organisation,
        exchange=exchange("haiphong"),
        title=unicodedata.normalize("NFD", "Xử lý nước thải  hoà tan"),
        summary="Lọc  sinh học\nkhoẻ",
        description=unicodedata.normalize("NFD", "Bể lọc sinh học cho làng nghề thuý"),
        applications="Làng nghề dệt nhuộm",
        keywords=[unicodedata.normalize("NFD", "nước thải"), "  ", "sinh học"],
        trl=5,
        ip_status="patent_pending",
        cooperation=["technical_assistance", "licence"],
        price_min_vnd=None,
        price_max_vnd=None,
        language="vi",
        published_at=datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC),
        sectors=["205", "105", "2"],
        provinces=["hai-phong", "ha-noi"],
    )
    listing.refresh_from_db()

    # When the document is built (during an English request, say)
    with translation.override("en"):
        document = indexing.document_for(listing)

    # Then every text is NFC with the modern tone placement and every facet a code
    assert document == {
        "kind": "offer",
        "title": "Xử lý nước thải hòa tan",
        "keywords": ["nước thải", "sinh học"],
        "summary": "Lọc sinh học khỏe",
        "description": "Bể lọc sinh học cho làng nghề thúy",
        "applications": "Làng nghề dệt nhuộm",
        "organisation_name": "Viện Công nghệ Hòa Bình",
        "organisation_id": str(organisation.pk),
        "organisation_kind": "university",
        "organisation_verified": True,
        "exchange": "haiphong",
        "exchanges": ["haiphong", "hanoi"],
        "sectors": ["105", "205"],
        "sector_fields": ["1", "2"],
        "provinces": ["ha-noi", "hai-phong"],
        "cooperation": ["licence", "technical_assistance"],
        "ip_status": "patent_pending",
        "trl": 5,
        "price_min_vnd": None,
        "price_max_vnd": None,
        "negotiable": True,
        "language": "vi",
        "published_at": "2026-03-04T05:06:07+00:00",
        "updated_at": listing.updated_at.astimezone(UTC).isoformat(),
        "suggest": {"input": ["Xử lý nước thải hòa tan", "nước thải", "sinh học"]},
    }


def test_document_for_a_need_of_a_national_exchange_with_a_price():
    listing = ListingFactory(
        kind="need",
        exchange=exchange("hanoi"),
        organisation=OrganisationFactory(verified_at=None),
        keywords=[],
        price_min_vnd=None,
        price_max_vnd=2_000_000_000,
        language="en",
    )
    document = indexing.document_for(listing)
    assert document["exchanges"] == ["hanoi"]
    assert document["ip_status"] is None
    assert document["negotiable"] is False
    assert document["price_max_vnd"] == 2_000_000_000
    assert document["organisation_verified"] is False
    assert document["suggest"] == {"input": [listing.title]}
    assert document["language"] == "en"


# --- The services queue the task on commit --------------------------------------------------


def test_approving_a_listing_indexes_it_on_commit(curator, on_commit):
    # Given a submitted offer: not in the index
    listing = ListingFactory(status="submitted", published_at=None)
    indexing.ensure_indices()
    assert indexed_ids() == []

    # When a curator approves it and the transaction commits
    with on_commit() as callbacks:
        services.listing_approve(actor=curator, listing=listing)

    # Then one task ran and the document is searchable
    assert len(callbacks) == 1
    assert indexed_ids() == [listing.pk]
    assert source(listing)["title"] == listing.title
    assert indexed_ids("need") == []


def test_nothing_is_indexed_before_the_transaction_commits(
    curator, django_capture_on_commit_callbacks
):
    listing = ListingFactory(status="submitted", published_at=None)
    indexing.ensure_indices()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.listing_approve(actor=curator, listing=listing)
    assert len(callbacks) == 1
    assert indexed_ids() == []


def test_creating_a_published_listing_and_editing_it_update_the_document(on_commit):
    member = MembershipFactory(role="owner")
    data = listing_data_from_dict(
        {
            "kind": "need",
            "title": "Cần công nghệ sấy cà phê",
            "summary": "Sấy nông sản.",
            "description": "Máy sấy năng lượng mặt trời.",
            "sectors": ["401"],
            "trl": 6,
            "provinces": ["dak-lak"],
        },
        vocab=Vocabularies(),
    )
    with on_commit():
        listing = services.listing_create(
            actor=None, organisation=member.organisation, data=data, status="published"
        )
    assert indexed_ids("need") == [listing.pk]
    assert source(listing)["sector_fields"] == ["4"]

    data.title = "Cần công nghệ sấy cà phê bằng năng lượng mặt trời"
    with on_commit():
        services.listing_update(actor=member.user, listing=listing, data=data)
    listing.refresh_from_db()
    assert source(listing)["title"] == "Cần công nghệ sấy cà phê bằng năng lượng mặt trời"
    assert source(listing)["updated_at"] == listing.updated_at.astimezone(UTC).isoformat()


def test_a_draft_is_never_indexed(on_commit):
    member = MembershipFactory(role="owner")
    data = listing_data_from_dict(
        {
            "kind": "offer",
            "title": "Bản nháp",
            "summary": "Chưa xong.",
            "description": "Chưa xong.",
            "sectors": ["205"],
            "trl": 3,
        },
        vocab=Vocabularies(),
    )
    indexing.ensure_indices()
    with on_commit() as callbacks:
        listing = services.listing_create(
            actor=member.user, organisation=member.organisation, data=data
        )
        services.listing_update(actor=member.user, listing=listing, data=data)
        services.listing_submit(actor=member.user, listing=listing)
    # Each write announced its change, and search looked: a draft or submitted listing has
    # no document
    assert len(callbacks) == 3
    assert indexing.listing_upsert(listing.pk) == "missing"
    assert indexed_ids() == []


@pytest.mark.parametrize("change", ["archive", "return", "expire"])
def test_archiving_returning_or_expiring_deletes_the_document(change, curator, on_commit):
    # Given a published offer in the index
    listing = ListingFactory()
    assert indexing.listing_upsert(listing.pk) == "indexed"
    assert indexed_ids() == [listing.pk]

    # When it leaves the published state
    with on_commit() as callbacks:
        if change == "archive":
            services.listing_archive(actor=curator, listing=listing)
        elif change == "return":
            services.listing_return(actor=curator, listing=listing, reason="Thiếu mô tả.")
        else:
            Listing.objects.filter(pk=listing.pk).update(expires_at=timezone.now())
            assert services.listings_expire_due() == 1

    # Then its document is gone
    assert len(callbacks) == 1
    assert indexed_ids() == []
    assert indexing.listing_upsert(listing.pk) == "missing"


def test_renewing_an_expired_listing_indexes_it_again(on_commit):
    member = MembershipFactory(role="owner")
    listing = ListingFactory(organisation=member.organisation, status="expired")
    indexing.ensure_indices()
    with on_commit():
        services.listing_renew(actor=member.user, listing=listing)
    assert indexed_ids() == [listing.pk]


def test_featuring_and_moving_exchange_refresh_the_document(curator, on_commit):
    listing = ListingFactory(exchange=exchange("hanoi"))
    indexing.listing_upsert(listing.pk)
    with on_commit():
        services.listing_move_exchange(actor=curator, listing=listing, exchange=exchange("nghean"))
    assert source(listing)["exchanges"] == ["nghean", "hanoi"]
    with on_commit():
        services.listing_set_featured(actor=curator, listing=listing, featured=True)
    listing.refresh_from_db()
    assert source(listing)["updated_at"] == listing.updated_at.astimezone(UTC).isoformat()
    assert repair.index_check().ok


def test_organisation_verification_flips_the_flag_of_its_documents(curator, on_commit):
    organisation = OrganisationFactory(verified_at=None)
    offer = ListingFactory(organisation=organisation)
    need = ListingFactory(organisation=organisation, kind="need")
    draft = ListingFactory(organisation=organisation, status="draft")
    other = ListingFactory()
    for listing in (offer, need, draft, other):
        indexing.listing_upsert(listing.pk)
    assert source(offer)["organisation_verified"] is False

    with on_commit():
        account_services.organisation_set_verified(
            actor=curator, organisation=organisation, verified=True
        )
    assert source(offer)["organisation_verified"] is True
    assert source(need)["organisation_verified"] is True
    assert source(other)["organisation_verified"] is False
    assert indexed_ids() == sorted([offer.pk, other.pk])

    with on_commit():
        account_services.organisation_set_verified(
            actor=curator, organisation=organisation, verified=False
        )
    assert source(offer)["organisation_verified"] is False


def test_renaming_the_organisation_updates_its_documents(on_commit):
    owner = MembershipFactory(role="owner")
    listing = ListingFactory(organisation=owner.organisation)
    indexing.listing_upsert(listing.pk)
    with on_commit():
        account_services.organisation_update(
            actor=owner.user, organisation=owner.organisation, data={"name": "Công ty Đổi Mới"}
        )
    assert source(listing)["organisation_name"] == "Công ty Đổi Mới"


def test_an_import_batch_is_indexed_in_bulk_on_commit(on_commit):
    from listings.importing import listings_import

    line = (
        '{"kind": "offer", "external_id": "HP-1", "title": "Vật liệu bán dẫn", '
        '"summary": "Bán dẫn.", "description": "Bán dẫn hữu cơ.", "sectors": ["205"], '
        '"trl": 4, "organisation": {"name": "Viện Hải Phòng", "kind": "university", '
        '"province": "hai-phong"}}'
    )
    indexing.ensure_indices()
    with on_commit() as callbacks:
        report = listings_import(lines=[line], default_exchange="haiphong")
    assert report.created == 1, report.errors
    # One event for the batch's listings, one for the organisation the line created
    assert len(callbacks) == 2
    assert indexed_ids() == [Listing.objects.get(external_id="HP-1").pk]

    # A changed line sent to moderation leaves the index
    changed = line.replace("Bán dẫn hữu cơ.", "Bán dẫn hữu cơ, bản mới.")
    with on_commit() as callbacks:
        report = listings_import(lines=[changed], default_exchange="haiphong", status="submitted")
    assert report.updated == 1, report.errors
    assert len(callbacks) == 1
    assert indexed_ids() == []


def test_listings_upsert_counts_and_is_idempotent():
    published = [ListingFactory() for _ in range(3)]
    draft = ListingFactory(status="draft")
    ids = [listing.pk for listing in published] + [draft.pk, 999_999]
    assert indexing.listings_upsert(ids, chunk_size=2) == {"indexed": 3, "deleted": 0}
    assert indexing.listings_upsert(ids, chunk_size=2) == {"indexed": 3, "deleted": 0}
    assert indexed_ids() == sorted(listing.pk for listing in published)
    Listing.objects.filter(pk=published[0].pk).update(status="archived")
    assert indexing.listings_upsert(ids) == {"indexed": 2, "deleted": 1}
    assert indexed_ids() == sorted(listing.pk for listing in published[1:])


# --- Rebuild ---------------------------------------------------------------------------------


def test_rebuild_fills_a_new_index_and_swaps_the_alias_atomically(search_index_prefix):
    # Given three published offers and a need in the current index, and a draft
    offers = [ListingFactory() for _ in range(3)]
    need = ListingFactory(kind="need")
    ListingFactory(status="draft")
    indexing.ensure_indices()
    for listing in (*offers, need):
        indexing.listing_upsert(listing.pk)
    old_offers, old_needs = concrete("offer"), concrete("need")
    assert len(old_offers) == 1

    # When the offers are rebuilt in chunks of one, searching through the alias after each chunk
    seen_during = []

    def progress(kind, done):
        seen_during.append((kind, done, concrete("offer"), indexed_ids()))

    result = indexing.index_rebuild("offer", chunk_size=1, progress=progress)

    # Then the alias kept answering with the old index until the swap
    assert [(kind, done) for kind, done, _, _ in seen_during] == [
        ("offer", 1),
        ("offer", 2),
        ("offer", 3),
    ]
    for _kind, _done, behind, ids in seen_during:
        assert behind == old_offers
        assert ids == sorted(listing.pk for listing in offers)
    # and now points at exactly one new index, the old one is deleted, the needs untouched
    new_offers = concrete("offer")
    assert len(new_offers) == 1 and new_offers != old_offers
    assert new_offers[0].startswith(f"{search_index_prefix}-offers-")
    assert result == {"offer": {"indexed": 3, "index": new_offers[0], "removed": old_offers}}
    assert all_indices(search_index_prefix) == sorted(new_offers + old_needs)
    assert indexed_ids() == sorted(listing.pk for listing in offers)
    assert indexed_ids("need") == [need.pk]
    assert repair.index_check().ok


def test_rebuild_of_both_kinds_drops_unpublished_documents(search_index_prefix):
    offer = ListingFactory()
    gone = ListingFactory()
    indexing.ensure_indices()
    indexing.listing_upsert(gone.pk)
    Listing.objects.filter(pk=gone.pk).update(status="archived")
    result = indexing.index_rebuild()
    assert {kind: counts["indexed"] for kind, counts in result.items()} == {"offer": 1, "need": 0}
    assert indexed_ids() == [offer.pk]
    assert len(all_indices(search_index_prefix)) == 2
    # Two rebuilds in the same second still get distinct index names.
    again = indexing.index_rebuild()
    assert again["offer"]["index"] != result["offer"]["index"]
    assert again["offer"]["removed"] == [result["offer"]["index"]]


def test_ensure_indices_is_idempotent_and_replaces_an_index_squatting_the_alias(
    search_index_prefix,
):
    with bootstrap.bootstrap_suspended():
        client().index(index=alias_name("need"), id="1", document={"title": "x"}, refresh=True)
    indexing.ensure_indices()
    first = all_indices(search_index_prefix)
    indexing.ensure_indices()
    assert all_indices(search_index_prefix) == first
    assert len(first) == 2
    assert alias_name("need") not in first
    assert indexed_ids("need") == []


# --- Check and repair ------------------------------------------------------------------------


def test_check_and_repair_find_and_fix_missing_stale_and_extra_documents():
    # Given an index in step with the database...
    missing, stale, renamed, fine = (ListingFactory() for _ in range(4))
    draft = ListingFactory(status="draft")
    indexing.index_rebuild()
    assert repair.index_check().ok
    # ...then a lost document, an older copy, an organisation renamed behind the index's back,
    # a draft's stray document and a document of a listing that no longer exists
    client().delete(index=alias_name("offer"), id=str(missing.pk), refresh=True)
    old = indexing.document_for(stale) | {"updated_at": "2020-01-01T00:00:00+00:00"}
    client().index(index=alias_name("offer"), id=str(stale.pk), document=old)
    renamed.organisation.name = "Tên mới"
    renamed.organisation.save()
    client().index(
        index=alias_name("offer"), id=str(draft.pk), document=indexing.document_for(draft)
    )
    client().index(index=alias_name("need"), id="987654", document=indexing.document_for(fine))
    indexing.refresh()

    # When checked
    report = repair.index_check()

    # Then every difference is reported, by kind
    assert (report.missing, report.stale, report.extra) == (
        [missing.pk],
        sorted([stale.pk, renamed.pk]),
        sorted([draft.pk, 987654]),
    )
    assert report.ok is False
    assert (report.database, report.indexed) == (4, 5)
    assert report.by_kind["need"] == {
        "missing": [],
        "stale": [],
        "extra": [987654],
        "database": 0,
        "indexed": 1,
    }
    assert repair.index_check("offer").extra == [draft.pk]

    # When repaired, it fixes exactly those and reports them
    repaired = repair.index_repair()
    assert (repaired.missing, repaired.stale, repaired.extra) == (
        report.missing,
        report.stale,
        report.extra,
    )
    assert repair.index_check().ok
    assert indexed_ids() == sorted([missing.pk, stale.pk, renamed.pk, fine.pk])
    assert indexed_ids("need") == []
    assert source(renamed)["organisation_name"] == "Tên mới"
    assert source(stale)["updated_at"] == stale.updated_at.astimezone(UTC).isoformat()
    # And a second repair has nothing to do
    assert repair.index_repair().ok


def test_check_pages_through_more_documents_than_one_page(monkeypatch):
    listings = [ListingFactory() for _ in range(7)]
    indexing.index_rebuild()
    state = repair._indexed_state(alias_name("offer"), page_size=3)
    assert sorted(state) == sorted(listing.pk for listing in listings)


# --- The management command -----------------------------------------------------------------


def run(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("search_index", *args, stdout=out)
    return out.getvalue()


def test_command_rebuild_prints_counts_and_the_new_index(search_index_prefix):
    for _ in range(3):
        ListingFactory()
    ListingFactory(kind="need")
    indexing.ensure_indices()
    old = concrete("offer")[0]

    output = run("--rebuild", "--kind", "offer", "--chunk-size", "2")

    new = concrete("offer")[0]
    assert output.splitlines() == [
        "offers: 2 indexed…",
        "offers: 3 indexed…",
        f"offers: 3 indexed into {new} (alias {search_index_prefix}-offers switched); "
        f"deleted {old}",
    ]
    output = run("--rebuild")
    lines = output.splitlines()
    assert lines[0] == "offers: 3 indexed…"
    assert lines[1].startswith("needs: 1 indexed…")
    assert lines[2] == (
        f"offers: 3 indexed into {concrete('offer')[0]} (alias {search_index_prefix}-offers "
        f"switched); deleted {new}"
    )
    assert lines[3].startswith(f"needs: 1 indexed into {concrete('need')[0]} (alias ")


def test_command_check_exits_1_on_differences_and_repair_fixes_them():
    listing = ListingFactory()
    indexing.index_rebuild()
    assert run("--check").splitlines() == [
        "offers: 1 published in the database, 1 in the index",
        "needs: 0 published in the database, 0 in the index",
        "The index matches the database.",
    ]
    client().delete(index=alias_name("offer"), id=str(listing.pk), refresh=True)
    client().index(index=alias_name("need"), id="424242", document={"title": "x"}, refresh=True)

    out = StringIO()
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("search_index", "--check", stdout=out)
    assert error.value.returncode == 1
    assert str(error.value) == "2 differences between the database and the index; run --repair."
    assert out.getvalue().splitlines() == [
        "offers: 1 published in the database, 0 in the index",
        f"  missing (1): {listing.pk}",
        "needs: 0 published in the database, 1 in the index",
        "  extra (1): 424242",
    ]

    assert run("--repair", "--kind", "offer").splitlines() == [
        "offers: 1 published in the database, 0 in the index",
        f"  indexed missing (1): {listing.pk}",
        "Repaired 1 documents.",
    ]
    assert run("--repair").splitlines() == [
        "offers: 1 published in the database, 1 in the index",
        "needs: 0 published in the database, 1 in the index",
        "  deleted extra (1): 424242",
        "Repaired 1 documents.",
    ]
    assert run("--check").splitlines()[-1] == "The index matches the database."


def test_command_requires_one_action():
    with pytest.raises(CommandError):
        call_command("search_index")
    with pytest.raises(CommandError):
        call_command("search_index", "--check", "--repair")


def test_command_reports_an_unreachable_engine_without_a_traceback(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine.reset_client()
    try:
        for action in ("--rebuild", "--check", "--repair"):
            with translation.override("en"), pytest.raises(CommandError) as error:
                call_command("search_index", action, stdout=StringIO())
            assert error.value.returncode == 2
            assert str(error.value).startswith(
                "The search engine at http://127.0.0.1:9 cannot be reached: "
            )
    finally:
        engine.reset_client()


# --- The embedded engine's start-up fill ----------------------------------------------------


@pytest.mark.skipif(
    not engine.uses_embedded_engine(), reason="only the embedded engine starts empty"
)
def test_first_use_of_the_embedded_engine_fills_it_from_the_database(search_index_prefix):
    # Given published listings, and no index under this prefix yet
    offer = ListingFactory()
    need = ListingFactory(kind="need")
    ListingFactory(status="draft")
    bootstrap.reset_state()

    # When the engine is first used (here: a bare client call, as a query would)
    with bootstrap.bootstrap_suspended():
        assert not client().indices.exists_alias(name=alias_name("offer"))
    client().indices.refresh(index=f"{search_index_prefix}-*")

    # Then both indices were built from the database, once
    assert indexed_ids() == [offer.pk]
    assert indexed_ids("need") == [need.pk]
    before = all_indices(search_index_prefix)
    client()
    assert all_indices(search_index_prefix) == before


@pytest.mark.skipif(
    not engine.uses_embedded_engine(), reason="only the embedded engine starts empty"
)
def test_start_up_fill_skips_cleanly_without_a_usable_database(monkeypatch):
    monkeypatch.setattr(bootstrap, "_database_ready", lambda: False)
    ListingFactory()
    bootstrap.reset_state()
    client()
    assert concrete("offer")
    assert indexed_ids() == []


@pytest.mark.skipif(
    not engine.uses_embedded_engine(), reason="only the embedded engine starts empty"
)
def test_start_up_fill_without_database_access_still_creates_the_indices(django_db_blocker):
    # Database access refused (as when the database is not migrated or not reachable).
    ListingFactory()
    bootstrap.reset_state()
    with django_db_blocker.block():
        client()
    assert concrete("offer") and concrete("need")
    assert indexed_ids() == []


def test_listing_upsert_of_an_unknown_id_is_missing():
    assert indexing.listing_upsert(123456789) == "missing"
    with pytest.raises(NotFoundError):
        client().get(index=alias_name("offer"), id="123456789")


@pytest.mark.skipif(
    not engine.uses_embedded_engine(), reason="only the embedded engine lives in this process"
)
def test_with_a_broker_the_embedded_engine_is_still_written_in_this_process():
    # A worker would write into its own in-memory engine, not the web process's one.
    from marketplace.celery import app
    from search.tasks import index_listing

    listing = ListingFactory()
    indexing.ensure_indices()
    app.conf.task_always_eager = False
    try:
        result = index_listing.delay(listing.pk)
    finally:
        app.conf.task_always_eager = True
    assert result.get() == "indexed"
    assert indexed_ids() == [listing.pk]
