from django.utils import translation
from rest_framework.response import Response as DrfResponse

from . import request_id
from .api import API_PREFIX, api_error_response, is_api_path


class RequestIdMiddleware:
    """Every answer carries the id of its request: in the X-Request-ID header, in the log
    lines written while serving it (marketplace.core.request_id), and, under /api/, in the
    JSON error envelope that replaces Django's own error pages.

    First in MIDDLEWARE, so that it sees every answer of the inner layers: Django's HTML error
    pages, which the error handlers (marketplace.core.views) answer with DEBUG off and the
    technical pages with DEBUG on (a URL that resolves to nothing, an uncaught exception, a
    refused Host header), become the envelope for API paths. DRF's answers already are it (or
    the browsable API's HTML, which a browser asked for) and are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id.accept_or_make(request.META.get(request_id.META_KEY))
        token = request_id.begin(request.request_id)
        try:
            response = self.get_response(request)
            if _is_django_error_page(response) and is_api_path(request.path_info):
                page = response
                response = api_error_response(request, page.status_code, headers=page.headers)
                # Django logs an error answer once, unless the inner layers already did (an
                # uncaught exception is logged with its traceback where it is caught).
                response._has_been_logged = getattr(page, "_has_been_logged", False)
        finally:
            request_id.end(token)
        response[request_id.HEADER] = request.request_id
        return response


def _is_django_error_page(response) -> bool:
    return (
        response.status_code >= 400
        and not isinstance(response, DrfResponse)
        and not response.get("Content-Type", "").startswith("application/json")
    )


class ApiLanguageMiddleware:
    """The API's URLs carry no language prefix, so LocaleMiddleware would always pick the
    default language there; integrators choose theirs with Accept-Language instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
