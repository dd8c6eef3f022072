"""Reference data on the ground floor: the national classification of S&T sectors.

Listings, organisations' partner interests, search facets and the REST API all use these
codes, so the table lives below every app that uses it. Provinces stay with the federation
(`marketplace.exchanges`) because each province belongs to an exchange.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    """The national classification of S&T fields (spec/sectors.tsv, Circular 24/2025).

    Level 1 is a field (codes 1-6); level 2 a sector (codes 101-699) under one field. Listings
    and partner interests use level-2 codes; search can filter at either level.
    """

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_vi

    @property
    def level(self) -> int:
        return 1 if self.parent_id is None else 2
