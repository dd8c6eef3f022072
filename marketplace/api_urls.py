"""/api/v1/: every package's REST endpoints, and the OpenAPI document."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from listings import api as listings_api
from marketplace.exchanges import api as exchanges_api
from matching import api as matching_api
from search import api as search_api

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
    path("offers/", listings_api.OfferCollectionApi.as_view(), name="api-offer-list"),
    path("offers/<int:id>/", listings_api.OfferItemApi.as_view(), name="api-offer-detail"),
    path("needs/", listings_api.NeedCollectionApi.as_view(), name="api-need-list"),
    path("needs/<int:id>/", listings_api.NeedItemApi.as_view(), name="api-need-detail"),
    path(
        "needs/<int:id>/matches/",
        matching_api.NeedMatchesApi.as_view(),
        name="api-need-matches",
    ),
    path(
        "offers/<int:id>/matches/",
        matching_api.OfferMatchesApi.as_view(),
        name="api-offer-matches",
    ),
    path(
        "offers/<int:id>/partners/",
        matching_api.OfferPartnersApi.as_view(),
        name="api-offer-partners",
    ),
    path(
        "suggestions/<int:id>/feedback/",
        matching_api.SuggestionFeedbackApi.as_view(),
        name="api-suggestion-feedback",
    ),
    path(
        "suggestions/<int:id>/restore/",
        matching_api.SuggestionRestoreApi.as_view(),
        name="api-suggestion-restore",
    ),
    path("search/", search_api.SearchApi.as_view(), name="api-search"),
    path("search/suggest/", search_api.SuggestApi.as_view(), name="api-search-suggest"),
]
