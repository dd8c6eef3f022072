"""The read-only reference API and the JSON error envelope of spec/api.md."""

import pytest

pytestmark = pytest.mark.django_db


def test_exchanges_endpoint_lists_the_federation(client):
    response = client.get("/api/v1/exchanges/")

    assert response.status_code == 200
    by_code = {item["code"]: item for item in response.json()}
    assert sorted(by_code) == [
        "cantho", "danang", "dongnai", "haiphong", "hanoi", "hcmc", "hue", "khanhhoa", "nghean",
        "thainguyen",
    ]  # fmt: skip
    assert by_code["hanoi"]["kind"] == "national"
    assert by_code["hanoi"]["parent"] is None
    assert sorted(by_code["hanoi"]["local_centres"]) == ["haiphong", "nghean", "thainguyen"]
    assert by_code["cantho"]["parent"] == "hcmc"
    assert by_code["cantho"]["provinces"] == ["can-tho"]
    assert len(by_code["hcmc"]["provinces"]) == 9


def test_unknown_exchange_is_a_json_404(client):
    response = client.get("/api/v1/exchanges/atlantis/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "detail": "Not found.", "fields": {}}}


def test_provinces_and_sectors_carry_the_spec_tables(client):
    provinces = client.get("/api/v1/provinces/").json()
    sectors = client.get("/api/v1/sectors/").json()

    assert len(provinces) == 34
    hue = next(p for p in provinces if p["slug"] == "hue")
    assert hue == {
        "slug": "hue",
        "name_vi": "Thành phố Huế",
        "name_en": "Huế City",
        "kind": "city",
        "default_exchange": "danang",
        "latitude": "16.460",
        "longitude": "107.590",
    }
    assert len(sectors) == 52
    assert {
        "code": "210",
        "parent": "2",
        "name_vi": "Công nghệ nano",
        "name_en": "Nanotechnology",
    } in sectors


def test_reference_endpoints_are_read_only(client):
    response = client.post("/api/v1/exchanges/", {"code": "x"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 405
    assert response.json() == {
        "error": {
            "code": "method_not_allowed",
            "detail": 'Method "POST" not allowed.',
            "fields": {},
        }
    }


def test_openapi_document_describes_the_reference_endpoints(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/api/v1/exchanges/",
        "/api/v1/exchanges/{code}/",
        "/api/v1/provinces/",
        "/api/v1/sectors/",
    } <= set(paths)


def test_api_errors_default_to_vietnamese(client):
    response = client.get("/api/v1/exchanges/atlantis/")

    assert response.json()["error"]["detail"] == "Không tìm thấy."
