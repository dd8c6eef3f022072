from django.contrib import admin

from .models import Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "name_en", "parent"]
    search_fields = ["code", "name_vi", "name_en"]
