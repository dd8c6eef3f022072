"""Writes for organisations.

Organisations are created here and nowhere else: by a person who registers one
(`organisation_create`) and, unverified and without members, for the owners that imported or
synced listings name (`organisations_ensure`). Every change that the rest of the site shows
(name, kind, verification badge, new organisations) is announced with `organisations_changed`
after commit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.text import fold_diacritics
from marketplace.exchanges import permissions
from marketplace.exchanges.models import Exchange, Province

from ..events import organisations_changed
from ..models import Membership, Organisation, User
from ..selectors import membership_role
from ..validators import normalise_tax_code, validate_tax_code

logger = logging.getLogger(__name__)

INTEREST_FIELDS = (
    "interest_min_trl",
    "interest_spin_off",
    "interest_ticket_min_vnd",
    "interest_ticket_max_vnd",
)


def _check_tax_code(*, tax_code: str | None, exclude_pk: int | None = None) -> str | None:
    if not tax_code:
        return None
    tax_code = normalise_tax_code(tax_code)
    validate_tax_code(tax_code)
    clash = Organisation.objects.filter(tax_code=tax_code)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                "tax_code": _(
                    "An organisation with this tax code is already registered. Ask its owner "
                    "to invite you instead."
                )
            },
            code="duplicate_tax_code",
        )
    return tax_code


def _check_interests(*, data: dict) -> None:
    low, high = data.get("interest_ticket_min_vnd"), data.get("interest_ticket_max_vnd")
    if low is not None and high is not None and low > high:
        raise ValidationError(
            {"interest_ticket_max_vnd": _("The upper ticket must not be below the lower one.")}
        )
    trl = data.get("interest_min_trl")
    if trl is not None and not 1 <= trl <= 9:
        raise ValidationError({"interest_min_trl": _("TRL is a whole number from 1 to 9.")})


@dataclass(frozen=True)
class PartnerInterests:
    """What an organisation looks for as a spin-off or investment partner (the exchange
    format's `organisation.interests`, validated)."""

    sectors: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    min_trl: int | None = None
    spin_off: bool = False
    ticket_min_vnd: int | None = None
    ticket_max_vnd: int | None = None


@dataclass(frozen=True)
class OrganisationData:
    """An organisation as a listing names its owner (the exchange format's `organisation`
    object, validated): matched by tax code, or, when the listing gives none, by exact name
    and province (the oldest such organisation, with or without a tax code of its own)."""

    name: str
    kind: str
    tax_code: str | None
    province: str  # province slug
    interests: PartnerInterests | None = None

    @property
    def key(self) -> tuple:
        if self.tax_code:
            return ("tax", self.tax_code)
        return ("name", self.name, self.province)


def _new_organisation(
    *, kind: str, name: str, province: Province, home_exchange: Exchange | None = None, **values
) -> Organisation:
    """An unsaved organisation with its derived fields: the trimmed and folded name, and the
    home exchange of its province unless one is given."""
    name = name.strip()
    return Organisation(
        kind=kind,
        name=name,
        name_folded=fold_diacritics(name),
        province=province,
        home_exchange=home_exchange or province.default_exchange,
        **values,
    )


@transaction.atomic
def organisation_create(
    *,
    owner: User,
    kind: str,
    name: str,
    province: Province,
    tax_code: str | None = None,
    home_exchange: Exchange | None = None,
    website: str = "",
    description: str = "",
    interest_sectors=(),
    interest_provinces=(),
    **interests,
) -> Organisation:
    """Registers an organisation with `owner` as its first owner. The home exchange is the
    province's default exchange unless one is given."""
    if kind not in Organisation.Kind.values:
        raise ValidationError({"kind": _("Unknown organisation kind.")})
    _check_interests(data=interests)
    organisation = _new_organisation(
        kind=kind,
        name=name,
        province=province,
        home_exchange=home_exchange,
        tax_code=_check_tax_code(tax_code=tax_code),
        website=website,
        description=description,
        **{name: value for name, value in interests.items() if name in INTEREST_FIELDS},
    )
    organisation.full_clean(exclude=["name_folded"])
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as exc:  # two sign-ups racing for the same tax code
        raise ValidationError(
            {"tax_code": _("An organisation with this tax code is already registered.")}
        ) from exc
    organisation.interest_sectors.set(interest_sectors)
    organisation.interest_provinces.set(interest_provinces)
    Membership.objects.create(user=owner, organisation=organisation, role=Membership.Role.OWNER)
    logger.info(
        "organisation registered",
        extra={"organisation": organisation.pk, "exchange": organisation.home_exchange.code},
    )
    organisations_changed([organisation.pk], reason="created")
    return organisation


def _find(named: list[OrganisationData]) -> dict[tuple, int]:
    """Ids of the existing organisations that `named` designate, by key."""
    found: dict[tuple, int] = {}
    tax_codes = {item.tax_code for item in named if item.tax_code}
    if tax_codes:
        for tax_code, pk in Organisation.objects.filter(tax_code__in=tax_codes).values_list(
            "tax_code", "pk"
        ):
            found[("tax", tax_code)] = pk
    by_name = [item for item in named if not item.tax_code]
    if by_name:
        rows = (
            Organisation.objects.filter(
                name__in={item.name for item in by_name},
                province__slug__in={item.province for item in by_name},
            )
            .order_by("pk")
            .values_list("name", "province__slug", "pk")
        )
        for name, province, pk in rows:
            found.setdefault(("name", name, province), pk)
    return found


def organisations_ensure(*, named: Iterable[OrganisationData]) -> dict[tuple, int]:
    """The ids, by `OrganisationData.key`, of the organisations that imported or synced
    listings name as their owners. Missing ones are created in bulk, unverified, without
    members, with their partner interests; existing organisations are never modified (they
    belong to their members). Call it inside the caller's transaction."""
    wanted = {item.key: item for item in named}
    found = _find(list(wanted.values()))
    missing = [item for key, item in wanted.items() if key not in found]
    if not missing:
        return found
    provinces = {
        province.slug: province
        for province in Province.objects.filter(
            slug__in={item.province for item in missing}
        ).select_related("default_exchange")
    }
    new = []
    for item in missing:
        interests = item.interests or PartnerInterests()
        new.append(
            _new_organisation(
                kind=item.kind,
                name=item.name,
                province=provinces[item.province],
                tax_code=item.tax_code,
                interest_min_trl=interests.min_trl,
                interest_spin_off=interests.spin_off,
                interest_ticket_min_vnd=interests.ticket_min_vnd,
                interest_ticket_max_vnd=interests.ticket_max_vnd,
            )
        )
    try:
        with transaction.atomic():
            Organisation.objects.bulk_create(new)
    except IntegrityError:
        # A concurrent request created one of them meanwhile (tax codes are unique): take
        # theirs, and create the others one at a time.
        new, missing = _create_one_by_one(new, missing)
    _link_interests(new, missing)
    for item, organisation in zip(missing, new, strict=True):
        found[item.key] = organisation.pk
    found.update(_find([item for key, item in wanted.items() if key not in found]))
    if new:
        logger.info("organisations created for listings", extra={"count": len(new)})
        organisations_changed([organisation.pk for organisation in new], reason="created")
    return found


def _create_one_by_one(
    new: list[Organisation], missing: list[OrganisationData]
) -> tuple[list[Organisation], list[OrganisationData]]:
    created, created_for = [], []
    for organisation, item in zip(new, missing, strict=True):
        try:
            with transaction.atomic():
                organisation.save()
        except IntegrityError:
            continue  # found by the caller's second look-up
        created.append(organisation)
        created_for.append(item)
    return created, created_for


def _link_interests(organisations: list[Organisation], named: list[OrganisationData]) -> None:
    """The partner interests' sectors and provinces of new organisations, in bulk."""
    SectorLink = Organisation.interest_sectors.through  # noqa: N806
    ProvinceLink = Organisation.interest_provinces.through  # noqa: N806
    sector_rows, province_rows = [], []
    wanted_provinces = {
        slug for item in named if item.interests for slug in item.interests.provinces
    }
    province_ids = dict(
        Province.objects.filter(slug__in=wanted_provinces).values_list("slug", "pk")
    )
    for organisation, item in zip(organisations, named, strict=True):
        if item.interests is None:
            continue
        sector_rows += [
            SectorLink(organisation_id=organisation.pk, sector_id=code)
            for code in item.interests.sectors
        ]
        province_rows += [
            ProvinceLink(organisation_id=organisation.pk, province_id=province_ids[slug])
            for slug in item.interests.provinces
        ]
    SectorLink.objects.bulk_create(sector_rows)
    ProvinceLink.objects.bulk_create(province_rows)


def require_owner(*, user: User, organisation: Organisation) -> None:
    if membership_role(user=user, organisation=organisation) != Membership.Role.OWNER:
        raise PermissionDenied(_("Only an owner of the organisation may do this."))


@transaction.atomic
def organisation_update(*, actor: User, organisation: Organisation, data: dict) -> Organisation:
    """Edits an organisation as one of its owners. The home exchange follows the province
    unless exchange staff moved it; the verification badge survives edits of the profile but
    not a change of tax code (the badge vouches for that identity)."""
    require_owner(user=actor, organisation=organisation)
    _check_interests(data=data)
    # Reload: a bound ModelForm has already written its values onto the caller's instance, and
    # the province and tax-code comparisons below need what is stored.
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    data = dict(data)
    sectors = data.pop("interest_sectors", None)
    provinces = data.pop("interest_provinces", None)
    old_tax_code = organisation.tax_code
    if "tax_code" in data:
        data["tax_code"] = _check_tax_code(tax_code=data["tax_code"], exclude_pk=organisation.pk)
    province_changed = "province" in data and data["province"] != organisation.province
    for name, value in data.items():
        setattr(organisation, name, value)
    if province_changed:
        organisation.home_exchange = organisation.province.default_exchange
    organisation.name_folded = fold_diacritics(organisation.name)
    if organisation.tax_code != old_tax_code:
        organisation.verified_at = None
        organisation.verified_by = None
    organisation.full_clean(exclude=["name_folded"])
    organisation.save()
    if sectors is not None:
        organisation.interest_sectors.set(sectors)
    if provinces is not None:
        organisation.interest_provinces.set(provinces)
    organisations_changed([organisation.pk], reason="updated")
    return organisation


@transaction.atomic
def organisation_set_verified(
    *, actor: User, organisation: Organisation, verified: bool
) -> Organisation:
    """Grants or withdraws the verification badge. Only an admin or curator whose scope
    covers the organisation's home exchange may do it; who and when are recorded."""
    if not permissions.may_verify(user=actor, organisation=organisation):
        raise PermissionDenied(
            _("Only staff of this organisation's exchange may change its verification.")
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if verified:
        organisation.verified_at = timezone.now()
        organisation.verified_by = actor
    else:
        organisation.verified_at = None
        organisation.verified_by = None
    organisation.save(update_fields=["verified_at", "verified_by", "updated_at"])
    logger.info(
        "organisation verification changed",
        extra={"organisation": organisation.pk, "verified": verified, "actor": actor.pk},
    )
    organisations_changed([organisation.pk], reason="verified" if verified else "unverified")
    return organisation


@transaction.atomic
def organisation_save_by_admin(*, organisation: Organisation) -> Organisation:
    """Saves what a superuser changed in the Django admin, with the derived fields and the
    change event of every other path."""
    organisation.name = organisation.name.strip()
    organisation.name_folded = fold_diacritics(organisation.name)
    organisation.full_clean(exclude=["name_folded"])
    organisation.save()
    organisations_changed([organisation.pk], reason="updated")
    return organisation
