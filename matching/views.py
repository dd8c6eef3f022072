"""Pages of the matching engine: an owner's suggestions and their feedback actions."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from . import selectors


@login_required
def my_suggestions(request):
    status = request.GET.get("status", "")
    page = Paginator(selectors.suggestions_of_user(user=request.user, status=status), 20)
    return render(
        request,
        "matching/my_suggestions.html",
        {"page": page.get_page(request.GET.get("page")), "status": status},
    )
