from . import permissions
from .selectors import national_exchanges_with_centres


def federation_chrome(request):
    """What the header needs on every page from the federation: the exchange switcher and
    whether the account menu offers the staff desk. Both are read only if a template asks."""
    user = getattr(request, "user", None)
    return {
        "switcher_exchanges": national_exchanges_with_centres,
        "user_is_exchange_staff": (lambda: permissions.is_staff(user=user)) if user else False,
    }
