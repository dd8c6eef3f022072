"""Reads of the reference data."""

from django.db.models import QuerySet

from .models import Sector


def sector_list(*, level: int | None = None) -> QuerySet[Sector]:
    """Sectors by code; `level` 1 gives the fields, 2 the sectors under them."""
    qs = Sector.objects.select_related("parent").order_by("code")
    if level == 1:
        qs = qs.filter(parent__isnull=True)
    elif level == 2:
        qs = qs.filter(parent__isnull=False)
    return qs
