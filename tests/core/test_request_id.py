"""Every request has an id: the caller's X-Request-ID when it is sane, a new one otherwise. The
answer echoes it and every log line written while serving the request carries it, in the text
and the JSON log formats alike."""

import json
import logging
import re

import pytest
from django.conf import settings
from django.db import DataError
from pythonjsonlogger.json import JsonFormatter
from rest_framework.authtoken.models import Token

from listings import services as listing_services
from marketplace.core.request_id import RequestIdFilter
from tests.factories import ListingFactory, MembershipFactory

pytestmark = pytest.mark.django_db

NEW_ID = re.compile(r"^[0-9a-f]{32}$")


def _log_line(record: logging.LogRecord, log_format: str) -> str:
    """The line the console handler of settings.LOGGING writes for `record`."""
    config = settings.LOGGING
    [filter_name] = config["handlers"]["console"]["filters"]
    assert config["filters"][filter_name]["()"] == "marketplace.core.request_id.RequestIdFilter"
    RequestIdFilter().filter(record)
    formatter_config = dict(config["formatters"][log_format])
    if formatter_config.pop("()", None):
        formatter = JsonFormatter(**formatter_config)
    else:
        formatter = logging.Formatter(formatter_config["format"])
    return formatter.format(record)


@pytest.mark.parametrize(
    "incoming",
    ["3f2c9a1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f", "lb-7Hq2.x_9:01", "a" * 128],
)
def test_a_sane_incoming_request_id_is_kept_and_echoed(client, incoming):
    response = client.get("/api/v1/sectors/", HTTP_X_REQUEST_ID=incoming)

    assert response["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "incoming",
    ["", "a" * 129, "two words", "line\nbreak", 'quote"d', "<script>", "ümlaut", "-leading"],
)
def test_an_insane_incoming_request_id_is_replaced_by_a_new_one(client, incoming):
    response = client.get("/api/v1/sectors/", HTTP_X_REQUEST_ID=incoming)

    assert NEW_ID.match(response["X-Request-ID"])


def test_each_request_without_an_id_gets_a_new_one_pages_included(client):
    first = client.get("/api/v1/sectors/")["X-Request-ID"]
    second = client.get("/api/v1/sectors/")["X-Request-ID"]
    page = client.get("/nope/")["X-Request-ID"]

    assert NEW_ID.match(first) and NEW_ID.match(second) and NEW_ID.match(page)
    assert len({first, second, page}) == 3


def test_the_log_lines_of_a_request_carry_its_id_in_text_and_json(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get("/api/v1/nope/", HTTP_X_REQUEST_ID="trace-404")

    [record] = caplog.records
    text = _log_line(record, "text")
    assert text.endswith(" WARNING [trace-404] django.request: Not Found: /api/v1/nope/")
    line = json.loads(_log_line(record, "json"))
    assert line["request_id"] == "trace-404"
    assert line["message"] == "Not Found: /api/v1/nope/"


def test_a_log_line_written_by_a_view_carries_the_id_of_its_request(client, monkeypatch, caplog):
    """The view's own logger has no request at hand: the id comes from the request context."""
    membership = MembershipFactory()
    listing = ListingFactory(organisation=membership.organisation)
    key = Token.objects.create(user=membership.user).key

    def refused(**kwargs):
        raise DataError("value too long for type character varying(200)")

    monkeypatch.setattr(listing_services, "listing_update", refused)

    with caplog.at_level(logging.WARNING, logger="listings.api.views"):
        response = client.patch(
            f"/api/v1/offers/{listing.pk}/",
            json.dumps({"title": "Một tên mới"}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {key}",
            HTTP_X_REQUEST_ID="trace-data-error",
        )

    assert response.status_code == 400
    [record] = [r for r in caplog.records if r.name == "listings.api.views"]
    assert record.getMessage() == "listing api: the database refused a value"
    assert json.loads(_log_line(record, "json"))["request_id"] == "trace-data-error"


def test_log_lines_outside_requests_show_a_dash():
    record = logging.LogRecord("celery", logging.INFO, __file__, 1, "tick", None, None)

    assert _log_line(record, "text").endswith(" INFO    [-] celery: tick")
    assert json.loads(_log_line(record, "json"))["request_id"] == "-"
