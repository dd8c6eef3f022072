from django.conf import settings

from marketplace.exchanges.selectors import is_exchange_staff, national_exchanges_with_centres


def site_chrome(request):
    """What the header needs on every page: the exchange switcher and the account menu."""
    user = getattr(request, "user", None)
    return {
        "switcher_exchanges": national_exchanges_with_centres,
        "user_is_exchange_staff": (lambda: is_exchange_staff(user=user)) if user else False,
        "payments_enabled": settings.PAYMENTS_ENABLED,
    }
