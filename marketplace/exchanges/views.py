from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from marketplace.core.forms import apply_service_errors

from . import permissions, selectors, services
from .forms import ApiTokenForm, StaffAssignForm
from .models import Exchange, ExchangeApiToken, ExchangeStaff


def exchange_list(request):
    return render(
        request,
        "exchanges/exchange_list.html",
        {"national_exchanges": selectors.national_exchanges_with_centres()},
    )


def _managed_exchange(request, code: str) -> Exchange:
    exchange = get_object_or_404(Exchange, code=code)
    if not permissions.may_manage_staff(user=request.user, exchange=exchange):
        raise PermissionDenied(_("Only an administrator of this exchange may manage its staff."))
    return exchange


@login_required
def staff_manage(request, code: str):
    exchange = _managed_exchange(request, code)
    form = StaffAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exchange_staff_assign(
                actor=request.user, exchange=exchange, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The role was granted."))
            return redirect("exchanges:staff_manage", code=exchange.code)
    return render(
        request,
        "exchanges/staff_manage.html",
        {
            "exchange": exchange,
            "form": form,
            "staff_members": selectors.exchange_staff_members(exchange=exchange),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_remove(request, code: str, staff_id: int):
    exchange = _managed_exchange(request, code)
    staff = get_object_or_404(ExchangeStaff, pk=staff_id, exchange=exchange)
    try:
        services.exchange_staff_remove(actor=request.user, staff=staff)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.info(request, _("The role was removed."))
    return redirect("exchanges:staff_manage", code=exchange.code)


def _token_managed_exchange(request, code: str) -> Exchange:
    exchange = get_object_or_404(Exchange, code=code)
    if not permissions.may_manage_tokens(user=request.user, exchange=exchange):
        raise PermissionDenied(
            _("Only an administrator of this exchange may manage its API tokens.")
        )
    return exchange


@never_cache
@login_required
def api_tokens(request, code: str):
    """An exchange's API tokens. A new key is shown once, in the answer to the POST that made
    it: only its hash is stored."""
    exchange = _token_managed_exchange(request, code)
    form = ApiTokenForm(request.POST or None)
    new_key = new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            new_token, new_key = services.exchange_api_token_create(
                actor=request.user, exchange=exchange, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "exchanges/api_tokens.html",
        {
            "exchange": exchange,
            "form": form,
            "tokens": selectors.exchange_api_tokens(exchange=exchange),
            "new_key": new_key,
            "new_token": new_token,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def api_token_revoke(request, code: str, token_id: int):
    exchange = _token_managed_exchange(request, code)
    token = get_object_or_404(ExchangeApiToken, pk=token_id, exchange=exchange)
    services.exchange_api_token_revoke(actor=request.user, token=token)
    messages.info(
        request, _("The token “%(name)s” was revoked; it no longer works.") % {"name": token.name}
    )
    return redirect("exchanges:api_tokens", code=exchange.code)
