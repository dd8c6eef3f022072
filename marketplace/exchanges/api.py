"""Read-only reference endpoints: the federation's exchanges and provinces, and the sector
table, so that exchanges' own systems can validate the codes of the listing format."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from marketplace.core.api import ErrorSerializer
from marketplace.reference.models import Sector
from marketplace.reference.selectors import sector_list

from . import selectors
from .models import Exchange, Province


class ProvinceSerializer(serializers.ModelSerializer):
    default_exchange = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Province
        fields = ["slug", "name_vi", "name_en", "kind", "default_exchange", "latitude", "longitude"]


class ExchangeSerializer(serializers.ModelSerializer):
    # A national exchange has no parent: null.
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    provinces = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    local_centres = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Exchange
        fields = [
            "code",
            "name_vi",
            "name_en",
            "kind",
            "parent",
            "local_centres",
            "provinces",
            "email",
            "phone",
            "address",
            "website",
        ]


class SectorSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", allow_null=True, read_only=True)

    class Meta:
        model = Sector
        fields = ["code", "parent", "name_vi", "name_en"]


# Anyone reads them; a revoked or unknown token is still a 401.
@extend_schema(
    tags=["reference"], responses={200: ExchangeSerializer(many=True), 401: ErrorSerializer}
)
class ExchangeListApi(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = ExchangeSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.exchange_list().prefetch_related("provinces", "local_centres")


@extend_schema(
    tags=["reference"],
    responses={200: ExchangeSerializer, 401: ErrorSerializer, 404: ErrorSerializer},
)
class ExchangeDetailApi(generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    serializer_class = ExchangeSerializer
    lookup_field = "code"

    def get_queryset(self):
        return selectors.exchange_list().prefetch_related("provinces", "local_centres")


@extend_schema(
    tags=["reference"], responses={200: ProvinceSerializer(many=True), 401: ErrorSerializer}
)
class ProvinceListApi(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = ProvinceSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.province_list()


@extend_schema(
    tags=["reference"], responses={200: SectorSerializer(many=True), 401: ErrorSerializer}
)
class SectorListApi(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = SectorSerializer
    pagination_class = None

    def get_queryset(self):
        return sector_list()
