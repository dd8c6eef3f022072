"""The one scoping rule (`permissions.staff_may_act_on`) and the federation the data migration
creates.

The rule: staff of a national exchange act on it and on its local centres; staff of a local
centre act on that centre only; platform superusers act everywhere; nobody else acts anywhere.
"""

import itertools
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from marketplace.exchanges.models import Exchange, ExchangeStaff, Province
from marketplace.exchanges.permissions import (
    exchange_of,
    exchanges_where,
    is_staff,
    staff_may_act_on,
    staff_scope_exchange_ids,
)
from marketplace.reference.models import Sector
from tests.factories import ExchangeStaffFactory, OrganisationFactory, UserFactory, exchange

pytestmark = pytest.mark.django_db

ADMIN, CURATOR, BROKER = (
    ExchangeStaff.Role.ADMIN,
    ExchangeStaff.Role.CURATOR,
    ExchangeStaff.Role.BROKER,
)
ROLES = [ADMIN, CURATOR, BROKER]

# The federation as the data migration must create it, written out by hand (not read from the
# code under test): each local centre and the national exchange it belongs to.
NATIONALS = ["danang", "hanoi", "hcmc"]
PARENT_OF = {
    "haiphong": "hanoi",
    "nghean": "hanoi",
    "thainguyen": "hanoi",
    "cantho": "hcmc",
    "dongnai": "hcmc",
    "khanhhoa": "danang",
    "hue": "danang",
}
ALL_CODES = NATIONALS + sorted(PARENT_OF)
SCOPE = {
    "hanoi": {"hanoi", "haiphong", "nghean", "thainguyen"},
    "hcmc": {"hcmc", "cantho", "dongnai"},
    "danang": {"danang", "khanhhoa", "hue"},
    **{centre: {centre} for centre in PARENT_OF},
}

# Every relation between the staff member's exchange and the target, and the rule's answer.
EXPECTED_BY_RELATION = {
    "national→itself": True,
    "national→its own local centre": True,
    "national→another national": False,
    "national→another national's local centre": False,
    "local→itself": True,
    "local→its parent national": False,
    "local→a sibling local centre": False,
    "local→another national": False,
    "local→a local centre of another national": False,
}


def relation(staff_code: str, target_code: str) -> str:
    """Names the relation from the hand-written federation above."""
    staff_is_national = staff_code not in PARENT_OF
    target_is_national = target_code not in PARENT_OF
    if staff_code == target_code:
        return "national→itself" if staff_is_national else "local→itself"
    if staff_is_national:
        if target_is_national:
            return "national→another national"
        if PARENT_OF[target_code] == staff_code:
            return "national→its own local centre"
        return "national→another national's local centre"
    if target_is_national:
        if PARENT_OF[staff_code] == target_code:
            return "local→its parent national"
        return "local→another national"
    if PARENT_OF[staff_code] == PARENT_OF[target_code]:
        return "local→a sibling local centre"
    return "local→a local centre of another national"


PAIRS = list(itertools.product(ALL_CODES, ALL_CODES))
MATRIX = [
    pytest.param(role, staff, target, id=f"{role}:{staff}->{target}:{relation(staff, target)}")
    for role, (staff, target) in itertools.product(ROLES, PAIRS)
]


def staff_user(code: str, role: str):
    """A fresh user holding `role` at the exchange `code` (fresh: the scope is cached per
    user object)."""
    member = ExchangeStaffFactory(exchange=exchange(code), role=role)
    return type(member.user).objects.get(pk=member.user_id)


def ids(*codes: str) -> set[int]:
    return set(Exchange.objects.filter(code__in=codes).values_list("pk", flat=True))


# --- the matrix -----------------------------------------------------------------------------


def test_matrix_covers_every_relation_with_every_exchange_pair():
    # Given the 10 exchanges of the federation
    # When every ordered pair is named
    named = {relation(staff, target) for staff, target in PAIRS}
    # Then all nine relations occur and the matrix has 3 roles × 100 pairs
    assert named == set(EXPECTED_BY_RELATION)
    assert len(MATRIX) == 300


@pytest.mark.parametrize(("role", "staff_code", "target_code"), MATRIX)
def test_staff_may_act_on_every_role_and_relation(role, staff_code, target_code):
    # Given a staff member with `role` at `staff_code`
    user = staff_user(staff_code, role)
    target = exchange(target_code)
    # When the scoping rule is asked about the target exchange, in every role
    allowed = staff_may_act_on(user=user, obj=target)
    # Then the answer is the one the relation prescribes, whatever the role
    assert allowed is EXPECTED_BY_RELATION[relation(staff_code, target_code)]
    assert allowed is (target_code in SCOPE[staff_code])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("staff_code", ALL_CODES)
