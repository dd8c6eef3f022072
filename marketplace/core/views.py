from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .api import api_error_response, is_api_path
from .health import run_health_checks


@never_cache
@require_GET
def healthz(request):
    status_code, body = run_health_checks()
    return JsonResponse(body, status=status_code)


# The error handlers (handler403/404/500 in marketplace/urls.py) answer pages for people; under
# /api/ they answer the API's JSON envelope instead.


def error_404(request, exception=None):
    if is_api_path(request.path_info):
        return api_error_response(request, 404)
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    if is_api_path(request.path_info):
        return api_error_response(request, 403)
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def error_500(request):
    if is_api_path(request.path_info):
        return api_error_response(request, 500)
    return render(request, "500.html", status=500)
