"""Saved searches: a signed-in user's searches, kept with their alert setting.

The search itself is stored as the normalised query string of the search page's URL
(`SearchQuery.to_params()` without page), so that running a saved search is opening that URL
and the daily digest parses it with the same `SearchQuery.from_params` as the page.
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 100


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    query_string = models.TextField(
        _("query string"),
        blank=True,
        help_text=_("The search page's parameters, normalised (empty: every listing)."),
    )
    alerts_enabled = models.BooleanField(_("daily e-mail alerts"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The end of the period covered by the last digest for this search: the next digest lists
    # the listings published after it (after created_at before the first digest). Written in
    # the same transaction as the digest's e-mail is sent.
    last_sent_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        indexes = [models.Index(fields=["alerts_enabled", "user"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The search page running this search."""
        url = reverse("search:page")
        return f"{url}?{self.query_string}" if self.query_string else url

    @property
    def params(self) -> dict[str, str]:
        return dict(parse_qsl(self.query_string, keep_blank_values=False))

    @property
    def window_start(self):
        return self.last_sent_at or self.created_at
