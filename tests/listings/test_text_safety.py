"""Text that misleads a reader or a spreadsheet program (issue #9, item 7): bidirectional
override characters are refused in listing titles and in organisation and person names, and
every text cell a CSV file of the site writes is neutralised against formula injection."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.authtoken.models import Token

from listings import spreadsheets
from listings.formats import ListingFormatError, Vocabularies, listing_data_from_dict
from listings.importing import listings_import
from listings.models import Listing
from marketplace.accounts.forms import OrganisationForm, ProfileForm, SignupExtraForm
from marketplace.accounts.models import Organisation
from marketplace.exchanges.models import ExchangeStaff
from tests.factories import (
    ExchangeStaffFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    exchange,
)
from tests.listings.test_import_export import offer  # the format example of the import tests

pytestmark = pytest.mark.django_db

BIDI_MESSAGE = (
    "Must not contain invisible characters that change the direction of text "
    "(Unicode bidirectional controls)."
)
# Every character of U+202A–U+202E and U+2066–U+2069.
BIDI_CONTROLS = [chr(code) for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
    translation.activate(settings.LANGUAGE_CODE)  # API requests activate their own language


# --- bidirectional controls -----------------------------------------------------------------


@pytest.mark.parametrize("control", BIDI_CONTROLS)
def test_the_codec_refuses_bidi_controls_in_titles_and_organisation_names(control):
    obj = offer(title=f"Nano bạc {control}gnp.exe")
    obj["organisation"]["name"] = f"Viện {control}Vật liệu"
    obj["confidential"] = {"contact_name": f"TS. {control}Bình"}

    with pytest.raises(ListingFormatError) as caught:
        listing_data_from_dict(obj, vocab=Vocabularies())

    assert caught.value.fields == {
        "title": [BIDI_MESSAGE],
        "organisation.name": [BIDI_MESSAGE],
        "confidential.contact_name": [BIDI_MESSAGE],
    }


def test_bidi_controls_elsewhere_in_a_listing_are_kept():
    # Marks in running text are left alone: only titles and names are shown out of context.
    data = listing_data_from_dict(
        offer(description="Trích dẫn \u202bمرحبا\u202c trong mô tả."), vocab=Vocabularies()
    )

    assert data.description == "Trích dẫn \u202bمرحبا\u202c trong mô tả."


def test_an_import_line_with_a_bidi_title_is_rejected_and_saves_nothing():
    report = listings_import(
        lines=[json.dumps(offer(title="Nano\u202ebạc"), ensure_ascii=False)],
        default_exchange=None,
    )

    assert report.errors == [(1, f"title: {BIDI_MESSAGE}")]
    assert Listing.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_the_owner_form_refuses_a_bidi_title_and_contact_name(client):
    membership = MembershipFactory(organisation=OrganisationFactory())
    client.force_login(membership.user)
    post = {
        "organisation": membership.organisation.pk,
        "language": "vi",
        "title": "Nano bạc\u2066 kháng khuẩn",
        "summary": "Lớp phủ nano bạc.",
        "description": "Dung dịch nano bạc ổn định.",
        "sectors": ["205"],
        "trl": "6",
        "ip_status": "none",
        "contact_name": "TS. \u202eBình",
        "action": "draft",
    }

    response = client.post("/en/listings/new/offer/", post)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "title": [BIDI_MESSAGE],
        "contact_name": [BIDI_MESSAGE],
    }
    assert Listing.objects.count() == 0


def test_the_api_refuses_a_bidi_title(client):
    membership = MembershipFactory(organisation=OrganisationFactory())
    key = Token.objects.create(user=membership.user).key
    body = offer(title="Nano\u202d bạc")
    for name in ("external_id", "exchange", "organisation"):
        del body[name]

    response = client.post(
        "/api/v1/offers/",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"title": [BIDI_MESSAGE]}
    assert Listing.objects.count() == 0


def test_the_organisation_form_refuses_a_bidi_name():
    form = OrganisationForm(
        data={
            "kind": Organisation.Kind.UNIVERSITY,
            "name": "Trường Đại học \u202eơhT nầC",
            "tax_code": "1800123456",
            "province": "can-tho",
        }
    )

    assert form.errors == {"name": [BIDI_MESSAGE]}


@pytest.mark.parametrize("form_class", [ProfileForm, SignupExtraForm])
def test_person_names_refuse_bidi_controls(form_class):
    kwargs = {"instance": UserFactory()} if form_class is ProfileForm else {}

    form = form_class(data={"full_name": "Trần Thị \u2067Bình"}, **kwargs)

    assert form.errors == {"full_name": [BIDI_MESSAGE]}


def test_ordinary_vietnamese_names_pass():
    form = SignupExtraForm(data={"full_name": "Trần Thị Bình"})

    assert form.is_valid()


# --- formula injection in the CSV files the site writes -------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("Nano bạc = bền", "Nano bạc = bền"),
        ("", ""),
        ("205;210", "205;210"),
    ],
)
def test_text_cells_that_a_spreadsheet_would_run_start_with_a_quote(value, written):
    assert spreadsheets.spreadsheet_safe_cell(value) == written


def test_the_csv_template_neutralises_every_text_cell(client, monkeypatch):
    example = dict(spreadsheets.EXAMPLE_ROW)
    example.update({"title": "=1+2", "summary": "@A1", "keywords": "-nano;+bạc"})
    monkeypatch.setattr(spreadsheets.rows, "EXAMPLE_ROW", example)
    user = ExchangeStaffFactory(exchange=exchange("hanoi"), role=ExchangeStaff.Role.CURATOR).user
    client.force_login(user)

    response = client.get("/en/staff/listings/import/template.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    written = dict(zip(rows[0], rows[1], strict=True))
    assert (written["title"], written["summary"], written["keywords"]) == (
        "'=1+2",
        "'@A1",
        "'-nano;+bạc",
    )
    assert written["kind"] == "offer"
