"""The owner pages of listings: create and edit forms, files, "My listings", the per-listing
page with its history, and saved listings. Good input works; bad input gets a clear message
on the field it concerns and saves nothing; other people get 403, anonymous visitors the
log-in page."""

import struct
import zlib
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from listings import services
from listings.models import Listing, ListingAttachment, ListingStatusChange
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    exchange,
)

pytestmark = pytest.mark.django_db


# --- helpers --------------------------------------------------------------------------------


def html(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def member(client):
    """A logged-in member of a Hà Nội research institute (home exchange: hanoi)."""
    membership = MembershipFactory(organisation=OrganisationFactory(name="Viện Vật liệu Nano"))
    client.force_login(membership.user)
    return membership.user, membership.organisation


@pytest.fixture
def media(settings, tmp_path):
    """Attachments are stored in the private storage; returns its root."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "private"


def offer_post(organisation=None, **changes) -> dict:
    data = {
        "language": "vi",
        "title": "Quy trình sản xuất vật liệu nano bạc kháng khuẩn",
        "summary": "Lớp phủ nano bạc diệt khuẩn cho bề mặt y tế.",
        "description": "Dung dịch nano bạc ổn định 12 tháng, kích thước hạt 10-20 nm.",
        "sectors": ["205", "210"],
        "keywords": "nano bạc, kháng khuẩn, , nano bạc",
        "trl": "6",
        "ip_status": "patent_granted",
        "ip_numbers": "1-0023456, 2-0001234",
        "cooperation": ["licence", "technical_assistance"],
        "price_min": "500.000.000",
        "price_max": "1 200 000 000 ₫",
        "provinces": ["ha-noi", "hai-phong"],
        "applications": "Bệnh viện, nhà máy thực phẩm.",
        "advantages": "Không độc hại, bền màu.",
        "video_url": "https://www.youtube.com/watch?v=abc123",
        "confidential_details": "Nồng độ AgNO3 0,5 mM; khử bằng NaBH4.",
        "contact_name": "TS. Trần Thị Bình",
        "contact_email": "binh@vienvatlieu.vn",
        "contact_phone": "+84 24 3756 1234",
        "action": "draft",
    }
    if organisation is not None:
        data["organisation"] = organisation.pk
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def need_post(organisation=None, **changes) -> dict:
    data = offer_post(organisation, **changes)
    data.pop("ip_status", None)
    data.pop("ip_numbers", None)
    data.update(
        {
            "title": changes.get("title", "Cần công nghệ xử lý nước ao nuôi tôm"),
            "deadline": changes.get(
                "deadline", (timezone.localdate() + timedelta(days=60)).isoformat()
            ),
        }
    )
    return data


def field_errors(response, name: str) -> list[str]:
    return list(response.context["form"].errors.get(name, []))


def history(listing) -> list[tuple]:
    return list(
        ListingStatusChange.objects.filter(listing=listing)
        .order_by("created_at", "pk")
        .values_list("from_status", "to_status", "actor_id", "reason")
    )


def png_bytes() -> bytes:
    """A real 1×1 transparent PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)


# --- create ---------------------------------------------------------------------------------