def test_staff_scope_exchange_ids_is_the_exact_subtree(staff_code, role):
    # Given a staff member with `role` at `staff_code`
    user = staff_user(staff_code, role)
    # When the scope is computed
    scope = staff_scope_exchange_ids(user=user)
    # Then it holds exactly the exchange and, for a national exchange, its local centres
    assert scope == ids(*SCOPE[staff_code])
    assert set(exchanges_where(user=user).values_list("code", flat=True)) == SCOPE[staff_code]
    assert is_staff(user=user) is True


# --- who is asking --------------------------------------------------------------------------


@pytest.mark.parametrize("target_code", ALL_CODES)
def test_user_without_a_staff_role_acts_nowhere(target_code):
    # Given a verified user with no exchange role
    user = UserFactory()
    # When the rule is asked about any exchange
    # Then the answer is no, and the scope is empty
    assert staff_may_act_on(user=user, obj=exchange(target_code)) is False
    assert staff_scope_exchange_ids(user=user) == set()
    assert is_staff(user=user) is False


@pytest.mark.parametrize("role", ROLES)
def test_inactive_staff_member_acts_nowhere(role):
    # Given an admin/curator/broker of hanoi whose account was deactivated
    member = ExchangeStaffFactory(exchange=exchange("hanoi"), role=role, user__is_active=False)
    # When the rule is asked about hanoi itself
    # Then the answer is no
    assert staff_may_act_on(user=member.user, obj=exchange("hanoi")) is False
    assert staff_scope_exchange_ids(user=member.user) == set()


@pytest.mark.parametrize("target_code", ALL_CODES)
def test_anonymous_user_acts_nowhere(target_code):
    assert staff_may_act_on(user=AnonymousUser(), obj=exchange(target_code)) is False
    assert staff_scope_exchange_ids(user=AnonymousUser()) == set()


def test_none_as_user_acts_nowhere():
    assert staff_may_act_on(user=None, obj=exchange("hanoi")) is False


@pytest.mark.parametrize("target_code", ALL_CODES)
def test_superuser_acts_everywhere_without_a_staff_role(target_code):
    # Given a platform superuser with no exchange role
    user = UserFactory(is_superuser=True, is_staff=True)
    # When the rule is asked about any exchange, even for a single role
    # Then the answer is yes, and the scope is all 10 exchanges
    assert staff_may_act_on(user=user, obj=exchange(target_code), roles=[BROKER]) is True
    assert staff_scope_exchange_ids(user=user) == ids(*ALL_CODES)
    assert len(staff_scope_exchange_ids(user=user)) == 10


def test_inactive_superuser_acts_nowhere():
    user = UserFactory(is_superuser=True, is_staff=True, is_active=False)
    assert staff_may_act_on(user=user, obj=exchange("hanoi")) is False


# --- the role filter ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "asked_roles", "expected"),
    [
        (BROKER, [ADMIN, CURATOR], False),
        (BROKER, [BROKER], True),
        (BROKER, [CURATOR, BROKER], True),
        (CURATOR, [ADMIN], False),
        (CURATOR, [ADMIN, CURATOR], True),
        (ADMIN, [CURATOR, BROKER], False),
        (ADMIN, [ADMIN], True),
        (ADMIN, [], False),
    ],
)
def test_role_filter(role, asked_roles, expected):
    # Given a staff member of hanoi with one role
    user = staff_user("hanoi", role)
    # When asked about hanoi's own local centre, only counting `asked_roles`
    allowed = staff_may_act_on(user=user, obj=exchange("haiphong"), roles=asked_roles)
    # Then only a role in the filter counts
    assert allowed is expected
    scope = staff_scope_exchange_ids(user=user, roles=asked_roles)
    assert scope == (ids(*SCOPE["hanoi"]) if expected else set())


def test_role_filter_accepts_any_iterable():
    user = staff_user("cantho", CURATOR)
    roles = (role for role in [ADMIN, CURATOR])
    assert staff_may_act_on(user=user, obj=exchange("cantho"), roles=roles) is True


# --- the union of several roles -------------------------------------------------------------


