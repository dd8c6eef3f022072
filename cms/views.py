"""Portal pages that show several packages at once: the national home page, an exchange's
page and the staff desk. They sit on the portal floor because they read the federation and
organisations (and listings, through template tags); the packages below never import them."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from marketplace.accounts.selectors import (
    organisation_directory,
    organisations_awaiting_verification,
)
from marketplace.exchanges import permissions
from marketplace.exchanges.models import Exchange
from marketplace.exchanges.selectors import (
    exchange_get,
    national_exchanges_with_centres,
    staff_roles_of,
)


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


def exchange_detail(request, code: str):
    try:
        exchange = exchange_get(code=code)
    except Exchange.DoesNotExist as exc:
        raise Http404(_("No exchange has the code “%(code)s”.") % {"code": code}) from exc
    return render(
        request,
        "exchanges/exchange_detail.html",
        {
            "exchange": exchange,
            "organisations": organisation_directory(exchange=exchange)[:12],
            "is_staff_here": permissions.staff_may_act_on(user=request.user, obj=exchange),
        },
    )


@login_required
def staff_home(request):
    """The staff desk: the exchanges in the user's scope and what waits for them."""
    scope_ids = permissions.scope_ids(user=request.user)
    if not scope_ids:
        raise PermissionDenied(_("This page is for staff of an exchange."))
    return render(
        request,
        "exchanges/staff_home.html",
        {
            "roles": staff_roles_of(user=request.user),
            "exchanges": permissions.exchanges_where(user=request.user).select_related("parent"),
            "awaiting_verification": organisations_awaiting_verification(exchange_ids=scope_ids)[
                :50
            ],
            "verifier_scope_ids": permissions.scope_ids(
                user=request.user, action=permissions.Action.VERIFY
            ),
            "staff_manager_scope_ids": permissions.scope_ids(
                user=request.user, action=permissions.Action.MANAGE_STAFF
            ),
            "token_manager_scope_ids": permissions.scope_ids(
                user=request.user, action=permissions.Action.MANAGE_TOKENS
            ),
        },
    )
