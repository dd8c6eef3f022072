"""Listings (technology offers and needs), their vocabularies, life cycle and reader records."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from marketplace.core.storage import private_storage


class Vocabulary:
    """The closed vocabularies of the listing exchange format (spec/listing-format.md)."""

    class Language(models.TextChoices):
        VI = "vi", _("Vietnamese")
        EN = "en", _("English")

    class IpStatus(models.TextChoices):
        PATENT_GRANTED = "patent_granted", _("Patent granted")
        PATENT_PENDING = "patent_pending", _("Patent pending")
        UTILITY_SOLUTION = "utility_solution", _("Utility solution")
        INDUSTRIAL_DESIGN = "industrial_design", _("Industrial design")
        COPYRIGHT = "copyright", _("Copyright")
        TRADE_SECRET = "trade_secret", _("Trade secret")
        NONE = "none", _("No IP protection")

    class Cooperation(models.TextChoices):
        LICENCE = "licence", _("Licence")
        ASSIGNMENT = "assignment", _("Assignment")
        JOINT_VENTURE = "joint_venture", _("Joint venture")
        TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
        SPIN_OFF = "spin_off", _("Spin-off")
        RD_COOPERATION = "rd_cooperation", _("R&D cooperation")
        EQUIPMENT_SALE = "equipment_sale", _("Equipment sale")


class Listing(models.Model):
    """A technology offer (supply) or need (demand): one table, two kinds.

    Offers and needs share almost every field and the whole life cycle, moderation, interest,
    NDA and search machinery, so they live in one table with a `kind`; `TechnologyOffer` and
    `TechnologyNeed` are proxies for code that deals with one kind. Fields that belong to one
    kind only (IP for offers, deadline for needs) stay empty on the other, enforced by
    constraints.
    """

    class Kind(models.TextChoices):
        OFFER = "offer", _("Technology offer")
        NEED = "need", _("Technology need")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting moderation")
        RETURNED = "returned", _("Returned for changes")
        PUBLISHED = "published", _("Published")
        EXPIRED = "expired", _("Expired")
        ARCHIVED = "archived", _("Archived")

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    exchange = models.ForeignKey(
        "exchanges.Exchange",
        verbose_name=_("exchange"),
        on_delete=models.PROTECT,
        related_name="listings",
    )
    # NULL, not "", for listings created on the portal: the uniqueness per exchange below
    # applies to ids that an exchange's own system gave.
    external_id = models.CharField(  # noqa: DJ001
        _("external id"), max_length=100, null=True, blank=True
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Vocabulary.Language.choices, default="vi"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("public summary"), max_length=600)
    description = models.TextField(_("description"), max_length=20000)
    sectors = models.ManyToManyField(
        "reference.Sector", verbose_name=_("sectors"), related_name="listings", blank=True
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level (TRL)"),
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    ip_status = models.CharField(
        _("IP status"), max_length=20, choices=Vocabulary.IpStatus.choices, blank=True
    )
    ip_numbers = models.JSONField(_("IP numbers"), default=list, blank=True)
    cooperation = models.JSONField(_("cooperation types"), default=list, blank=True)
    price_min_vnd = models.PositiveBigIntegerField(_("price from (VND)"), null=True, blank=True)
    price_max_vnd = models.PositiveBigIntegerField(_("price up to (VND)"), null=True, blank=True)
    provinces = models.ManyToManyField(
        "exchanges.Province", verbose_name=_("provinces"), related_name="listings", blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    applications = models.TextField(_("applications and target industries"), blank=True)
    advantages = models.TextField(_("advantages"), blank=True)
    video_url = models.URLField(_("video link"), blank=True)

    # The confidential part: the owner, the exchange's staff and organisations that accepted
    # the listing's NDA read it (marketplace.exchanges.permissions.may_read_confidential).
    confidential_details = models.TextField(_("confidential details"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    return_reason = models.TextField(_("reason for return"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    featured_at = models.DateTimeField(_("featured at"), null=True, blank=True)
    views_count = models.PositiveIntegerField(_("views"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Content changes only (not views or moderation): drives "not updated for 6 months".
    content_updated_at = models.DateTimeField(_("content updated at"), default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        constraints = [
            models.UniqueConstraint(
                fields=["exchange", "external_id"],
                condition=models.Q(external_id__isnull=False),
                name="listing_unique_external_id_per_exchange",
            ),
            models.CheckConstraint(
                name="listing_trl_1_to_9", condition=models.Q(trl__gte=1, trl__lte=9)
            ),
            models.CheckConstraint(
                name="listing_price_min_le_max",
                condition=models.Q(price_min_vnd__isnull=True)
                | models.Q(price_max_vnd__isnull=True)
                | models.Q(price_min_vnd__lte=models.F("price_max_vnd")),
            ),
            models.CheckConstraint(
                name="listing_need_has_no_ip_offer_has_no_deadline",
                condition=models.Q(kind="offer", deadline__isnull=True)
                | models.Q(kind="need", ip_status=""),
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "status", "-published_at"], name="listing_browse_idx"),
            models.Index(fields=["exchange", "status"], name="listing_exchange_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(f"listings:{self.kind}_detail", args=[self.pk])

    @property
    def is_offer(self) -> bool:
        return self.kind == self.Kind.OFFER

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_stale(self) -> bool:
        """Published but not updated for six months: shown as a badge."""
        return self.is_published and self.content_updated_at < timezone.now() - STALE_AFTER

    @property
    def price_is_negotiable(self) -> bool:
        return self.price_min_vnd is None and self.price_max_vnd is None


STALE_AFTER = timedelta(days=182)


class OfferManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=Listing.Kind.OFFER)


class NeedManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=Listing.Kind.NEED)


class TechnologyOffer(Listing):
    """Supply: a technology that a research institute, university or startup offers."""

    objects = OfferManager()

    class Meta:
        proxy = True
        verbose_name = _("technology offer")
        verbose_name_plural = _("technology offers")


class TechnologyNeed(Listing):
    """Demand: a problem an enterprise needs a technology for."""

    objects = NeedManager()

    class Meta:
        proxy = True
        verbose_name = _("technology need")
        verbose_name_plural = _("technology needs")


class ListingStatusChange(models.Model):
    """One step of a listing's life cycle: who moved it, when, from what, to what, and why."""

    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=10, choices=Listing.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=Listing.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.listing_id}: {self.from_status or '-'} → {self.to_status}"


