"""The spreadsheet upload of exchange staff: upload, preview, confirm (listings.spreadsheets)."""

import csv
import io
import os
import re
import time
import zipfile
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from listings import spreadsheets
from listings.models import Listing
from marketplace.accounts.models import Organisation
from marketplace.exchanges.models import ExchangeStaff
from tests.factories import (
    ExchangeStaffFactory,
    ListingFactory,
    OrganisationFactory,
    UserFactory,
    exchange,
)

pytestmark = pytest.mark.django_db

UPLOAD = "/en/staff/listings/import/"
HEADER = list(spreadsheets.COLUMNS)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def curator(client):
    user = ExchangeStaffFactory(exchange=exchange("hanoi"), role=ExchangeStaff.Role.CURATOR).user
    client.force_login(user)
    return user


def row(**overrides) -> dict:
    values = dict(spreadsheets.EXAMPLE_ROW)
    values.update(overrides)
    return values


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in header])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for values in rows:
        sheet.append([values.get(column) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name="listings.csv", exchange_code="hanoi", status="published"):
    return client.post(
        UPLOAD,
        {"exchange": exchange_code, "status": status, "file": SimpleUploadedFile(name, content)},
    )


def preview_rows(response) -> list[tuple]:
    return [(r.number, r.external_id, r.outcome, r.errors) for r in response.context["result"].rows]


# --- access ---------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(UPLOAD)

    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


@pytest.mark.parametrize("role", [None, ExchangeStaff.Role.BROKER])
def test_people_who_do_not_curate_an_exchange_get_403(client, role):
    user = UserFactory()
    if role:
        ExchangeStaffFactory(user=user, exchange=exchange("hanoi"), role=role)
    client.force_login(user)

    assert client.get(UPLOAD).status_code == 403
    assert client.get(UPLOAD + "template.csv").status_code == 403
    assert upload(client, csv_bytes([row()])).status_code == 403
    assert Listing.objects.count() == 0


def test_the_form_offers_the_exchanges_in_scope(client, curator):
    response = client.get(UPLOAD)

    assert response.status_code == 200
    codes = [code for code, _name in response.context["form"].fields["exchange"].choices]
    assert codes == ["hanoi", "haiphong", "nghean", "thainguyen"]


def test_staff_of_another_exchange_cannot_import_into_it(client):
    user = ExchangeStaffFactory(exchange=exchange("hcmc"), role=ExchangeStaff.Role.ADMIN).user
    client.force_login(user)

    response = upload(client, csv_bytes([row()]), exchange_code="hanoi")

    assert response.status_code == 403
    assert not spreadsheets.pending.pending_dir().exists()
    assert Listing.objects.count() == 0


def test_a_local_centre_curator_cannot_pick_the_national_exchange(client):
    user = ExchangeStaffFactory(exchange=exchange("haiphong")).user
    client.force_login(user)

    assert upload(client, csv_bytes([row(exchange="")]), exchange_code="hanoi").status_code == 403
    assert (
        upload(client, csv_bytes([row(exchange="")]), exchange_code="atlantis").status_code == 400
    )


def test_a_preview_belongs_to_its_uploader(client, curator):
    response = upload(client, csv_bytes([row()]))
    other = ExchangeStaffFactory(exchange=exchange("hanoi")).user
    client.force_login(other)

    assert client.get(response.url).status_code == 404
    assert client.post(response.url).status_code == 404
    assert Listing.objects.count() == 0


def test_unknown_or_malformed_tokens_are_404(client, curator):
    assert client.get(UPLOAD + ("A" * 32) + "/").status_code == 404
    assert client.get(UPLOAD + "..%2F..%2Fsecret/").status_code == 404


def test_a_preview_expires(client, curator, monkeypatch):
    response = upload(client, csv_bytes([row()]))
    later = time.time() + spreadsheets.PENDING_TTL_SECONDS + 1
    monkeypatch.setattr(spreadsheets.pending.time, "time", lambda: later)

    assert client.get(response.url).status_code == 404


def test_scope_is_checked_again_on_confirmation(client, curator):
    response = upload(client, csv_bytes([row()]))
    ExchangeStaff.objects.filter(user=curator).delete()
    curator._exchange_scope_cache = None

    assert client.post(response.url).status_code == 403
    assert Listing.objects.count() == 0


# --- preview and confirm --------------------------------------------------------------------


def test_preview_shows_each_rows_errors_and_saves_nothing(client, curator):
    rows = [
        row(external_id="ok-1"),
        row(external_id="bad-1", trl="12", sectors="205;999"),
        {},  # blank row: skipped, still counted in row numbers
        row(external_id="bad-2", price_min_vnd="9", price_max_vnd="1", title=""),
        row(external_id="other", exchange="hcmc"),
        row(external_id="ok-2", kind="need", ip_status="", ip_numbers="", deadline=""),
    ]

    response = upload(client, csv_bytes(rows))
    assert response.status_code == 302
    preview = client.get(response.url)

    assert preview.status_code == 200
    result = preview.context["result"]
    assert (result.created, result.updated, result.unchanged, result.rejected) == (2, 0, 0, 3)
    assert preview_rows(preview) == [
        (2, "ok-1", "created", []),
        (
            3,
            "bad-1",
            "rejected",
            [
                ("sectors", "Unknown sector codes: 999."),
                ("trl", "TRL is a whole number from 1 to 9."),
            ],
        ),
        (
            5,
            "bad-2",
            "rejected",
            [
                ("title", "This field is required."),
                ("price_max_vnd", "The maximum must not be below the minimum."),
            ],
        ),
        (
            6,
            "other",
            "rejected",
            [
                (
                    "exchange",
                    "This row belongs to the exchange “hcmc”; you are importing into “hanoi”. "
                    "Leave the column empty or upload the row there.",
                )
            ],
        ),
        (7, "ok-2", "created", []),
    ]
    assert b"Import 2 listings" in preview.content
    assert Listing.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_confirm_imports_the_valid_rows_once(client, curator):
    response = upload(client, csv_bytes([row(external_id="A"), row(external_id="B", trl="x")]))
    preview_url = response.url

    confirmed = client.post(preview_url)

    assert confirmed.status_code == 200
    result = confirmed.context["result"]
    assert (result.created, result.rejected) == (1, 1)
    listing = Listing.objects.get()
    assert (listing.external_id, listing.exchange.code, listing.status) == (
        "A",
        "hanoi",
        "published",
    )
    assert sorted(listing.sectors.values_list("code", flat=True)) == ["205", "210"]
    assert listing.keywords == ["nano bạc", "kháng khuẩn"]
    assert listing.cooperation == ["licence", "technical_assistance"]
    assert (listing.price_min_vnd, listing.price_max_vnd) == (500000000, 1200000000)
    assert listing.organisation.tax_code == "0101234567"
    # the upload is gone: confirming again finds nothing
    assert client.post(preview_url).status_code == 404
    assert Listing.objects.count() == 1


def test_status_submitted_sends_rows_to_the_moderation_queue(client, curator):
    response = upload(client, csv_bytes([row()]), status="submitted")

    client.post(response.url)

    assert Listing.objects.get().status == "submitted"


def test_preview_tells_updates_from_unchanged_rows(client, curator):
    client.post(upload(client, csv_bytes([row(external_id="A"), row(external_id="B")])).url)

    response = upload(client, csv_bytes([row(external_id="A"), row(external_id="B", trl="7")]))
    preview = client.get(response.url)

    assert [(n, outcome) for n, _id, outcome, _e in preview_rows(preview)] == [
        (2, "unchanged"),
        (3, "updated"),
    ]


def test_rows_without_exchange_go_to_the_chosen_exchange(client):
    user = ExchangeStaffFactory(exchange=exchange("hanoi"), role=ExchangeStaff.Role.ADMIN).user
    client.force_login(user)

    client.post(upload(client, csv_bytes([row(exchange="")]), exchange_code="haiphong").url)

    assert Listing.objects.get().exchange.code == "haiphong"


def test_xlsx_workbooks_are_read_and_formulas_kept_as_text(client, curator):
    values = row(
        title='=HYPERLINK("http://evil.example","click")',
        summary="+cmd|' /C calc'!A0",
        sectors=205,
        trl=6,
        price_min_vnd="1.200.000.000",
        price_max_vnd=None,
        keywords="nano bạc, kháng khuẩn",
    )
    values["organisation.tax_code"] = 101234567  # a number cell lost its leading zero
    content = xlsx_bytes(
        [
            values,
            row(
                external_id="need-1",
                kind="need",
                ip_status=None,
                ip_numbers=None,
                deadline=timezone.localdate() + timedelta(days=9),
            ),
        ]
    )

    response = upload(client, content, name="Danh sách.xlsx")
    preview = client.get(response.url)
    assert [outcome for _n, _id, outcome, _e in preview_rows(preview)] == ["created", "created"]
    client.post(response.url)

    offer = Listing.objects.get(kind="offer")
    assert offer.title == '=HYPERLINK("http://evil.example","click")'
    assert offer.summary == "+cmd|' /C calc'!A0"
    assert list(offer.sectors.values_list("code", flat=True)) == ["205"]
    assert (offer.price_min_vnd, offer.price_max_vnd) == (1200000000, None)
    assert offer.keywords == ["nano bạc", "kháng khuẩn"]
    assert offer.organisation.tax_code == "0101234567"
    assert Listing.objects.get(kind="need").deadline == timezone.localdate() + timedelta(days=9)


def test_a_formula_cell_is_never_evaluated(client, curator):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([row()[column] for column in HEADER])
    sheet["I2"] = "=1+2"  # column I is "title"
    buffer = io.BytesIO()
    workbook.save(buffer)

    client.post(upload(client, buffer.getvalue(), name="f.xlsx").url)

    assert Listing.objects.get().title == "=1+2"


def test_hostile_html_is_escaped_in_the_preview(client, curator):
    response = upload(client, csv_bytes([row(title="<script>alert(1)</script>")]))

    preview = client.get(response.url)

    assert b"<script>alert(1)</script>" not in preview.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in preview.content


def test_semicolon_separated_csv_with_bom_is_read(client, curator):
    content = csv_bytes([row(sectors="205,210")], delimiter=";", bom=True)

    client.post(upload(client, content).url)

    assert sorted(Listing.objects.get().sectors.values_list("code", flat=True)) == ["205", "210"]


def test_the_template_downloads_and_imports_as_is(client, curator):
    response = client.get(UPLOAD + "template.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="vntx-listings-template.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffkind,external_id,exchange,organisation.name,")
    assert len(text.strip().splitlines()) == 2
    preview = client.get(upload(client, response.content).url)
    assert preview_rows(preview) == [(2, "hanoi-2026-0012", "created", [])]


def test_existing_organisations_are_matched_by_tax_code(client, curator):
    organisation = OrganisationFactory(tax_code="0101234567")
    ListingFactory(
        organisation=organisation, external_id="hanoi-2026-0012", exchange=exchange("hanoi")
    )

    preview = client.get(upload(client, csv_bytes([row()])).url)

    assert preview_rows(preview)[0][2] == "updated"
    assert Organisation.objects.count() == 1


# --- bad files ------------------------------------------------------------------------------


def file_error(response) -> list[str]:
    assert response.status_code == 400
    return response.context["form"].errors["file"]


def test_an_xlsx_name_on_csv_content_is_refused(client, curator):
    response = upload(client, csv_bytes([row()]), name="listings.xlsx")

    assert file_error(response) == ["The file's content is not an XLSX workbook."]


def test_a_csv_name_on_a_workbook_is_refused(client, curator):
    response = upload(client, xlsx_bytes([row()]), name="listings.csv")

    assert file_error(response) == [
        "The file's content is not CSV text (it looks like a workbook)."
    ]


def test_a_zip_that_is_not_a_workbook_is_refused(client, curator):
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")

    response = upload(client, buffer.getvalue(), name="listings.xlsx")

    assert file_error(response) == ["The file's content is not an XLSX workbook."]


def test_a_damaged_workbook_is_refused(client, curator):
    response = upload(client, b"PK\x03\x04" + b"\x00" * 200, name="listings.xlsx")

    assert file_error(response) == ["The file's content is not an XLSX workbook."]


def test_old_xls_files_are_refused(client, curator):
    response = upload(client, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, name="a.xlsx")

    assert file_error(response) == [
        "This is an old Excel (.xls) or encrypted file: save it as .xlsx or as CSV UTF-8."
    ]


def test_other_extensions_are_refused(client, curator):
    response = upload(client, csv_bytes([row()]), name="listings.txt")

    assert file_error(response) == ["Upload an .xlsx workbook or a .csv file."]


def test_a_file_over_10_mb_is_refused(client, curator):
    content = csv_bytes([row()]) + b"#" * (10 * 1024 * 1024)

    response = upload(client, content)

    assert file_error(response) == [f"The file is larger than 10 MB ({len(content):,} bytes)."]


def test_csv_in_a_legacy_encoding_is_refused(client, curator):
    content = csv_bytes([row(title="Cà phê")]).decode().encode("latin-1", errors="replace")

    response = upload(client, content)

    assert file_error(response) == [
        "The CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8”."
    ]


def test_binary_content_named_csv_is_refused(client, curator):
    response = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="listings.csv")

    assert file_error(response) == ["The file is not CSV text: it contains binary data."]


def test_more_than_5000_rows_is_refused(client, curator):
    rows = [row(external_id=f"id-{n}") for n in range(5001)]

    response = upload(client, csv_bytes(rows))

    assert file_error(response) == [
        "The file has more than 5,000 rows of listings. Split it into files of at most 5,000 rows."
    ]


def test_5000_rows_are_accepted_for_preview(client, curator):
    content = csv_bytes([row(external_id=f"id-{n}") for n in range(5000)])

    response = upload(client, content)

    assert response.status_code == 302


def test_missing_columns_are_named(client, curator):
    header = [c for c in HEADER if c not in ("title", "trl")]

    response = upload(client, csv_bytes([row()], header=header))

    assert file_error(response) == ["Columns missing from the first row: title, trl."]


def test_an_empty_file_or_header_only_is_refused(client, curator):
    assert file_error(upload(client, b"\n\n")) == [
        "The file is empty: the first row must name the columns."
    ]
    assert file_error(upload(client, csv_bytes([]))) == [
        "The file has no rows of listings under its header."
    ]


def test_duplicate_columns_are_refused(client, curator):
    response = upload(client, csv_bytes([row()], header=[*HEADER, "title"]))

    assert file_error(response) == ["The column “title” appears twice."]


def test_unknown_columns_are_ignored_and_shown(client, curator):
    header = [*HEADER, "ghi chú"]
    response = upload(client, csv_bytes([row()], header=header))

    preview = client.get(response.url)

    assert preview.context["pending"].sheet.ignored_columns == ["ghi chú"]
    assert "Ignored columns: ghi chú" in preview.content.decode()


def test_pending_uploads_are_stored_outside_what_the_browser_sends(client, curator):
    response = upload(client, csv_bytes([row()]))
    token = response.url.rstrip("/").rsplit("/", 1)[-1]

    # posting row data along with the confirmation changes nothing: only the stored rows count
    client.post(response.url, {"rows": '[{"title": "forged"}]', "exchange": "hcmc"})

    listing = Listing.objects.get()
    assert (listing.title, listing.exchange.code) == (row()["title"], "hanoi")
    assert not (spreadsheets.pending.pending_dir() / f"{token}.json").exists()


def test_the_pages_render_in_vietnamese(client, curator):
    assert client.get("/staff/listings/import/").status_code == 200
    response = upload(client, csv_bytes([row()])).url.replace("/en/", "/", 1)
    assert client.get(response).status_code == 200


# --- upload limits and the life of a pending upload (issue #9, item 8) ----------------------


def workbook_with_shared_string(text: str, *, rows: int = 1) -> bytes:
    """A real workbook whose title cells all point at one entry of a shared-string table that
    holds `text`: however long, the string is stored once and zips to a few bytes, which is
    how a small upload can hold a huge sheet. (openpyxl writes inline strings, so the table is
    added here by hand.)"""
    placeholder = "PLACEHOLDER-TITLE"
    content = xlsx_bytes([row(external_id=f"id-{n}", title=placeholder) for n in range(rows)])
    shared_strings = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        f'uniqueCount="1"><si><t>{text}</t></si></sst>'
    )
    parts = {
        "xl/sharedStrings.xml": shared_strings.encode(),
    }
    source = zipfile.ZipFile(io.BytesIO(content))
    for name in ("xl/worksheets/sheet1.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        parts[name] = source.read(name)
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'(<c r="[A-Z]+[0-9]+") t="inlineStr"><is><t>' + placeholder.encode() + rb"</t></is>",
        rb'\1 t="s"><v>0</v>',
        parts["xl/worksheets/sheet1.xml"],
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
        b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, parts.get(info.filename) or source.read(info.filename))
        archive.writestr("xl/sharedStrings.xml", parts["xl/sharedStrings.xml"])
    return buffer.getvalue()


