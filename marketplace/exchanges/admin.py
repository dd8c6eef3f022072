from django.contrib import admin
from django.db import models

from .models import Exchange, ExchangeApiToken, ExchangeStaff, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_vi", "name_en", "kind", "default_exchange"]
    list_filter = ["kind", "default_exchange"]
    search_fields = ["slug", "name_vi", "name_en"]


class ExchangeStaffInline(admin.TabularInline):
    model = ExchangeStaff
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["code", "name_vi", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name_vi", "name_en"]
    filter_horizontal = ["provinces"]
    inlines = [ExchangeStaffInline]


@admin.register(ExchangeApiToken)
class ExchangeApiTokenAdmin(admin.ModelAdmin):
    """Read-only: keys are created on the exchange's API tokens page, which shows the key
    once; only its hash is stored."""

    list_display = ["name", "exchange", "prefix", "created_by", "created_at", "last_used_at",
                    "revoked_at"]  # fmt: skip
    list_filter = ["exchange"]
    search_fields = ["name", "prefix"]
    readonly_fields = ["exchange", "name", "prefix", "created_by", "created_at", "last_used_at"]
    exclude = ["key_hash"]

    def has_add_permission(self, request) -> bool:
        return False
