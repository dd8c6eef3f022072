"""Security headers on every response: the Content-Security-Policy (django-csp), the
Referrer-Policy and the Permissions-Policy. The site's own pages run no inline script or style,
so their policy allows only the site's own files; the two admin areas (Wagtail's and Django's)
run inline code of their own and get a relaxed policy scoped to their paths."""

import pytest

from listings import selectors as listing_selectors
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_POLICY = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
ADMIN_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self' https://releases.wagtail.org",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
REFERRER_POLICY = "same-origin"


def policy_of(response) -> dict[str, str]:
    """The Content-Security-Policy header as {directive: sources} (django-csp does not keep
    the directives in a fixed order)."""
    directives = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return dict(directive.split(" ", 1) for directive in directives if directive)


def assert_site_headers(response) -> None:
    assert policy_of(response) == SITE_POLICY
    assert response["Referrer-Policy"] == REFERRER_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.parametrize("path", ["/", "/en/offers/", "/en/accounts/login/"])
def test_a_page_has_the_sites_policy_and_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_site_headers(response)


def test_an_api_response_has_the_sites_policy_and_headers(client):
    response = client.get("/api/v1/exchanges/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_site_headers(response)


def test_error_pages_have_the_sites_policy_and_headers(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert_site_headers(response)


def test_a_server_error_has_the_sites_policy_and_headers(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the selector broke")

    monkeypatch.setattr(listing_selectors, "listing_published", broken)
    client.raise_request_exception = False

    for path in ("/en/offers/", "/api/v1/offers/"):
        response = client.get(path)
        assert response.status_code == 500
        assert_site_headers(response)


@pytest.mark.parametrize("path", ["/django-admin/login/", "/cms-admin/login/"])
def test_the_admin_areas_have_the_relaxed_policy_and_the_same_other_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert policy_of(response) == ADMIN_POLICY
    assert response["Referrer-Policy"] == REFERRER_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_a_signed_in_admin_page_has_the_relaxed_policy(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/cms-admin/")
    assert response.status_code == 200
    assert policy_of(response) == ADMIN_POLICY


def test_a_path_that_only_starts_like_an_admin_area_has_the_sites_policy(client):
    response = client.get("/en/cms-admin/")
    assert response.status_code == 404
    assert policy_of(response) == SITE_POLICY
