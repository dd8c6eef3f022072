"""The demo's people: the federation (reference data), the platform superuser and the exchange
staff (data/staff.json), and organisations of every kind with their owners and second members
(data/organisations.jsonl).

Organisations are registered with `organisation_create`, verified by a curator of their
exchange with `organisation_set_verified`, and brought back to their demo text with
`organisation_save_by_admin`; staff roles are given by the superuser with
`exchange_staff_assign`. Users and memberships have no service of their own (people sign up
and accept invitations on the site), so the demo writes those rows itself.
"""

from __future__ import annotations

from django.db.models import Model

from marketplace.accounts.models import Membership, Organisation, User
from marketplace.accounts.services import (
    organisation_create,
    organisation_save_by_admin,
    organisation_set_verified,
)
from marketplace.core.text import fold_diacritics
from marketplace.exchanges.models import Exchange, ExchangeStaff, Province
from marketplace.exchanges.reference import federation_load
from marketplace.exchanges.services import exchange_staff_assign
from marketplace.reference.loading import sectors_load
from marketplace.reference.models import Sector

from .context import DemoContext, read_json, read_jsonl


def staff_data() -> dict:
    """{"superuser": person, "exchange_staff": [person with "exchange" and "role"]}; a
    person is {"email", "full_name", "job_title"}."""
    return read_json("staff.json")


def organisations_data() -> list[dict]:
    """The demo organisations, one object a line: "key" (their website and the e-mail
    addresses of their people), the organisation's fields, "interests" in the shape of the
    exchange format's `organisation.interests`, "verified", "owner" and maybe "member"."""
    return read_jsonl("organisations.jsonl")


# --- Helpers -------------------------------------------------------------------------------


def _sync(obj: Model, values: dict) -> bool:
    """Sets the fields that differ; True when something changed (the caller saves)."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def user_ensure(
    ctx: DemoContext, person: dict, *, is_staff: bool = False, is_superuser: bool = False
) -> User:
    """The demo user of `person`, created or brought back to the demo state, with a verified
    primary e-mail address in allauth so that they can log in at once."""
    from allauth.account.models import EmailAddress

    email = person["email"]
    values = {
        "full_name": person["full_name"],
        "job_title": person.get("job_title", ""),
        "is_active": True,
        "is_staff": is_staff,
        "is_superuser": is_superuser,
        "password": ctx.password_hash,
    }
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(email=email, **values)
        ctx.summary.created["users"] += 1
    elif _sync(user, values):
        user.save()
        ctx.summary.updated["users"] += 1

    address, created = EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if created:
        ctx.summary.created["email_addresses"] += 1
    elif _sync(address, {"verified": True, "primary": True}):
        EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(
            primary=False
        )
        address.save()
        ctx.summary.updated["email_addresses"] += 1
    ctx.users[email] = user
    return user


def membership_ensure(ctx: DemoContext, *, user: User, organisation: Organisation, role: str):
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    if created:
        ctx.summary.created["memberships"] += 1
    elif membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
        ctx.summary.updated["memberships"] += 1
    return membership


# --- Steps ---------------------------------------------------------------------------------


def seed_federation(ctx: DemoContext) -> None:
    """Exchanges, provinces and sectors (already loaded by the data migrations; re-applied so
    that the demo works on a database whose reference rows were edited or removed)."""
    before = (Exchange.objects.count(), Province.objects.count(), Sector.objects.count())
    federation_load(Exchange, Province)
    sectors_load(Sector)
    after = (Exchange.objects.count(), Province.objects.count(), Sector.objects.count())
    for name, old, new in zip(("exchanges", "provinces", "sectors"), before, after, strict=True):
        ctx.summary.created[name] += new - old
    ctx.say(f"Federation: {after[0]} exchanges, {after[1]} provinces, {after[2]} sectors")


def seed_exchange_staff(ctx: DemoContext) -> None:
    """The platform superuser, then a curator, an admin and a broker for each national
    exchange and curators for two local centres, given their roles by the superuser."""
    data = staff_data()
    superuser = user_ensure(ctx, data["superuser"], is_staff=True, is_superuser=True)
    exchanges = {exchange.code: exchange for exchange in Exchange.objects.all()}
    for person in data["exchange_staff"]:
        user = user_ensure(ctx, person)
        exchange = exchanges[person["exchange"]]
        if not ExchangeStaff.objects.filter(
            exchange=exchange, user=user, role=person["role"]
        ).exists():
            exchange_staff_assign(
                actor=superuser, exchange=exchange, email=user.email, role=person["role"]
            )
            ctx.summary.created["staff_roles"] += 1
    ctx.say(
        f"Exchange staff: {len(data['exchange_staff'])} roles and the superuser {superuser.email}"
    )


def demo_curators() -> dict[str, User]:
    """The demo curator of each exchange that has one, by exchange code."""
    emails = [
        person["email"]
        for person in staff_data()["exchange_staff"]
        if person["role"] == ExchangeStaff.Role.CURATOR
    ]
    rows = ExchangeStaff.objects.filter(role=ExchangeStaff.Role.CURATOR, user__email__in=emails)
    curators: dict[str, User] = {}
    for row in rows.select_related("user", "exchange").order_by("pk"):
        curators.setdefault(row.exchange.code, row.user)
    return curators


def curator_for(curators: dict[str, User], exchange: Exchange) -> User:
    """The demo curator of `exchange`, or of the national exchange above it."""
    return curators.get(exchange.code) or curators[exchange.national_exchange.code]


def _values(spec: dict, provinces: dict[str, Province], exchanges: dict[str, Exchange]) -> dict:
    """The organisation's fields, as organisation_create takes them (without relations)."""
    interests = spec.get("interests") or {}
    ticket = interests.get("ticket_vnd") or {}
    return {
        "kind": spec["kind"],
        "name": spec["name"],
        "province": provinces[spec["province"]],
        "home_exchange": exchanges[spec["home_exchange"]],
        "website": spec["website"],
        "description": spec["description"],
        "interest_min_trl": interests.get("min_trl"),
        "interest_spin_off": interests.get("spin_off", False),
        "interest_ticket_min_vnd": ticket.get("min"),
        "interest_ticket_max_vnd": ticket.get("max"),
    }


