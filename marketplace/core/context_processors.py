from django.conf import settings
from django.urls import translate_url

from marketplace.exchanges.selectors import is_exchange_staff, national_exchanges_with_centres


def _path_in_default_language(request) -> str:
    """The current page's address in the default language, for the language switcher's `next`.

    Django's set_language view lives at an unprefixed URL, so it runs in the default language
    and can only translate default-language paths: given "/en/exchanges/hanoi/" it would send
    the user back to the English page. Given "/exchanges/hanoi/" it finds the page for the
    chosen language."""
    return translate_url(request.get_full_path(), settings.LANGUAGE_CODE)


def site_chrome(request):
    """What the header needs on every page: the exchange switcher, the account menu and the
    language switcher."""
    user = getattr(request, "user", None)
    return {
        "switcher_exchanges": national_exchanges_with_centres,
        "user_is_exchange_staff": (lambda: is_exchange_staff(user=user)) if user else False,
        "language_switch_next": lambda: _path_in_default_language(request),
        "payments_enabled": settings.PAYMENTS_ENABLED,
    }
