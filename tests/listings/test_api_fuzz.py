"""The REST API keeps to its own OpenAPI document: schemathesis, as `schemathesis run` would
run it, against every operation of /api/v1/schema/, with zero failures.

schemathesis' engine (its Python API) drives the app in-process (WSGI) through all its phases
(the document's examples, the coverage of its boundaries, fuzzing, and stateful sequences that
follow the Location of a created listing) and all its checks: no server error; statuses,
content types, headers and bodies as documented; requests that break the document refused
(negative data rejection) and requests that keep to it accepted (positive data acceptance);
methods the document lacks refused with a correct Allow; authentication not ignored; created
resources readable. It runs twice: anonymously, and as a member of an organisation with a
personal token, so that writes reach the code behind authentication.

A document cannot state every rule: some join two values (trl_min ≤ trl_max) or depend on the
data (a member writes for their own organisation, an external_id is unique at its exchange).
Those rules are written in the operations' descriptions and in docs/api.md; `_keep_to_the_rules`
makes the requests that schemathesis means to be valid follow them too, so that a refusal of
one of them is a finding rather than noise. Requests meant to be invalid are never touched.

Deterministic (fixed seed) and bounded (10 examples per operation in the fuzzing phase; the
boundaries of each parameter and body field explored once): about a minute and a half for both
runs.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import connection, connections
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.engine import events, from_schema
from schemathesis.engine.run import PhaseName
from schemathesis.transport.wsgi import WSGITransport

from listings.models import Listing
from search.parameters import MAX_RESULT_WINDOW
from tests.factories import ListingFactory, MembershipFactory, OrganisationFactory, exchange

pytestmark = [pytest.mark.slow, pytest.mark.search]

MAX_EXAMPLES = 10  # per operation, in the fuzzing phase
SEED = 20260
TAX_CODE = "0101234567"  # the member's organisation
HOME_EXCHANGE = "hanoi"  # its home exchange: a person's listings belong there
LISTING_WRITES = {
    ("POST", "/api/v1/offers/"),
    ("POST", "/api/v1/needs/"),
    ("PATCH", "/api/v1/offers/{id}/"),
    ("PATCH", "/api/v1/needs/{id}/"),
}


@dataclass
class Seeded:
    key: str
    organisation_id: int
    listing_ids: list[int]


@dataclass
class Outcome:
    operations: set[str] = field(default_factory=set)
    cases: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # what failed → how to reproduce
    seconds: float = 0.0


@pytest.fixture
def seeded(transactional_db, reference_data, monkeypatch, settings) -> Seeded:
    """A member of a Hà Nội institute with a token, and listings to read and edit: their own
    (published, draft, a need with a deadline) and another organisation's.

    Committed (transactional_db): the engine calls the app from a thread of its own, on a
    database connection of its own, which sees only committed data; that connection is
    closed after each call (`_close_connections`) and never kept open (CONN_MAX_AGE)."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    settings.LISTINGS_CHANGED_HANDLERS = []
    settings.ORGANISATIONS_CHANGED_HANDLERS = []
    membership = MembershipFactory(organisation=OrganisationFactory(tax_code=TAX_CODE))
    own = membership.organisation
    listings = [
        ListingFactory(organisation=own, external_id="hn-1"),
        ListingFactory(organisation=own, status="draft", published_at=None),
        ListingFactory(kind="need", organisation=own, deadline="2099-12-31"),
        ListingFactory(kind="need"),
        ListingFactory(exchange=exchange("haiphong"), status="submitted", published_at=None),
    ]
    key = Token.objects.create(user=membership.user).key
    # The embedded search engine starts on the first search; started here, its start-up time
    # is not a search's (a slow start answers 503, which is documented but a server error).
    assert Client().get("/api/v1/search/").status_code == 200
    return Seeded(key=key, organisation_id=own.pk, listing_ids=[x.pk for x in listings])


@pytest.fixture
def in_process_transport(monkeypatch):
    """schemathesis 4.32 hands the options of a network request (max_redirects, verify, ...)
    to its in-process transport when a check sends a request of its own (ignored_auth sending
    a created listing's POST again without credentials); the transport drops them only for
    a requests session, and werkzeug refuses them. Dropped here for every caller."""
    send = WSGITransport.send

    def send_in_process(self, case, *, session=None, **kwargs):
        for name in ("max_redirects", "verify", "cert", "proxies"):
            kwargs.pop(name, None)
        return send(self, case, session=session, **kwargs)

    monkeypatch.setattr(WSGITransport, "send", send_in_process)


def _documented_operations() -> set[str]:
    document = SchemaGenerator().get_schema(request=None, public=True)
    return {
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method in operations
    }


def _keep_to_the_rules(seeded: Seeded):
    """A `map_case` hook: requests meant to be valid also follow the rules that the document
    states in words only (see the module's docstring)."""
    external_ids = (f"fuzz-{n}" for n in itertools.count(1))

    def hook(context, case):
        if case.meta is None or case.meta.generation.mode is not GenerationMode.POSITIVE:
            return case
        operation = (case.method.upper(), case.path)
        query = case.query or {}
        for low, high in (("trl_min", "trl_max"), ("price_min", "price_max")):
            if _number(query.get(low), 0) > _number(query.get(high), 10**16):
                query[low], query[high] = query[high], query[low]
        if case.path == "/api/v1/search/" and _number(query.get("page"), 0) > 1:
            largest = MAX_RESULT_WINDOW // _number(query.get("page_size"), 20)
            query["page"] = min(_number(query["page"], 1), largest)
        listing_id = (case.path_parameters or {}).get("id")
        if _is_int(listing_id) and not Listing.objects.filter(pk=listing_id).exists():
            # Random ids name no listing: aim at the seeded ones (own and others'), and keep
            # those that do (a listing created a moment ago, whose Location is followed).
            case.path_parameters["id"] = seeded.listing_ids[listing_id % len(seeded.listing_ids)]
        if operation in LISTING_WRITES and isinstance(case.body, dict):
            _as_the_member_may_write(case.body, seeded, next(external_ids), case.method)
        return case

    return hook


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value, default: int) -> int:
    """A whole number of a query: generated as an int, or as its text (coverage phase)."""
    if _is_int(value):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return default


