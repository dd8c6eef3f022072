from django.contrib import admin

from .models import SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    """Read-mostly: users manage their saved searches on /search/saved/."""

    list_display = ["name", "user", "alerts_enabled", "created_at", "last_sent_at"]
    list_filter = ["alerts_enabled"]
    search_fields = ["name", "user__email", "query_string"]
    readonly_fields = ["user", "query_string", "created_at", "updated_at", "last_sent_at"]
