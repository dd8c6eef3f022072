"""Data set-up and read-back for tests that drive a live server (tests/live_asgi.py).

Each function runs where the server's database is: in the test process when the server
shares the test database (PostgreSQL), or in a subprocess beside a server that serves a file
database of its own (SQLite; see `run_in_site` in test_concurrent_writes.py). They take and
return plain JSON values for that reason.
"""

from rest_framework.authtoken.models import Token

from listings.models import Listing
from tests.factories import ListingFactory, MembershipFactory, OrganisationFactory, UserFactory


def need_body(title: str) -> dict:
    """A valid need in the listing exchange format (spec/listing-format), by title."""
    return {
        "kind": "need",
        "language": "vi",
        "title": title,
        "summary": "Doanh nghiệp cần công nghệ sấy cà phê tiết kiệm năng lượng.",
        "description": "Dây chuyền sấy 5 tấn/ngày, dùng nhiệt thừa của lò hơi.",
        "sectors": ["202"],
        "keywords": ["sấy", "cà phê"],
        "trl": 6,
        "cooperation": ["licence"],
        "price_vnd": {"min": 200000000, "max": 600000000},
        "provinces": ["dak-lak"],
    }


def writer_create(*, tax_code: str, offer_count: int) -> dict:
    """A member of a Hà Nội research institute with a personal API token, and `offer_count`
    draft offers of that institute for the member to edit."""
    # Named after the tax code: factory sequences restart in every subprocess, so their
    # defaults would repeat the previous writer's e-mail and name.
    membership = MembershipFactory(
        user=UserFactory(email=f"writer-{tax_code}@example.vn"),
        organisation=OrganisationFactory(
            tax_code=tax_code, name=f"Viện Công nghệ Vật liệu {tax_code}"
        ),
    )
    key = Token.objects.create(user=membership.user).key
    offers = ListingFactory.create_batch(
        offer_count, organisation=membership.organisation, status="draft"
    )
    return {"key": key, "offer_ids": [offer.pk for offer in offers]}


def listing_titles(*, tax_code: str, kind: str) -> dict[str, str]:
    """{id: title} of the organisation's listings of one kind (ids as strings: JSON keys)."""
    listings = Listing.objects.filter(organisation__tax_code=tax_code, kind=kind)
    return {str(pk): title for pk, title in listings.values_list("pk", "title")}
