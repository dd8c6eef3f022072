"""The demo listings of seed_demo (demo.listings, data/listings.jsonl): exact contents,
coverage of every vocabulary, validity in the exchange format, life cycle, interest and
idempotency."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from demo.listings import listing_lines
from demo.people import organisations_data
from demo.seed import DEMO_ENTERPRISE, DEMO_INSTITUTE, demo_seed, listing_counts
from listings.emails import renewal_reminders_send
from listings.formats import Vocabularies, listing_data_from_dict, listing_to_dict
from listings.models import (
    STALE_AFTER,
    Listing,
    ListingInterest,
    ListingStatusChange,
    NdaAcceptance,
    Vocabulary,
)
from listings.selectors import moderation_queue
from listings.services import listings_expire_due
from marketplace.accounts.models import Membership, Organisation, User
from marketplace.exchanges.models import Exchange, Province
from marketplace.exchanges.permissions import may_read_confidential, staff_may_act_on
from marketplace.reference.models import Sector

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

OFFER_COUNT = 306  # 51 technologies × 6 variants
NEED_COUNT = 161  # 23 needs × 7 variants
DEMO_SERIES = "2026"  # the year part of external ids: "hanoi-2026-0012"
OFFERS_BY_STATUS = {"draft": 12, "submitted": 21, "returned": 6, "published": 255,
                    "expired": 6, "archived": 6}  # fmt: skip
NEEDS_BY_STATUS = {"draft": 6, "submitted": 9, "returned": 3, "published": 137,
                   "expired": 3, "archived": 3}  # fmt: skip
BY_LANGUAGE = {("offer", "vi"): 258, ("offer", "en"): 48, ("need", "vi"): 137, ("need", "en"): 24}
SUBMITTED_PER_NATIONAL = {"hanoi": 10, "hcmc": 10, "danang": 10}
BY_EXCHANGE = {"hanoi": 153, "hcmc": 120, "danang": 51, "cantho": 39, "thainguyen": 31,
               "nghean": 18, "haiphong": 17, "hue": 16, "khanhhoa": 15, "dongnai": 7}  # fmt: skip
LEVEL2_SECTORS_USED = 42  # of 46: not 199, 599, 603, 699 ("other" and philosophy)
FEATURED = 12  # 4 per national exchange
STALE = 13
EXPIRING_WITHIN_30_DAYS = 22
NEEDS_WITH_DEADLINE = 69
INTERESTS = 62
NDA_ACCEPTANCES = 29
TEXT_FIELDS = ("title", "summary", "description", "applications", "advantages",
               "confidential_details", "return_reason")  # fmt: skip
OFFERING_KINDS = {"research_institute", "university", "startup"}
NEEDING_KINDS = {"enterprise", "government"}
OWNER_EMAILS = {spec["key"]: spec["owner"]["email"] for spec in organisations_data()}


def owner_email(key: str) -> str:
    return OWNER_EMAILS[key]


def staff_email(code: str, role: str) -> str:
    return f"{role}.{code}@demo.vntx.vn"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One seed for the whole module, inside a transaction rolled back at the end; each test
    runs in a savepoint of it, so tests may change the data."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield demo_seed()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def snapshot() -> list[tuple]:
    return sorted(
        Listing.objects.values_list(
            "exchange__code", "external_id", "kind", "status", "title", "description",
            "organisation__tax_code", "published_at", "expires_at", "content_updated_at",
            "featured_at", "created_at", "updated_at", "views_count", "deadline",
        )
    )  # fmt: skip


# --- Exact contents ------------------------------------------------------------------------


def test_seed_creates_the_exact_demo_listings(seeded):
    assert Listing.objects.filter(kind="offer").count() == OFFER_COUNT
    assert Listing.objects.filter(kind="need").count() == NEED_COUNT
    counts = listing_counts()
    assert counts["by_status"] == {"offer": OFFERS_BY_STATUS, "need": NEEDS_BY_STATUS}
    assert dict(Counter(Listing.objects.values_list("kind", "language"))) == BY_LANGUAGE
    english = BY_LANGUAGE[("offer", "en")] + BY_LANGUAGE[("need", "en")]
    assert english / (OFFER_COUNT + NEED_COUNT) == pytest.approx(0.15, abs=0.01)
    assert dict(Counter(Listing.objects.values_list("exchange__code", flat=True))) == BY_EXCHANGE
    assert counts["featured"] == FEATURED
    assert counts["stale"] == STALE
    assert counts["expiring"] == EXPIRING_WITHIN_30_DAYS
    assert counts["interests"] == INTERESTS == ListingInterest.objects.count()
    assert counts["ndas"] == NDA_ACCEPTANCES == NdaAcceptance.objects.count()
    assert counts["sectors"] == LEVEL2_SECTORS_USED
    assert seeded.created["listings"] == OFFER_COUNT + NEED_COUNT
    assert seeded.created["listing_interests"] == INTERESTS
    assert seeded.created["nda_acceptances"] == NDA_ACCEPTANCES


def test_the_summary_prints_listings_by_status(seeded):
    text = seeded.render_counts()
    assert (
        "  Offers:         306 (draft 12, submitted 21, returned 6, published 255, expired 6, "
        "archived 6)"
    ) in text
    assert (
        "  Needs:          161 (draft 6, submitted 9, returned 3, published 137, expired 3, "
        "archived 3)"
    ) in text
    assert (
        "  Listings:       72 in English, 12 featured, 13 not updated for 6 months, 22 expiring "
        "within 30 days\n  Interest:       62 expressions of interest, 29 NDA acceptances\n"
    ) in text
    assert "  Awaiting moderation: VNTX Hà Nội 10, VNTX TP.HCM 10, VNTX Đà Nẵng 10" in text
    assert "listings 467, listing_status_changes" in text


# --- Coverage of the vocabularies -----------------------------------------------------------


def test_listings_cover_every_province_exchange_and_vocabulary(seeded):
    listings = Listing.objects.all()
    used_provinces = Province.objects.filter(listings__isnull=False).distinct()
    assert used_provinces.count() == Province.objects.count() == 34
    used_exchanges = set(listings.values_list("exchange__code", flat=True))
    assert used_exchanges == set(Exchange.objects.values_list("code", flat=True))
    assert {"national", "local"} == set(listings.values_list("exchange__kind", flat=True))
    offers = listings.filter(kind="offer")
    assert set(offers.values_list("ip_status", flat=True)) == set(Vocabulary.IpStatus.values)
    assert set(offers.values_list("trl", flat=True)) == set(range(1, 10))
    assert set(listings.filter(kind="need").values_list("trl", flat=True)) == {5, 6, 7, 8, 9}
    for kind in ("offer", "need"):
        used = Counter(
            code for codes in listings.filter(kind=kind).values_list("cooperation", flat=True)
            for code in codes
        )  # fmt: skip
        assert set(used) == set(Vocabulary.Cooperation.values), kind
    fields = set(Sector.objects.filter(listings__isnull=False).values_list("parent_id", flat=True))
    assert fields == set(Sector.objects.filter(parent__isnull=True).values_list("code", flat=True))
    assert not Sector.objects.filter(parent__isnull=True, listings__isnull=False).exists()
    unused = Sector.objects.filter(parent__isnull=False, listings__isnull=True)
    assert sorted(unused.values_list("code", flat=True)) == ["199", "599", "603", "699"]


def test_prices_take_every_form(seeded):
    for kind in ("offer", "need"):
        forms = Counter(
            "range" if low and high else "from" if low else "up to" if high else "negotiable"
            for low, high in Listing.objects.filter(kind=kind).values_list(
                "price_min_vnd", "price_max_vnd"
            )
        )
        assert set(forms) == {"range", "from", "up to", "negotiable"}, kind
        assert min(forms.values()) >= 30, forms
    ranges = Listing.objects.filter(price_min_vnd__isnull=False, price_max_vnd__isnull=False)
    assert all(low < high for low, high in ranges.values_list("price_min_vnd", "price_max_vnd"))


def test_some_needs_have_deadlines_in_the_future(seeded):
    today = timezone.localdate()
    with_deadline = Listing.objects.filter(deadline__isnull=False)
    assert with_deadline.count() == NEEDS_WITH_DEADLINE
    assert set(with_deadline.values_list("kind", flat=True)) == {"need"}
    assert all(deadline > today for deadline in with_deadline.values_list("deadline", flat=True))


# --- Validity and texts ----------------------------------------------------------------------


def test_every_stored_listing_is_valid_in_the_exchange_format(seeded):
    vocab = Vocabularies()
    listings = Listing.objects.select_related(
        "organisation__province", "exchange"
    ).prefetch_related(
        "sectors", "provinces", "organisation__interest_sectors", "organisation__interest_provinces"
    )  # fmt: skip
    for listing in listings:
        data = listing_data_from_dict(
            listing_to_dict(listing), vocab=vocab, kind=listing.kind, require_exchange=True
        )
        assert data.title == listing.title and data.exchange == listing.exchange.code
        assert data.organisation.tax_code == listing.organisation.tax_code


def test_the_data_lines_are_what_the_seed_stored(seeded):
    """Each line of data/listings.jsonl is one stored listing, in its planned status, with its
    text and confidential part as the line gives them."""
    stored = {
        (listing.exchange.code, listing.external_id): listing
        for listing in Listing.objects.select_related("exchange", "organisation")
    }
    lines = listing_lines()
    assert len(lines) == len(stored) == OFFER_COUNT + NEED_COUNT
    for record, plan in lines:
        listing = stored[(record["exchange"], record["external_id"])]
        assert (listing.kind, listing.title, listing.status) == (
            record["kind"], record["title"], plan["status"]
        )  # fmt: skip
        assert listing.description == record["description"]
        assert listing.organisation.tax_code == record["organisation"]["tax_code"]
        for name, value in record["confidential"].items():
            assert getattr(listing, name) == value
        assert listing.views_count == plan.get("views", 0)
        assert (listing.featured_at is not None) == plan.get("featured", False)


def test_texts_are_realistic_and_complete(seeded):
    lorem = re.compile(r"lorem|ipsum|dolor sit", re.IGNORECASE)
    sentence_end = re.compile(r"[.!?](?:\s|$)")
    titles = set()
    for listing in Listing.objects.all():
        for name in TEXT_FIELDS:
            assert not lorem.search(getattr(listing, name)), (listing.external_id, name)
        titles.add(listing.title)
        assert 1 <= len(sentence_end.findall(listing.summary)) <= 3, listing.summary
        assert len(sentence_end.findall(listing.description)) >= 4
        assert listing.description.count("\n\n") == 2  # what, advantages/needs, partner
        assert 4 <= len(listing.keywords) <= 7 and listing.applications and listing.advantages
        assert listing.confidential_details and listing.contact_name
        assert re.fullmatch(r"(owner|member)\.[a-z0-9-]+@demo\.vntx\.vn", listing.contact_email)
        assert re.fullmatch(r"09\d\d \d{3} \d{3}", listing.contact_phone)
        assert listing.organisation.name in listing.description
        if listing.language == "vi":
            assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]",
                             listing.description)  # fmt: skip
    assert len(titles) == OFFER_COUNT + NEED_COUNT
    nano = Listing.objects.get(external_id=f"hanoi-{DEMO_SERIES}-0001")
    assert nano.title == "Lớp phủ nano bạc kháng khuẩn cho vải y tế (mẻ thử 5 kg)"
    assert nano.organisation.name == "Viện Khoa học Vật liệu"
    assert nano.ip_status == "patent_granted" and nano.ip_numbers == ["1-0010000"]
    for phrase in ("ao nuôi tôm", "sấy cà phê", "rơm rạ", "LoRa", "OCR", "cá tra", "chịu mặn",
                   "biogas", "thanh long", "năng lượng mặt trời", "nhà màng", "vỏ hạt điều",
                   "tre", "chất thải y tế", "X-quang", "bay không người lái"):  # fmt: skip
        assert Listing.objects.filter(title__icontains=phrase).exists(), phrase


def test_external_ids_follow_the_exchange_numbering(seeded):
    for code, external_id in Listing.objects.values_list("exchange__code", "external_id"):
        assert re.fullmatch(rf"{code}-{DEMO_SERIES}-\d{{4}}", external_id)
    for code, n in BY_EXCHANGE.items():
        numbers = sorted(
            int(external_id.rsplit("-", 1)[1])
            for external_id in Listing.objects.filter(exchange__code=code).values_list(
                "external_id", flat=True
            )
        )
        assert numbers == list(range(1, n + 1)), code


def test_owners_are_the_right_kinds_of_organisation(seeded):
    kinds = dict(Counter(Listing.objects.values_list("kind", "organisation__kind")))
    assert {kind for (listing_kind, kind) in kinds if listing_kind == "offer"} == OFFERING_KINDS
    assert {kind for (listing_kind, kind) in kinds if listing_kind == "need"} == NEEDING_KINDS
    for listing in Listing.objects.select_related("organisation", "exchange"):
        assert listing.exchange_id == listing.organisation.home_exchange_id
        if listing.status in ("draft", "submitted", "returned"):
            # Written by their owners on the site; the others came in through the import.
            assert Membership.objects.filter(
                user=listing.created_by, organisation=listing.organisation, role="owner"
            ).exists()
        else:
            assert listing.created_by is None


# --- Life cycle ------------------------------------------------------------------------------


def test_published_listings_spread_over_18_months_and_none_is_overdue(seeded):
    now = timezone.now()
    published = Listing.objects.filter(status="published")
    oldest = min(published.values_list("published_at", flat=True))
    assert now - timedelta(days=540) <= oldest < now - timedelta(days=500)
    for listing in published:
        assert listing.published_at <= now < listing.expires_at
        renewed = listing.expires_at - listing.content_updated_at == timedelta(days=365)
        assert listing.expires_at - listing.published_at == timedelta(days=365) or renewed
        assert listing.content_updated_at >= listing.published_at
    assert listings_expire_due(now=now) == 0
    stale = [listing for listing in published if listing.is_stale]
    assert len(stale) == STALE
    assert all(listing.published_at < now - STALE_AFTER for listing in stale)
    soon = published.filter(expires_at__lte=now + timedelta(days=30))
    assert soon.count() == EXPIRING_WITHIN_30_DAYS
    assert soon.filter(expires_at__lte=now + timedelta(days=7)).count() == 4
    for status in ("draft", "submitted", "returned"):
        assert not Listing.objects.filter(status=status, published_at__isnull=False).exists()
    for status in ("expired", "archived"):
        assert not Listing.objects.filter(status=status, published_at__isnull=True).exists()
    assert not Listing.objects.filter(status="expired", expires_at__gt=now).exists()


def test_renewal_reminders_can_be_demoed(seeded, mailoutbox):
    assert renewal_reminders_send() == EXPIRING_WITHIN_30_DAYS
    assert len(mailoutbox) == EXPIRING_WITHIN_30_DAYS


def test_featured_listings_are_published_and_spread_over_the_exchanges(seeded):
    featured = Listing.objects.filter(featured_at__isnull=False).select_related("exchange__parent")
    assert featured.count() == FEATURED
    assert set(featured.values_list("status", flat=True)) == {"published"}
    national = Counter(listing.exchange.national_exchange.code for listing in featured)
    assert national == {"hanoi": 4, "hcmc": 4, "danang": 4}


def test_each_national_exchange_has_ten_listings_to_moderate(seeded):
    for code, n in SUBMITTED_PER_NATIONAL.items():
        curator = User.objects.get(email=staff_email(code, "curator"))
        queue = moderation_queue(user=curator)
        assert queue.count() == n, code
        assert all(staff_may_act_on(user=curator, obj=listing, roles=["curator"])
                   for listing in queue)  # fmt: skip
    # A local centre's curator sees only the centre's own part of the queue.
    cantho = User.objects.get(email=staff_email("cantho", "curator"))
    assert set(moderation_queue(user=cantho).values_list("exchange__code", flat=True)) <= {"cantho"}


def test_status_history_leads_to_each_status(seeded):
    history = {}
    for change in ListingStatusChange.objects.select_related("actor").order_by("created_at", "pk"):
        history.setdefault(change.listing_id, []).append(change)
    assert len(history) == OFFER_COUNT + NEED_COUNT
    expected_paths = {
        "draft": [("", "draft")],
        "submitted": [("", "draft"), ("draft", "submitted")],
        "returned": [("", "draft"), ("draft", "submitted"), ("submitted", "returned")],
        "published": [("", "submitted"), ("submitted", "published")],
        "archived": [("", "submitted"), ("submitted", "published"), ("published", "archived")],
        "expired": [("", "submitted"), ("submitted", "published"), ("published", "expired")],
    }
    now = timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        not_renewed = gettext("Not renewed")  # as the daily expiry job writes it
        imported = gettext("Imported")  # as the import writes it
    for listing in Listing.objects.select_related("exchange__parent"):
        changes = history[listing.pk]
        path = [(change.from_status, change.to_status) for change in changes]
        assert path == expected_paths[listing.status], listing.external_id
        assert changes[0].created_at == listing.created_at <= listing.updated_at <= now
        for change in changes:
            if change.to_status in ("published", "returned"):
                assert staff_may_act_on(user=change.actor, obj=listing, roles=["curator"])
            elif change.to_status == "expired":
                assert change.actor is None and change.reason == not_renewed
            elif (change.from_status, change.to_status) == ("", "submitted"):
                assert change.actor is None and change.reason == imported
            else:
                assert Membership.objects.filter(
                    user=change.actor, organisation_id=listing.organisation_id, role="owner"
                ).exists()
        if listing.status == "returned":
            assert listing.return_reason and changes[-1].reason == listing.return_reason
        if listing.status == "published":
            assert changes[-1].created_at == listing.published_at
    assert ListingStatusChange.objects.count() == seeded.created["listing_status_changes"]


# --- Interest and NDAs ---------------------------------------------------------------------


def test_interest_and_ndas_link_demo_organisations(seeded):
    for interest in ListingInterest.objects.select_related("listing", "organisation", "user"):
        assert interest.listing.status == "published"
        assert interest.organisation_id != interest.listing.organisation_id
        assert interest.listing.published_at <= interest.created_at <= timezone.now()
        assert interest.message
        assert Membership.objects.filter(
            user=interest.user, organisation=interest.organisation, role="owner"
        ).exists()
    kinds = Counter(ListingInterest.objects.values_list("listing__kind", "organisation__kind"))
    assert {kind for (listing_kind, kind) in kinds if listing_kind == "offer"} <= {
        "enterprise", "investor"
    }  # fmt: skip
    assert {kind for (listing_kind, kind) in kinds if listing_kind == "need"} <= OFFERING_KINDS
    for acceptance in NdaAcceptance.objects.select_related("listing"):
        assert ListingInterest.objects.filter(
            listing=acceptance.listing, organisation=acceptance.organisation
        ).exists()
        assert acceptance.nda.version == 1
    # The demo enterprise has accepted the NDA of one of the demo institute's offers: its
    # owner reads that confidential part, a user of another organisation does not.
    enterprise_owner = User.objects.get(email=owner_email(DEMO_ENTERPRISE))
    signed = Listing.objects.filter(
        organisation__memberships__user__email=owner_email(DEMO_INSTITUTE),
        nda_acceptances__organisation__memberships__user=enterprise_owner,
    ).distinct()
    assert signed.count() >= 1
    assert may_read_confidential(user=enterprise_owner, listing=signed.first())
    other = User.objects.get(email=owner_email("co-khi-dong-anh"))
    assert not may_read_confidential(user=other, listing=signed.first())


# --- Idempotency -----------------------------------------------------------------------------


def test_second_run_creates_nothing_and_changes_nothing(seeded):
    before = snapshot()
    histories = ListingStatusChange.objects.count()
    pairs = (ListingInterest.objects.count(), NdaAcceptance.objects.count())
    summary = demo_seed()
    assert summary.created_total == 0 and summary.updated_total == 0
    assert snapshot() == before
    assert ListingStatusChange.objects.count() == histories
    assert (ListingInterest.objects.count(), NdaAcceptance.objects.count()) == pairs
    assert "Created this run: 0 (none)" in summary.render_counts()


def test_rerun_restores_edited_listings_and_recreates_deleted_ones(seeded):
    edited = Listing.objects.get(external_id=f"hanoi-{DEMO_SERIES}-0001")
    title, status, published_at = edited.title, edited.status, edited.published_at
    edited.title = "Tiêu đề đã sửa"
    edited.contact_phone = "0123"
    edited.save()
    edited.sectors.set(["101"])
    Listing.objects.get(external_id=f"danang-{DEMO_SERIES}-0003").delete()

    summary = demo_seed()
    assert summary.created["listings"] == 1 and summary.updated["listings"] == 1
    edited.refresh_from_db()
    assert edited.title == title and edited.contact_phone != "0123"
    assert sorted(edited.sectors.values_list("code", flat=True)) == ["205", "210"]
    assert (edited.status, edited.published_at) == (status, published_at)
    assert Listing.objects.filter(external_id=f"danang-{DEMO_SERIES}-0003").count() == 1
    assert Listing.objects.count() == OFFER_COUNT + NEED_COUNT
    assert demo_seed().created_total == 0


def test_only_demo_organisations_own_the_listings(seeded):
    demo_tax_codes = {spec["tax_code"] for spec in organisations_data()}
    owners = set(Listing.objects.values_list("organisation__tax_code", flat=True))
    assert owners <= demo_tax_codes
    assert Organisation.objects.count() == len(demo_tax_codes)
