"""The OpenAPI document says what the reference endpoints and the error envelope really are
(tests/listings/test_api_fuzz.py checks every operation against it; these pin the cases it
found)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    return client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_a_national_exchange_has_a_null_parent_as_documented(client, document):
    hanoi = client.get("/api/v1/exchanges/hanoi/").json()

    assert hanoi["parent"] is None
    parent = document["components"]["schemas"]["Exchange"]["properties"]["parent"]
    assert parent["type"] == "string"
    assert parent["nullable"] is True


def test_every_reference_operation_documents_its_errors(document):
    paths = document["paths"]

    assert set(paths["/api/v1/exchanges/"]["get"]["responses"]) == {"200", "401"}
    assert set(paths["/api/v1/exchanges/{code}/"]["get"]["responses"]) == {"200", "401", "404"}
    assert set(paths["/api/v1/provinces/"]["get"]["responses"]) == {"200", "401"}
    assert set(paths["/api/v1/sectors/"]["get"]["responses"]) == {"200", "401"}
    not_found = paths["/api/v1/exchanges/{code}/"]["get"]["responses"]["404"]
    assert not_found["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }


def test_an_unknown_token_is_a_401_even_where_anyone_may_read(client):
    response = client.get(
        "/api/v1/sectors/", HTTP_AUTHORIZATION="Token not-a-key", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "authentication_failed", "detail": "Invalid token.", "fields": {}}
    }


def test_the_error_envelope_documents_the_request_id_of_server_errors(document):
    body = document["components"]["schemas"]["ErrorBody"]

    assert set(body["properties"]) == {"code", "detail", "fields", "request_id"}
    assert body["required"] == ["code", "detail", "fields"]
