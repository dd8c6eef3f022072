"""Pages for people and organisations: thin views over services and selectors."""

from datetime import timedelta
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from marketplace.core.forms import apply_service_errors
from marketplace.exchanges import permissions

from . import selectors, services
from .forms import DirectoryFilterForm, InvitationForm, OrganisationForm, ProfileForm
from .models import Invitation, Membership, Organisation


def _organisation_or_404(pk: int) -> Organisation:
    try:
        return selectors.organisation_detail(pk=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404(_("No such organisation.")) from exc


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "memberships": selectors.user_organisations(user=request.user)},
    )


@never_cache
@login_required
def api_token(request):
    """The person's REST API token: create, rotate, revoke. A new key is shown once, in the
    answer to the POST that made it (never stored in the session, never shown again)."""
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "rotate":
            new_key = services.user_api_token_rotate(user=request.user).key
        elif action == "revoke":
            if services.user_api_token_revoke(user=request.user):
                messages.info(request, _("Your API token was revoked; it no longer works."))
            return redirect("accounts:api_token")
        else:
            return redirect("accounts:api_token")
    token = selectors.user_api_token(user=request.user)
    return render(
        request,
        "accounts/api_token.html",
        {"token": token, "new_key": new_key, "key_hint": token.key[:6] if token else ""},
    )


@login_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            organisation = services.organisation_create(owner=request.user, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered with %(exchange)s.")
                % {"name": organisation.name, "exchange": organisation.home_exchange.name},
            )
            return redirect("accounts:organisation_detail", pk=organisation.pk)
    return render(request, "accounts/organisation_form.html", {"form": form, "creating": True})


def organisation_detail(request, pk: int):
    organisation = _organisation_or_404(pk)
    role = selectors.membership_role(user=request.user, organisation=organisation)
    context = {
        "organisation": organisation,
        "role": role,
        "is_owner": role == Membership.Role.OWNER,
        "can_verify": permissions.may_verify(user=request.user, organisation=organisation),
    }
    if role:
        context["members"] = selectors.organisation_members(organisation=organisation)
    if role == Membership.Role.OWNER:
        context["invitations"] = selectors.organisation_pending_invitations(
            organisation=organisation
        )
        context["invitation_form"] = InvitationForm()
    return render(request, "accounts/organisation_detail.html", context)


@login_required
def organisation_edit(request, pk: int):
    organisation = _organisation_or_404(pk)
    if selectors.membership_role(user=request.user, organisation=organisation) != "owner":
        raise PermissionDenied(_("Only an owner of the organisation may edit it."))
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                actor=request.user, organisation=organisation, data=form.service_data()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The organisation's profile was saved."))
            return redirect("accounts:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "accounts/organisation_form.html",
        {"form": form, "organisation": organisation, "creating": False},
    )


@login_required
@require_POST
def organisation_verify(request, pk: int):
    organisation = _organisation_or_404(pk)
    verified = request.POST.get("verified") == "1"
    services.organisation_set_verified(
        actor=request.user, organisation=organisation, verified=verified
    )
    if verified:
        messages.success(
            request, _("%(name)s now carries the verified badge.") % {"name": organisation.name}
        )
    else:
        messages.info(
            request,
            _("The verified badge of %(name)s was withdrawn.") % {"name": organisation.name},
        )
    if request.POST.get("next_page") == "queue":
        return redirect("exchanges:staff_home")
    return redirect("accounts:organisation_detail", pk=organisation.pk)


@login_required
@require_POST
def invitation_create(request, pk: int):
    organisation = _organisation_or_404(pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("accounts:organisation_detail", pk=organisation.pk)


@login_required
@require_POST
def invitation_revoke(request, pk: int, invitation_id: int):
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation_id=pk)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.info(
        request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
    )
    return redirect("accounts:organisation_detail", pk=pk)


@login_required
@require_POST
def membership_remove(request, pk: int, membership_id: int):
    membership = get_object_or_404(Membership, pk=membership_id, organisation_id=pk)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("accounts:organisation_detail", pk=pk)
    if membership.user == request.user:
        messages.info(request, _("You left the organisation."))
        return redirect("accounts:profile")
    messages.info(request, _("The member was removed."))
    return redirect("accounts:organisation_detail", pk=pk)


def invitation_accept(request, token: str):
    """GET shows the invitation; POST (signed in as the invited address) accepts it."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    )
    if not request.user.is_authenticated:
        next_url = request.get_full_path()
        return render(
            request,
            "accounts/invitation.html",
            {
                "invitation": invitation,
                "login_url": reverse("account_login") + "?" + urlencode({"next": next_url}),
                "signup_url": reverse("account_signup") + "?" + urlencode({"next": next_url}),
            },
            status=200 if invitation else 404,
        )
    if request.method == "POST":
        try:
            membership = services.invitation_accept(user=request.user, token=token)
        except services.InvitationUnusable as error:
            return render(
                request,
                "accounts/invitation.html",
                {"invitation": invitation, "error": error.reason},
                status=410,
            )
        messages.success(
            request, _("You joined %(name)s.") % {"name": membership.organisation.name}
        )
        return redirect("accounts:organisation_detail", pk=membership.organisation_id)
    error = None
    status = 200
    if invitation is None:
        error, status = _("This invitation link is not valid."), 404
    elif not invitation.is_pending:
        error, status = _("This invitation can no longer be used."), 410
    elif invitation.email != request.user.email.lower():
        error, status = (
            _("This invitation was sent to another e-mail address. Log in as %(email)s.")
            % {"email": invitation.email},
            403,
        )
    return render(
        request,
        "accounts/invitation.html",
        {"invitation": invitation, "error": error},
        status=status,
    )


def organisation_directory(request):
    form = DirectoryFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "accounts/directory.html", {"form": form, "page": None}, status=400)
    data = form.cleaned_data
    queryset = selectors.organisation_directory(
        text=data["q"],
        kind=data["kind"],
        province=data["province"].slug if data["province"] else "",
        exchange=data["exchange"],
        verified=True if data["verified"] else None,
    )
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "accounts/directory.html",
        {
            "form": form,
            "page": selectors.organisation_directory_page(
                queryset=queryset, page=request.GET.get("page", 1)
            ),
            "query_string": query_without_page.urlencode(),
        },
    )


def too_many_requests(request, *, retry_after: int, failed_logins: bool = False):
    """429 Too Many Requests, with Retry-After in seconds and the time to try again on the
    page (allauth's other rate limits render the same 429.html without them)."""
    response = render(
        request,
        "429.html",
        {
            "failed_logins": failed_logins,
            "retry_at": timezone.now() + timedelta(seconds=retry_after),
        },
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response
