"""django-allauth's account adapter for VNTX: how failed log-ins are throttled.

ACCOUNT_RATE_LIMITS["login_failed"] holds one limit per account ("key": the e-mail address)
and one per client address ("ip"; behind the production stack's TLS proxy the address comes
from X-Forwarded-For, see ALLAUTH_TRUSTED_PROXY_COUNT). allauth's own check refuses an attempt
with a form error (200) and keeps counted the limits it had passed before the one that refused:
with the address's limit checked first, every further guess at a locked account would still
use up the address's allowance, until everyone behind that address (an office, a campus, a
carrier's NAT) is locked out with the attacked account. Here a refused attempt counts against
no limit, whatever their order, and answers 429 with Retry-After.

It uses allauth's rate-limit functions (allauth.core.internal.ratelimit), so the counters
stay the ones allauth clears after a password reset; pyproject.toml pins allauth below 66.
"""

from __future__ import annotations

import math
import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.http import HttpRequest

from .views import too_many_requests

APP = "allauth.account"
LOGIN_FAILED = "login_failed"


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request: HttpRequest, **credentials) -> None:
        """Counts this attempt against each log-in limit, or refuses it with 429 when one is
        used up. allauth gives back the counted attempt when the password is right
        (`_rollback_login_failed_rl_usage`), so only failures stay counted."""
        login_key = self._get_login_attempts_cache_key(request, **credentials)
        counted = ratelimit.RateLimitUsage(usage=[])
        for limit in _login_limits():
            usage = ratelimit.consume(
                request, app=APP, action=LOGIN_FAILED, config={LOGIN_FAILED: limit}, key=login_key
            )
            if usage is None:
                counted.rollback()
                retry_after = _seconds_until_allowed(request, login_key=login_key)
                raise ImmediateHttpResponse(
                    too_many_requests(request, retry_after=retry_after, failed_logins=True)
                )
            counted.usage.extend(usage.usage)
        self._login_failed_rl_usage = counted


def _login_limits() -> list[str]:
    """The limits of failed log-ins, each as written in the setting ("10/15m/key")."""
    configured = account_settings.RATE_LIMITS.get(LOGIN_FAILED) or ""
    return [limit.strip() for limit in configured.split(",") if limit.strip()]


def _seconds_until_allowed(request: HttpRequest, *, login_key: str) -> int:
    """How long until every log-in limit allows one more attempt: a limit's slot frees up
    when the oldest attempt that fills it leaves the limit's window."""
    now = time.time()
    wait = 0.0
    for limit in _login_limits():
        rate = ratelimit.parse_rate(limit)
        cache_key = ratelimit.get_cache_key(
            request, app=APP, action=LOGIN_FAILED, rate=rate, key=login_key
        )
        # Newest first, as allauth keeps them.
        recent = [stamp for stamp in cache.get(cache_key, []) if stamp > now - rate.duration]
        if len(recent) >= rate.amount:
            wait = max(wait, recent[rate.amount - 1] + rate.duration - now)
    return max(1, math.ceil(wait))
