from django.urls import path

from . import views, views_saved

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="page"),
    # Saved searches and their e-mail alerts (search/views_saved.py)
    path("saved/", views_saved.saved_list, name="saved_list"),
    path("saved/new/", views_saved.saved_create, name="saved_create"),
    path("saved/<int:pk>/rename/", views_saved.saved_rename, name="saved_rename"),
    path("saved/<int:pk>/delete/", views_saved.saved_delete, name="saved_delete"),
    path("saved/<int:pk>/alerts/", views_saved.saved_alerts, name="saved_alerts"),
    path("saved/unsubscribe/<str:token>/", views_saved.saved_unsubscribe, name="saved_unsubscribe"),
]
