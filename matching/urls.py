from django.urls import path

from . import views

app_name = "matching"

urlpatterns = [
    path("suggestions/", views.my_suggestions, name="my_suggestions"),
    path("suggestions/<int:pk>/contact/", views.suggestion_contact, name="suggestion_contact"),
    path("suggestions/<int:pk>/dismiss/", views.suggestion_dismiss, name="suggestion_dismiss"),
    path("suggestions/<int:pk>/restore/", views.suggestion_restore, name="suggestion_restore"),
    path("open-matches/", views.broker, name="open_matches"),
    path(
        "open-matches/<int:pk>/introduce/", views.suggestion_introduce, name="suggestion_introduce"
    ),
    path("report/", views.dismissal_report, name="report"),
]
