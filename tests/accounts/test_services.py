"""Writes of the accounts package: organisations, verification, invitations, memberships."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from marketplace.accounts import services
from marketplace.accounts.models import Invitation, Membership, Organisation
from marketplace.exchanges.models import ExchangeStaff
from marketplace.reference.models import Sector
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


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English (the msgids), whatever catalogues exist."""
    with translation.override("en"):
        yield


def owned_organisation(**kwargs) -> tuple[Organisation, object]:
    owner = UserFactory()
    organisation = OrganisationFactory(**kwargs)
    MembershipFactory(user=owner, organisation=organisation, role=Membership.Role.OWNER)
    return organisation, owner


def staff(code: str, role: str = ExchangeStaff.Role.CURATOR):
    return ExchangeStaffFactory(exchange=exchange(code), role=role).user


# --- organisation_create --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("province_slug", "home_code"),
    [
        ("can-tho", "hcmc"),
        ("hue", "danang"),
        ("ha-noi", "hanoi"),
        ("hai-phong", "hanoi"),
        ("ho-chi-minh", "hcmc"),
        ("gia-lai", "danang"),
    ],
)
def test_create_defaults_the_home_exchange_from_the_province(province_slug, home_code):
    # Given a user registering an organisation in a province
    owner = UserFactory()
    # When the organisation is created without a home exchange
    organisation = services.organisation_create(
        owner=owner,
        kind=Organisation.Kind.ENTERPRISE,
        name="Công ty Cổ phần Cơ khí Mê Kông",
        province=province(province_slug),
        tax_code="1801234567",
    )
    # Then its home exchange is the province's default exchange
    assert organisation.home_exchange.code == home_code


def test_create_stores_the_organisation_and_makes_the_creator_its_owner():
    # Given a user
    owner = UserFactory()
    sectors = list(Sector.objects.filter(code__in=["101", "201"]))
    # When they register an organisation with a pasted tax code and partner interests
    organisation = services.organisation_create(
        owner=owner,
        kind=Organisation.Kind.RESEARCH_INSTITUTE,
        name="  Viện Công nghệ Sinh học Đồng bằng  ",
        province=province("can-tho"),
        tax_code="1801 234 567 - 001",
        website="https://vcnsh.example.vn",
        interest_sectors=sectors,
        interest_provinces=[province("can-tho"), province("an-giang")],
        interest_min_trl=4,
        interest_spin_off=True,
        interest_ticket_min_vnd=500_000_000,
        interest_ticket_max_vnd=2_000_000_000,
    )
    # Then the organisation is stored, normalised and folded
    organisation.refresh_from_db()
    assert organisation.name == "Viện Công nghệ Sinh học Đồng bằng"
    assert organisation.name_folded == "vien cong nghe sinh hoc dong bang"
    assert organisation.tax_code == "1801234567-001"
    assert organisation.verified_at is None
    assert (organisation.interest_min_trl, organisation.interest_spin_off) == (4, True)
    assert organisation.interest_ticket_max_vnd == 2_000_000_000
    assert sorted(s.code for s in organisation.interest_sectors.all()) == ["101", "201"]
    assert sorted(organisation.interest_provinces.values_list("slug", flat=True)) == [
        "an-giang",
        "can-tho",
    ]
    # And its creator is its one owner
    memberships = list(organisation.memberships.values_list("user_id", "role"))
    assert memberships == [(owner.pk, Membership.Role.OWNER)]


def test_create_accepts_an_explicit_home_exchange():
    organisation = services.organisation_create(
        owner=UserFactory(),
        kind=Organisation.Kind.STARTUP,
        name="Startup Hải Phòng",
        province=province("hai-phong"),
        tax_code="0201234567",
        home_exchange=exchange("haiphong"),
    )
    assert organisation.home_exchange.code == "haiphong"


def test_create_refuses_a_duplicate_tax_code():
    # Given an organisation registered with a tax code
    OrganisationFactory(tax_code="0101234567")
    # When another user registers with the same code, pasted with spaces
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            owner=UserFactory(),
            kind=Organisation.Kind.ENTERPRISE,
            name="Bản sao",
            province=province("ha-noi"),
            tax_code="0101 234 567",
        )
    # Then the tax code field carries the clear message, and nothing was created
    assert error.value.message_dict == {"tax_code": [DUPLICATE_TAX_CODE]}
    assert Organisation.objects.filter(tax_code="0101234567").count() == 1
    assert Membership.objects.count() == 0


