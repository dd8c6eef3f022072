from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Listing, ListingStatusChange, NdaAcceptance, NdaText


class StatusChangeInline(admin.TabularInline):
    model = ListingStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "reason", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _service_action(name: str, description, call, done_message):
    """An admin action that runs a service on each selected listing as the signed-in
    superuser, so that the life-cycle rules, the history and the change event apply as on the
    site's own pages. `done_message(n)` says what was done to n listings."""

    def action(modeladmin, request, queryset):
        done = 0
        for listing in queryset:
            try:
                call(actor=request.user, listing=listing)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                modeladmin.message_user(request, f"{listing}: {text}", messages.WARNING)
            else:
                done += 1
        if done:
            modeladmin.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    action.__name__ = name
    return admin.action(description=description)(action)


archive = _service_action(
    "archive",
    _("Archive the selected listings"),
    services.listing_archive,
    lambda n: ngettext("%(count)d listing archived.", "%(count)d listings archived.", n),
)
feature = _service_action(
    "feature",
    _("Feature the selected listings"),
    partial(services.listing_set_featured, featured=True),
    lambda n: ngettext("%(count)d listing featured.", "%(count)d listings featured.", n),
)
unfeature = _service_action(
    "unfeature",
    _("Stop featuring the selected listings"),
    partial(services.listing_set_featured, featured=False),
    lambda n: ngettext(
        "%(count)d listing no longer featured.", "%(count)d listings no longer featured.", n
    ),
)


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    """Read-only: listings are written by listings.services, whose rules, history and change
    event the admin would bypass. Superusers edit on the site's own pages (they moderate every
    exchange) or use the actions below, which call the services."""

    list_display = ["title", "kind", "status", "exchange", "organisation", "published_at"]
    list_filter = ["kind", "status", "exchange"]
    search_fields = ["title", "external_id", "organisation__name"]
    inlines = [StatusChangeInline]
    actions = [archive, feature, unfeature]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NdaText)
class NdaTextAdmin(admin.ModelAdmin):
    list_display = ["version", "created_at"]


@admin.register(NdaAcceptance)
class NdaAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["listing", "organisation", "user", "nda", "accepted_at"]
    raw_id_fields = ["listing", "organisation", "user"]
