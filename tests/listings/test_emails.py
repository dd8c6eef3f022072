"""E-mails about listings: the owner hears of each new expression of interest, and of the
coming expiry of a published listing 30 and 7 days ahead, once each; the daily expiry job."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from listings import emails, services
from listings.models import Listing, RenewalReminder
from tests.factories import ListingFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://vntx.example.vn"
    settings.DEFAULT_FROM_EMAIL = "VNTX <no-reply@vntx.example.vn>"


@pytest.fixture
def owned_listing():
    """A published offer of an institute with two members (e-mails sorted: a..., b...)."""
    organisation = OrganisationFactory(name="Viện Công nghệ Sinh học")
    MembershipFactory(organisation=organisation, user=UserFactory(email="b.tran@viencnsh.vn"))
    MembershipFactory(organisation=organisation, user=UserFactory(email="a.le@viencnsh.vn"))
    return ListingFactory(organisation=organisation, title="Cơ chất trồng nấm từ rơm rạ")


def english_part(body: str) -> str:
    """The English half of a bilingual message (Vietnamese first, then English)."""
    return body.split("-" * 40, 1)[1]


# --- interest -------------------------------------------------------------------------------


def test_expressing_interest_e_mails_every_member_of_the_owner_once(
    owned_listing, django_capture_on_commit_callbacks
):
    # Given an enterprise member interested in a published offer
    buyer = MembershipFactory(
        organisation=OrganisationFactory(name="Công ty Nấm Việt <Đà Lạt>"),
        user=UserFactory(full_name="Phạm Thu Hà", email="ha.pham@namviet.vn"),
    )
    # When they express interest from an English page (the e-mail goes out after the commit)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.interest_express(
            user=buyer.user,
            organisation=buyer.organisation,
            listing=owned_listing,
            message="Chúng tôi cần 20 tấn cơ chất mỗi tháng & muốn thử nghiệm.",
        )
    # Then the owner's members get one message with the listing's address, in Vietnamese
    # first (the default language, so the addresses have no /en/ prefix) then in English
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a.le@viencnsh.vn", "b.tran@viencnsh.vn"]
    assert message.from_email == "VNTX <no-reply@vntx.example.vn>"
    assert message.subject.startswith("[VNTX] ")
    assert "Cơ chất trồng nấm từ rơm rạ" in message.subject
    assert "\n" not in message.subject
    url = f"https://vntx.example.vn/offers/{owned_listing.pk}/"
    assert message.body.count(url) == 2  # in Vietnamese and in English
    assert message.body.count("https://vntx.example.vn/listings/mine/") == 2
    english = english_part(message.body)
    assert (
        "Công ty Nấm Việt <Đà Lạt> (Phạm Thu Hà) expressed interest in your technology offer "
        "“Cơ chất trồng nấm từ rơm rạ”." in english
    )  # plain text: nothing is HTML-escaped
    assert "Their message:\nChúng tôi cần 20 tấn cơ chất mỗi tháng & muốn thử nghiệm.\n" in english
    assert "You can answer them at ha.pham@namviet.vn." in english
    assert f"The listing: {url}\n" in english
    # Expressing again updates the message and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_express(
            user=buyer.user, organisation=buyer.organisation, listing=owned_listing, message="Lại"
        )
    assert len(mail.outbox) == 1


def test_interest_in_a_need_without_a_message(django_capture_on_commit_callbacks):
    need = ListingFactory(kind="need", title="Cần dây chuyền sấy cà phê")
    MembershipFactory(organisation=need.organisation, user=UserFactory(email="cv@caphe.vn"))
    buyer = MembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_express(user=buyer.user, organisation=buyer.organisation, listing=need)
    (message,) = mail.outbox
    assert message.to == ["cv@caphe.vn"]
    english = english_part(message.body)
    assert "your technology need “Cần dây chuyền sấy cà phê”" in english
    assert "Their message:" not in english
    assert f"https://vntx.example.vn/needs/{need.pk}/" in english


def test_a_title_with_a_line_break_still_gives_a_one_line_subject(
    owned_listing, django_capture_on_commit_callbacks
):
    Listing.objects.filter(pk=owned_listing.pk).update(title="Dòng một\nDòng hai")
    owned_listing.refresh_from_db()
    buyer = MembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_express(
            user=buyer.user, organisation=buyer.organisation, listing=owned_listing
        )
    (message,) = mail.outbox
    assert "\n" not in message.subject
    assert "Dòng một Dòng hai" in message.subject


def test_no_e_mail_when_the_owner_has_no_members(django_capture_on_commit_callbacks):
    listing = ListingFactory()  # an organisation created by an import, without members
    buyer = MembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_express(user=buyer.user, organisation=buyer.organisation, listing=listing)
    assert mail.outbox == []


# --- renewal reminders ----------------------------------------------------------------------


def test_renewal_reminders_are_sent_30_and_7_days_ahead_once_each(owned_listing):
    expires = owned_listing.expires_at
    # 29 days before expiry: the 30-day reminder, once
    assert emails.renewal_reminders_send(now=expires - timedelta(days=29)) == 1
    assert emails.renewal_reminders_send(now=expires - timedelta(days=29)) == 0
    assert emails.renewal_reminders_send(now=expires - timedelta(days=20)) == 0
    (first,) = mail.outbox
    assert first.to == ["a.le@viencnsh.vn", "b.tran@viencnsh.vn"]
    assert "Cơ chất trồng nấm từ rơm rạ" in first.subject
    assert "30" in first.subject
    english = english_part(first.body)
    assert "Your technology offer “Cơ chất trồng nấm từ rơm rạ” expires in 30 days, on " in english
    assert "https://vntx.example.vn/listings/mine/" in english
    assert f"https://vntx.example.vn/offers/{owned_listing.pk}/" in english
    # 6 days before: the 7-day reminder, once
    assert emails.renewal_reminders_send(now=expires - timedelta(days=6)) == 1
    assert emails.renewal_reminders_send(now=expires - timedelta(days=6)) == 0
    assert len(mail.outbox) == 2
    assert "7" in mail.outbox[1].subject
    assert "expires in 7 days, on " in english_part(mail.outbox[1].body)
    assert sorted(RenewalReminder.objects.values_list("days_before", flat=True)) == [7, 30]


def test_a_listing_first_seen_inside_the_last_week_gets_only_the_7_day_reminder(owned_listing):
    assert emails.renewal_reminders_send(now=owned_listing.expires_at - timedelta(days=3)) == 1
    assert list(RenewalReminder.objects.values_list("days_before", flat=True)) == [7]


def test_no_reminder_too_early_for_drafts_or_after_renewal(owned_listing):
    expires = owned_listing.expires_at
    assert emails.renewal_reminders_send(now=expires - timedelta(days=31)) == 0
    # A draft with an expiry date gets nothing.
    ListingFactory(status="draft", expires_at=timezone.now() + timedelta(days=5))
    # Renewed five days before expiry: the new date is a year away, so nothing is due.
    soon = ListingFactory(
        organisation=owned_listing.organisation, expires_at=timezone.now() + timedelta(days=5)
    )
    owner = owned_listing.organisation.memberships.first().user
    services.listing_renew(actor=owner, listing=soon)
    assert emails.renewal_reminders_send() == 0
    assert mail.outbox == []


# --- expiry job -----------------------------------------------------------------------------


def test_the_daily_job_expires_listings_past_their_date_and_is_idempotent(owned_listing):
    later = ListingFactory(expires_at=owned_listing.expires_at + timedelta(days=2))
    now = owned_listing.expires_at + timedelta(seconds=1)
    with translation.override("en"):  # the reason is recorded in the active language
        assert services.listings_expire_due(now=now) == 1
        assert services.listings_expire_due(now=now) == 0
    owned_listing.refresh_from_db()
    later.refresh_from_db()
    assert (owned_listing.status, later.status) == ("expired", "published")
    change = owned_listing.status_changes.last()
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        "published",
        "expired",
        None,
        "Not renewed",
    )
    # An expired listing gets no reminder.
    assert emails.renewal_reminders_send(now=now) == 0


def test_stale_badge_after_six_months_without_content_change(owned_listing):
    owned_listing.content_updated_at = timezone.now() - timedelta(days=181)
    assert owned_listing.is_stale is False
    owned_listing.content_updated_at = timezone.now() - timedelta(days=183)
    assert owned_listing.is_stale is True
    owned_listing.status = Listing.Status.DRAFT
    assert owned_listing.is_stale is False
