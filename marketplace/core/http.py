"""Helpers for views that every package shares."""

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest) -> str | None:
    """The `next` address the form posted, if it stays on this site (never an open
    redirect to another host or scheme); None otherwise."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


def redirect_back(request: HttpRequest, default, *args) -> HttpResponseRedirect:
    """Back to the page the form came from (its safe `next`), else to `default` (a URL, a
    URL name with `args`, or a model with get_absolute_url)."""
    return redirect(safe_next_url(request) or default, *args)
