from django.contrib import admin

from .models import Listing, ListingStatusChange, NdaAcceptance, NdaText, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "name_en", "parent"]
    search_fields = ["code", "name_vi", "name_en"]


class StatusChangeInline(admin.TabularInline):
    model = ListingStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "actor", "reason", "created_at"]


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    """Read-mostly: life-cycle changes go through the moderation pages so that they are
    authorised by the scoping rule and recorded."""

    list_display = ["title", "kind", "status", "exchange", "organisation", "published_at"]
    list_filter = ["kind", "status", "exchange"]
    search_fields = ["title", "external_id", "organisation__name"]
    readonly_fields = ["status", "published_at", "expires_at", "views_count", "created_by"]
    raw_id_fields = ["organisation"]
    inlines = [StatusChangeInline]


@admin.register(NdaText)
class NdaTextAdmin(admin.ModelAdmin):
    list_display = ["version", "created_at"]


@admin.register(NdaAcceptance)
class NdaAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["listing", "organisation", "user", "nda", "accepted_at"]
    raw_id_fields = ["listing", "organisation", "user"]
