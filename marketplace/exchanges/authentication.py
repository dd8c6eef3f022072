"""REST API authentication with an exchange's API token (`Authorization: Token vxt_...`).

A valid exchange token authenticates the request as the exchange, not as a person:
`request.user` is AnonymousUser and `request.auth` is the ExchangeApiToken, so permissions
check `request.auth`. Keys without the "vxt_" prefix are left to DRF's TokenAuthentication
(personal tokens).
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from . import selectors, services
from .models import ExchangeApiToken


class ExchangeTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].lower() != self.keyword.lower().encode():
            return None
        try:
            key = parts[1].decode()
        except UnicodeDecodeError:
            return None  # DRF's TokenAuthentication answers with its own message
        if not key.startswith(ExchangeApiToken.KEY_PREFIX):
            return None
        token = selectors.exchange_api_token_for_key(key=key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.is_active:
            raise exceptions.AuthenticationFailed(_("This token was revoked."))
        services.exchange_api_token_touch(token=token)
        return AnonymousUser(), token

    def authenticate_header(self, request) -> str:
        return self.keyword


def exchange_token_of(request) -> ExchangeApiToken | None:
    """The exchange token that authenticated this API request, if any."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ExchangeApiToken) else None


class ExchangeTokenScheme(OpenApiAuthenticationExtension):
    target_class = ExchangeTokenAuthentication
    name = "exchangeTokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "An exchange's API token: `Token vxt_<key>`. It creates and updates listings "
                "of its exchange (a national exchange's token also covers its local centres)."
            ),
        }