def test_roles_at_two_exchanges_give_the_union():
    # Given a user who is curator at haiphong (local) and broker at hcmc (national)
    user = UserFactory()
    ExchangeStaffFactory(user=user, exchange=exchange("haiphong"), role=CURATOR)
    ExchangeStaffFactory(user=user, exchange=exchange("hcmc"), role=BROKER)
    user = type(user).objects.get(pk=user.pk)
    # When the scope is computed over every role
    # Then it is haiphong plus hcmc's subtree: 4 exchanges
    assert staff_scope_exchange_ids(user=user) == ids("haiphong", "hcmc", "cantho", "dongnai")
    # And filtering by role keeps only the matching part of the union
    assert staff_scope_exchange_ids(user=user, roles=[CURATOR]) == ids("haiphong")
    assert staff_scope_exchange_ids(user=user, roles=[BROKER]) == ids("hcmc", "cantho", "dongnai")
    # And exchanges outside both stay out of reach
    assert staff_may_act_on(user=user, obj=exchange("cantho")) is True
    assert staff_may_act_on(user=user, obj=exchange("cantho"), roles=[CURATOR]) is False
    assert staff_may_act_on(user=user, obj=exchange("hanoi")) is False
    assert staff_may_act_on(user=user, obj=exchange("nghean")) is False
    assert staff_may_act_on(user=user, obj=exchange("danang")) is False


def test_two_local_centres_of_different_nationals_give_exactly_those_two():
    user = UserFactory()
    ExchangeStaffFactory(user=user, exchange=exchange("hue"), role=ADMIN)
    ExchangeStaffFactory(user=user, exchange=exchange("dongnai"), role=ADMIN)
    user = type(user).objects.get(pk=user.pk)
    assert staff_scope_exchange_ids(user=user) == ids("hue", "dongnai")


# --- what the rule is asked about -----------------------------------------------------------


@pytest.mark.parametrize(
    ("province_slug", "staff_code", "expected"),
    [
        ("hai-phong", "hanoi", True),  # organisation of hanoi's subtree, national staff
        ("ha-noi", "haiphong", False),  # organisation of the parent, local staff
        ("can-tho", "hanoi", False),  # organisation of another national
        ("hue", "danang", True),
    ],
)
def test_organisation_is_judged_by_its_home_exchange(province_slug, staff_code, expected):
    # Given an organisation whose home exchange is its province's default exchange
    organisation = OrganisationFactory(province=Province.objects.get(slug=province_slug))
    user = staff_user(staff_code, CURATOR)
    # Then the rule judges it by its home exchange
    assert staff_may_act_on(user=user, obj=organisation) is expected


def test_organisation_homed_at_a_local_centre():
    # Given an organisation homed at haiphong (moved there from hanoi)
    organisation = OrganisationFactory(home_exchange=exchange("haiphong"))
    # Then haiphong's and hanoi's staff may act on it, nghean's may not
    assert staff_may_act_on(user=staff_user("haiphong", BROKER), obj=organisation) is True
    assert staff_may_act_on(user=staff_user("hanoi", BROKER), obj=organisation) is True
    assert staff_may_act_on(user=staff_user("nghean", BROKER), obj=organisation) is False


def test_any_object_with_an_exchange_attribute():
    # Given a listing-like object carrying an `exchange`
    listing = SimpleNamespace(exchange=exchange("dongnai"), title="Máy sấy nông sản")
    # Then hcmc's and dongnai's staff may act on it, cantho's and hanoi's may not
    assert staff_may_act_on(user=staff_user("hcmc", ADMIN), obj=listing) is True
    assert staff_may_act_on(user=staff_user("dongnai", ADMIN), obj=listing) is True
    assert staff_may_act_on(user=staff_user("cantho", ADMIN), obj=listing) is False
    assert staff_may_act_on(user=staff_user("hanoi", ADMIN), obj=listing) is False


@pytest.mark.parametrize(
    "obj",
    [
        pytest.param(None, id="None"),
        pytest.param(object(), id="plain-object"),
        pytest.param(SimpleNamespace(exchange=None), id="exchange-None"),
        pytest.param(SimpleNamespace(exchange="hanoi"), id="exchange-as-code-string"),
        pytest.param(SimpleNamespace(home_exchange=42), id="home-exchange-as-id"),
    ],
)
def test_object_without_an_exchange_is_refused_even_to_superusers(obj):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert exchange_of(obj) is None
    assert staff_may_act_on(user=superuser, obj=obj) is False
    assert staff_may_act_on(user=staff_user("hanoi", ADMIN), obj=obj) is False


def test_exchange_attribute_wins_over_home_exchange():
    obj = SimpleNamespace(exchange=exchange("cantho"), home_exchange=exchange("hanoi"))
    assert exchange_of(obj).code == "cantho"
    assert staff_may_act_on(user=staff_user("hanoi", ADMIN), obj=obj) is False
    assert staff_may_act_on(user=staff_user("hcmc", ADMIN), obj=obj) is True


# --- the data migration ---------------------------------------------------------------------