def test_a_branch_code_is_not_a_duplicate_of_its_head_office():
    OrganisationFactory(tax_code="0101234567")
    branch = services.organisation_create(
        owner=UserFactory(),
        kind=Organisation.Kind.ENTERPRISE,
        name="Chi nhánh Đà Nẵng",
        province=province("da-nang"),
        tax_code="0101234567-002",
    )
    assert branch.tax_code == "0101234567-002"
    assert Organisation.objects.count() == 2


def test_create_refuses_an_invalid_tax_code():
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            owner=UserFactory(),
            kind=Organisation.Kind.ENTERPRISE,
            name="Mã sai",
            province=province("ha-noi"),
            tax_code="0101234567-01",
        )
    assert error.value.code == "invalid_tax_code"
    assert Organisation.objects.count() == 0


def test_create_refuses_a_lower_ticket_above_the_upper_one():
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            owner=UserFactory(),
            kind=Organisation.Kind.INVESTOR,
            name="Quỹ Đầu tư Sáng tạo",
            province=province("ho-chi-minh"),
            tax_code="0301234567",
            interest_ticket_min_vnd=5_000_000_000,
            interest_ticket_max_vnd=1_000_000_000,
        )
    assert error.value.message_dict == {
        "interest_ticket_max_vnd": ["The upper ticket must not be below the lower one."]
    }
    assert Organisation.objects.count() == 0


def test_create_refuses_a_trl_outside_1_to_9():
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            owner=UserFactory(),
            kind=Organisation.Kind.INVESTOR,
            name="Quỹ TRL",
            province=province("ho-chi-minh"),
            tax_code="0301234568",
            interest_min_trl=10,
        )
    assert error.value.message_dict == {"interest_min_trl": ["TRL is a whole number from 1 to 9."]}


def test_create_refuses_an_unknown_kind():
    with pytest.raises(ValidationError) as error:
        services.organisation_create(
            owner=UserFactory(),
            kind="cooperative",
            name="Hợp tác xã",
            province=province("ha-noi"),
            tax_code="0101234599",
        )
    assert error.value.message_dict == {"kind": ["Unknown organisation kind."]}
    assert Organisation.objects.count() == 0


# --- organisation_update --------------------------------------------------------------------


def test_update_of_the_province_moves_the_home_exchange():
    # Given an organisation in Hà Nội (home: hanoi)
    organisation, owner = owned_organisation(province=province("ha-noi"))
    # When its owner moves it to Huế
    services.organisation_update(
        actor=owner, organisation=organisation, data={"province": province("hue")}
    )
    # Then its home exchange follows the province
    organisation.refresh_from_db()
    assert (organisation.province.slug, organisation.home_exchange.code) == ("hue", "danang")


def test_update_without_a_province_change_keeps_a_moved_home_exchange():
    organisation, owner = owned_organisation(
        province=province("hai-phong"), home_exchange=exchange("haiphong")
    )
    services.organisation_update(
        actor=owner,
        organisation=organisation,
        data={"province": province("hai-phong"), "name": "Viện Cơ khí Hải Phòng"},
    )
    organisation.refresh_from_db()
    assert organisation.home_exchange.code == "haiphong"
    assert organisation.name_folded == "vien co khi hai phong"


def test_update_of_the_tax_code_clears_the_verification_badge():
    # Given a verified organisation
    curator = staff("hanoi")
    organisation, owner = owned_organisation(tax_code="0101111111")
    organisation = services.organisation_set_verified(
        actor=curator, organisation=organisation, verified=True
    )
    # When its owner changes the tax code
    services.organisation_update(
        actor=owner, organisation=organisation, data={"tax_code": "0102222222"}
    )
    # Then the badge is gone
    organisation.refresh_from_db()
    assert organisation.tax_code == "0102222222"
    assert (organisation.verified_at, organisation.verified_by) == (None, None)


def test_update_of_the_description_keeps_the_verification_badge():
    curator = staff("hanoi")
    organisation, owner = owned_organisation(tax_code="0101111111")
    services.organisation_set_verified(actor=curator, organisation=organisation, verified=True)
    organisation.refresh_from_db()
    services.organisation_update(
        actor=owner,
        organisation=organisation,
        data={"description": "Nghiên cứu vật liệu", "tax_code": "0101 111 111"},
    )
    organisation.refresh_from_db()
    assert organisation.verified_by == curator
    assert organisation.description == "Nghiên cứu vật liệu"