def _as_the_member_may_write(body: dict, seeded: Seeded, external_id: str, method: str) -> None:
    """A member writes listings of their own organisation at its home exchange, with an
    external_id no other listing there has, prices and deadlines that make sense."""
    if "organisation_id" in body:
        body["organisation_id"] = seeded.organisation_id
    if isinstance(body.get("organisation"), dict):
        body["organisation"]["tax_code"] = TAX_CODE
        _ordered(body["organisation"].get("interests") or {}, "ticket_vnd")
    elif method == "PATCH":
        body.pop("organisation", None)  # the owner cannot change (nor be removed)
    if body.get("exchange") is not None:
        body["exchange"] = HOME_EXCHANGE
    elif method == "PATCH":
        body.pop("exchange", None)  # the exchange cannot change
    if body.get("external_id") is not None:
        body["external_id"] = external_id
    _ordered(body, "price_vnd")
    if isinstance(body.get("deadline"), str) and body["deadline"] < "2099-01-01":
        body["deadline"] = "2099-12-31"  # not in the past


def _ordered(obj: dict, key: str) -> None:
    """min ≤ max in a price or a ticket."""
    bounds = obj.get(key)
    if isinstance(bounds, dict) and _is_int(bounds.get("min")) and _is_int(bounds.get("max")):
        low, high = sorted((bounds["min"], bounds["max"]))
        bounds.update(min=low, max=high)


def _close_connections(context, case, response):
    """An `after_call` hook, in the engine's thread: its database connection is closed after
    each call, so that none outlives the test (PostgreSQL would not drop the test database)."""
    connections.close_all()


def _answer(interaction) -> str:
    """What the app answered, for the report of a failure."""
    response = getattr(interaction, "response", None)
    if response is None:
        return ""
    return f"\n→ {response.status_code} {response.content[:500].decode(errors='replace')}"


def _run(seeded: Seeded, *, headers: dict, boundaries_of: list[str]) -> Outcome:
    """One run of every phase and check over every operation; the coverage phase (the
    boundaries of every parameter and body field, thousands of requests) only for the
    operations of the methods `boundaries_of`."""
    others = sorted({"GET", "POST", "PATCH"} - set(boundaries_of))
    config = schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "workers": 1,
            # The app's own host: the Location of a created listing is followed only when it
            # names the API's server.
            "base-url": "http://localhost",
            "headers": headers,
            "operations": [{"include-method": others, "phases": {"coverage": {"enabled": False}}}],
            # Deterministic: no example database to replay from, nothing written to disk.
            "generation": {
                "max-examples": MAX_EXAMPLES,
                "deterministic": True,
                "database": "none",
            },
            # Sequences follow the Location of a created listing. Links inferred from field
            # names would copy a listing's external_id (unique at its exchange) or its owner
            # into the next body: refusals by rule, not findings.
            "phases": {"stateful": {"inference": {"algorithms": ["location-headers"]}}},
        }
    )
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/", get_wsgi_application(), config=config
    )
    schema.hook("map_case")(_keep_to_the_rules(seeded))
    schema.hook("after_call")(_close_connections)
    outcome = Outcome()
    started = time.monotonic()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            if event.phase is not PhaseName.STATEFUL_TESTING:  # its label names no operation
                outcome.operations.add(event.recorder.label)
            outcome.cases += len(event.recorder.cases)
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.failure_info is not None:
                        failure = check.failure_info.failure
                        name = f"{failure.operation}: {failure.title}: {failure.message}"
                        answer = _answer(event.recorder.interactions.get(case_id))
                        outcome.failures.setdefault(name, check.failure_info.code_sample + answer)
        elif isinstance(event, events.NonFatalError):
            outcome.failures[f"{event.label}: error"] = repr(event.value)
        elif isinstance(event, events.FatalError):
            raise event.exception
        elif isinstance(event, events.EngineFinished):
            for failure in event.failures:
                outcome.failures[f"{failure.operation}: {failure.title}: {failure.message}"] = ""
    outcome.seconds = time.monotonic() - started
    return outcome


# The boundaries of reads are explored anonymously; those of the listing body as the member,
# once, through POST (anonymous writes are refused before their body is read, and a PATCH
# body is the same object with nothing required; PATCH is fuzzed and reached by sequences).
@pytest.mark.parametrize(
    ("caller", "boundaries_of"), [("anonymous", ["GET"]), ("member", ["POST"])]
)
def test_the_api_keeps_to_its_openapi_document(seeded, in_process_transport, caller, boundaries_of):
    headers = {"Authorization": f"Token {seeded.key}"} if caller == "member" else {}

    outcome = _run(seeded, headers=headers, boundaries_of=boundaries_of)

    print(
        f"\nschemathesis, {caller}: {len(outcome.operations)} operations, {outcome.cases} "
        f"requests, {len(outcome.failures)} failures, {outcome.seconds:.0f} s"
    )
    assert outcome.operations == _documented_operations()
    assert not outcome.failures, "\n\n".join(
        f"{what}\n{how}" for what, how in outcome.failures.items()
    )