def test_the_crafted_workbook_reads_its_shared_string_into_every_title(client, curator):
    content = workbook_with_shared_string("Tiêu đề chung", rows=2)

    preview = client.get(upload(client, content, name="shared.xlsx").url)

    assert [r.title for r in preview.context["result"].rows] == ["Tiêu đề chung"] * 2


def pending_files() -> list[str]:
    directory = spreadsheets.pending.pending_dir()
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


def token_of(response) -> str:
    return response.url.rstrip("/").rsplit("/", 1)[-1]


def test_a_workbook_huge_once_unpacked_is_refused_before_it_is_parsed(client, curator, monkeypatch):
    content = workbook_with_shared_string("A" * (31 * 1024 * 1024))
    assert len(content) < 100 * 1024  # a small upload: the size is all in the unpacking

    def must_not_parse(*args, **kwargs):
        raise AssertionError("openpyxl parsed a workbook that should have been refused")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_parse)

    response = upload(client, content, name="bomb.xlsx")

    assert file_error(response) == [
        "The workbook is too large once unpacked (over 30 MB). Split it into smaller files."
    ]
    assert pending_files() == []


def test_a_workbook_cell_over_20000_characters_is_refused(client, curator):
    response = upload(client, workbook_with_shared_string("B" * 20_001), name="long.xlsx")

    assert file_error(response) == [
        "Row 2, column “title”: a cell holds at most 20,000 characters (this one has 20,001)."
    ]
    assert pending_files() == []


