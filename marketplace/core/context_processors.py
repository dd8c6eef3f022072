from django.conf import settings
from django.urls import translate_url


def _path_in_default_language(request) -> str:
    """The current page's address in the default language, for the language switcher's `next`.

    Django's set_language view lives at an unprefixed URL, so it runs in the default language
    and can only translate default-language paths: given "/en/exchanges/hanoi/" it would send
    the user back to the English page. Given "/exchanges/hanoi/" it finds the page for the
    chosen language."""
    return translate_url(request.get_full_path(), settings.LANGUAGE_CODE)


def site_chrome(request):
    """What the header needs on every page from the ground floor: the language switcher and
    whether payments are on (exchanges.context_processors adds the exchange switcher and the
    staff menu)."""
    return {
        "language_switch_next": lambda: _path_in_default_language(request),
        "payments_enabled": settings.PAYMENTS_ENABLED,
    }
