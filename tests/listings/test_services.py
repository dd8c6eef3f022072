"""The listing life cycle and readers' actions, through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from listings import selectors, services
from listings.formats import Vocabularies, listing_data_from_dict
from listings.models import Listing, ListingInterest, NdaAcceptance
from marketplace.exchanges import permissions
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    exchange,
    province,
)

pytestmark = pytest.mark.django_db


def offer_data(**changes):
    obj = {
        "kind": "offer",
        "title": "Hệ thống cảm biến độ ẩm đất LoRa",
        "summary": "Cảm biến không dây cho vườn cà phê.",
        "description": "Mạng cảm biến LoRa đo độ ẩm đất, pin 3 năm.",
        "sectors": ["202"],
        "trl": 7,
        "cooperation": ["licence"],
        "provinces": ["dak-lak"],
        "price_vnd": None,
    }
    obj.update(changes)
    return listing_data_from_dict(obj, vocab=Vocabularies())


@pytest.fixture
def institute_member():
    membership = MembershipFactory(
        organisation=OrganisationFactory(province=province("hai-phong")), role="member"
    )
    membership.organisation.home_exchange = exchange("haiphong")
    membership.organisation.save()
    return membership.user, membership.organisation


def history(listing):
    return [
        (c.from_status, c.to_status, c.actor_id, c.reason)
        for c in selectors.listing_status_history(listing=listing)
    ]


def test_member_creates_submits_curator_approves_and_history_records_each_step(
    institute_member,
):
    # Given a member of an organisation of the Hải Phòng centre and a Hà Nội curator
    user, organisation = institute_member
    curator = ExchangeStaffFactory(exchange=exchange("hanoi"), role="curator").user

    # When the member drafts and submits, and the national curator approves
    listing = services.listing_create(actor=user, organisation=organisation, data=offer_data())
    services.listing_submit(actor=user, listing=listing)
    before = timezone.now()
    services.listing_approve(actor=curator, listing=listing)

    # Then the listing is published for 12 months at the organisation's exchange
    listing.refresh_from_db()
    assert listing.status == "published"
    assert listing.exchange.code == "haiphong"
    assert listing.published_at >= before
    assert listing.expires_at - listing.published_at == timedelta(days=365)
    assert history(listing) == [
        ("", "draft", user.pk, ""),
        ("draft", "submitted", user.pk, ""),
        ("submitted", "published", curator.pk, ""),
    ]
    assert list(listing.sectors.values_list("code", flat=True)) == ["202"]
    assert list(listing.provinces.values_list("slug", flat=True)) == ["dak-lak"]


def test_returned_listing_carries_the_reason_and_can_be_resubmitted(institute_member):
    user, organisation = institute_member
    curator = ExchangeStaffFactory(exchange=exchange("haiphong"), role="curator").user
    listing = services.listing_create(
        actor=user, organisation=organisation, data=offer_data(), status="submitted"
    )

    with pytest.raises(ValidationError):
        services.listing_return(actor=curator, listing=listing, reason="   ")
    services.listing_return(actor=curator, listing=listing, reason="Thiếu số bằng sáng chế")
    services.listing_submit(actor=user, listing=listing)

    listing.refresh_from_db()
    assert listing.status == "submitted"
    assert listing.return_reason == ""
    assert [h[1] for h in history(listing)] == ["submitted", "returned", "submitted"]
    assert history(listing)[1][3] == "Thiếu số bằng sáng chế"


@pytest.mark.parametrize(
    ("staff_exchange", "role", "allowed"),
    [
        ("haiphong", "curator", True),
        ("hanoi", "curator", True),
        ("hanoi", "admin", True),
        ("hanoi", "broker", False),
        ("nghean", "curator", False),
        ("hcmc", "curator", False),
    ],
)
def test_only_moderators_in_scope_approve(institute_member, staff_exchange, role, allowed):
    user, organisation = institute_member
    staff = ExchangeStaffFactory(exchange=exchange(staff_exchange), role=role).user
    listing = services.listing_create(
        actor=user, organisation=organisation, data=offer_data(), status="submitted"
    )

    if allowed:
        services.listing_approve(actor=staff, listing=listing)
        assert Listing.objects.get(pk=listing.pk).status == "published"
    else:
        with pytest.raises(PermissionDenied):
            services.listing_approve(actor=staff, listing=listing)
        assert Listing.objects.get(pk=listing.pk).status == "submitted"
        assert listing.pk not in [item.pk for item in selectors.moderation_queue(user=staff)]


def test_outsiders_cannot_create_or_edit_and_invalid_transitions_are_refused(institute_member):
    user, organisation = institute_member
    outsider = UserFactory()
    listing = services.listing_create(actor=user, organisation=organisation, data=offer_data())

    with pytest.raises(PermissionDenied):
        services.listing_create(actor=outsider, organisation=organisation, data=offer_data())
    with pytest.raises(PermissionDenied):
        services.listing_update(actor=outsider, listing=listing, data=offer_data(title="Khác"))
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.listing_approve(
            actor=ExchangeStaffFactory(exchange=exchange("hanoi")).user, listing=listing
        )
    assert caught.value.messages == ["A listing that is “Draft” cannot become “Published”."]
    assert Listing.objects.filter(organisation=organisation).count() == 1


def test_expiry_job_expires_due_listings_once_and_renewal_brings_them_back(institute_member):
    user, organisation = institute_member
    due = ListingFactory(organisation=organisation, expires_at=timezone.now() - timedelta(hours=1))
    fresh = ListingFactory(organisation=organisation)

    assert services.listings_expire_due() == 1
    assert services.listings_expire_due() == 0
    due.refresh_from_db()
    fresh.refresh_from_db()
    assert (due.status, fresh.status) == ("expired", "published")

    services.listing_renew(actor=user, listing=due)
    due.refresh_from_db()
    assert due.status == "published"
    assert due.expires_at > timezone.now() + timedelta(days=364)


def test_stale_badge_after_six_months_without_content_updates():
    old = ListingFactory(content_updated_at=timezone.now() - timedelta(days=183))
    recent = ListingFactory(content_updated_at=timezone.now() - timedelta(days=30))

    assert (old.is_stale, recent.is_stale) == (True, False)


def test_confidential_part_needs_membership_staff_or_an_accepted_nda(institute_member):
    owner, organisation = institute_member
    listing = ListingFactory(organisation=organisation, confidential_details="Công thức")
    enterprise_user = MembershipFactory(organisation=OrganisationFactory(kind="enterprise")).user
    enterprise = enterprise_user.memberships.get().organisation
    staff = ExchangeStaffFactory(exchange=exchange("hanoi"), role="broker").user
    other_staff = ExchangeStaffFactory(exchange=exchange("hcmc"), role="admin").user

    visible = {
        name: permissions.may_read_confidential(user=u, listing=listing)
        for name, u in [
            ("owner", owner),
            ("enterprise", enterprise_user),
            ("staff", staff),
            ("other_staff", other_staff),
        ]
    }
    assert visible == {"owner": True, "enterprise": False, "staff": True, "other_staff": False}

    acceptance = services.nda_accept(
        user=enterprise_user, organisation=enterprise, listing=listing, nda=services.nda_current()
    )

    assert (acceptance.user, acceptance.organisation, acceptance.nda.version) == (
        enterprise_user,
        enterprise,
        1,
    )
    assert permissions.may_read_confidential(user=enterprise_user, listing=listing) is True
    services.nda_accept(
        user=enterprise_user, organisation=enterprise, listing=listing, nda=services.nda_current()
    )
    assert NdaAcceptance.objects.count() == 1


def test_expressing_interest_twice_keeps_one_row_and_sends_one_email(
    institute_member, django_capture_on_commit_callbacks
):
    owner, organisation = institute_member
    listing = ListingFactory(organisation=organisation)
    buyer = MembershipFactory(organisation=OrganisationFactory(kind="enterprise"))

    with django_capture_on_commit_callbacks(execute=True):
        services.interest_express(
            user=buyer.user, organisation=buyer.organisation, listing=listing, message="Quan tâm"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_express(
            user=buyer.user, organisation=buyer.organisation, listing=listing, message="Gọi lại"
        )

    interest = ListingInterest.objects.get()
    assert interest.message == "Gọi lại"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    with pytest.raises(ValidationError):
        services.interest_express(
            user=owner, organisation=organisation, listing=listing, message="self"
        )