def test_migration_creates_the_federation():
    # Given the database built by the migrations
    # Then there are exactly the 3 national exchanges and 7 local centres, with their parents
    nationals = Exchange.objects.filter(kind=Exchange.Kind.NATIONAL)
    assert sorted(nationals.values_list("code", flat=True)) == NATIONALS
    assert set(nationals.values_list("parent", flat=True)) == {None}
    locals_ = Exchange.objects.filter(kind=Exchange.Kind.LOCAL)
    assert dict(locals_.values_list("code", "parent__code")) == PARENT_OF
    assert Exchange.objects.count() == 10


def test_migration_names_every_exchange_in_both_languages():
    hanoi = exchange("hanoi")
    assert hanoi.name_vi == "Sàn giao dịch công nghệ quốc gia tại Hà Nội"
    assert hanoi.name_en == "National Technology Exchange in Hà Nội"
    assert Exchange.objects.filter(name_vi="").count() == 0
    assert Exchange.objects.filter(name_en="").count() == 0


def test_migration_loads_the_34_provinces_with_their_default_exchange():
    expected = {
        "danang": {"da-nang", "dak-lak", "gia-lai", "hue", "khanh-hoa", "quang-ngai", "quang-tri"},
        "hanoi": {
            "bac-ninh", "cao-bang", "dien-bien", "ha-noi", "ha-tinh", "hai-phong", "hung-yen",
            "lai-chau", "lang-son", "lao-cai", "nghe-an", "ninh-binh", "phu-tho", "quang-ninh",
            "son-la", "thai-nguyen", "thanh-hoa", "tuyen-quang",
        },
        "hcmc": {
            "an-giang", "ca-mau", "can-tho", "dong-nai", "dong-thap", "ho-chi-minh", "lam-dong",
            "tay-ninh", "vinh-long",
        },
    }  # fmt: skip
    assert Province.objects.count() == 34
    actual: dict[str, set[str]] = {}
    for slug, code in Province.objects.values_list("slug", "default_exchange__code"):
        actual.setdefault(code, set()).add(slug)
    assert actual == expected
    assert Province.objects.filter(kind=Province.Kind.CITY).count() == 6


def test_migration_names_provinces_in_both_languages():
    ha_noi = Province.objects.get(slug="ha-noi")
    assert (ha_noi.name_vi, ha_noi.name_en) == ("Thành phố Hà Nội", "Hà Nội City")
    nghe_an = Province.objects.get(slug="nghe-an")
    assert (nghe_an.name_vi, nghe_an.name_en) == ("Tỉnh Nghệ An", "Nghệ An Province")


def test_exchanges_serve_their_provinces():
    # A national exchange serves the provinces it is the default for; a centre its own province
    assert exchange("hcmc").provinces.count() == 9
    assert exchange("hanoi").provinces.count() == 18
    assert exchange("danang").provinces.count() == 7
    assert list(exchange("cantho").provinces.values_list("slug", flat=True)) == ["can-tho"]
    assert list(exchange("hue").provinces.values_list("slug", flat=True)) == ["hue"]


def test_migration_loads_the_sector_taxonomy():
    assert Sector.objects.count() == 52
    assert Sector.objects.filter(parent__isnull=False).count() == 46
    assert Sector.objects.filter(parent__isnull=True).count() == 6
    sector = Sector.objects.get(code="101")
    assert (sector.parent_id, sector.name_vi, sector.name_en) == (
        "1",
        "Toán học và thống kê",
        "Mathematics and statistics",
    )
    # Every level-2 code sits under the field named by its first digit
    for code, parent in Sector.objects.filter(parent__isnull=False).values_list("code", "parent"):
        assert code[0] == parent


def test_a_local_centre_needs_a_parent_in_the_database():
    # Given a local centre without a parent, saved past model validation
    # Then the CheckConstraint refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        Exchange.objects.create(code="vinhlong", kind=Exchange.Kind.LOCAL, name_vi="x", name_en="x")
    assert not Exchange.objects.filter(code="vinhlong").exists()


def test_a_national_exchange_has_no_parent_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Exchange.objects.create(
            code="cantho2",
            kind=Exchange.Kind.NATIONAL,
            parent=exchange("hcmc"),
            name_vi="x",
            name_en="x",
        )


def test_exchange_clean_explains_a_missing_or_wrong_parent():
    from django.core.exceptions import ValidationError

    orphan = Exchange(code="x1", kind=Exchange.Kind.LOCAL, name_vi="x", name_en="x")
    with pytest.raises(ValidationError) as missing:
        orphan.clean()
    assert list(missing.value.message_dict) == ["parent"]
    grandchild = Exchange(
        code="x2", kind=Exchange.Kind.LOCAL, parent=exchange("hue"), name_vi="x", name_en="x"
    )
    with pytest.raises(ValidationError) as wrong:
        grandchild.clean()
    assert list(wrong.value.message_dict) == ["parent"]