def test_update_refuses_another_organisations_tax_code():
    OrganisationFactory(tax_code="0109999999")
    organisation, owner = owned_organisation(tax_code="0101111111")
    with pytest.raises(ValidationError) as error:
        services.organisation_update(
            actor=owner, organisation=organisation, data={"tax_code": "0109999999"}
        )
    assert error.value.message_dict == {"tax_code": [DUPLICATE_TAX_CODE]}
    organisation.refresh_from_db()
    assert organisation.tax_code == "0101111111"


@pytest.mark.parametrize("relation", ["stranger", "member", "exchange-curator"])
def test_update_by_a_non_owner_is_refused(relation):
    # Given an organisation and someone who is not its owner
    organisation, _owner = owned_organisation(name="Tên cũ")
    if relation == "member":
        actor = MembershipFactory(organisation=organisation).user
    elif relation == "exchange-curator":
        actor = staff("hanoi")
    else:
        actor = UserFactory()
    # When they try to edit it
    with pytest.raises(PermissionDenied) as error:
        services.organisation_update(
            actor=actor, organisation=organisation, data={"name": "Tên mới"}
        )
    # Then they are refused and nothing changes
    assert str(error.value) == "Only an owner of the organisation may do this."
    organisation.refresh_from_db()
    assert organisation.name == "Tên cũ"


# --- organisation_set_verified --------------------------------------------------------------


@pytest.mark.parametrize(
    ("staff_code", "role", "home_code", "allowed"),
    [
        ("hanoi", "curator", "hanoi", True),  # national curator, own exchange
        ("hanoi", "admin", "hanoi", True),
        ("hanoi", "curator", "haiphong", True),  # national curator, own local centre
        ("haiphong", "curator", "haiphong", True),  # local curator, own centre
        ("haiphong", "admin", "haiphong", True),
        ("haiphong", "curator", "hanoi", False),  # local curator, parent's organisation
        ("haiphong", "curator", "nghean", False),  # local curator, sibling centre
        ("hanoi", "broker", "hanoi", False),  # brokers never verify
        ("haiphong", "broker", "haiphong", False),
        ("hcmc", "curator", "hanoi", False),  # another national exchange
        ("hcmc", "admin", "haiphong", False),
        ("cantho", "curator", "haiphong", False),
    ],
)
def test_who_may_verify(staff_code, role, home_code, allowed):
    # Given an organisation homed at `home_code` and a staff member of `staff_code`
    organisation = OrganisationFactory(home_exchange=exchange(home_code))
    actor = staff(staff_code, role)
    # When they grant the verification badge
    if allowed:
        before = timezone.now()
        result = services.organisation_set_verified(
            actor=actor, organisation=organisation, verified=True
        )
        # Then it is granted and who and when are recorded
        organisation.refresh_from_db()
        assert organisation.verified_by == actor
        assert before <= organisation.verified_at <= timezone.now()
        assert result.is_verified is True
    else:
        with pytest.raises(PermissionDenied) as error:
            services.organisation_set_verified(
                actor=actor, organisation=organisation, verified=True
            )
        # Then they are refused and the organisation stays unverified
        assert str(error.value) == (
            "Only staff of this organisation's exchange may change its verification."
        )
        organisation.refresh_from_db()
        assert (organisation.verified_at, organisation.verified_by) == (None, None)


def test_superuser_may_verify_anywhere():
    organisation = OrganisationFactory(home_exchange=exchange("khanhhoa"))
    superuser = UserFactory(is_superuser=True, is_staff=True)
    services.organisation_set_verified(actor=superuser, organisation=organisation, verified=True)
    organisation.refresh_from_db()
    assert organisation.verified_by == superuser


@pytest.mark.parametrize("relation", ["owner", "stranger"])
def test_organisation_owner_cannot_verify_itself(relation):
    organisation, owner = owned_organisation()
    actor = owner if relation == "owner" else UserFactory()
    with pytest.raises(PermissionDenied):
        services.organisation_set_verified(actor=actor, organisation=organisation, verified=True)
    organisation.refresh_from_db()
    assert organisation.is_verified is False


