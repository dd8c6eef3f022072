"""Listing pages. Each views module owns its URL patterns; they are joined here."""

from .views import moderation, owner, public, spreadsheet

app_name = "listings"

urlpatterns = [
    *public.app_urlpatterns,
    *owner.app_urlpatterns,
    *moderation.app_urlpatterns,
    *spreadsheet.app_urlpatterns,
]