def test_member_saves_an_offer_as_draft_with_every_field(client, member):
    # Given a member of one organisation
    user, organisation = member
    # When they save a complete offer as a draft
    response = client.post("/en/listings/new/offer/", offer_post(organisation))
    # Then it is stored as a draft of their organisation at its home exchange
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/listings/{listing.pk}/edit/#attachments"
    assert (listing.kind, listing.status, listing.organisation, listing.exchange.code) == (
        "offer",
        "draft",
        organisation,
        "hanoi",
    )
    assert listing.title == "Quy trình sản xuất vật liệu nano bạc kháng khuẩn"
    assert sorted(s.code for s in listing.sectors.all()) == ["205", "210"]
    assert sorted(p.slug for p in listing.provinces.all()) == ["ha-noi", "hai-phong"]
    assert listing.keywords == ["nano bạc", "kháng khuẩn"]
    assert listing.trl == 6
    assert listing.ip_status == "patent_granted"
    assert listing.ip_numbers == ["1-0023456", "2-0001234"]
    assert listing.cooperation == ["licence", "technical_assistance"]
    assert (listing.price_min_vnd, listing.price_max_vnd) == (500_000_000, 1_200_000_000)
    assert listing.deadline is None
    assert listing.applications == "Bệnh viện, nhà máy thực phẩm."
    assert listing.advantages == "Không độc hại, bền màu."
    assert listing.video_url == "https://www.youtube.com/watch?v=abc123"
    assert listing.confidential_details == "Nồng độ AgNO3 0,5 mM; khử bằng NaBH4."
    assert (listing.contact_name, listing.contact_email, listing.contact_phone) == (
        "TS. Trần Thị Bình",
        "binh@vienvatlieu.vn",
        "+84 24 3756 1234",
    )
    assert listing.created_by == user
    assert history(listing) == [("", "draft", user.pk, "")]
    page = client.get(response["Location"])
    assert messages_of(page) == [
        "“Quy trình sản xuất vật liệu nano bạc kháng khuẩn” was saved as a draft. "
        "You can add images and documents below."
    ]


def test_member_creates_and_submits_a_need_in_one_step(client, member):
    user, organisation = member
    deadline = timezone.localdate() + timedelta(days=60)
    response = client.post(
        "/en/listings/new/need/",
        need_post(organisation, action="submit", price_min="", price_max=""),
    )
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/listings/{listing.pk}/manage/"
    assert (listing.kind, listing.status, listing.deadline) == ("need", "submitted", deadline)
    assert (listing.ip_status, listing.ip_numbers) == ("", [])
    assert listing.price_is_negotiable
    assert history(listing) == [("", "submitted", user.pk, "")]
    page = client.get(response["Location"])
    assert messages_of(page) == [
        "“Cần công nghệ xử lý nước ao nuôi tôm” was sent to National Technology Exchange in "
        "Hà Nội for moderation."
    ]


