from django.urls import path

from . import views

# The "exchanges" URL namespace also holds the portal's exchange pages (cms.urls); the project's
# urls.py puts both lists into it.
urlpatterns = [
    path("", views.exchange_list, name="exchange_list"),
    path("<slug:code>/staff/", views.staff_manage, name="staff_manage"),
    path("<slug:code>/staff/<int:staff_id>/remove/", views.staff_remove, name="staff_remove"),
    path("<slug:code>/api-tokens/", views.api_tokens, name="api_tokens"),
    path(
        "<slug:code>/api-tokens/<int:token_id>/revoke/",
        views.api_token_revoke,
        name="api_token_revoke",
    ),
]
