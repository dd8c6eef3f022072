from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from marketplace.accounts.selectors import organisation_directory
from marketplace.exchanges.selectors import national_exchanges_with_centres

from .health import run_health_checks


@never_cache
@require_GET
def healthz(request):
    status_code, body = run_health_checks()
    return JsonResponse(body, status=status_code)


def home(request):
    return render(
        request,
        "core/home.html",
        {
            "national_exchanges": national_exchanges_with_centres(),
            "recent_organisations": organisation_directory(verified=True).order_by("-verified_at")[
                :6
            ],
        },
    )


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)


def error_500(request):
    return render(request, "500.html", status=500)
