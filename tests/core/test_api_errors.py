"""Every error under /api/ is the JSON envelope of spec/api.md, whatever answers it (Django's
URL resolver, DRF, the server-error handler) and whether DEBUG is on or off; pages for people
keep their HTML error pages."""

import logging

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token

from listings import selectors as listing_selectors
from marketplace.core import views as core_views
from marketplace.core.api import ServerError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


@pytest.fixture
def failing_listing_list(monkeypatch):
    """GET /api/v1/offers/ fails inside the view, as a bug would."""

    def broken(**kwargs):
        raise RuntimeError("the selector broke")

    monkeypatch.setattr(listing_selectors, "listing_published", broken)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/offers/abc/",
        "/api/v1/offers/-1/",
        "/api/v1/needs/null,null/",
        "/api/v1/nope/",
        "/api/",
    ],
)
def test_unknown_api_urls_are_the_json_404_envelope(client, debug, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == JSON
    assert response.json() == {
        "error": {"code": "not_found", "detail": "Không tìm thấy.", "fields": {}}
    }


def test_an_api_url_behind_a_language_prefix_is_a_json_404_in_that_language(client, debug):
    response = client.get("/en/api/v1/offers/")

    assert response.status_code == 404
    assert response["Content-Type"] == JSON
    assert response.json() == {"error": {"code": "not_found", "detail": "Not found.", "fields": {}}}


def test_the_404_envelope_speaks_the_language_of_accept_language(client, debug):
    response = client.get("/api/v1/nope/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.json() == {"error": {"code": "not_found", "detail": "Not found.", "fields": {}}}


def test_an_unhandled_exception_in_an_api_view_is_a_500_envelope_logged_with_its_request_id(
    client, debug, failing_listing_list, caplog
):
    client.raise_request_exception = False

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(
            "/api/v1/offers/", HTTP_X_REQUEST_ID="req-500-test", HTTP_ACCEPT_LANGUAGE="en"
        )

    assert response.status_code == 500
    assert response["Content-Type"] == JSON
    assert response["X-Request-ID"] == "req-500-test"
    assert response.json() == {
        "error": {
            "code": "server_error",
            "detail": "A server error occurred; it has been logged. If you report it, quote the "
            "request id.",
            "fields": {},
            "request_id": "req-500-test",
        }
    }
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "Internal Server Error: /api/v1/offers/"
    assert record.exc_info[0] is RuntimeError
    assert record.request.request_id == "req-500-test"


def test_the_500_envelope_defaults_to_vietnamese(client, failing_listing_list):
    client.raise_request_exception = False

    response = client.get("/api/v1/offers/")

    body = response.json()["error"]
    with translation.override("vi"):
        vietnamese = str(ServerError.default_detail)
    with translation.override("en"):
        assert vietnamese != str(ServerError.default_detail)  # translated in the catalogue
    assert body["detail"] == vietnamese
    assert body["request_id"] == response["X-Request-ID"]


def test_a_method_an_api_url_does_not_allow_is_a_405_envelope(client, debug):
    response = client.delete("/api/v1/sectors/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 405
    assert response["Content-Type"] == JSON
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json() == {
        "error": {
            "code": "method_not_allowed",
            "detail": 'Method "DELETE" not allowed.',
            "fields": {},
        }
    }


def test_an_unacceptable_accept_header_is_a_406_envelope_in_json(client, debug):
    response = client.get(
        "/api/v1/offers/", HTTP_ACCEPT="application/xml", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 406
    assert response["Content-Type"] == JSON
    assert response.json() == {
        "error": {
            "code": "not_acceptable",
            "detail": "Could not satisfy the request Accept header.",
            "fields": {},
        }
    }


def test_an_unsupported_body_type_is_a_415_envelope(client, debug):
    key = Token.objects.create(user=UserFactory()).key

    response = client.post(
        "/api/v1/offers/",
        "title=x",
        content_type="text/plain",
        HTTP_AUTHORIZATION=f"Token {key}",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 415
    assert response["Content-Type"] == JSON
    assert response.json() == {
        "error": {
            "code": "unsupported_media_type",
            "detail": 'Unsupported media type "text/plain" in request.',
            "fields": {},
        }
    }


def test_a_host_django_refuses_is_a_400_envelope(client, debug):
    response = client.get("/api/v1/sectors/", HTTP_HOST="evil.example", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response["Content-Type"] == JSON
    assert response.json() == {
        "error": {"code": "bad_request", "detail": "Malformed request.", "fields": {}}
    }


@pytest.mark.parametrize("path", ["/nope/", "/en/nope/", "/apiary/"])
def test_pages_for_people_keep_their_html_error_pages(client, debug, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_a_server_error_outside_the_api_keeps_its_html_page(client, monkeypatch):
    def broken():
        raise RuntimeError("the health checks broke")

    monkeypatch.setattr(core_views, "run_health_checks", broken)
    client.raise_request_exception = False

    response = client.get("/healthz")

    assert response.status_code == 500
    assert response["Content-Type"] == "text/html; charset=utf-8"