def test_a_csv_cell_over_20000_characters_is_refused(client, curator):
    content = csv_bytes([row(external_id="short"), row(description="C" * 20_001)])

    response = upload(client, content)

    assert file_error(response) == [
        "Row 3, column “description”: a cell holds at most 20,000 characters (this one has 20,001)."
    ]


def test_a_description_of_exactly_20000_characters_with_crlf_line_ends_is_accepted(client, curator):
    description = ("D" * 99 + "\r\n") * 200  # 20,000 characters once the line ends are "\n"

    response = upload(client, csv_bytes([row(description=description)]))

    assert response.status_code == 302


def test_a_csv_field_beyond_the_csv_modules_limit_gets_a_whole_translated_message(client, curator):
    content = csv_bytes([row(external_id="short"), row(description="E" * 131_073)])

    response = upload(client, content)

    assert file_error(response) == [
        "Line 3 of the CSV file has a cell longer than 20,000 characters, the most a cell may hold."
    ]
    vietnamese = client.post(
        "/staff/listings/import/",
        {"exchange": "hanoi", "status": "published", "file": SimpleUploadedFile("a.csv", content)},
    )
    assert "field larger than field limit" not in file_error(vietnamese)[0]


def test_cells_sharing_one_long_string_cannot_add_up_to_a_huge_sheet(client, curator):
    # 600 cells of 19,000 characters each, from one shared string: 11,400,000 characters.
    content = workbook_with_shared_string("F" * 19_000, rows=600)

    response = upload(client, content, name="many.xlsx")

    assert file_error(response) == [
        "The file holds more than 10,000,000 characters of text. Split it into smaller files."
    ]


