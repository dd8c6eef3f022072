"""Writes for organisations (`organisations`) and for the people in them (`people`)."""

from .organisations import (
    OrganisationData,
    PartnerInterests,
    organisation_create,
    organisation_save_by_admin,
    organisation_set_verified,
    organisation_update,
    organisations_ensure,
)
from .people import (
    InvitationUnusable,
    invitation_accept,
    invitation_create,
    invitation_revoke,
    membership_remove,
    user_api_token_revoke,
    user_api_token_rotate,
    user_update_profile,
)

__all__ = [
    "InvitationUnusable",
    "OrganisationData",
    "PartnerInterests",
    "invitation_accept",
    "invitation_create",
    "invitation_revoke",
    "membership_remove",
    "organisation_create",
    "organisation_save_by_admin",
    "organisation_set_verified",
    "organisation_update",
    "organisations_ensure",
    "user_api_token_revoke",
    "user_api_token_rotate",
    "user_update_profile",
]
