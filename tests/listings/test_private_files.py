"""Listing attachments and spreadsheet uploads live in the private storage (PRIVATE_MEDIA_ROOT),
never under the public MEDIA_ROOT, and reach a browser only through /listings/files/<id>/,
which applies the listing's visibility and, for confidential files, the confidential-part rule.
"""

import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve

from listings import services, spreadsheets
from listings.models import Listing, ListingAttachment
from marketplace.exchanges.models import ExchangeStaff
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    MembershipFactory,
    OrganisationFactory,
    exchange,
)

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    """A real 1×1 transparent PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png()
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


@pytest.fixture(autouse=True)
def roots(settings, tmp_path):
    """Both roots under tmp_path: the tests never write into the repository's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT


def url(attachment: ListingAttachment) -> str:
    return f"/en/listings/files/{attachment.pk}/"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def add(listing: Listing, name: str, content: bytes, **kwargs) -> ListingAttachment:
    """Adds a file as a member of the owning organisation would."""
    owner = MembershipFactory(organisation=listing.organisation).user
    return services.attachment_add(
        actor=owner, listing=listing, upload=SimpleUploadedFile(name, content), **kwargs
    )


# --- who may download what ------------------------------------------------------------------

VIEWERS = ("anonymous", "other_org", "nda_org", "owner", "staff_in_scope", "staff_out_of_scope")


def _viewer(kind: str, listing: Listing):
    if kind == "anonymous":
        return None
    if kind == "other_org":
        return MembershipFactory(organisation=OrganisationFactory(kind="enterprise")).user
    if kind == "nda_org":
        user = MembershipFactory(organisation=OrganisationFactory(kind="enterprise")).user
        organisation = user.memberships.get().organisation
        services.nda_accept(
            user=user, organisation=organisation, listing=listing, nda=services.nda_current()
        )
        return user
    if kind == "owner":
        return MembershipFactory(organisation=listing.organisation).user
    if kind == "staff_in_scope":
        return ExchangeStaffFactory(exchange=exchange("hanoi"), role=ExchangeStaff.Role.BROKER).user
    if kind == "staff_out_of_scope":
        return ExchangeStaffFactory(exchange=exchange("hcmc"), role=ExchangeStaff.Role.ADMIN).user
    raise AssertionError(kind)


# (viewer, confidential, status) -> may download. Published public files: everybody. A
# published listing's confidential files: owner, staff in scope, NDA signatories. A draft's
# files, public or not: owner and staff in scope only (an NDA signed while the listing was
# published does not open a listing that is no longer public).
ALLOWED = {
    ("published", False): {"anonymous", "other_org", "nda_org", "owner", "staff_in_scope",
                           "staff_out_of_scope"},
    ("published", True): {"nda_org", "owner", "staff_in_scope"},
    ("draft", False): {"owner", "staff_in_scope"},
    ("draft", True): {"owner", "staff_in_scope"},
}  # fmt: skip
CASES = [
    (viewer, status, confidential, viewer in ALLOWED[(status, confidential)])
    for status in ("published", "draft")
    for confidential in (False, True)
    for viewer in VIEWERS
]


@pytest.mark.parametrize(("viewer", "status", "confidential", "allowed"), CASES)
def test_a_document_is_served_exactly_to_those_who_may_see_it(
    client, viewer, status, confidential, allowed
):
    # Given a PDF of a Hà Nội listing, and a viewer
    listing = ListingFactory()
    document = add(listing, "ban-mo-ta.pdf", PDF, confidential=confidential)
    user = _viewer(viewer, listing)  # NDAs are accepted while the listing is published
    Listing.objects.filter(pk=listing.pk).update(status=status)
    if user is not None:
        client.force_login(user)

    # When the viewer asks for the file
    response = client.get(url(document))

    # Then it is served with its exact bytes and headers, or the answer is a plain 404
    if not allowed:
        assert response.status_code == 404
        assert b"%PDF" not in response.content
        return
    assert response.status_code == 200
    assert body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Disposition"] == 'attachment; filename="ban-mo-ta.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    shared = status == "published" and not confidential
    assert response["Cache-Control"] == ("public, max-age=3600" if shared else "private")


@pytest.mark.parametrize("confidential", [False, True])
def test_an_image_is_shown_inline_to_the_owner(client, confidential):
    listing = ListingFactory()
    image = add(listing, "mau-thu.png", PNG, title="Mẫu thử", confidential=confidential)
    client.force_login(MembershipFactory(organisation=listing.organisation).user)

    response = client.get(url(image))

    assert response.status_code == 200
    assert body(response) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Length"] == str(len(PNG))
    assert response["Content-Disposition"] == 'inline; filename="mau-thu.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == ("private" if confidential else "public, max-age=3600")


def test_the_vietnamese_address_serves_the_same_file(client):
    document = add(ListingFactory(), "ban-mo-ta.pdf", PDF)

    response = client.get(f"/listings/files/{document.pk}/")

    assert response.status_code == 200
    assert body(response) == PDF


def test_the_download_name_is_sanitised_and_encoded(client):
    # Given a file uploaded under a hostile, non-ASCII name
    document = add(ListingFactory(), 'Bản "mô tả"\r\n<script>.pdf', PDF)

    response = client.get(url(document))

    # Then the name was cleaned at upload and the header carries it RFC 6266-encoded
    assert document.filename == "Bản_mô_tảscript.pdf"
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''B%E1%BA%A3n_m%C3%B4_t%E1%BA%A3script.pdf"
    )


