"""Pages of the accounts and exchanges packages, and /healthz: good input works, bad input gets
a clear message (form error, 400, 403, 404, 405, 410), never a 500."""

import os
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from marketplace.accounts.models import Invitation, Membership, Organisation
from marketplace.core import health
from tests.factories import (
    ExchangeStaffFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    exchange,
    province,
)

pytestmark = pytest.mark.django_db

DUPLICATE_TAX_CODE = (
    "An organisation with this tax code is already registered. Ask its owner to invite you instead."
)
INVALID_TAX_CODE = (
    "Enter a tax code of 10 digits, or 10 digits followed by “-” and 3 digits for a branch "
    "(for example 0101234567 or 0101234567-001)."
)
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def html(response) -> str:
    return response.content.decode()


def logged_in(client, user=None):
    user = user or UserFactory()
    client.force_login(user)
    return user


def organisation_data(**overrides) -> dict:
    return {
        "kind": Organisation.Kind.UNIVERSITY,
        "name": "Trường Đại học Cần Thơ",
        "tax_code": "1800 123 456",
        "province": "can-tho",
        "website": "https://ctu.example.vn",
        "description": "Đại học vùng Đồng bằng sông Cửu Long.",
        **overrides,
    }


# --- organisation create --------------------------------------------------------------------


def test_create_form_registers_the_organisation_at_its_provinces_exchange(client):
    # Given a logged-in user
    user = logged_in(client)
    # When they submit a valid organisation in Cần Thơ
    response = client.post("/en/organisations/new/", organisation_data())
    # Then they are redirected to its page, which shows its home exchange (hcmc)
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/organisations/{organisation.pk}/"
    assert organisation.tax_code == "1800123456"
    assert organisation.home_exchange.code == "hcmc"
    assert list(organisation.memberships.values_list("user", "role")) == [(user.pk, "owner")]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "National Technology Exchange in Hồ Chí Minh City" in html(page)
    registered = "Trường Đại học Cần Thơ is registered with National Technology Exchange in"
    assert f"{registered} Hồ Chí Minh City." in html(page)


