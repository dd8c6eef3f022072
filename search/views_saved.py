"""Saved searches: saving the current search, the page that manages them (/search/saved/),
and the unsubscribe link of the digest e-mail (no sign-in needed). Thin views over
search.services and search.selectors.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import selectors, services
from .forms_saved import RenameSavedSearchForm, SaveSearchForm
from .models import SavedSearch
from .parameters import SearchQuery


def _apply_errors(form, error: ValidationError) -> None:
    """The service's errors on the form: "name" on its field, the rest (the hidden query,
    the limit) above the form."""
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for name, texts in items:
        form.add_error(name if name == "name" else None, texts)


def _own_or_404(request, pk: int) -> SavedSearch:
    try:
        return selectors.saved_search_get(user=request.user, pk=pk)
    except SavedSearch.DoesNotExist as exc:
        raise Http404(_("No such saved search.")) from exc


@dataclass
class _Row:
    saved: SavedSearch
    description: list[str]
    rename_form: RenameSavedSearchForm


def _render_list(request, *, failed: tuple[int, RenameSavedSearchForm] | None = None, status=200):
    rows = []
    for saved in selectors.saved_searches_of_user(user=request.user):
        if failed and failed[0] == saved.pk:
            form = failed[1]
        else:
            form = RenameSavedSearchForm(initial={"name": saved.name}, prefix=f"s{saved.pk}")
        rows.append(_Row(saved, selectors.saved_search_description(saved), form))
    context = {
        "rows": rows,
        "limit": services.MAX_SAVED_SEARCHES,
        "rename_failed": failed[0] if failed else None,
    }
    return render(request, "search/saved/list.html", context, status=status)


@login_required
@require_safe
def saved_list(request):
    return _render_list(request)


def _render_save(request, form: SaveSearchForm, query_string: str, *, status: int = 200):
    try:
        normalised = services.saved_search_normalise(query_string)
    except ValidationError:
        description, search_url = None, None
    else:
        query = SearchQuery.from_params(QueryDict(normalised))
        description = selectors.search_description(query)
        search_url = SavedSearch(query_string=normalised).get_absolute_url()
    context = {"form": form, "description": description, "search_url": search_url}
    return render(request, "search/saved/save.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def saved_create(request):
    """POST (from the search page's "Save this search"): saves it. GET shows the same form
    for the search given in the URL's parameters (/search/saved/new/?q=...)."""
    if request.method != "POST":
        query_string = request.GET.urlencode()
        text = request.GET.get("q", "").strip()[:100]
        form = SaveSearchForm(initial={"query": query_string, "name": text})
        return _render_save(request, form, query_string)
    form = SaveSearchForm(request.POST)
    form.is_valid()  # only cleans: the service validates
    data = form.cleaned_data
    try:
        saved = services.saved_search_create(
            user=request.user, name=data.get("name", ""), query_string=data.get("query", "")
        )
    except ValidationError as error:
        _apply_errors(form, error)
        return _render_save(request, form, data.get("query", ""), status=400)
    messages.success(
        request,
        _("Search saved as “%(name)s”. You will get a daily e-mail when new listings match it.")
        % {"name": saved.name},
    )
    return redirect("search:saved_list")


@login_required
@require_POST
def saved_rename(request, pk: int):
    saved = _own_or_404(request, pk)
    form = RenameSavedSearchForm(request.POST, prefix=f"s{saved.pk}")
    form.is_valid()
    try:
        services.saved_search_rename(
            user=request.user, saved_search=saved, name=form.cleaned_data.get("name", "")
        )
    except ValidationError as error:
        _apply_errors(form, error)
        return _render_list(request, failed=(saved.pk, form), status=400)
    messages.success(request, _("Renamed to “%(name)s”.") % {"name": saved.name})
    return redirect("search:saved_list")


@login_required
@require_POST
def saved_delete(request, pk: int):
    saved = _own_or_404(request, pk)
    name = saved.name
    services.saved_search_delete(user=request.user, saved_search=saved)
    messages.success(request, _("Deleted the saved search “%(name)s”.") % {"name": name})
    return redirect("search:saved_list")


@login_required
@require_POST
def saved_alerts(request, pk: int):
    saved = _own_or_404(request, pk)
    value = request.POST.get("alerts", "")
    if value not in ("on", "off"):
        messages.error(request, _("Choose whether to turn the e-mails on or off."))
        return redirect("search:saved_list")
    services.saved_search_set_alerts(user=request.user, saved_search=saved, enabled=value == "on")
    if value == "on":
        text = _("Daily e-mails turned on for “%(name)s”.")
    else:
        text = _("Daily e-mails turned off for “%(name)s”.")
    messages.success(request, text % {"name": saved.name})
    return redirect("search:saved_list")


@require_http_methods(["GET", "HEAD", "POST"])
def saved_unsubscribe(request, token: str):
    """The digest's link: GET asks to confirm, POST turns the search's e-mails off. No
    sign-in: the signed token is the proof. A tampered or expired link answers 400."""
    try:
        saved = selectors.saved_search_for_token(token)
    except signing.SignatureExpired:
        return _bad_link(request, expired=True)
    except signing.BadSignature:
        return _bad_link(request, expired=False)
    except SavedSearch.DoesNotExist as exc:
        raise Http404(_("This saved search was deleted: it sends no more e-mails.")) from exc
    done = False
    if request.method == "POST":
        try:
            saved = services.saved_search_unsubscribe(token=token)
        except (signing.BadSignature, SavedSearch.DoesNotExist, PermissionDenied):
            return _bad_link(request, expired=False)
        done = True
    context = {"saved": saved, "done": done, "token": token}
    return render(request, "search/saved/unsubscribe.html", context)


def _bad_link(request, *, expired: bool):
    context = {"expired": expired}
    return render(request, "search/saved/unsubscribe_invalid.html", context, status=400)
