"""The seed_demo command: exact population, idempotency, log-ins and the printed summary."""

import io
import re
from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.urls import reverse

from demo.context import DEMO_LOGIN_URL, DEMO_PASSWORD
from demo.people import organisations_data, staff_data
from demo.seed import demo_seed
from listings.models import Listing
from marketplace.accounts.models import Membership, Organisation, User
from marketplace.accounts.validators import TAX_CODE_RE
from marketplace.exchanges.models import Exchange, ExchangeStaff
from marketplace.exchanges.permissions import staff_may_act_on
from matching.models import Suggestion

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ORGANISATION_COUNT = 49
BY_KIND = {
    "research_institute": 8,
    "university": 8,
    "enterprise": 12,
    "startup": 7,
    "investor": 4,
    "intermediary": 5,
    "government": 5,
}
PROVINCE_COUNT = 22
VERIFIED_COUNT = 33
SECOND_MEMBERS = 25  # every other organisation
STAFF_USERS = 11
USER_COUNT = ORGANISATION_COUNT + SECOND_MEMBERS + STAFF_USERS + 1  # + the superuser = 86
MEMBERSHIP_COUNT = ORGANISATION_COUNT + SECOND_MEMBERS  # 74
# The listings step (its own tests are in test_demo_listings.py).
OFFER_COUNT = 306
NEED_COUNT = 161

SPECS = {spec["key"]: spec for spec in organisations_data()}
STAFF = staff_data()
INSTITUTE_LOGIN = SPECS["vien-cnsh"]["owner"]["email"]
ENTERPRISE_LOGIN = SPECS["thuy-san-ca-mau"]["owner"]["email"]
SUPERUSER_EMAIL = STAFF["superuser"]["email"]
CURATOR_LOGINS = [f"curator.{code}@demo.vntx.vn" for code in ("hanoi", "hcmc", "danang")]


def run_seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded() -> str:
    return run_seed()


def snapshot() -> dict:
    """Everything a re-run could disturb, keyed by natural keys."""
    return {
        "organisations": sorted(
            Organisation.objects.values_list(
                "tax_code", "name", "kind", "province__slug", "home_exchange__code",
                "verified_at", "verified_by__email", "interest_min_trl",
                "interest_ticket_min_vnd", "interest_ticket_max_vnd", "updated_at",
            )
        ),
        "users": sorted(User.objects.values_list("email", "full_name", "password", "is_staff")),
        "memberships": sorted(
            Membership.objects.values_list("user__email", "organisation__tax_code", "role")
        ),
        "staff": sorted(ExchangeStaff.objects.values_list("exchange__code", "user__email", "role")),
        "emails": sorted(EmailAddress.objects.values_list("email", "verified", "primary")),
    }  # fmt: skip


@pytest.mark.django_db(False)
def test_the_people_data_is_consistent():
    specs = list(SPECS.values())
    tax_codes = [spec["tax_code"] for spec in specs]
    assert len(organisations_data()) == len(SPECS) == ORGANISATION_COUNT
    assert len(set(tax_codes)) == len(tax_codes)
    assert all(TAX_CODE_RE.fullmatch(code) for code in tax_codes)
    assert sum(1 for code in tax_codes if "-" in code) == 3
    assert len({spec["name"] for spec in specs}) == ORGANISATION_COUNT
    assert set(Counter(spec["kind"] for spec in specs)) == set(Organisation.Kind.values)
    for spec in specs:
        assert "lorem" not in spec["description"].lower()
        assert 40 <= len(spec["description"]) <= 300
        assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]",
                         spec["description"])  # fmt: skip
        assert spec["website"] == f"https://{spec['key']}.example.vn"
        assert spec["owner"]["email"] == f"owner.{spec['key']}@demo.vntx.vn"
        if "member" in spec:
            assert spec["member"]["email"] == f"member.{spec['key']}@demo.vntx.vn"
    assert sum(1 for spec in specs if "member" in spec) == SECOND_MEMBERS
    assert sum(1 for spec in specs if spec["verified"]) == VERIFIED_COUNT
    people = [
        STAFF["superuser"],
        *STAFF["exchange_staff"],
        *(spec[role] for spec in specs for role in ("owner", "member") if role in spec),
    ]
    assert len({person["email"] for person in people}) == len(people) == USER_COUNT
    assert all(person["full_name"] and person["job_title"] for person in people)
    for person in STAFF["exchange_staff"]:
        assert person["email"] == f"{person['role']}.{person['exchange']}@demo.vntx.vn"