def test_create_form_preselects_the_only_organisation_and_prefills_the_contact(client, member):
    user, organisation = member
    response = client.get("/en/listings/new/offer/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.fields["organisation"].initial == organisation.pk
    assert form.fields["organisation"].empty_label is None
    assert f'<option value="{organisation.pk}" selected>' in html(response)
    assert form.initial["contact_email"] == user.email
    # The TRL helper explains every level beside its radio button.
    page = html(response)
    assert "<strong>TRL 1</strong> · Basic principles observed and reported" in page
    assert "<strong>TRL 9</strong> · Actual system proven in an operational environment" in page
    assert page.count('name="trl"') == 9
    # Sectors are grouped by field, labelled "code name"; needs have no IP fields.
    assert '<optgroup label="2 Engineering and technology">' in page
    assert '<option value="205">205 Materials engineering and metallurgy</option>' in page
    assert 'name="deadline"' not in page
    need_page = html(client.get("/en/listings/new/need/"))
    assert 'name="ip_status"' not in need_page
    assert 'name="deadline"' in need_page


def test_a_member_of_two_organisations_chooses_one(client, member):
    user, first = member
    second = MembershipFactory(user=user, organisation=OrganisationFactory(name="Công ty ABC"))
    response = client.get("/en/listings/new/offer/")
    assert response.context["form"].fields["organisation"].empty_label == "---------"
    # Missing choice: a field error, nothing saved.
    response = client.post("/en/listings/new/offer/", offer_post())
    assert field_errors(response, "organisation") == ["This field is required."]
    client.post("/en/listings/new/offer/", offer_post(second.organisation))
    assert Listing.objects.get().organisation == second.organisation


def test_someone_elses_organisation_cannot_be_chosen(client, member):
    other = OrganisationFactory()
    response = client.post("/en/listings/new/offer/", offer_post(other))
    assert response.status_code == 200
    assert field_errors(response, "organisation") == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Listing.objects.count() == 0


def test_a_user_without_organisation_is_sent_to_register_one(client):
    client.force_login(UserFactory())
    response = client.get("/en/listings/new/offer/", follow=True)
    assert response.redirect_chain == [("/en/organisations/new/", 302)]
    assert messages_of(response) == [
        "Listings are published in the name of an organisation. Register yours first "
        "(or ask a colleague to invite you to it)."
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/en/listings/new/offer/",
        "/en/listings/new/need/",
        "/en/listings/mine/",
        "/en/listings/saved/",
        "/en/listings/{pk}/edit/",
        "/en/listings/{pk}/manage/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    listing = ListingFactory(status="draft")
    response = client.get(url.format(pk=listing.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "errors"),
    [
        ({"trl": "0"}, "trl", ["TRL is a whole number from 1 to 9."]),
        ({"trl": "10"}, "trl", ["TRL is a whole number from 1 to 9."]),
        ({"trl": "sáu"}, "trl", ["TRL is a whole number from 1 to 9."]),
        ({"trl": None}, "trl", ["This field is required."]),
        (
            {"price_min": "900000000", "price_max": "100000000"},
            "price_max",
            ["The maximum must not be below the minimum."],
        ),
        ({"price_min": "-5"}, "price_min", ["Must be a whole number of đồng, 0 or more."]),
        (
            {"price_max": "một tỷ"},
            "price_max",
            ["Enter a whole number of đồng, such as 500.000.000."],
        ),
        ({"sectors": ["205", "999"]}, "sectors", ["Unknown sector codes: 999."]),
        ({"sectors": ["2"]}, "sectors", ["Unknown sector codes: 2."]),
        ({"sectors": None}, "sectors", ["This field is required."]),
        ({"provinces": ["atlantis"]}, "provinces", ["Unknown province codes: atlantis."]),
        ({"cooperation": ["gift"]}, "cooperation", ["Unknown cooperation types: gift."]),
        ({"ip_status": "secret"}, "ip_status", ["Unknown IP status."]),
        ({"title": "A" * 201}, "title", ["At most 200 characters (this has 201)."]),
        ({"title": "   "}, "title", ["This field is required."]),
        ({"summary": "x" * 601}, "summary", ["At most 600 characters (this has 601)."]),
        ({"video_url": "javascript:alert(1)"}, "video_url", ["Enter a valid web address."]),
        ({"contact_email": "not-an-address"}, "contact_email", ["Enter a valid email address."]),
        (
            {"keywords": ", ".join(f"từ khóa {n}" for n in range(21))},
            "keywords",
            ["At most 20 keywords of at most 60 characters each."],
        ),
    ],
)
def test_bad_offer_input_gets_a_message_on_its_field_and_saves_nothing(
    client, member, changes, field, errors
):
    _user, organisation = member
    response = client.post("/en/listings/new/offer/", offer_post(organisation, **changes))
    assert response.status_code == 200
    assert field_errors(response, field) == errors
    assert Listing.objects.count() == 0
    # The error is tied to its field for assistive technology.
    assert f'id="id_{field}_error"' in html(response)


def test_a_past_deadline_is_refused(client, member):
    _user, organisation = member
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post("/en/listings/new/need/", need_post(organisation, deadline=yesterday))
    assert field_errors(response, "deadline") == ["The deadline is in the past."]
    response = client.post("/en/listings/new/need/", need_post(organisation, deadline="2026-02-30"))
    assert field_errors(response, "deadline") == ["Enter a valid date."]
    assert Listing.objects.count() == 0


def test_every_problem_is_reported_at_once(client, member):
    _user, organisation = member
    response = client.post(
        "/en/listings/new/offer/",
        offer_post(organisation, title="", trl="0", sectors=["999"], price_min="9", price_max="1"),
    )
    errors = response.context["form"].errors
    assert sorted(errors) == ["price_max", "sectors", "title", "trl"]
    assert "Please correct the following:" in html(response)


def test_html_and_script_in_text_fields_are_escaped_on_every_owner_page(client, member):
    _user, organisation = member
    client.post(
        "/en/listings/new/offer/",
        offer_post(
            organisation,
            title="Nano <script>alert('t')</script>",
            description="<img src=x onerror=alert(1)> mô tả",
        ),
    )
    listing = Listing.objects.get()
    assert listing.title == "Nano <script>alert('t')</script>"  # stored as typed
    for url in ("/en/listings/mine/", f"/en/listings/{listing.pk}/manage/"):
        page = html(client.get(url))
        assert "<script>alert('t')</script>" not in page
        assert "Nano &lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in page
    edit = html(client.get(f"/en/listings/{listing.pk}/edit/"))
    assert "<img src=x onerror=alert(1)>" not in edit
    assert "&lt;img src=x onerror=alert(1)&gt; mô tả" in edit


# --- edit, submit, return, resubmit ---------------------------------------------------------


def test_member_edits_a_draft_and_nothing_changes_on_a_bad_edit(client, member):
    user, organisation = member
    listing = ListingFactory(organisation=organisation, status="draft", published_at=None)
    before = listing.content_updated_at
    form_page = client.get(f"/en/listings/{listing.pk}/edit/")
    assert form_page.context["form"].initial["trl"] == "6"
    assert form_page.context["can_submit"] is True
    assert 'value="500.000.000"' in html(form_page)  # stored amounts shown grouped
    assert 'value="1.200.000.000"' in html(form_page)
    # A bad edit changes nothing, relations included.
    bad = offer_post(title="Tên mới", sectors=["101"], trl="12")
    response = client.post(f"/en/listings/{listing.pk}/edit/", bad)
    assert field_errors(response, "trl") == ["TRL is a whole number from 1 to 9."]
    listing.refresh_from_db()
    assert listing.title.startswith("Quy trình sản xuất")
    assert [s.code for s in listing.sectors.all()] == ["205"]
    # A good edit saves every field and stays a draft.
    response = client.post(f"/en/listings/{listing.pk}/edit/", offer_post(title="Tên mới"))
    assert response.status_code == 302
    assert response["Location"] == f"/en/listings/{listing.pk}/edit/"
    listing.refresh_from_db()
    assert (listing.title, listing.status) == ("Tên mới", "draft")
    assert sorted(s.code for s in listing.sectors.all()) == ["205", "210"]
    assert listing.content_updated_at > before


def test_returned_listing_shows_the_reason_then_is_edited_and_resubmitted(client, member):
    user, organisation = member
    curator = ExchangeStaffFactory(exchange=exchange("hanoi")).user
    listing = ListingFactory(organisation=organisation, status="submitted", published_at=None)
    services.listing_return(
        actor=curator, listing=listing, reason="Thiếu kết quả thử nghiệm <b>pilot</b>."
    )
    # My listings highlights the reason, escaped.
    mine = html(client.get("/en/listings/mine/"))
    assert "owner-listing--returned" in mine
    assert "Returned for changes:" in mine
    assert "Thiếu kết quả thử nghiệm &lt;b&gt;pilot&lt;/b&gt;." in mine
    edit = client.get(f"/en/listings/{listing.pk}/edit/")
    assert "The moderators returned this listing for changes:" in html(edit)
    assert edit.context["can_submit"] is True
    # Edit and resubmit in one step.
    response = client.post(
        f"/en/listings/{listing.pk}/edit/",
        offer_post(description="Đã bổ sung kết quả thử nghiệm pilot.", action="submit"),
    )
    assert response["Location"] == f"/en/listings/{listing.pk}/manage/"
    listing.refresh_from_db()
    assert (listing.status, listing.return_reason) == ("submitted", "")
    assert listing.description == "Đã bổ sung kết quả thử nghiệm pilot."
    assert [(f, t, a) for f, t, a, _r in history(listing)[-2:]] == [
        ("submitted", "returned", curator.pk),
        ("returned", "submitted", user.pk),
    ]
    # The history page shows who, from, to and why.
    manage = html(client.get(f"/en/listings/{listing.pk}/manage/"))
    assert "Thiếu kết quả thử nghiệm &lt;b&gt;pilot&lt;/b&gt;." in manage
    assert curator.full_name in manage
    assert "<td>Returned for changes</td>" in manage


def test_editing_a_published_listing_keeps_it_published_without_submit_buttons(client, member):
    _user, organisation = member
    listing = ListingFactory(organisation=organisation)
    page = client.get(f"/en/listings/{listing.pk}/edit/")
    assert page.context["can_submit"] is False
    assert "Save and submit for moderation" not in html(page)
    client.post(f"/en/listings/{listing.pk}/edit/", offer_post(title="Nano bạc thế hệ 2"))
    listing.refresh_from_db()
    assert (listing.title, listing.status) == ("Nano bạc thế hệ 2", "published")


def test_submit_renew_and_archive_from_my_listings(client, member):
    user, organisation = member
    draft = ListingFactory(organisation=organisation, status="draft", published_at=None)
    response = client.post(
        f"/en/listings/{draft.pk}/submit/", {"next": "/en/listings/mine/?status=draft"}
    )
    assert response["Location"] == "/en/listings/mine/?status=draft"
    draft.refresh_from_db()
    assert draft.status == "submitted"

    soon = timezone.now() + timedelta(days=5)
    published = ListingFactory(organisation=organisation, expires_at=soon)
    response = client.post(f"/en/listings/{published.pk}/renew/", follow=True)
    published.refresh_from_db()
    assert published.expires_at > timezone.now() + timedelta(days=364)
    assert messages_of(response)[-1] == f"“{published.title}” stays online for another 12 months."

    response = client.post(f"/en/listings/{published.pk}/archive/")
    assert response["Location"] == f"/en/listings/{published.pk}/manage/"
    published.refresh_from_db()
    assert published.status == "archived"
    assert history(published)[-1] == ("published", "archived", user.pk, "")
    # An archived listing cannot be edited any more.
    response = client.get(f"/en/listings/{published.pk}/edit/", follow=True)
    assert response.redirect_chain == [(f"/en/listings/{published.pk}/manage/", 302)]
    assert messages_of(response)[-1] == "An archived listing cannot be edited."


def test_a_step_the_life_cycle_forbids_is_explained_and_changes_nothing(client, member):
    _user, organisation = member
    listing = ListingFactory(organisation=organisation)
    response = client.post(f"/en/listings/{listing.pk}/submit/", follow=True)
    assert messages_of(response) == [
        "A listing that is “Published” cannot become “Awaiting moderation”."
    ]
    listing.refresh_from_db()
    assert listing.status == "published"
    response = client.post(
        f"/en/listings/{ListingFactory(organisation=organisation, status='draft').pk}/renew/",
        follow=True,
    )
    assert messages_of(response) == ["Only published or expired listings can be renewed."]


def test_next_must_stay_on_this_site(client, member):
    _user, organisation = member
    listing = ListingFactory(organisation=organisation, status="draft")
    response = client.post(
        f"/en/listings/{listing.pk}/submit/", {"next": "https://evil.example/phish"}
    )
    assert response["Location"] == f"/en/listings/{listing.pk}/manage/"


def test_expired_listing_is_shown_as_expired_and_renewed(client, member):
    user, organisation = member
    listing = ListingFactory(
        organisation=organisation, expires_at=timezone.now() - timedelta(minutes=1)
    )
    with translation.override("en"):  # the reason is recorded in the active language
        assert services.listings_expire_due() == 1
        assert services.listings_expire_due() == 0
    listing.refresh_from_db()
    assert listing.status == "expired"
    assert history(listing)[-1] == ("published", "expired", None, "Not renewed")
    mine = html(client.get("/en/listings/mine/"))
    assert "listing-status--expired" in mine
    assert "Renew for 12 months" in mine
    manage = html(client.get(f"/en/listings/{listing.pk}/manage/"))
    assert "<td>System</td>" in manage
    client.post(f"/en/listings/{listing.pk}/renew/")
    listing.refresh_from_db()
    assert listing.status == "published"
    assert history(listing)[-1] == ("expired", "published", user.pk, "Renewed")


# --- permissions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/en/listings/{pk}/edit/"),
        ("post", "/en/listings/{pk}/edit/"),
        ("get", "/en/listings/{pk}/manage/"),
        ("post", "/en/listings/{pk}/submit/"),
        ("post", "/en/listings/{pk}/renew/"),
        ("post", "/en/listings/{pk}/archive/"),
        ("post", "/en/listings/{pk}/attachments/"),
    ],
)
def test_people_outside_the_organisation_get_403_and_change_nothing(client, method, url):
    listing = ListingFactory(status="draft", title="Bản nháp của người khác")
    client.force_login(MembershipFactory().user)  # a member of another organisation
    response = getattr(client, method)(url.format(pk=listing.pk), offer_post(title="Đã sửa"))
    assert response.status_code == 403
    listing.refresh_from_db()
    assert (listing.title, listing.status) == ("Bản nháp của người khác", "draft")
    assert ListingStatusChange.objects.filter(listing=listing).count() == 0


