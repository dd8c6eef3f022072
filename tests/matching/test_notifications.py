"""New strong suggestions reach the owners once: one digest e-mail per person, never one per
suggestion, and a second run sends nothing. The tasks call the services and are idempotent."""

from django.core import mail

from matching import notifications, tasks
from matching.models import Suggestion
from tests.factories import MembershipFactory, UserFactory


def test_one_digest_per_person_and_each_suggestion_once(world):
    # Given the world's transfer and partner suggestions, both strong
    Suggestion.objects.update(score=0.9)
    colleague = UserFactory()
    MembershipFactory(user=colleague, organisation=world.offer.organisation)
    mail.outbox.clear()
    # When the digest runs
    report = notifications.match_digests_send()
    # Then each member of the two organisations of the transfer gets one e-mail
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([world.need_owner.email, world.offer_owner.email, colleague.email])
    assert (report.sent, report.suggestions) == (3, 2)
    need_side = next(m for m in mail.outbox if m.to == [world.need_owner.email])
    assert world.offer.title in need_side.body
    assert need_side.subject == "[VNTX] 1 gợi ý mới cho tin đăng của bạn"
    assert "----------------------------------------" in need_side.body  # English part below
    assert Suggestion.objects.filter(notified_at__isnull=True).count() == 0
    # And a second run sends nothing
    mail.outbox.clear()
    assert notifications.match_digests_send().sent == 0
    assert mail.outbox == []


def test_weak_dismissed_or_unpublished_suggestions_are_not_announced(world):
    transfer = Suggestion.objects.get(kind=Suggestion.Kind.TRANSFER)
    partner = Suggestion.objects.get(kind=Suggestion.Kind.PARTNER)
    Suggestion.objects.filter(pk=transfer.pk).update(score=0.95, status=Suggestion.Status.DISMISSED)
    Suggestion.objects.filter(pk=partner.pk).update(score=notifications.STRONG_SCORE - 0.01)
    mail.outbox.clear()
    assert notifications.match_digests_send().sent == 0
    Suggestion.objects.filter(pk=transfer.pk).update(status=Suggestion.Status.NEW)
    world.offer.status = "archived"
    world.offer.save(update_fields=["status"])
    assert notifications.match_digests_send().sent == 0
    assert mail.outbox == []


def test_the_tasks_are_idempotent(world):
    before = sorted(Suggestion.objects.values_list("pk", "score"))
    first = tasks.match_all.delay().get()
    second = tasks.match_all.delay().get()
    assert first == second == {"encoded": 0, "transfers": 1, "partners": 1, "removed": 0}
    assert sorted(Suggestion.objects.values_list("pk", "score")) == before
    listing_ids = [world.need.pk, world.offer.pk]
    assert (
        tasks.match_listings.delay(listing_ids).get()
        == tasks.match_listings.delay(listing_ids).get()
    )
    assert sorted(Suggestion.objects.values_list("pk", "score")) == before
