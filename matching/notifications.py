"""Telling owners about new strong suggestions: in the site (the count of new suggestions on
their listings, matching.selectors) and by one daily digest e-mail per person, never one
e-mail per suggestion.

A suggestion is announced once: `notified_at` is claimed in the same transaction that sends
the e-mail, so a rerun of the digest (a retry, a second beat) sends nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from listings.models import Listing
from marketplace.accounts.models import Membership

from .models import Suggestion

# Worth an e-mail: 85% of the labelled strong pairs, about one unlabelled pair per need.
STRONG_SCORE = 0.8
DIGEST_MAX_ITEMS = 20


@dataclass
class DigestReport:
    sent: int = 0
    suggestions: int = 0
    recipients: list[str] = field(default_factory=list)


def strong_unannounced() -> list[Suggestion]:
    return list(
        Suggestion.objects.filter(
            notified_at__isnull=True,
            status=Suggestion.Status.NEW,
            score__gte=STRONG_SCORE,
            offer__status=Listing.Status.PUBLISHED,
        )
        .exclude(kind=Suggestion.Kind.TRANSFER, need__status__in=_NOT_PUBLISHED)
        .select_related("offer__organisation", "need__organisation", "organisation")
        .order_by("-score", "pk")
    )


_NOT_PUBLISHED = [s for s in Listing.Status.values if s != Listing.Status.PUBLISHED]


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _recipients_by_organisation(organisation_ids: set[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for organisation_id, email in Membership.objects.filter(
        organisation_id__in=organisation_ids, user__is_active=True
    ).values_list("organisation_id", "user__email"):
        found.setdefault(organisation_id, []).append(email)
    return found


def _lines_for(suggestion: Suggestion) -> list[tuple[int, dict]]:
    """(organisation to tell, line of the e-mail) for each side that owns a listing."""
    with translation.override(settings.LANGUAGE_CODE):
        offer_url = _absolute(suggestion.offer.get_absolute_url())
        lines = []
        if suggestion.kind == Suggestion.Kind.TRANSFER:
            need_url = _absolute(suggestion.need.get_absolute_url())
            lines.append(
                (
                    suggestion.offer.organisation_id,
                    {
                        "yours": suggestion.offer.title,
                        "match": suggestion.need.title,
                        "url": need_url,
                        "score": round(suggestion.score * 100),
                        "kind": "need",
                    },
                )
            )
            lines.append(
                (
                    suggestion.need.organisation_id,
                    {
                        "yours": suggestion.need.title,
                        "match": suggestion.offer.title,
                        "url": offer_url,
                        "score": round(suggestion.score * 100),
                        "kind": "offer",
                    },
                )
            )
        else:
            lines.append(
                (
                    suggestion.offer.organisation_id,
                    {
                        "yours": suggestion.offer.title,
                        "match": suggestion.organisation.name,
                        "url": _absolute(
                            reverse(
                                "accounts:organisation_detail", args=[suggestion.organisation_id]
                            )
                        ),
                        "score": round(suggestion.score * 100),
                        "kind": "partner",
                    },
                )
            )
    return lines


def match_digests_send() -> DigestReport:
    """One e-mail per person listing the new strong suggestions for their organisations'
    listings; each suggestion is announced once."""
    report = DigestReport()
    with transaction.atomic():
        claimed = list(
            Suggestion.objects.select_for_update(skip_locked=True)
            .filter(pk__in=[s.pk for s in strong_unannounced()], notified_at__isnull=True)
            .values_list("pk", flat=True)
        )
        suggestions = [s for s in strong_unannounced() if s.pk in set(claimed)]
        per_person: dict[str, list[dict]] = {}
        sides = [line for s in suggestions for line in _lines_for(s)]
        emails = _recipients_by_organisation({organisation for organisation, _ in sides})
        for organisation, line in sides:
            for email in emails.get(organisation, []):
                per_person.setdefault(email, []).append(line)
        with translation.override(settings.LANGUAGE_CODE):
            suggestions_url = _absolute(reverse("matching:my_suggestions"))
            for email, lines in sorted(per_person.items()):
                context = {
                    "lines": lines[:DIGEST_MAX_ITEMS],
                    "more": max(0, len(lines) - DIGEST_MAX_ITEMS),
                    "suggestions_url": suggestions_url,
                }
                subject = " ".join(
                    render_to_string("matching/email/digest_subject.txt", context).split()
                )
                body = render_to_string("matching/email/digest_message.txt", context)
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
                report.sent += 1
                report.recipients.append(email)
        Suggestion.objects.filter(pk__in=[s.pk for s in suggestions]).update(
            notified_at=timezone.now()
        )
        report.suggestions = len(suggestions)
    return report


def introduction_send(*, suggestion: Suggestion, broker, message: str) -> int:
    """One e-mail to the members of both organisations of a pair, from the broker who
    introduces them; returns how many people were written to."""
    organisations = {suggestion.offer.organisation_id}
    if suggestion.need is not None:
        organisations.add(suggestion.need.organisation_id)
    else:
        organisations.add(suggestion.organisation_id)
    emails = sorted(
        {email for found in _recipients_by_organisation(organisations).values() for email in found}
    )
    if not emails:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        other = suggestion.need or suggestion.organisation
        context = {
            "introducer": broker.get_full_name(),
            "introducer_email": broker.email,
            "message": message,
            "offer": suggestion.offer,
            "offer_url": _absolute(suggestion.offer.get_absolute_url()),
            "other_name": getattr(other, "title", None) or other.name,
            "other_url": _absolute(
                other.get_absolute_url()
                if suggestion.need is not None
                else reverse("accounts:organisation_detail", args=[other.pk])
            ),
            "reasons": [reason.get("vi", "") for reason in suggestion.reasons],
            "reasons_en": [reason.get("en", "") for reason in suggestion.reasons],
        }
        subject = " ".join(
            render_to_string("matching/email/introduction_subject.txt", context).split()
        )
        body = render_to_string("matching/email/introduction_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails, fail_silently=False)
    return len(emails)
