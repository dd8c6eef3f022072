from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/api-token/", views.api_token, name="api_token"),
    path("accounts/invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("organisations/", views.organisation_directory, name="organisation_directory"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/verify/", views.organisation_verify, name="organisation_verify"),
    path("organisations/<int:pk>/invitations/", views.invitation_create, name="invitation_create"),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_id>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
]
