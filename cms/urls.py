"""The portal's pages under /exchanges/; marketplace/urls.py puts them into the "exchanges"
URL namespace beside the exchanges package's own management pages."""

from django.urls import path

from . import views

exchange_patterns = [
    path("staff/", views.staff_home, name="staff_home"),
    path("<slug:code>/", views.exchange_detail, name="exchange_detail"),
]
