"""The one permissions module: its table of roles, the predicates that apply it, and the rule
that nothing else in the product names a staff role."""

import re
from pathlib import Path

import pytest

from marketplace.exchanges import permissions
from marketplace.exchanges.models import ExchangeStaff
from marketplace.exchanges.permissions import Action
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    exchange,
)

pytestmark = pytest.mark.django_db

ADMIN, CURATOR, BROKER = (
    ExchangeStaff.Role.ADMIN,
    ExchangeStaff.Role.CURATOR,
    ExchangeStaff.Role.BROKER,
)
TABLE = {
    Action.MODERATE: {ADMIN, CURATOR},
    Action.VERIFY: {ADMIN, CURATOR},
    Action.IMPORT: {ADMIN, CURATOR},
    Action.MANAGE_STAFF: {ADMIN},
    Action.MANAGE_TOKENS: {ADMIN},
    Action.BROKER: {CURATOR, BROKER},
    Action.READ: {ADMIN, CURATOR, BROKER},
}
PREDICATES = {
    Action.MODERATE: lambda user, target: permissions.may_moderate(user=user, obj=target),
    Action.VERIFY: lambda user, target: permissions.may_verify(user=user, organisation=target),
    Action.IMPORT: lambda user, target: permissions.may_import(user=user, exchange=target),
    Action.MANAGE_STAFF: lambda user, target: permissions.may_manage_staff(
        user=user, exchange=target
    ),
    Action.MANAGE_TOKENS: lambda user, target: permissions.may_manage_tokens(
        user=user, exchange=target
    ),
    Action.BROKER: lambda user, target: permissions.may_broker(user=user, obj=target),
    Action.READ: lambda user, target: permissions.may(user=user, action=Action.READ, obj=target),
}


def test_the_table_of_roles_is_the_documented_one():
    assert {action: set(roles) for action, roles in permissions.ROLES.items()} == TABLE


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", [ADMIN, CURATOR, BROKER])
def test_each_predicate_follows_the_table_inside_the_scope_only(action, role):
    user = ExchangeStaffFactory(exchange=exchange("hcmc"), role=role).user
    allowed = role in TABLE[action]

    assert PREDICATES[action](user, exchange("hcmc")) is allowed
    assert PREDICATES[action](user, exchange("cantho")) is allowed  # a local centre of hcmc
    assert PREDICATES[action](user, exchange("hanoi")) is False
    assert permissions.scope_ids(user=user, action=action) == (
        {exchange("hcmc").pk, exchange("cantho").pk, exchange("dongnai").pk} if allowed else set()
    )


def test_members_edit_their_listings_and_moderators_those_of_their_exchange():
    listing = ListingFactory(status="draft", published_at=None)
    member = MembershipFactory(organisation=listing.organisation).user
    curator = ExchangeStaffFactory(exchange=exchange("hanoi"), role=CURATOR).user
    broker = ExchangeStaffFactory(exchange=exchange("hanoi"), role=BROKER).user
    stranger = MembershipFactory(organisation=OrganisationFactory()).user

    edits = {
        name: permissions.may_edit_listing(user=user, listing=listing)
        for name, user in [
            ("member", member),
            ("curator", curator),
            ("broker", broker),
            ("stranger", stranger),
        ]
    }
    sees = {
        name: permissions.may_see_listing(user=user, listing=listing)
        for name, user in [
            ("member", member),
            ("curator", curator),
            ("broker", broker),
            ("stranger", stranger),
        ]
    }

    assert edits == {"member": True, "curator": True, "broker": False, "stranger": False}
    assert sees == {"member": True, "curator": True, "broker": True, "stranger": False}


def test_anonymous_and_inactive_people_may_nothing():
    from django.contrib.auth.models import AnonymousUser

    listing = ListingFactory(status="draft", published_at=None)
    inactive = MembershipFactory(
        organisation=listing.organisation, user=UserFactory(is_active=False)
    )

    for user in (AnonymousUser(), None):
        assert permissions.is_member(user=user, organisation_id=listing.organisation_id) is False
        assert permissions.may_see_listing(user=user, listing=listing) is False
        assert permissions.may_read_confidential(user=user, listing=listing) is False
    assert permissions.is_staff(user=inactive.user) is False


PRODUCT = ("marketplace", "listings", "search", "matching", "cms")
ROLE_NAMES = re.compile(r"Role\.(ADMIN|CURATOR|BROKER)\b|[\"'](admin|curator|broker)[\"']")


def test_no_other_module_names_a_staff_role():
    root = Path(__file__).resolve().parents[2]
    allowed = {
        root / "marketplace/exchanges/models.py",
        root / "marketplace/exchanges/permissions.py",
    }
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for top in PRODUCT
        for path in (root / top).rglob("*.py")
        if "migrations" not in path.parts and path not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ROLE_NAMES.search(line) and "check_broker" not in line and '"broker": check' not in line
    ]
    assert offenders == []


def test_no_template_compares_a_staff_role():
    root = Path(__file__).resolve().parents[2]
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in (root / "templates").rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"[\"'](admin|curator|broker)[\"']", line)
    ]
    assert offenders == []