def test_missing_listings_are_404(client, member):
    for url in ("/en/listings/999999/edit/", "/en/listings/999999/manage/"):
        assert client.get(url).status_code == 404
    assert client.post("/en/listings/999999/submit/").status_code == 404
    assert client.post("/en/listings/999999/attachments/9/remove/").status_code == 404


def test_actions_need_post(client, member):
    _user, organisation = member
    listing = ListingFactory(organisation=organisation, status="draft")
    for action in ("submit", "renew", "archive", "attachments"):
        assert client.get(f"/en/listings/{listing.pk}/{action}/").status_code == 405


def test_a_curator_of_the_exchange_may_edit_but_not_submit_for_the_owner(client):
    listing = ListingFactory(status="returned")
    client.force_login(ExchangeStaffFactory(exchange=exchange("hanoi")).user)
    page = client.get(f"/en/listings/{listing.pk}/edit/")
    assert page.status_code == 200
    assert page.context["can_submit"] is False


# --- attachments ----------------------------------------------------------------------------


def upload(client, listing, name: str, content: bytes, **extra):
    data = {"attachment-file": SimpleUploadedFile(name, content), **extra}
    return client.post(f"/en/listings/{listing.pk}/attachments/", data)


def test_images_and_documents_are_added_listed_and_removed(
    client, member, media, django_capture_on_commit_callbacks
):
    _user, organisation = member
    listing = ListingFactory(organisation=organisation, status="draft")
    response = upload(
        client, listing, "mau-thu.png", png_bytes(), **{"attachment-title": "Mẫu thử"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/listings/{listing.pk}/edit/#attachments"
    response = upload(
        client, listing, "ban-mo-ta.pdf", PDF_BYTES, **{"attachment-confidential": "on"}
    )
    assert response.status_code == 302
    document, image = ListingAttachment.objects.filter(listing=listing).order_by("kind")
    assert (document.kind, document.content_type, document.confidential) == (
        "document",
        "application/pdf",
        True,
    )
    assert (image.kind, image.content_type, image.title, image.size) == (
        "image",
        "image/png",
        "Mẫu thử",
        len(png_bytes()),
    )
    page = html(client.get(f"/en/listings/{listing.pk}/edit/"))
    assert "Mẫu thử" in page
    assert "ban-mo-ta" in page
    stored = media / image.file.name
    assert stored.read_bytes() == png_bytes()
    with django_capture_on_commit_callbacks(execute=True):  # the file goes on commit
        response = client.post(f"/en/listings/{listing.pk}/attachments/{image.pk}/remove/")
    assert response.status_code == 302
    assert list(ListingAttachment.objects.values_list("pk", flat=True)) == [document.pk]
    assert not stored.exists()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        (
            "anh.png",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "The file's content does not match its “.png” extension.",
        ),
        (
            "tai-lieu.pdf",
            png_bytes(),
            "The file's content does not match its “.pdf” extension.",
        ),
        (
            "cai-dat.exe",
            b"MZ\x90\x00" + b"\x00" * 100,
            "Files of this type are not accepted. Accepted: jpg, jpeg, png, webp, gif, pdf, "
            "docx, xlsx, pptx.",
        ),
        ("rong.pdf", b"", "The submitted file is empty."),
        (
            "lon.pdf",
            b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024),
            "The file is larger than 10 MB (11.0 MB).",
        ),
    ],
)
def test_bad_files_get_a_clear_error_and_nothing_is_stored(
    client, member, media, name, content, error
):
    _user, organisation = member
    listing = ListingFactory(organisation=organisation, status="draft")
    response = upload(client, listing, name, content)
    assert response.status_code == 200
    assert response.context["attachment_form"].errors["file"] == [error]
    assert ListingAttachment.objects.count() == 0
    assert list(media.rglob("*.*")) == []
    assert 'id="id_attachment-file_error"' in html(response)


