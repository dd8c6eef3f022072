"""/api/v1/: every package's REST endpoints, and the OpenAPI document."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from marketplace.exchanges import api as exchanges_api

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("exchanges/", exchanges_api.ExchangeListApi.as_view(), name="api-exchange-list"),
    path(
        "exchanges/<slug:code>/",
        exchanges_api.ExchangeDetailApi.as_view(),
        name="api-exchange-detail",
    ),
    path("provinces/", exchanges_api.ProvinceListApi.as_view(), name="api-province-list"),
    path("sectors/", exchanges_api.SectorListApi.as_view(), name="api-sector-list"),
]
