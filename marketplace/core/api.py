"""The REST API's error envelope: {"error": {"code", "detail", "fields"}} (spec/api.md)."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("invalid, parse_error, not_found, ..."))
    detail = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Field path (e.g. price_vnd.max) → messages."),
    )


class ErrorSerializer(serializers.Serializer):
    """The envelope of every error answer, for the OpenAPI description of each endpoint."""

    error = ErrorBodySerializer()


def json_error_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, ValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None
    fields = {}
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        data = response.data
        if isinstance(data, dict):
            fields = dict(data)
            detail = "Some fields are invalid."
        else:
            detail = " ".join(str(item) for item in data)
    else:
        code = getattr(exc, "default_code", "error")
        detail = str(getattr(exc, "detail", exc))
    kept_headers = {
        name: response[name]
        for name in ("WWW-Authenticate", "Retry-After")
        if response.has_header(name)
    }
    return Response(
        {"error": {"code": code, "detail": detail, "fields": fields}},
        status=response.status_code or status.HTTP_400_BAD_REQUEST,
        headers=kept_headers,
    )


def public_api_endpoints(endpoints):
    """drf-spectacular preprocessing hook: the schema documents /api/ only.

    Wagtail's admin API also runs on DRF; it is internal and left out of the public schema.
    """
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
