from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import run_health_checks


@never_cache
@require_GET
def healthz(request):
    status_code, body = run_health_checks()
    return JsonResponse(body, status=status_code)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def error_500(request):
    return render(request, "500.html", status=500)
