from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import urls as portal_urls
from cms import views as portal_views
from marketplace.core import views as core_views
from marketplace.exchanges import urls as exchanges_urls

handler403 = "marketplace.core.views.error_403"
handler404 = "marketplace.core.views.error_404"
handler500 = "marketplace.core.views.error_500"

# Language-neutral URLs: machines and operators use them, so they carry no language prefix.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("marketplace.api_urls")),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

# Pages for people: Vietnamese at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("", portal_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("", include("marketplace.accounts.urls")),
    path(
        "exchanges/",
        include((portal_urls.exchange_patterns + exchanges_urls.urlpatterns, "exchanges")),
    ),
    path("", include("listings.urls")),
    path("search/", include("search.urls")),
    path("matching/", include("matching.urls")),
    path("pages/", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
