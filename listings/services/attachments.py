"""Images and documents of a listing. Files are checked by their first bytes, not their names
(listings.files.sniff_upload), and stored in the private storage."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.exchanges import permissions

from ..files import sniff_upload
from ..models import Listing, ListingAttachment
from .rules import require

MAX_ATTACHMENTS = 20


@transaction.atomic
def attachment_add(
    *, actor: User, listing: Listing, upload, title: str = "", confidential: bool = False
) -> ListingAttachment:
    """Stores an image or document after checking its size and real content type."""
    require(
        permissions.may_edit_listing(user=actor, listing=listing),
        _("Only the owning organisation may add files to this listing."),
    )
    if listing.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(_("A listing has at most 20 files."))
    file_type = sniff_upload(upload)
    return ListingAttachment.objects.create(
        listing=listing,
        kind=file_type.kind,
        file=upload,
        title=title.strip()[:200],
        content_type=file_type.content_type,
        size=upload.size,
        confidential=confidential,
    )


@transaction.atomic
def attachment_remove(*, actor: User, attachment: ListingAttachment) -> None:
    require(
        permissions.may_edit_listing(user=actor, listing=attachment.listing),
        _("Only the owning organisation may remove files of this listing."),
    )
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    # The file goes once the row is gone for good: a rolled-back removal keeps both.
    transaction.on_commit(lambda: storage.delete(name))
