"""Granting and removing exchange staff roles, through services and pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from marketplace.exchanges.models import ExchangeStaff
from marketplace.exchanges.services import exchange_staff_assign, exchange_staff_remove
from tests.factories import ExchangeStaffFactory, UserFactory, exchange

pytestmark = pytest.mark.django_db


def test_national_admin_grants_a_role_at_one_of_its_local_centres():
    # Given an administrator of the Hà Nội exchange and a person with an account
    admin = ExchangeStaffFactory(exchange=exchange("hanoi"), role="admin").user
    person = UserFactory(email="can.bo@haiphong.example.vn")

    # When the admin makes the person a curator of the Hải Phòng centre (in scope)
    staff = exchange_staff_assign(
        actor=admin,
        exchange=exchange("haiphong"),
        email="CAN.BO@haiphong.example.vn",
        role="curator",
    )

    # Then exactly that role exists
    assert (staff.user, staff.exchange.code, staff.role) == (person, "haiphong", "curator")
    assert ExchangeStaff.objects.filter(user=person).count() == 1


@pytest.mark.parametrize(
    ("admin_at", "target"),
    [("haiphong", "hanoi"), ("haiphong", "nghean"), ("hanoi", "hcmc"), ("hanoi", "cantho")],
)
def test_admin_cannot_grant_roles_outside_their_scope(admin_at, target):
    admin = ExchangeStaffFactory(exchange=exchange(admin_at), role="admin").user
    UserFactory(email="x@example.vn")

    with pytest.raises(PermissionDenied):
        exchange_staff_assign(
            actor=admin, exchange=exchange(target), email="x@example.vn", role="broker"
        )
    assert ExchangeStaff.objects.filter(user__email="x@example.vn").count() == 0


@pytest.mark.parametrize("role", ["curator", "broker"])
def test_curators_and_brokers_cannot_grant_roles(role):
    actor = ExchangeStaffFactory(exchange=exchange("hanoi"), role=role).user
    UserFactory(email="x@example.vn")

    with pytest.raises(PermissionDenied):
        exchange_staff_assign(
            actor=actor, exchange=exchange("hanoi"), email="x@example.vn", role="broker"
        )


@translation.override("en")
def test_unknown_email_duplicate_role_and_unknown_role_are_clear_errors():
    admin = ExchangeStaffFactory(exchange=exchange("danang"), role="admin").user
    UserFactory(email="x@example.vn")

    with pytest.raises(ValidationError) as unknown:
        exchange_staff_assign(
            actor=admin, exchange=exchange("danang"), email="ai@do.vn", role="broker"
        )
    assert unknown.value.message_dict == {
        "email": ["No account uses this e-mail address. Ask the person to sign up first."]
    }

    exchange_staff_assign(
        actor=admin, exchange=exchange("danang"), email="x@example.vn", role="broker"
    )
    with pytest.raises(ValidationError) as duplicate:
        exchange_staff_assign(
            actor=admin, exchange=exchange("danang"), email="x@example.vn", role="broker"
        )
    assert duplicate.value.message_dict == {"email": ["This person already has this role here."]}

    with pytest.raises(ValidationError) as bad_role:
        exchange_staff_assign(
            actor=admin, exchange=exchange("danang"), email="x@example.vn", role="king"
        )
    assert bad_role.value.message_dict == {"role": ["Unknown role."]}


def test_last_admin_cannot_remove_their_own_admin_role_but_may_remove_others():
    own = ExchangeStaffFactory(exchange=exchange("hcmc"), role="admin")
    other = ExchangeStaffFactory(exchange=exchange("hcmc"), role="broker")

    with pytest.raises(ValidationError):
        exchange_staff_remove(actor=own.user, staff=own)
    exchange_staff_remove(actor=own.user, staff=other)

    assert list(
        ExchangeStaff.objects.filter(exchange__code="hcmc").values_list("role", flat=True)
    ) == ["admin"]


def test_staff_page_lists_grants_and_refuses_outsiders(client):
    admin = ExchangeStaffFactory(exchange=exchange("hanoi"), role="admin").user
    UserFactory(email="moi@example.vn", full_name="Trần Thị Mới")
    outsider = ExchangeStaffFactory(exchange=exchange("hcmc"), role="admin").user

    client.force_login(admin)
    response = client.post(
        "/exchanges/nghean/staff/", {"email": "moi@example.vn", "role": "curator"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/exchanges/nghean/staff/"
    page = client.get("/exchanges/nghean/staff/")
    assert page.status_code == 200
    assert "Trần Thị Mới" in page.content.decode()

    bad = client.post("/exchanges/nghean/staff/", {"email": "not-an-email", "role": "curator"})
    assert bad.status_code == 400

    client.force_login(outsider)
    assert client.get("/exchanges/nghean/staff/").status_code == 403
    staff_id = ExchangeStaff.objects.get(exchange__code="nghean").pk
    assert client.post(f"/exchanges/nghean/staff/{staff_id}/remove/").status_code == 403
    assert client.get("/exchanges/atlantis/staff/").status_code == 404
    assert ExchangeStaff.objects.filter(exchange__code="nghean").count() == 1


@pytest.mark.parametrize(
    ("code", "role", "managed"),
    [
        ("hanoi", "admin", {"hanoi", "haiphong", "nghean", "thainguyen"}),
        ("haiphong", "admin", {"haiphong"}),
        ("hanoi", "curator", set()),
        ("hanoi", "broker", set()),
    ],
)
def test_the_staff_desk_links_to_the_staff_and_tokens_of_each_exchange_one_manages(
    client, code, role, managed
):
    # Given a staff member (a national exchange's admin manages its local centres too)
    client.force_login(ExchangeStaffFactory(exchange=exchange(code), role=role).user)

    # When they open the staff desk
    page = client.get("/en/exchanges/staff/").content.decode()

    # Then it links to the staff and API tokens of exactly the exchanges they manage
    codes = ("hanoi", "haiphong", "nghean", "thainguyen", "hcmc", "cantho")
    assert {c for c in codes if f'href="/en/exchanges/{c}/staff/"' in page} == managed
    assert {c for c in codes if f'href="/en/exchanges/{c}/api-tokens/"' in page} == managed
