"""REST API for technology offers and needs (spec/api.md), mounted under /api/v1/.

    GET   /offers/, /needs/            published listings, filtered and paginated
    POST  /offers/, /needs/            create (a member), or create-or-update (an exchange token)
    GET   /offers/{id}/, /needs/{id}/  one listing
    PATCH /offers/{id}/, /needs/{id}/  partial update

Bodies are the listing exchange format (spec/listing-format.md), validated by
`listings.formats.listing_data_from_dict` and written by `listings.services`; this module
only decides who the caller is, what they may see and do, and shapes the answers. Errors use
the envelope of `marketplace.core.api.json_error_handler`.

Two extensions of the format: `organisation_id` (which of the caller's organisations owns a
new listing) and `confidential` (the confidential part, read and written by those who may;
validated by the codec like the rest of the body).
Callers are a person (session or personal token) or an exchange's system (exchange token,
`request.auth` is an ExchangeApiToken and `request.user` is anonymous).
"""

from .views import NeedCollectionApi, NeedItemApi, OfferCollectionApi, OfferItemApi

__all__ = ["NeedCollectionApi", "NeedItemApi", "OfferCollectionApi", "OfferItemApi"]