def test_seed_creates_the_exact_demo_population(seeded):
    organisations = Organisation.objects.all()
    assert organisations.count() == ORGANISATION_COUNT
    assert dict(Counter(organisations.values_list("kind", flat=True))) == BY_KIND
    assert set(BY_KIND) == set(Organisation.Kind.values)
    assert organisations.values("province").distinct().count() == PROVINCE_COUNT
    assert organisations.filter(verified_at__isnull=False).count() == VERIFIED_COUNT
    assert organisations.filter(tax_code__contains="-").count() == 3

    # Every exchange of the federation has organisations: the three national exchanges and
    # all seven local centres.
    home_codes = set(organisations.values_list("home_exchange__code", flat=True))
    assert home_codes == set(Exchange.objects.values_list("code", flat=True))
    assert {"hanoi", "hcmc", "danang"} <= home_codes
    local_codes = set(Exchange.objects.filter(kind="local").values_list("code", flat=True))
    assert len(local_codes) == 7 and local_codes <= home_codes

    for organisation in organisations.select_related("province", "verified_by"):
        assert organisation.name_folded
        assert re.fullmatch(r"https://[a-z0-9-]+\.example\.vn", organisation.website)
        assert organisation.memberships.filter(role=Membership.Role.OWNER).count() == 1
        if organisation.is_verified:
            # Granted by a curator whose scope covers the organisation's exchange.
            assert staff_may_act_on(
                user=organisation.verified_by, obj=organisation, roles=["curator"]
            )
        if organisation.kind in ("investor", "enterprise", "startup"):
            assert organisation.interest_sectors.exists()
            assert not organisation.interest_sectors.filter(parent__isnull=True).exists()
            assert organisation.interest_min_trl
    assert Organisation.objects.filter(kind="investor", interest_ticket_max_vnd__gt=0).count() == 4
    assert Organisation.objects.filter(interest_provinces__isnull=False).distinct().count() >= 5

    assert User.objects.count() == USER_COUNT
    assert Membership.objects.count() == MEMBERSHIP_COUNT
    assert Membership.objects.filter(role=Membership.Role.MEMBER).count() == SECOND_MEMBERS
    # Every user can log in at once: a verified primary e-mail in allauth, a Vietnamese name.
    for user in User.objects.all():
        assert user.full_name
        assert EmailAddress.objects.filter(
            user=user, email=user.email, verified=True, primary=True
        ).exists()


def test_seed_creates_staff_for_every_national_exchange_and_two_centres(seeded):
    for code in ("hanoi", "hcmc", "danang"):
        roles = set(
            ExchangeStaff.objects.filter(exchange__code=code).values_list("role", flat=True)
        )
        assert roles == {"admin", "curator", "broker"}
    local = ExchangeStaff.objects.filter(exchange__kind="local")
    assert sorted(local.values_list("exchange__code", "role")) == [
        ("cantho", "curator"),
        ("haiphong", "curator"),
    ]
    assert ExchangeStaff.objects.count() == len(STAFF["exchange_staff"]) == STAFF_USERS
    curator = User.objects.get(email=CURATOR_LOGINS[0])
    assert curator.exchange_roles.count() == 1
    superuser = User.objects.get(email=SUPERUSER_EMAIL)
    assert superuser.is_staff and superuser.is_superuser
    assert User.objects.filter(is_superuser=True).count() == 1
    assert not User.objects.filter(is_staff=True).exclude(pk=superuser.pk).exists()


def test_second_run_creates_nothing_and_changes_nothing(seeded):
    before = snapshot()
    output = run_seed()
    assert snapshot() == before
    assert "Created this run: 0 (none)" in output
    assert "Updated this run: 0 (none)" in output
    assert f"Organisations:  {ORGANISATION_COUNT} ({VERIFIED_COUNT} verified)" in output
    assert f"Listings: {OFFER_COUNT} offers and {NEED_COUNT} needs (0 created this run)" in output
    assert Listing.objects.count() == OFFER_COUNT + NEED_COUNT


