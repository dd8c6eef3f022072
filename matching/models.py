"""What the matching engine keeps: one vector per listing version, and suggestions.

The engine reads listings and organisations (through listings.selectors) and writes only
these tables. A suggestion is a pair the engine proposes, with the components that scored it
and the reasons shown to people; the people's answer (seen, contacted, dismissed and why) is
kept on the same row, so a recompute never brings back a pair someone dismissed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingVector(models.Model):
    """The multilingual sentence vector of a listing's current text (matching.encoder).

    `text_hash` names the text and model it was made from, so an edit that leaves the text
    alone (a status change, a new price) does not re-encode. The search package reads the
    same vectors for retrieval by meaning."""

    listing = models.OneToOneField(
        "listings.Listing",
        verbose_name=_("listing"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    model = models.CharField(_("model"), max_length=80)
    text_hash = models.CharField(_("text hash"), max_length=64)
    vector = models.BinaryField(_("vector"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("listing vector")
        verbose_name_plural = _("listing vectors")

    def __str__(self) -> str:
        return f"{self.listing_id}: {self.model}"


class Suggestion(models.Model):
    """A proposed technology transfer (offer ↔ need) or spin-off partner (offer ↔
    organisation), with its score in 0..1, the component scores behind it and the reasons in
    Vietnamese and English."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("Technology transfer")
        PARTNER = "partner", _("Spin-off partner")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        SEEN = "seen", _("Seen")
        CONTACTED = "contacted", _("Contacted")
        DISMISSED = "dismissed", _("Dismissed")

    class DismissReason(models.TextChoices):
        NOT_RELEVANT = "not_relevant", _("Not relevant")
        TOO_EARLY = "too_early", _("Technology not mature enough")
        PRICE = "price", _("Price does not fit")
        REGION = "region", _("Region does not fit")
        ALREADY_KNOWN = "already_known", _("Already known to us")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    offer = models.ForeignKey(
        "listings.Listing",
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    need = models.ForeignKey(
        "listings.Listing",
        verbose_name=_("need"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("partner organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    score = models.FloatField(_("score"))
    components = models.JSONField(_("component scores"), default=dict)
    # [{"code": "sector_same", "vi": "...", "en": "..."}]: both languages are stored, so an
    # e-mail or an API answer in either language needs no recomputation.
    reasons = models.JSONField(_("reasons"), default=list)
    engine_version = models.CharField(_("engine version"), max_length=40)
    computed_at = models.DateTimeField(_("computed at"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    dismiss_reason = models.CharField(
        _("reason for dismissal"), max_length=15, choices=DismissReason.choices, blank=True
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # When the owners were told about it (in-app and the daily digest): once per pair.
    notified_at = models.DateTimeField(_("owners notified at"), null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            # Not partial: the engine upserts with ON CONFLICT on these columns, and the NULL
            # of the other kind's column never collides (NULLs are distinct).
            models.UniqueConstraint(fields=["offer", "need"], name="suggestion_one_per_need"),
            models.UniqueConstraint(
                fields=["offer", "organisation"], name="suggestion_one_per_partner"
            ),
            models.CheckConstraint(
                name="suggestion_pair_matches_kind",
                condition=(
                    models.Q(kind="transfer", need__isnull=False, organisation__isnull=True)
                    | models.Q(kind="partner", need__isnull=True, organisation__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="suggestion_score_0_to_1", condition=models.Q(score__gte=0, score__lte=1)
            ),
        ]
        indexes = [
            models.Index(fields=["need", "-score"], name="suggestion_need_idx"),
            models.Index(fields=["offer", "kind", "-score"], name="suggestion_offer_idx"),
        ]

    def __str__(self) -> str:
        other = self.need_id if self.kind == self.Kind.TRANSFER else self.organisation_id
        return f"{self.kind} {self.offer_id} ↔ {other}: {self.score:.2f}"