def test_withdrawing_the_badge_clears_who_and_when():
    # Given an organisation verified by a curator of hcmc
    organisation = OrganisationFactory(province=province("can-tho"))
    curator = staff("hcmc")
    services.organisation_set_verified(actor=curator, organisation=organisation, verified=True)
    # When another curator of the same exchange withdraws it
    other = staff("hcmc")
    services.organisation_set_verified(actor=other, organisation=organisation, verified=False)
    # Then both who and when are cleared
    organisation.refresh_from_db()
    assert (organisation.verified_at, organisation.verified_by) == (None, None)


def test_staff_of_another_exchange_cannot_withdraw_the_badge():
    organisation = OrganisationFactory(province=province("can-tho"))
    curator = staff("hcmc")
    services.organisation_set_verified(actor=curator, organisation=organisation, verified=True)
    with pytest.raises(PermissionDenied):
        services.organisation_set_verified(
            actor=staff("danang"), organisation=organisation, verified=False
        )
    organisation.refresh_from_db()
    assert organisation.verified_by == curator


# --- invitations ----------------------------------------------------------------------------


def test_invitation_is_emailed_after_commit_with_the_accept_link(
    settings, django_capture_on_commit_callbacks
):
    # Given an owner of an organisation
    settings.SITE_URL = "https://vntx.example"
    organisation, owner = owned_organisation(name="Viện Công nghệ Nano")
    # When they invite an e-mail address
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = services.invitation_create(
            actor=owner, organisation=organisation, email="  Tran.Thi.B@Example.VN "
        )
        # Then nothing is sent before the transaction commits
        assert len(mail.outbox) == 0
    assert len(callbacks) == 1
    callbacks[0]()
    # And after the commit one e-mail goes to the invited address with the accept link
    assert invitation.email == "tran.thi.b@example.vn"
    assert invitation.role == Membership.Role.MEMBER
    assert invitation.invited_by == owner
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tran.thi.b@example.vn"]
    assert f"https://vntx.example/accounts/invitations/{invitation.token}/" in message.body
    assert "Viện Công nghệ Nano" in message.subject + message.body


def test_invitation_email_is_sent_once_through_the_task(django_capture_on_commit_callbacks):
    organisation, owner = owned_organisation()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            actor=owner, organisation=organisation, email="a@example.vn", role="owner"
        )
    assert [m.to for m in mail.outbox] == [["a@example.vn"]]
    assert Invitation.objects.get().role == Membership.Role.OWNER


def test_a_second_pending_invitation_to_the_same_address_is_refused(
    django_capture_on_commit_callbacks,
):
    organisation, owner = owned_organisation()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(actor=owner, organisation=organisation, email="b@example.vn")
    with pytest.raises(ValidationError) as error:
        services.invitation_create(actor=owner, organisation=organisation, email="B@example.vn")
    assert error.value.message_dict == {
        "email": ["An invitation to this address is already waiting to be accepted."]
    }
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_new_invitation_may_replace_an_expired_one():
    organisation, owner = owned_organisation()
    InvitationFactory(
        organisation=organisation,
        email="c@example.vn",
        invited_by=owner,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    services.invitation_create(actor=owner, organisation=organisation, email="c@example.vn")
    assert Invitation.objects.filter(email="c@example.vn").count() == 2


def test_inviting_an_existing_member_is_refused():
    organisation, owner = owned_organisation()
    member = MembershipFactory(organisation=organisation, user__email="d@example.vn").user
    with pytest.raises(ValidationError) as error:
        services.invitation_create(actor=owner, organisation=organisation, email=member.email)
    assert error.value.message_dict == {"email": ["This person is already a member."]}
    assert Invitation.objects.count() == 0


def test_only_an_owner_may_invite():
    organisation, _owner = owned_organisation()
    member = MembershipFactory(organisation=organisation).user
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=member, organisation=organisation, email="e@example.vn")
    assert Invitation.objects.count() == 0


def test_an_unknown_role_is_refused():
    organisation, owner = owned_organisation()
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            actor=owner, organisation=organisation, email="f@example.vn", role="admin"
        )
    assert error.value.message_dict == {"role": ["Unknown role."]}