def seed_organisations(ctx: DemoContext) -> None:
    """The organisations of data/organisations.jsonl with an owner each, a second member for
    those that name one, and the verification badge for those marked verified."""
    provinces = {province.slug: province for province in Province.objects.all()}
    exchanges = {exchange.code: exchange for exchange in Exchange.objects.all()}
    sectors = {sector.code: sector for sector in Sector.objects.filter(parent__isnull=False)}
    curators = demo_curators()
    specs = organisations_data()
    for spec in specs:
        owner = user_ensure(ctx, spec["owner"])
        values = _values(spec, provinces, exchanges)
        interests = spec.get("interests") or {}
        interest_sectors = [sectors[code] for code in interests.get("sectors", [])]
        interest_provinces = [provinces[slug] for slug in interests.get("provinces", [])]
        organisation = Organisation.objects.filter(tax_code=spec["tax_code"]).first()
        if organisation is None:
            organisation = organisation_create(
                owner=owner,
                tax_code=spec["tax_code"],
                interest_sectors=interest_sectors,
                interest_provinces=interest_provinces,
                **values,
            )
            ctx.summary.created["organisations"] += 1
            ctx.summary.created["memberships"] += 1  # the owner's, made by the service
        else:
            membership_ensure(
                ctx, user=owner, organisation=organisation, role=Membership.Role.OWNER
            )
            changed = _sync(organisation, {**values, "name_folded": fold_diacritics(spec["name"])})
            for relation, wanted in (
                (organisation.interest_sectors, interest_sectors),
                (organisation.interest_provinces, interest_provinces),
            ):
                if {obj.pk for obj in relation.all()} != {obj.pk for obj in wanted}:
                    relation.set(wanted)
                    changed = True
            if changed:
                organisation = organisation_save_by_admin(organisation=organisation)
                ctx.summary.updated["organisations"] += 1

        if spec.get("member"):
            member = user_ensure(ctx, spec["member"])
            membership_ensure(
                ctx, user=member, organisation=organisation, role=Membership.Role.MEMBER
            )

        if spec["verified"] and not organisation.is_verified:
            organisation = organisation_set_verified(
                actor=curator_for(curators, organisation.home_exchange),
                organisation=organisation,
                verified=True,
            )
            ctx.summary.created["verifications"] += 1
        ctx.organisations[spec["key"]] = organisation
    ctx.say(f"Organisations: {len(specs)} with their owners and members")
