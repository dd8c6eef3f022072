"""Listing pages: owner. Thin views over listings.services and listings.selectors."""

from django.urls import path  # noqa: F401 - used as this module's URL patterns grow

app_urlpatterns: list = []
