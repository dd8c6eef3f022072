"""The browser-side security headers that Django's SecurityMiddleware does not send: the
Content-Security-Policy (django-csp) and the Permissions-Policy.

The site's own pages load only the site's own scripts and styles (no inline <script>, event
handler or style attribute: see static/js/), so CONTENT_SECURITY_POLICY allows nothing else.
Wagtail's and Django's admin areas run inline scripts and styles of their own, which we do not
control: under ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"] they get the relaxed policy of
that setting instead, still limited to the site's own origin.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        # A view's own policy (django-csp's decorators) still wins over the path's.
        if not report_only and parts.config is None and _in_admin_area(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response


def _in_admin_area(request: HttpRequest) -> bool:
    return request.path_info.startswith(
        tuple(settings.ADMIN_CONTENT_SECURITY_POLICY["URL_PREFIXES"])
    )
