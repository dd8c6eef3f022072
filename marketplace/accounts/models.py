"""Users, organisations, memberships and invitations."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_tax_code


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. Logs in with an e-mail address; the name is kept whole because Vietnamese
    names put the family name first and do not split cleanly into first/last."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split()[-1] if self.full_name else self.email


class Organisation(models.Model):
    """A research institute, university, enterprise, startup, investor, intermediary or
    government body. Its home exchange defaults from its province (organisation_create)."""

    class Kind(models.TextChoices):
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        UNIVERSITY = "university", _("University")
        ENTERPRISE = "enterprise", _("Enterprise")
        STARTUP = "startup", _("Startup")
        INVESTOR = "investor", _("Investor")
        INTERMEDIARY = "intermediary", _("Intermediary")
        GOVERNMENT = "government", _("Government body")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=255)
    # Folded copy of the name, so the directory finds "Vien Cong nghe" for "Viện Công nghệ".
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_tax_code],
        help_text=_("10 digits, or 10 digits + “-” + 3 digits for a branch."),
    )
    province = models.ForeignKey(
        "exchanges.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    home_exchange = models.ForeignKey(
        "exchanges.Exchange",
        verbose_name=_("home exchange"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)

    # What the organisation looks for as a spin-off or investment partner.
    interest_sectors = models.ManyToManyField(
        "reference.Sector",
        verbose_name=_("sectors of interest"),
        blank=True,
        related_name="+",
        limit_choices_to={"parent__isnull": False},
    )
    interest_min_trl = models.PositiveSmallIntegerField(
        _("minimum TRL"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    interest_spin_off = models.BooleanField(_("open to spin-off partnerships"), default=False)
    interest_ticket_min_vnd = models.PositiveBigIntegerField(
        _("ticket from (VND)"), null=True, blank=True
    )
    interest_ticket_max_vnd = models.PositiveBigIntegerField(
        _("ticket up to (VND)"), null=True, blank=True
    )
    interest_provinces = models.ManyToManyField(
        "exchanges.Province",
        verbose_name=_("provinces of interest"),
        blank=True,
        related_name="+",
    )

    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                name="organisation_ticket_min_le_max",
                condition=models.Q(interest_ticket_min_vnd__isnull=True)
                | models.Q(interest_ticket_max_vnd__isnull=True)
                | models.Q(interest_ticket_min_vnd__lte=models.F("interest_ticket_max_vnd")),
            ),
            models.CheckConstraint(
                name="organisation_min_trl_1_to_9",
                condition=models.Q(interest_min_trl__isnull=True)
                | models.Q(interest_min_trl__gte=1, interest_min_trl__lte=9),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def has_interests(self) -> bool:
        return bool(
            self.interest_spin_off
            or self.interest_min_trl
            or self.interest_ticket_min_vnd
            or self.interest_ticket_max_vnd
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="membership_unique_user_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=Invitation.VALID_DAYS)


class Invitation(models.Model):
    """An owner's invitation for an e-mail address to join the organisation. One use."""

    VALID_DAYS = 7

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