def test_a_file_of_another_listing_cannot_be_removed_through_mine(client, member, media):
    _user, organisation = member
    mine = ListingFactory(organisation=organisation, status="draft")
    other = ListingFactory(status="draft")
    attachment = services.attachment_add(
        actor=MembershipFactory(organisation=other.organisation).user,
        listing=other,
        upload=SimpleUploadedFile("a.png", png_bytes()),
    )
    response = client.post(f"/en/listings/{mine.pk}/attachments/{attachment.pk}/remove/")
    assert response.status_code == 404
    assert ListingAttachment.objects.filter(pk=attachment.pk).exists()


# --- My listings ----------------------------------------------------------------------------


def test_my_listings_shows_status_views_interest_expiry_and_stale_badge(client, member):
    user, organisation = member
    colleague_org = MembershipFactory(user=user, organisation=OrganisationFactory()).organisation
    stale = ListingFactory(
        organisation=organisation,
        title="Máy sấy cà phê",
        views_count=1234,
        content_updated_at=timezone.now() - timedelta(days=200),
        expires_at=timezone.make_aware(timezone.datetime(2027, 3, 15, 12)),
    )
    fresh = ListingFactory(organisation=colleague_org, kind="need", title="Cần cảm biến LoRa")
    ListingFactory(title="Không phải của tôi")
    buyer = MembershipFactory(organisation=OrganisationFactory(name="Công ty Cà phê Tây Nguyên"))
    services.interest_express(
        user=buyer.user,
        organisation=buyer.organisation,
        listing=stale,
        message="Chúng tôi muốn thử <b>máy</b>.",
    )
    response = client.get("/en/listings/mine/")
    page = html(response)
    assert sorted(listing.title for listing in response.context["listings"]) == [
        "Cần cảm biến LoRa",
        "Máy sấy cà phê",
    ]
    assert "Không phải của tôi" not in page
    assert page.count("Not updated for 6 months") == 1
    assert "<dd>1,234</dd>" in page
    assert "<dd>500.000.000 – 1.200.000.000 ₫</dd>" in page
    assert "March 15, 2027" in page
    assert "1 organisation expressed interest" in page
    assert "Công ty Cà phê Tây Nguyên" in page
    assert "Chúng tôi muốn thử &lt;b&gt;máy&lt;/b&gt;." in page
    assert fresh.is_stale is False