def test_a_5000_digit_number_in_a_cell_is_a_clear_row_error(client, curator):
    response = upload(client, csv_bytes([row(trl="9" * 5000, price_min_vnd="1" * 5000)]))

    preview = client.get(response.url)

    assert preview_rows(preview) == [
        (
            2,
            "hanoi-2026-0012",
            "rejected",
            [
                ("trl", "TRL is a whole number from 1 to 9."),
                ("price_min_vnd", "Must be a whole number of đồng, 0 or more."),
            ],
        )
    ]


def test_a_repeated_external_id_is_rejected_naming_the_earlier_row(client, curator):
    rows = [row(external_id="A"), row(external_id="B"), {}, row(external_id="A", trl="7")]

    preview = client.get(upload(client, csv_bytes(rows)).url)

    assert preview_rows(preview) == [
        (2, "A", "created", []),
        (3, "B", "created", []),
        (
            5,
            "A",
            "rejected",
            [
                (
                    "external_id",
                    "The external id “A” is already used in row 2 of this file; each listing "
                    "may appear only once.",
                )
            ],
        ),
    ]


def test_the_pending_file_is_gone_after_confirmation(client, curator):
    response = upload(client, csv_bytes([row()]))
    assert pending_files() == [f"{token_of(response)}.json"]

    assert client.post(response.url).status_code == 200

    assert pending_files() == []


