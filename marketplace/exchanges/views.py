from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from marketplace.accounts.selectors import (
    organisation_directory,
    organisations_awaiting_verification,
)
from marketplace.accounts.services import VERIFIER_ROLES

from . import selectors
from .models import Exchange


def exchange_list(request):
    return render(
        request,
        "exchanges/exchange_list.html",
        {"national_exchanges": selectors.national_exchanges_with_centres()},
    )


def exchange_detail(request, code: str):
    try:
        exchange = selectors.exchange_get(code=code)
    except Exchange.DoesNotExist as exc:
        raise Http404(_("No exchange has the code “%(code)s”.") % {"code": code}) from exc
    return render(
        request,
        "exchanges/exchange_detail.html",
        {
            "exchange": exchange,
            "organisations": organisation_directory(exchange=exchange)[:12],
            "is_staff_here": selectors.staff_may_act_on(user=request.user, obj=exchange),
        },
    )


@login_required
def staff_home(request):
    """The staff desk: the exchanges in the user's scope and what waits for them."""
    scope_ids = selectors.staff_scope_exchange_ids(user=request.user)
    if not scope_ids:
        raise PermissionDenied(_("This page is for staff of an exchange."))
    return render(
        request,
        "exchanges/staff_home.html",
        {
            "roles": selectors.staff_roles_of(user=request.user),
            "exchanges": selectors.staff_exchanges(user=request.user).select_related("parent"),
            "awaiting_verification": organisations_awaiting_verification(exchange_ids=scope_ids)[
                :50
            ],
            "verifier_scope_ids": selectors.staff_scope_exchange_ids(
                user=request.user, roles=VERIFIER_ROLES
            ),
        },
    )
