"""Property-based fuzzing of the REST API from its own OpenAPI document (schemathesis).

Every operation of /api/v1/schema/ is called in-process through the WSGI app with requests
generated from its schema, both fitting it (positive) and breaking it (negative), as a member
of an organisation with a personal token, so that writes reach the code behind
authentication. The check is that no input makes the server fail: malformed input must get a
4xx JSON error, never a 5xx. Deterministic (derandomize) and bounded (max_examples) so that
CI is repeatable and quick.

schemathesis' own pytest integration (`schemathesis.pytest.from_fixture`) does not run under
pytest 9 yet, so the operations are parametrized here and each one is driven through
schemathesis' Python API (`operation.as_strategy()` with Hypothesis).
"""

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.factories import ListingFactory, MembershipFactory, OrganisationFactory, exchange

MAX_EXAMPLES = 25


# Hundreds of generated requests: about half a minute.
pytestmark = pytest.mark.slow


def _cases() -> list[tuple[str, str, GenerationMode]]:
    """(method, path, mode) for every operation of the OpenAPI document, read at collection:
    positive for each, negative for those with parameters or a body to break."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    cases = []
    for path, operations in sorted(document["paths"].items()):
        for method, operation in operations.items():
            cases.append((method.upper(), path, GenerationMode.POSITIVE))
            if operation.get("parameters") or operation.get("requestBody"):
                cases.append((method.upper(), path, GenerationMode.NEGATIVE))
    return cases


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """API requests activate the caller's Accept-Language in this thread (the middleware does
    not restore it): put the default back so that later tests are not affected."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def seeded(db):
    """A member of a Hà Nội institute with a token, and listings to read and edit: their own
    (published, draft, a need with a deadline) and another organisation's."""
    membership = MembershipFactory(organisation=OrganisationFactory(tax_code="0101234567"))
    own = membership.organisation
    listings = [
        ListingFactory(organisation=own, external_id="hn-1"),
        ListingFactory(organisation=own, status="draft", published_at=None),
        ListingFactory(kind="need", organisation=own, deadline="2099-12-31"),
        ListingFactory(kind="need"),
        ListingFactory(exchange=exchange("haiphong"), status="submitted", published_at=None),
    ]
    return Token.objects.create(user=membership.user).key, [listing.pk for listing in listings]


@pytest.fixture
def api_schema(db):
    """The document as the app serves it, bound to the app itself (no network).

    Like Django's test client, requests must not close the database connection at their
    start and end: the test runs inside a transaction that the next request still needs.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize(("method", "path", "mode"), _cases(), ids=str)
def test_no_input_makes_the_api_fail(api_schema, seeded, method, path, mode):
    key, listing_ids = seeded
    operation = api_schema[path][method]
    headers = {"Authorization": f"Token {key}"}
    # Random ids almost never name a listing: half of the cases aim at the seeded ones.
    aim = st.sampled_from(listing_ids) if "{id}" in path else st.none()

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), listing_id=st.none() | aim)
    def call(case, listing_id):
        if listing_id is not None:
            case.path_parameters = {**(case.path_parameters or {}), "id": listing_id}
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])

    try:
        call()
    except Unsatisfiable:
        # Nothing to break is a finding too, not a skip: it happens only when the operation
        # has no body and every parameter accepts any string (e.g. an exchange code in the
        # path, where unknown codes are a 404), which is asserted here.
        if mode is GenerationMode.POSITIVE:
            raise
        raw = operation.definition.raw
        constrained = [
            parameter["name"]
            for parameter in raw.get("parameters", [])
            if parameter.get("schema", {}) != {"type": "string"}
        ]
        assert "requestBody" not in raw, f"{method.upper()} {path} has a body to break"
        assert constrained == [], f"{method.upper()} {path}: {constrained} could be broken"