@pytest.mark.parametrize("role", [Membership.Role.MEMBER, Membership.Role.OWNER])
def test_the_invited_user_accepts_and_gets_the_role(role):
    # Given a pending invitation for an address with `role`
    invitation = InvitationFactory(email="g@example.vn", role=role)
    user = UserFactory(email="g@example.vn")
    # When the user with that address accepts it
    membership = services.invitation_accept(user=user, token=invitation.token)
    # Then they are a member with the invited role and the invitation is used
    assert (membership.user, membership.organisation, membership.role) == (
        user,
        invitation.organisation,
        role,
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert invitation.is_pending is False


def test_an_invitation_cannot_be_used_twice():
    invitation = InvitationFactory(email="h@example.vn")
    user = UserFactory(email="h@example.vn")
    services.invitation_accept(user=user, token=invitation.token)
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_accept(user=user, token=invitation.token)
    assert error.value.reason == "This invitation has already been used."
    assert Membership.objects.filter(user=user).count() == 1


def test_an_expired_invitation_is_refused():
    invitation = InvitationFactory(
        email="i@example.vn", expires_at=timezone.now() - timedelta(seconds=1)
    )
    user = UserFactory(email="i@example.vn")
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_accept(user=user, token=invitation.token)
    assert error.value.reason == (
        "This invitation has expired. Ask the organisation's owner for a new one."
    )
    assert Membership.objects.filter(user=user).count() == 0


def test_an_invitation_expires_after_seven_days():
    invitation = InvitationFactory()
    validity = invitation.expires_at - invitation.created_at
    assert timedelta(days=7) - timedelta(seconds=5) < validity <= timedelta(days=7)


def test_a_revoked_invitation_is_refused():
    organisation, owner = owned_organisation()
    invitation = InvitationFactory(organisation=organisation, email="j@example.vn")
    services.invitation_revoke(actor=owner, invitation=invitation)
    user = UserFactory(email="j@example.vn")
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_accept(user=user, token=invitation.token)
    assert error.value.reason == "This invitation was withdrawn by the organisation."
    assert Membership.objects.filter(user=user).count() == 0


def test_only_an_owner_may_revoke():
    invitation = InvitationFactory()
    with pytest.raises(PermissionDenied):
        services.invitation_revoke(actor=UserFactory(), invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_an_unknown_token_is_refused():
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_accept(user=UserFactory(), token="no-such-token")
    assert error.value.reason == "This invitation link is not valid."


def test_another_user_cannot_accept_the_invitation():
    # Given an invitation for k@example.vn
    invitation = InvitationFactory(email="k@example.vn")
    intruder = UserFactory(email="intruder@example.vn")
    # When someone logged in with another address tries to accept it
    with pytest.raises(PermissionDenied) as error:
        services.invitation_accept(user=intruder, token=invitation.token)
    # Then they are refused, told which address to use, and the invitation stays pending
    assert str(error.value) == (
        "This invitation was sent to another e-mail address. Log in as k@example.vn."
    )
    invitation.refresh_from_db()
    assert invitation.is_pending is True
    assert Membership.objects.count() == 0


def test_accepting_an_owner_invitation_promotes_an_existing_member():
    membership = MembershipFactory(user__email="l@example.vn")
    invitation = InvitationFactory(
        organisation=membership.organisation, email="l@example.vn", role=Membership.Role.OWNER
    )
    services.invitation_accept(user=membership.user, token=invitation.token)
    membership.refresh_from_db()
    assert membership.role == Membership.Role.OWNER
    assert Membership.objects.count() == 1


# --- membership_remove ----------------------------------------------------------------------


def test_the_last_owner_cannot_leave():
    organisation, owner = owned_organisation()
    membership = Membership.objects.get(user=owner)
    with pytest.raises(ValidationError) as error:
        services.membership_remove(actor=owner, membership=membership)
    assert error.value.messages == ["An organisation needs at least one owner."]
    assert Membership.objects.filter(organisation=organisation).count() == 1


def test_one_of_two_owners_may_leave():
    organisation, owner = owned_organisation()
    MembershipFactory(organisation=organisation, role=Membership.Role.OWNER)
    services.membership_remove(actor=owner, membership=Membership.objects.get(user=owner))
    assert list(organisation.memberships.values_list("role", flat=True)) == ["owner"]


def test_an_owner_removes_a_member_and_a_member_may_leave():
    organisation, owner = owned_organisation()
    first = MembershipFactory(organisation=organisation)
    second = MembershipFactory(organisation=organisation)
    services.membership_remove(actor=owner, membership=first)
    services.membership_remove(actor=second.user, membership=second)
    assert list(organisation.memberships.values_list("user", flat=True)) == [owner.pk]


def test_a_member_cannot_remove_another_member():
    organisation, owner = owned_organisation()
    member = MembershipFactory(organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.membership_remove(actor=member.user, membership=Membership.objects.get(user=owner))
    assert organisation.memberships.count() == 2
