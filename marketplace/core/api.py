"""The REST API's error envelope: {"error": {"code", "detail", "fields"}} (spec/api.md), for
every error under /api/: DRF's (`json_error_handler`) and Django's own error pages
(`api_error_response`, used by the error handlers and RequestIdMiddleware). A server error's
envelope also carries the request's id (`request_id`), which its log line carries too."""

from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from . import request_id

API_PREFIX = "/api/"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


class BadRequest(exceptions.APIException):
    """What Django itself refuses before the API sees the request (a suspicious Host header,
    too many fields, ...)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = exceptions.ParseError.default_detail
    default_code = "bad_request"


class ServerError(exceptions.APIException):
    default_detail = _(
        "A server error occurred; it has been logged. If you report it, quote the request id."
    )
    default_code = "server_error"


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("invalid, parse_error, not_found, ..."))
    detail = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Field path (e.g. price_vnd.max) → messages."),
    )
    request_id = serializers.CharField(
        required=False,
        help_text=_(
            "Server errors (5xx) only: the request's id, as in the X-Request-ID header and the "
            "server's log."
        ),
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
    kept_headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    status_code = response.status_code or status.HTTP_400_BAD_REQUEST
    return Response(
        _envelope(code=code, detail=detail, fields=fields, status_code=status_code),
        status=status_code,
        headers=kept_headers,
    )


# Headers of an error answer that tell the client what to do next.
_KEPT_HEADERS = ("WWW-Authenticate", "Retry-After", "Allow")


def _envelope(*, code: str, detail: str, fields: dict, status_code: int) -> dict:
    body = {"code": code, "detail": detail, "fields": fields}
    if status_code >= 500:
        body["request_id"] = request_id.current()
    return {"error": body}


# --- Django's own error pages, for API paths ---------------------------------------------------


def is_api_path(path_info: str) -> bool:
    """Whether a path is the REST API's: /api/..., or /<language>/api/..., which the API never
    uses but a client may try (the site's pages carry language prefixes)."""
    if path_info.startswith(API_PREFIX):
        return True
    language, _slash, rest = path_info.lstrip("/").partition("/")
    return language in dict(settings.LANGUAGES) and f"/{rest}".startswith(API_PREFIX)


def _exception_for(request, status_code: int) -> exceptions.APIException:
    if status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        return exceptions.MethodNotAllowed(request.method)
    known = {
        status.HTTP_400_BAD_REQUEST: BadRequest,
        status.HTTP_403_FORBIDDEN: exceptions.PermissionDenied,
        status.HTTP_404_NOT_FOUND: exceptions.NotFound,
        status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: PayloadTooLarge,
    }
    if status_code in known:
        return known[status_code]()
    if status_code >= 500:
        return ServerError()
    return exceptions.APIException(detail=HTTPStatus(status_code).phrase, code="error")


def api_error_response(request, status_code: int, *, headers=None) -> JsonResponse:
    """The envelope for an error that Django answers itself (an unknown URL, an uncaught
    exception), in place of its HTML page; `headers` of that page worth keeping are kept."""
    exc = _exception_for(request, status_code)
    body = _envelope(
        code=exc.detail.code, detail=str(exc.detail), fields={}, status_code=status_code
    )
    response = JsonResponse(body, status=status_code, json_dumps_params={"ensure_ascii": False})
    for name in _KEPT_HEADERS:
        if headers is not None and name in headers:
            response[name] = headers[name]
    return response


def public_api_endpoints(endpoints):
    """drf-spectacular preprocessing hook: the schema documents /api/ only.

    Wagtail's admin API also runs on DRF; it is internal and left out of the public schema.
    """
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