def test_rerun_restores_edited_demo_rows():
    demo_seed()
    organisation = Organisation.objects.get(tax_code="0100111234")
    organisation.name = "Tên đã sửa"
    organisation.save()
    user = User.objects.get(email=INSTITUTE_LOGIN)
    user.set_password("another-password-2026")
    user.save()
    Membership.objects.filter(user__email=SPECS["vien-cnsh"]["member"]["email"]).delete()

    summary = demo_seed()
    assert summary.created_total == 1 and summary.created["memberships"] == 1
    assert summary.updated["organisations"] == 1 and summary.updated["users"] == 1
    organisation.refresh_from_db()
    assert organisation.name == "Viện Công nghệ Sinh học"
    assert organisation.name_folded == "vien cong nghe sinh hoc"
    assert User.objects.get(email=INSTITUTE_LOGIN).check_password(DEMO_PASSWORD)
    assert Organisation.objects.count() == ORGANISATION_COUNT


def test_output_lists_the_demo_logins_and_counts(seeded):
    for expected in [
        DEMO_LOGIN_URL,
        DEMO_PASSWORD,
        INSTITUTE_LOGIN,
        ENTERPRISE_LOGIN,
        *CURATOR_LOGINS,
        SUPERUSER_EMAIL,
        "Viện Công nghệ Sinh học",
        "Công ty Cổ phần Thủy sản Cà Mau",
        "Exchanges:      10 (3 national, 7 local centres)",
        f"Organisations:  {ORGANISATION_COUNT} ({VERIFIED_COUNT} verified)",
        f"Users:          {USER_COUNT}",
        "research_institute     8",
        "government             5",
        f"Offers:         {OFFER_COUNT} (draft 12, submitted 21, returned 6, published 255,",
        f"Needs:          {NEED_COUNT} (draft 6, submitted 9, returned 3, published 137,",
        "Awaiting moderation: VNTX Hà Nội 10, VNTX TP.HCM 10, VNTX Đà Nẵng 10",
        f"listings {OFFER_COUNT + NEED_COUNT}, listing_status_changes 943",
        f"Listings: {OFFER_COUNT} offers and {NEED_COUNT} needs (467 created this run)",
    ]:
        assert expected in seeded, expected
    assert re.search(r"Created this run: [1-9]\d*", seeded)


def test_quiet_prints_only_the_logins():
    output = run_seed("--quiet")
    assert INSTITUTE_LOGIN in output and DEMO_PASSWORD in output
    assert "Organisations:" not in output
    assert run_seed("--verbosity", "0") == ""


@pytest.mark.parametrize(
    "email", [INSTITUTE_LOGIN, ENTERPRISE_LOGIN, *CURATOR_LOGINS, SUPERUSER_EMAIL]
)
def test_demo_users_log_in_with_the_demo_password(seeded, client, email):
    assert client.login(email=email, password=DEMO_PASSWORD)
    client.logout()
    assert not client.login(email=email, password="wrong-password")


@pytest.mark.parametrize(
    "email", [INSTITUTE_LOGIN, CURATOR_LOGINS[1], SPECS["dhbk-hn"]["member"]["email"]]
)
def test_demo_users_log_in_through_the_allauth_form(seeded, client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_superuser_reaches_both_admin_sites(seeded, client):
    assert client.login(email=SUPERUSER_EMAIL, password=DEMO_PASSWORD)
    assert client.get("/django-admin/").status_code == 200
    assert client.get("/cms-admin/").status_code == 200


def test_match_all_explains_suggestions_of_both_kinds_for_the_demo(seeded):
    """(In a test the seed's change events wait for a commit that never comes; `match_all`
    is what the nightly job runs.) Every published need has offers proposed for it, most
    offers have needs, and the offers open to a spin-off have partners; each suggestion
    explains itself in both languages."""
    out = io.StringIO()
    call_command("match_all", stdout=out)
    assert re.fullmatch(r"encoded \d+, transfers \d+, partners \d+, removed 0\n", out.getvalue())
    needs = Listing.objects.filter(kind="need", status="published")
    transfers = Suggestion.objects.filter(kind=Suggestion.Kind.TRANSFER)
    assert needs.exclude(pk__in=transfers.values("need_id")).count() == 0
    offers = Listing.objects.filter(kind="offer", status="published")
    assert offers.filter(pk__in=transfers.values("offer_id")).count() >= 0.9 * offers.count()
    partners = Suggestion.objects.filter(kind=Suggestion.Kind.PARTNER)
    assert partners.values("offer_id").distinct().count() >= 60
    for suggestion in list(transfers[:50]) + list(partners[:50]):
        assert suggestion.reasons
        assert all(reason["vi"] and reason["en"] for reason in suggestion.reasons)