def test_my_listings_filters_by_status_and_paginates(client, member):
    _user, organisation = member
    for _n in range(23):
        ListingFactory(organisation=organisation, status="draft")
    ListingFactory(organisation=organisation, status="returned", return_reason="Thiếu ảnh.")
    first = client.get("/en/listings/mine/")
    assert len(first.context["listings"]) == 20
    assert first.context["page"].paginator.num_pages == 2
    assert len(client.get("/en/listings/mine/?page=2").context["listings"]) == 4
    assert len(client.get("/en/listings/mine/?page=abc").context["listings"]) == 20
    returned = client.get("/en/listings/mine/?status=returned")
    assert [listing.status for listing in returned.context["listings"]] == ["returned"]
    assert client.get("/en/listings/mine/?status=bogus").context["status"] == ""


def test_my_listings_empty_states(client, member):
    page = html(client.get("/en/listings/mine/"))
    assert "Create your first offer" in page
    assert "Create your first need" in page
    assert 'href="/en/listings/new/offer/"' in page
    client.force_login(UserFactory())
    page = html(client.get("/en/listings/mine/"))
    assert "Create your first offer" not in page
    assert 'href="/en/organisations/new/"' in page


@pytest.mark.parametrize("count", [1, 20])
def test_my_listings_runs_the_same_number_of_queries_for_1_or_20_listings(
    client, member, django_assert_num_queries, count
):
    user, organisation = member
    buyer = MembershipFactory(organisation=OrganisationFactory())
    for _n in range(count):
        listing = ListingFactory(organisation=organisation)
        services.interest_express(
            user=buyer.user, organisation=buyer.organisation, listing=listing, message="Quan tâm"
        )
    with django_assert_num_queries(MY_LISTINGS_QUERIES):
        response = client.get("/en/listings/mine/")
    assert len(response.context["listings"]) == count


