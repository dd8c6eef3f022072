"""The federation: provinces, exchanges (national and local centres), their staff and their
API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """One of the 34 provincial-level units in force since 1 July 2025 (spec/provinces.tsv)."""

    class Kind(models.TextChoices):
        CITY = "city", _("Centrally-run city")
        PROVINCE = "province", _("Province")

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    default_exchange = models.ForeignKey(
        "exchanges.Exchange",
        verbose_name=_("default exchange"),
        on_delete=models.PROTECT,
        related_name="default_for_provinces",
    )
    latitude = models.DecimalField(_("latitude"), max_digits=6, decimal_places=3)
    longitude = models.DecimalField(_("longitude"), max_digits=6, decimal_places=3)

    class Meta:
        ordering = ["name_vi"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_vi


class Exchange(models.Model):
    """A node of the federation: a national exchange or a local centre attached to one."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National technology exchange")
        LOCAL = "local", _("Local technology centre")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("national exchange"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_centres",
        limit_choices_to={"kind": Kind.NATIONAL},
    )
    provinces = models.ManyToManyField(
        Province, verbose_name=_("provinces served"), related_name="exchanges", blank=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    api_submissions_moderated = models.BooleanField(
        _("moderate API submissions"),
        default=True,
        help_text=_(
            "On: listings that members create through the REST API go straight to the "
            "moderation queue. Off: they start as drafts that the owner submits on the portal."
        ),
    )

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        constraints = [
            models.CheckConstraint(
                name="exchange_national_has_no_parent_local_has_one",
                condition=(models.Q(kind="national", parent__isnull=True))
                | (models.Q(kind="local", parent__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_vi

    @property
    def is_national(self) -> bool:
        return self.kind == self.Kind.NATIONAL

    @property
    def national_exchange(self) -> "Exchange":
        """The national exchange this node belongs to (itself when it is one)."""
        return self if self.is_national else self.parent

    def clean(self) -> None:
        if self.kind == self.Kind.NATIONAL and self.parent_id:
            raise ValidationError({"parent": _("A national exchange has no parent.")})
        if self.kind == self.Kind.LOCAL:
            if not self.parent_id:
                raise ValidationError(
                    {"parent": _("A local centre belongs to one national exchange.")}
                )
            if self.parent.kind != self.Kind.NATIONAL:
                raise ValidationError(
                    {"parent": _("A local centre's parent must be a national exchange.")}
                )


class ExchangeStaff(models.Model):
    """A user's role at one exchange. Scope is decided by exchanges.selectors only."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        CURATOR = "curator", _("Curator")
        BROKER = "broker", _("Broker")

    exchange = models.ForeignKey(
        Exchange, verbose_name=_("exchange"), on_delete=models.CASCADE, related_name="staff"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="exchange_roles",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange staff member")
        verbose_name_plural = _("exchange staff")
        constraints = [
            models.UniqueConstraint(
                fields=["exchange", "user", "role"], name="exchange_staff_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.exchange.code}"


class ExchangeApiToken(models.Model):
    """A key with which an exchange's own system writes listings of that exchange (and, for a
    national exchange, of its local centres) through the REST API.

    Only the SHA-256 of the key is stored; the key itself is shown once, when it is created.
    Keys start with "vxt_" so the API can tell them from personal tokens at a glance.
    """

    KEY_PREFIX = "vxt_"
    VISIBLE_CHARS = 8

    exchange = models.ForeignKey(
        Exchange, verbose_name=_("exchange"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key starts with"), max_length=20, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exchange API token")
        verbose_name_plural = _("exchange API tokens")

    def __str__(self) -> str:
        return f"{self.exchange.code} · {self.name} · {self.prefix}…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def generate_key(cls) -> str:
        return cls.KEY_PREFIX + secrets.token_urlsafe(32)

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