class ListingAttachment(models.Model):
    """An image or document of a listing. Files are checked by their first bytes, not their
    names (listings.files.sniff_upload), and are public unless marked confidential.

    Every file lives in the private storage (PRIVATE_MEDIA_ROOT, no URL of its own) and
    reaches a browser only through `get_absolute_url()`, a view that applies the listing's
    visibility and, for confidential files, the confidential-part rule."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="listings/%Y/%m/", storage=private_storage)
    title = models.CharField(_("title"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    confidential = models.BooleanField(_("confidential"), default=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or self.filename

    def get_absolute_url(self) -> str:
        return reverse("listings:attachment_file", args=[self.pk])

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class NdaText(models.Model):
    """A version of the click-through non-disclosure agreement. Acceptances point at the
    version the reader saw; a new version does not silently extend old acceptances."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    body_vi = models.TextField(_("text (Vietnamese)"))
    body_en = models.TextField(_("text (English)"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("NDA text")
        verbose_name_plural = _("NDA texts")

    def __str__(self) -> str:
        return f"NDA v{self.version}"

    @property
    def body(self) -> str:
        return self.body_en if get_language() == "en" else self.body_vi


class NdaAcceptance(models.Model):
    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="nda_acceptances"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="nda_acceptances",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    nda = models.ForeignKey(
        NdaText, verbose_name=_("NDA version"), on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("NDA acceptance")
        verbose_name_plural = _("NDA acceptances")
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "organisation", "nda"], name="nda_acceptance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} accepted NDA v{self.nda_id} for {self.listing_id}"


class ListingInterest(models.Model):
    """An organisation's "express interest" in a listing. One per organisation and listing:
    expressing again updates the message."""

    listing = models.ForeignKey(
        Listing, verbose_name=_("listing"), on_delete=models.CASCADE, related_name="interests"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="listing_interests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "organisation"], name="listing_interest_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → {self.listing_id}"


class Bookmark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        constraints = [models.UniqueConstraint(fields=["user", "listing"], name="bookmark_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} ★ {self.listing_id}"


class RenewalReminder(models.Model):
    """Which expiry reminder (30 or 7 days before) went out for which expiry date, so that the
    daily job sends each one once however often it runs."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "days_before", "expires_at"], name="renewal_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.listing_id}: {self.days_before} days"
