"""The staff scope is worked out once per request: the page, its header (federation_chrome)
and its template tags ask for it many times, with different actions, and share one answer
kept on the request's user object."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.accounts.models import User
from marketplace.exchanges import permissions
from marketplace.exchanges.permissions import Action
from tests.factories import ExchangeStaffFactory, ListingFactory, UserFactory, exchange

pytestmark = pytest.mark.django_db

# A query that works out a scope reads the user's staff grants or lists the local centres
# under national exchanges (the scope of a national exchange's staff includes its centres).
SCOPE_QUERY = re.compile(
    r'FROM "exchanges_exchangestaff"'
    r'|"id" AS "pk" FROM "exchanges_exchange" WHERE "exchanges_exchange"."parent_id" IN \('
)


def scope_queries(captured) -> list[str]:
    return [query["sql"] for query in captured if SCOPE_QUERY.search(query["sql"])]


def national_curator() -> User:
    """A curator of VNTX Hà Nội (so the scope includes its three local centres), loaded
    afresh as a request would load it."""
    return User.objects.get(pk=ExchangeStaffFactory(exchange=exchange("hanoi")).user_id)


def ask_for_every_scope(user) -> None:
    permissions.is_staff(user=user)
    for action in Action:
        permissions.scope_ids(user=user, action=action)
        permissions.may(user=user, action=action, obj=exchange("haiphong"))
    permissions.exchanges_where(user=user, action=Action.MODERATE)


def test_a_user_objects_scope_is_read_with_one_query_whatever_is_asked():
    user = national_curator()
    hanoi_subtree = {exchange(code).pk for code in ("hanoi", "haiphong", "nghean", "thainguyen")}

    with CaptureQueriesContext(connection) as captured:
        ask_for_every_scope(user)
        scope = permissions.scope_ids(user=user, action=Action.MODERATE)

    assert len(scope_queries(captured)) == 1
    assert scope == hanoi_subtree
    assert permissions.scope_ids(user=user, action=Action.MANAGE_STAFF) == set()


def test_a_superusers_scope_is_read_with_one_query():
    user = User.objects.get(pk=UserFactory(is_superuser=True).pk)
    with CaptureQueriesContext(connection) as captured:
        first = permissions.scope_ids(user=user)
        second = permissions.scope_ids(user=user, action=Action.MANAGE_STAFF)

    assert len([query for query in captured if "exchanges_exchange" in query["sql"]]) == 1
    assert first == second
    assert len(first) == 10


def test_a_returned_scope_can_be_changed_without_changing_the_next_answer():
    user = national_curator()
    scope = permissions.scope_ids(user=user)
    scope.clear()
    assert len(permissions.scope_ids(user=user)) == 4


@pytest.mark.parametrize(
    "path",
    ["/en/listings/moderation/", "/en/exchanges/hanoi/", "/en/"],
    ids=["moderation queue", "exchange page", "home page"],
)
def test_a_curator_page_reads_the_scope_once(client, path):
    client.force_login(national_curator())
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    assert len(scope_queries(captured)) == 1


def test_the_staff_desk_reads_the_scope_once_and_the_roles_it_lists_once(client):
    client.force_login(national_curator())
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/exchanges/staff/")
    assert response.status_code == 200
    # The scope, and the staff roles the desk lists (whole rows with their exchanges).
    queries = scope_queries(captured)
    assert len(queries) == 2
    assert len([sql for sql in queries if '"exchanges_exchangestaff"."created_at"' in sql]) == 1


def test_a_listing_page_seen_by_its_curator_reads_the_scope_once(client):
    listing = ListingFactory(status="submitted", published_at=None)
    curator = User.objects.get(
        pk=ExchangeStaffFactory(exchange=listing.exchange.national_exchange).user_id
    )
    client.force_login(curator)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/en{listing.get_absolute_url()}")
    assert response.status_code == 200
    assert len(scope_queries(captured)) == 1