def test_create_form_requires_log_in(client):
    response = client.get("/en/organisations/new/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/organisations/new/"


@pytest.mark.parametrize(
    "tax_code", ["010123456", "0101234567-01", "abcdefghij", "０１０１２３４５６７"]
)
def test_create_form_shows_the_tax_code_error(client, tax_code):
    # Given a logged-in user
    logged_in(client)
    # When they submit an invalid tax code
    response = client.post("/en/organisations/new/", organisation_data(tax_code=tax_code))
    # Then the form is shown again with the explanation next to the field
    assert response.status_code == 200
    assert response.context["form"].errors == {"tax_code": [INVALID_TAX_CODE]}
    assert "for example 0101234567 or 0101234567-001" in html(response)
    assert Organisation.objects.count() == 0


def test_create_form_requires_a_tax_code(client):
    logged_in(client)
    response = client.post("/en/organisations/new/", organisation_data(tax_code=""))
    assert response.status_code == 200
    assert response.context["form"].errors == {"tax_code": ["This field is required."]}


def test_create_form_explains_a_duplicate_tax_code(client):
    # Given an organisation registered with the tax code 1800123456
    OrganisationFactory(tax_code="1800123456")
    logged_in(client)
    # When another user registers the same code
    response = client.post("/en/organisations/new/", organisation_data())
    # Then the form says so on the tax code field
    assert response.status_code == 200
    assert response.context["form"].errors == {"tax_code": [DUPLICATE_TAX_CODE]}
    assert "Ask its owner to invite you instead." in html(response)
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize("field", ["province", "kind"])
def test_create_form_rejects_an_unknown_code(client, field):
    # Given a logged-in user
    logged_in(client)
    # When the form is posted with a province slug or a kind that does not exist
    response = client.post("/en/organisations/new/", organisation_data(**{field: "nowhere"}))
    # Then the field carries an error, not a server error
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert errors[field][0].startswith("Select a valid choice.")
    assert Organisation.objects.count() == 0


def test_create_form_rejects_a_lower_ticket_above_the_upper_one(client):
    logged_in(client)
    response = client.post(
        "/en/organisations/new/",
        organisation_data(interest_ticket_min_vnd="900", interest_ticket_max_vnd="100"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "interest_ticket_max_vnd": ["The upper ticket must not be below the lower one."]
    }


def test_edit_is_for_owners_only(client):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    logged_in(client, member)
    response = client.get(f"/en/organisations/{organisation.pk}/edit/")
    assert response.status_code == 403
    assert "Only an owner of the organisation may edit it." in html(response)


def test_owner_edit_of_the_province_moves_the_home_exchange(client):
    organisation = OrganisationFactory(tax_code="0101234567")
    owner = MembershipFactory(organisation=organisation, role=Membership.Role.OWNER).user
    logged_in(client, owner)
    data = organisation_data(tax_code="0101234567", province="hue", name=organisation.name)
    response = client.post(f"/en/organisations/{organisation.pk}/edit/", data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.province.slug, organisation.home_exchange.code) == ("hue", "danang")


# --- directory ------------------------------------------------------------------------------


def test_directory_search_ignores_diacritics(client):
    # Given two organisations, one of them a "Viện Công nghệ"
    OrganisationFactory(name="Viện Công nghệ Môi trường")
    OrganisationFactory(name="Công ty Thực phẩm Sài Gòn")
    # When the directory is searched without diacritics
    response = client.get("/en/organisations/", {"q": "vien cong nghe"})
    # Then exactly the institute is found
    assert response.status_code == 200
    names = [o.name for o in response.context["page"].object_list]
    assert names == ["Viện Công nghệ Môi trường"]
    assert "Viện Công nghệ Môi trường" in html(response)
    assert "1 organisation found" in html(response)


def test_directory_search_by_exact_tax_code(client):
    OrganisationFactory(name="A", tax_code="0312345678")
    OrganisationFactory(name="B", tax_code="0312345679")
    response = client.get("/en/organisations/", {"q": " 0312345678 "})
    assert [o.name for o in response.context["page"].object_list] == ["A"]


def test_directory_rejects_an_unknown_province_with_400(client):
    OrganisationFactory()
    response = client.get("/en/organisations/", {"province": "nowhere"})
    assert response.status_code == 400
    assert response.context["page"] is None
    assert response.context["form"].errors == {"province": [INVALID_CHOICE]}
    assert "The filters could not be applied." in html(response)


def test_directory_rejects_an_unknown_exchange_with_400(client):
    response = client.get("/en/organisations/", {"exchange": "atlantis"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"exchange": [INVALID_CHOICE]}


def test_directory_by_national_exchange_includes_its_local_centres(client):
    # Given organisations homed at hanoi, at its centre haiphong, and at hcmc
    OrganisationFactory(name="Hà Nội 1", home_exchange=exchange("hanoi"))
    OrganisationFactory(name="Hải Phòng 1", home_exchange=exchange("haiphong"))
    OrganisationFactory(name="Nghệ An 1", home_exchange=exchange("nghean"))
    OrganisationFactory(name="Sài Gòn 1", province=province("ho-chi-minh"))
    # When the directory is filtered by hanoi
    response = client.get("/en/organisations/", {"exchange": "hanoi"})
    # Then hanoi's and its centres' organisations are listed, not hcmc's
    names = [o.name for o in response.context["page"].object_list]
    assert names == ["Hà Nội 1", "Hải Phòng 1", "Nghệ An 1"]
    # And a local centre's filter lists only that centre's organisations
    response = client.get("/en/organisations/", {"exchange": "haiphong"})
    assert [o.name for o in response.context["page"].object_list] == ["Hải Phòng 1"]


def test_directory_filters_by_province_and_kind_and_verification(client):
    OrganisationFactory(name="A", province=province("hue"), kind="startup")
    OrganisationFactory(name="B", province=province("hue"), kind="enterprise")
    OrganisationFactory(
        name="C", province=province("hue"), kind="startup", verified_at=timezone.now()
    )
    response = client.get("/en/organisations/", {"province": "hue", "kind": "startup"})
    assert [o.name for o in response.context["page"].object_list] == ["A", "C"]
    response = client.get("/en/organisations/", {"province": "hue", "verified": "on"})
    assert [o.name for o in response.context["page"].object_list] == ["C"]


@pytest.mark.parametrize(
    ("page", "expected_number", "expected_count"),
    [("999", 2, 6), ("abc", 1, 24), ("2", 2, 6), ("-1", 2, 6), ("", 1, 24)],
)
def test_directory_pagination_tolerates_bad_page_numbers(
    client, page, expected_number, expected_count
):
    # Given 30 organisations (24 a page: 2 pages)
    OrganisationFactory.create_batch(30)
    # When a page number out of range or not a number is asked for
    response = client.get("/en/organisations/", {"page": page})
    # Then the nearest sensible page is shown
    assert response.status_code == 200
    shown = response.context["page"]
    assert (shown.number, len(shown.object_list), shown.paginator.count) == (
        expected_number,
        expected_count,
        30,
    )


# --- organisation detail and verification ---------------------------------------------------


def test_unknown_organisation_is_404(client):
    response = client.get("/en/organisations/999999/")
    assert response.status_code == 404
    assert "Page not found" in html(response)


def test_organisation_detail_is_public(client):
    organisation = OrganisationFactory(name="Viện Hóa học")
    response = client.get(f"/en/organisations/{organisation.pk}/")
    assert response.status_code == 200
    assert response.context["can_verify"] is False
    assert "Viện Hóa học" in html(response)


def test_curator_of_the_exchange_verifies_through_the_page(client):
    # Given an organisation of hanoi and a curator of hanoi
    organisation = OrganisationFactory()
    curator = ExchangeStaffFactory(exchange=exchange("hanoi")).user
    logged_in(client, curator)
    assert client.get(f"/en/organisations/{organisation.pk}/").context["can_verify"] is True
    # When the curator grants the badge
    response = client.post(f"/en/organisations/{organisation.pk}/verify/", {"verified": "1"})
    # Then it is granted, with who
    assert response.status_code == 302
    assert response["Location"] == f"/en/organisations/{organisation.pk}/"
    organisation.refresh_from_db()
    assert organisation.verified_by == curator
    # And withdrawing it from the staff queue returns there
    response = client.post(
        f"/en/organisations/{organisation.pk}/verify/", {"verified": "0", "next_page": "queue"}
    )
    assert response["Location"] == "/en/exchanges/staff/"
    organisation.refresh_from_db()
    assert organisation.verified_at is None


@pytest.mark.parametrize(
    ("staff_code", "role"),
    [("hcmc", "curator"), ("haiphong", "curator"), ("hanoi", "broker"), ("danang", "admin")],
)
def test_verify_by_staff_outside_the_scope_is_403(client, staff_code, role):
    # Given an organisation homed at hanoi and staff who may not verify it
    organisation = OrganisationFactory()
    logged_in(client, ExchangeStaffFactory(exchange=exchange(staff_code), role=role).user)
    # When they post the verification
    response = client.post(f"/en/organisations/{organisation.pk}/verify/", {"verified": "1"})
    # Then they get 403 with the reason, and nothing changes
    assert response.status_code == 403
    assert "Only staff of this organisation&#x27;s exchange may change its verification." in html(
        response
    )
    organisation.refresh_from_db()
    assert organisation.verified_at is None


def test_verify_by_an_anonymous_user_redirects_to_log_in(client):
    organisation = OrganisationFactory()
    response = client.post(f"/en/organisations/{organisation.pk}/verify/", {"verified": "1"})
    assert response.status_code == 302
    assert response["Location"] == (
        f"/en/accounts/login/?next=/en/organisations/{organisation.pk}/verify/"
    )
    organisation.refresh_from_db()
    assert organisation.verified_at is None


def test_verify_by_get_is_405(client):
    organisation = OrganisationFactory()
    logged_in(client, ExchangeStaffFactory(exchange=exchange("hanoi")).user)
    response = client.get(f"/en/organisations/{organisation.pk}/verify/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    organisation.refresh_from_db()
    assert organisation.verified_at is None


def test_verify_of_an_unknown_organisation_is_404(client):
    logged_in(client, ExchangeStaffFactory(exchange=exchange("hanoi")).user)
    assert client.post("/en/organisations/999999/verify/", {"verified": "1"}).status_code == 404


# --- invitations ----------------------------------------------------------------------------


def test_anonymous_visitor_sees_log_in_and_sign_up_links(client):
    invitation = InvitationFactory(email="moi@example.vn")
    path = f"/en/accounts/invitations/{invitation.token}/"
    response = client.get(path)
    assert response.status_code == 200
    body = html(response)
    assert response.context["login_url"] == f"/en/accounts/login/?next={path.replace('/', '%2F')}"
    assert response.context["signup_url"] == f"/en/accounts/signup/?next={path.replace('/', '%2F')}"
    assert response.context["login_url"].replace("&", "&amp;") in body
    assert response.context["signup_url"] in body
    assert "moi@example.vn" in body


def test_anonymous_visitor_with_an_unknown_token_gets_404(client):
    response = client.get("/en/accounts/invitations/no-such-token/")
    assert response.status_code == 404
    assert "This invitation link is not valid." in html(response)


def test_invited_user_accepts_through_the_page(client):
    invitation = InvitationFactory(email="moi@example.vn", role=Membership.Role.MEMBER)
    user = logged_in(client, UserFactory(email="moi@example.vn"))
    path = f"/en/accounts/invitations/{invitation.token}/"
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert response["Location"] == f"/en/organisations/{invitation.organisation_id}/"
    assert Membership.objects.get(user=user).role == Membership.Role.MEMBER


def test_wrong_user_gets_403_on_the_invitation(client):
    invitation = InvitationFactory(email="moi@example.vn")
    logged_in(client, UserFactory(email="khac@example.vn"))
    path = f"/en/accounts/invitations/{invitation.token}/"
    response = client.get(path)
    assert response.status_code == 403
    assert "This invitation was sent to another e-mail address. Log in as moi@example.vn." in html(
        response
    )
    response = client.post(path)
    assert response.status_code == 403
    assert Membership.objects.count() == 0


def test_used_invitation_gets_410(client):
    invitation = InvitationFactory(email="moi@example.vn")
    user = logged_in(client, UserFactory(email="moi@example.vn"))
    path = f"/en/accounts/invitations/{invitation.token}/"
    client.post(path)
    # When the used link is opened or posted again
    opened = client.get(path)
    posted = client.post(path)
    # Then both say it can no longer be used, with 410 Gone
    assert opened.status_code == 410
    assert "This invitation can no longer be used." in html(opened)
    assert posted.status_code == 410
    assert "This invitation has already been used." in html(posted)
    assert Membership.objects.filter(user=user).count() == 1


def test_expired_invitation_gets_410(client):
    invitation = InvitationFactory(
        email="moi@example.vn", expires_at=timezone.now() - timedelta(hours=1)
    )
    logged_in(client, UserFactory(email="moi@example.vn"))
    response = client.post(f"/en/accounts/invitations/{invitation.token}/")
    assert response.status_code == 410
    assert "This invitation has expired." in html(response)


def test_unknown_token_for_a_logged_in_user_is_404(client):
    logged_in(client)
    assert client.get("/en/accounts/invitations/no-such-token/").status_code == 404
    response = client.post("/en/accounts/invitations/no-such-token/")
    assert response.status_code == 410
    assert "This invitation link is not valid." in html(response)


def test_owner_invites_through_the_page(client, django_capture_on_commit_callbacks):
    from django.core import mail

    organisation = OrganisationFactory()
    owner = MembershipFactory(organisation=organisation, role=Membership.Role.OWNER).user
    logged_in(client, owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/organisations/{organisation.pk}/invitations/",
            {"email": "dong.nghiep@example.vn", "role": "member"},
        )
    assert response.status_code == 302
    assert Invitation.objects.get().email == "dong.nghiep@example.vn"
    assert [m.to for m in mail.outbox] == [["dong.nghiep@example.vn"]]


# --- exchanges ------------------------------------------------------------------------------


def test_exchange_pages(client):
    assert client.get("/en/exchanges/").status_code == 200
    response = client.get("/en/exchanges/hanoi/")
    assert response.status_code == 200
    assert response.context["exchange"].code == "hanoi"
    assert "National Technology Exchange in Hà Nội" in html(response)


def test_unknown_exchange_is_404(client):
    response = client.get("/en/exchanges/atlantis/")
    assert response.status_code == 404
    assert "Page not found" in html(response)


def test_staff_desk_is_403_for_a_user_without_a_staff_role(client):
    logged_in(client)
    response = client.get("/en/exchanges/staff/")
    assert response.status_code == 403
    assert "This page is for staff of an exchange." in html(response)


def test_staff_desk_redirects_anonymous_users_to_log_in(client):
    response = client.get("/en/exchanges/staff/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/exchanges/staff/"


def test_staff_desk_lists_the_unverified_organisations_in_scope(client):
    OrganisationFactory(name="Ở Hải Phòng", home_exchange=exchange("haiphong"))
    OrganisationFactory(name="Ở Hà Nội", home_exchange=exchange("hanoi"))
    OrganisationFactory(name="Ở Cần Thơ", province=province("can-tho"))
    OrganisationFactory(name="Đã xác minh", verified_at=timezone.now())
    logged_in(client, ExchangeStaffFactory(exchange=exchange("haiphong")).user)
    response = client.get("/en/exchanges/staff/")
    assert response.status_code == 200
    assert [o.name for o in response.context["awaiting_verification"]] == ["Ở Hải Phòng"]
    assert [e.code for e in response.context["exchanges"]] == ["haiphong"]


# --- healthz --------------------------------------------------------------------------------


def expected_channel_layer() -> str:
    return "RedisChannelLayer" if os.environ.get("REDIS_URL") else "InMemoryChannelLayer"


def test_healthz_reports_every_check(client, settings):
    # Given the environment's own broker mode (the test suite forces eager tasks otherwise)
    settings.CELERY_TASK_ALWAYS_EAGER = not os.environ.get("REDIS_URL")
    # When /healthz is asked
    response = client.get("/healthz")
    # Then it answers 200 JSON with the four checks, all ok
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"status", "checks"}
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "search", "channels", "broker"}
    for check in body["checks"].values():
        assert set(check) == {"status", "detail"}
        assert check["status"] == "ok"
    on_postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    assert body["checks"]["database"]["detail"] == ("postgresql" if on_postgres else "sqlite")
    assert body["checks"]["channels"]["detail"] == expected_channel_layer()
    if os.environ.get("REDIS_URL"):
        assert body["checks"]["broker"]["detail"] == "redis"
    else:
        assert body["checks"]["broker"]["detail"] == "eager (tasks run inline)"
    assert body["checks"]["search"]["detail"] != ""
    assert "no-cache" in response["Cache-Control"]


def test_healthz_channel_layer_is_the_environments_own(client):
    # With REDIS_URL (CI) the layer is Redis; without it, the in-memory layer
    detail = client.get("/healthz").json()["checks"]["channels"]["detail"]
    assert detail == expected_channel_layer()


def test_healthz_is_503_when_the_database_is_down(client):
    down = mock.Mock(return_value=(False, "OperationalError: connection refused"))
    with mock.patch.dict(health.CHECKS, {"database": down}):
        response = client.get("/healthz")
    assert down.call_count == 1
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"] == {
        "status": "down",
        "detail": "OperationalError: connection refused",
    }


def test_healthz_stays_200_but_degraded_when_search_is_down(client):
    with mock.patch.dict(health.CHECKS, {"search": lambda: (False, "ConnectionError: refused")}):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["search"]["status"] == "down"


def test_check_database_reports_a_failing_cursor():
    from django.db import OperationalError, connections

    with mock.patch.object(
        type(connections["default"]), "cursor", side_effect=OperationalError("server closed")
    ):
        ok, detail = health.check_database()
    assert (ok, detail) == (False, "OperationalError: server closed")


def test_healthz_refuses_post(client):
    assert client.post("/healthz").status_code == 405
