from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("suggestions/", views.my_suggestions, name="my_suggestions"),
]