def test_the_stored_type_is_sent_whatever_the_name_says(client):
    # Given an attachment whose stored (sniffed) type is a PDF, under a name ending in .html
    listing = ListingFactory()
    document = add(listing, "ban-mo-ta.pdf", PDF)
    storage = storages["private"]
    new_name = storage.save("listings/trang.html", SimpleUploadedFile("trang.html", PDF))
    ListingAttachment.objects.filter(pk=document.pk).update(file=new_name)

    response = client.get(url(document))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_post_is_refused(client):
    document = add(ListingFactory(), "ban-mo-ta.pdf", PDF)

    assert client.post(url(document)).status_code == 405


def test_head_answers_like_get_without_a_body(client):
    document = add(ListingFactory(), "ban-mo-ta.pdf", PDF, confidential=True)

    assert client.head(url(document)).status_code == 404
    client.force_login(MembershipFactory(organisation=document.listing.organisation).user)
    response = client.head(url(document))
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(PDF))


@pytest.mark.parametrize(
    "path",
    [
        "/en/listings/files/abc/",
        "/en/listings/files/-1/",
        "/en/listings/files/1.0/",
        "/en/listings/files/..%2F..%2Fsettings.py/",
        "/en/listings/files/../../marketplace/settings.py",
        "/en/listings/files/%00/",
        "/en/listings/files/0/",
        "/en/listings/files/2147483648/",
        "/en/listings/files/9223372036854775808/",
        "/en/listings/files/" + "9" * 400 + "/",
    ],
)
def test_ids_that_are_not_an_attachment_get_404(client, path):
    add(ListingFactory(), "ban-mo-ta.pdf", PDF)

    response = client.get(path)

    assert response.status_code == 404


def test_a_file_missing_from_disk_gets_404_not_500(client):
    document = add(ListingFactory(), "ban-mo-ta.pdf", PDF)
    storages["private"].delete(document.file.name)

    assert client.get(url(document)).status_code == 404


def test_a_deleted_attachment_gets_404(client):
    document = add(ListingFactory(), "ban-mo-ta.pdf", PDF)
    pk = document.pk
    document.delete()

    assert client.get(f"/en/listings/files/{pk}/").status_code == 404


# --- nothing under MEDIA_ROOT, no /media/ URL -----------------------------------------------


def test_files_are_stored_under_the_private_root_only(client, roots):
    media_root, private_root = roots
    listing = ListingFactory()
    public = add(listing, "cong-khai.pdf", PDF)
    secret = add(listing, "mat.pdf", PDF, confidential=True)

    for attachment in (public, secret):
        stored = Path(attachment.file.path)
        assert stored.is_relative_to(private_root)
        assert stored.read_bytes() == PDF
        assert not (media_root / attachment.file.name).exists()
    assert not media_root.exists() or list(media_root.rglob("*")) == []


def test_no_media_url_serves_an_attachment(client, settings):
    document = add(ListingFactory(), "mat.pdf", PDF, confidential=True)

    # The file has no URL of its own ...
    with pytest.raises(ValueError, match="Private files have no URL"):
        document.file.url  # noqa: B018
    # ... /media/ does not serve it ...
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404
    assert client.get("/en" + settings.MEDIA_URL + document.file.name).status_code == 404
    # ... and neither would a server of MEDIA_ROOT (what DEBUG mounts at /media/)
    request = RequestFactory().get(settings.MEDIA_URL + document.file.name)
    with pytest.raises(Http404):
        serve(request, document.file.name, document_root=settings.MEDIA_ROOT)


def test_the_listing_page_links_files_through_the_checking_view(client):
    listing = ListingFactory()
    image = add(listing, "mau-thu.png", PNG, title="Mẫu thử")
    document = add(listing, "mat.pdf", PDF, confidential=True)

    page = client.get(f"/en/offers/{listing.pk}/").content.decode()
    assert f'<img src="/en/listings/files/{image.pk}/"' in page
    assert f"/en/listings/files/{document.pk}/" not in page
    assert "/media/" not in page

    client.force_login(MembershipFactory(organisation=listing.organisation).user)
    page = client.get(f"/en/offers/{listing.pk}/").content.decode()
    assert f'<a href="/en/listings/files/{document.pk}/">mat.pdf</a>' in page
    assert "/media/" not in page
    edit = client.get(f"/en/listings/{listing.pk}/edit/").content.decode()
    assert f'<a href="/en/listings/files/{document.pk}/">mat.pdf</a>' in edit
    assert "/media/" not in edit


def test_removing_an_attachment_removes_its_private_file_once_committed(
    client, roots, django_capture_on_commit_callbacks
):
    listing = ListingFactory()
    document = add(listing, "mat.pdf", PDF, confidential=True)
    stored = Path(document.file.path)
    owner = MembershipFactory(organisation=listing.organisation).user

    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_remove(actor=owner, attachment=document)
        assert stored.exists()  # a removal that rolled back would keep row and file

    assert not stored.exists()
    assert listing.attachments.count() == 0


# --- spreadsheet staging --------------------------------------------------------------------


def test_spreadsheet_uploads_wait_under_the_private_root(client, roots):
    media_root, private_root = roots
    curator = ExchangeStaffFactory(exchange=exchange("hanoi"), role=ExchangeStaff.Role.CURATOR)
    client.force_login(curator.user)
    content = spreadsheets.spreadsheet_template_csv().encode()

    response = client.post(
        "/en/staff/listings/import/",
        {
            "exchange": "hanoi",
            "status": "published",
            "file": SimpleUploadedFile("listings.csv", content),
        },
    )

    assert response.status_code == 302
    token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert spreadsheets.pending.pending_dir() == private_root / "imports"
    assert [p.name for p in (private_root / "imports").iterdir()] == [f"{token}.json"]
    assert not media_root.exists() or list(media_root.rglob("*")) == []
    assert client.get(f"/media/imports/{token}.json").status_code == 404