# session, user, listings count, listing page, interests (prefetch), has-organisation check,
# staff check (header), exchange switcher (2), new match suggestions (header and page).
MY_LISTINGS_QUERIES = 10


def test_the_account_menu_links_to_the_owner_pages(client, member):
    page = html(client.get("/en/listings/mine/"))
    for href in (
        "/en/listings/mine/",
        "/en/listings/saved/",
        "/en/listings/new/offer/",
        "/en/listings/new/need/",
    ):
        assert f'href="{href}"' in page


# --- saved listings -------------------------------------------------------------------------


def test_saved_listings_lists_bookmarks_and_removes_one(client, member):
    user, _organisation = member
    kept = ListingFactory(title="Nấm rơm từ rơm rạ")
    gone = ListingFactory(title="OCR tiếng Việt", status="archived")
    services.bookmark_set(user=user, listing=kept, saved=True)
    services.bookmark_set(user=user, listing=gone, saved=True)
    ListingFactory(title="Không lưu")
    response = client.get("/en/listings/saved/")
    page = html(response)
    assert sorted(listing.title for listing in response.context["listings"]) == [
        "Nấm rơm từ rơm rạ",
        "OCR tiếng Việt",
    ]
    assert f'href="{kept.get_absolute_url()}"' in page
    assert f'href="{gone.get_absolute_url()}"' not in page
    assert "No longer published" in page
    response = client.post(f"/en/listings/saved/{kept.pk}/remove/")
    assert response["Location"] == "/en/listings/saved/"
    assert [listing.title for listing in client.get("/en/listings/saved/").context["listings"]] == [
        "OCR tiếng Việt"
    ]
    # Another person's bookmark, or a listing never saved: 404.
    assert client.post(f"/en/listings/saved/{kept.pk}/remove/").status_code == 404


def test_saved_listings_empty_state(client, member):
    assert "Nothing saved yet" in html(client.get("/en/listings/saved/"))


def test_vietnamese_pages_render(client, member):
    _user, organisation = member
    ListingFactory(organisation=organisation, status="draft")
    for url in ("/listings/mine/", "/listings/new/offer/", "/listings/saved/"):
        response = client.get(url)
        assert response.status_code == 200
        assert '<html lang="vi">' in html(response)


def test_deadline_today_is_accepted(client, member):
    _user, organisation = member
    today = timezone.localdate().isoformat()
    client.post("/en/listings/new/need/", need_post(organisation, deadline=today))
    assert Listing.objects.get().deadline == date.fromisoformat(today)