def test_cancel_deletes_the_pending_file(client, curator):
    response = upload(client, csv_bytes([row()]))

    cancelled = client.post(response.url + "cancel/")

    assert cancelled.status_code == 302
    assert cancelled.url == UPLOAD
    assert pending_files() == []
    assert client.get(response.url).status_code == 404
    assert Listing.objects.count() == 0


def test_the_preview_offers_a_cancel_button(client, curator):
    response = upload(client, csv_bytes([row()]))

    preview = client.get(response.url)

    assert f'action="{response.url}cancel/"' in preview.content.decode()


def test_only_the_uploader_can_cancel(client, curator):
    response = upload(client, csv_bytes([row()]))
    client.force_login(ExchangeStaffFactory(exchange=exchange("hanoi")).user)

    assert client.post(response.url + "cancel/").status_code == 404
    assert pending_files() == [f"{token_of(response)}.json"]


def test_a_new_upload_abandons_the_uploaders_earlier_preview(client, curator):
    other_curator = ExchangeStaffFactory(exchange=exchange("hanoi")).user
    client.force_login(other_curator)
    others = upload(client, csv_bytes([row()]))
    client.force_login(curator)
    first = upload(client, csv_bytes([row(external_id="first")]))

    second = upload(client, csv_bytes([row(external_id="second")]))

    assert pending_files() == sorted([f"{token_of(others)}.json", f"{token_of(second)}.json"])
    assert client.get(first.url).status_code == 404
    assert client.get(second.url).status_code == 200


def test_the_sweep_removes_pending_files_older_than_the_time_limit(client, curator):
    from listings import tasks

    old = upload(client, csv_bytes([row()]))
    client.force_login(ExchangeStaffFactory(exchange=exchange("hanoi")).user)
    recent = upload(client, csv_bytes([row()]))
    directory = spreadsheets.pending.pending_dir()
    stray = directory / "half-written.tmp"
    stray.write_text("{")
    past = time.time() - spreadsheets.PENDING_TTL_SECONDS - 60
    for path in (directory / f"{token_of(old)}.json", stray):
        os.utime(path, (past, past))

    assert tasks.sweep_pending_imports() == 2

    assert pending_files() == [f"{token_of(recent)}.json"]
