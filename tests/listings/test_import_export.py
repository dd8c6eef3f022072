"""import_listings / export_listings and listings.importing (spec/listing-format.md)."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from listings.importing import MAX_LINE_BYTES, listings_import, read_lines
from listings.models import Listing, ListingStatusChange
from marketplace.accounts.models import Organisation
from tests.factories import ListingFactory, OrganisationFactory, exchange, province

pytestmark = pytest.mark.django_db

SUMMARY = "created {}, updated {}, unchanged {}, rejected {}"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def offer(external_id="hanoi-2026-0012", **overrides) -> dict:
    data = {
        "kind": "offer",
        "external_id": external_id,
        "exchange": "hanoi",
        "organisation": {
            "name": "Viện Công nghệ Vật liệu",
            "kind": "research_institute",
            "tax_code": "0101234567",
            "province": "ha-noi",
        },
        "language": "vi",
        "title": "Quy trình sản xuất vật liệu nano bạc kháng khuẩn",
        "summary": "Lớp phủ nano bạc diệt khuẩn cho bề mặt y tế.",
        "description": "Quy trình chế tạo dung dịch nano bạc ổn định.",
        "sectors": ["205", "210"],
        "keywords": ["nano bạc", "kháng khuẩn"],
        "trl": 6,
        "ip_status": "patent_granted",
        "ip_numbers": ["1-0023456"],
        "cooperation": ["licence", "technical_assistance"],
        "price_vnd": {"min": 500000000, "max": 1200000000},
        "provinces": ["ha-noi"],
    }
    data.update(overrides)
    return data


def need(external_id="hcmc-need-1", **overrides) -> dict:
    data = {
        "kind": "need",
        "external_id": external_id,
        "exchange": "hcmc",
        "organisation": {
            "name": "Công ty TNHH Thủy sản Mekong",
            "kind": "enterprise",
            "tax_code": "1800123456",
            "province": "can-tho",
        },
        "language": "vi",
        "title": "Xử lý nước ao nuôi tôm",
        "summary": "Cần công nghệ xử lý nước ao nuôi tôm thẻ chân trắng.",
        "description": "Ao 2 ha, cần giảm khí độc NH3 và H2S.",
        "sectors": ["401"],
        "keywords": ["tôm", "xử lý nước"],
        "trl": 5,
        "cooperation": ["technical_assistance"],
        "price_vnd": None,
        "provinces": ["can-tho"],
        "deadline": (timezone.localdate() + timedelta(days=90)).isoformat(),
    }
    data.update(overrides)
    return data


def jsonl(*objects) -> str:
    return "".join(
        (obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False)) + "\n"
        for obj in objects
    )


def run_import(tmp_path, content, *args, expect_exit=None):
    """Runs the command on a file; returns (stdout, stderr, exit code)."""
    path = tmp_path / "listings.jsonl"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_listings", str(path), *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return out.getvalue(), err.getvalue(), code


def export(*args) -> str:
    out = io.StringIO()
    call_command("export_listings", *args, stdout=out)
    return out.getvalue()


# --- import: the happy path and idempotency -------------------------------------------------


def test_import_creates_published_listings_and_organisations(tmp_path):
    # given a file with an offer and a need of two unknown organisations
    content = jsonl(offer(), need())

    # when it is imported
    out, err, code = run_import(tmp_path, content)

    # then both are created, published, owned by new unverified organisations
    assert (out, err, code) == (SUMMARY.format(2, 0, 0, 0) + "\n", "", 0)
    listing = Listing.objects.get(external_id="hanoi-2026-0012")
    assert listing.status == "published"
    assert listing.exchange.code == "hanoi"
    assert listing.published_at is not None
    assert listing.expires_at - listing.published_at == timedelta(days=365)
    assert sorted(listing.sectors.values_list("code", flat=True)) == ["205", "210"]
    assert list(listing.provinces.values_list("slug", flat=True)) == ["ha-noi"]
    assert listing.price_min_vnd == 500000000
    organisation = listing.organisation
    assert organisation.tax_code == "0101234567"
    assert organisation.name_folded == "vien cong nghe vat lieu"
    assert organisation.home_exchange.code == "hanoi"
    assert organisation.verified_at is None
    need_listing = Listing.objects.get(external_id="hcmc-need-1")
    assert need_listing.organisation.home_exchange.code == "hcmc"
    assert need_listing.price_is_negotiable
    history = ListingStatusChange.objects.filter(listing=listing)
    assert [(h.from_status, h.to_status, h.actor, h.reason) for h in history] == [
        ("", "published", None, "Imported")
    ]


def test_second_import_of_the_same_file_changes_nothing(tmp_path):
    content = jsonl(offer(), need(), offer("hanoi-2"))
    run_import(tmp_path, content)
    before = list(Listing.objects.order_by("pk").values())

    out, err, code = run_import(tmp_path, content)

    assert (out, err, code) == (SUMMARY.format(0, 0, 3, 0) + "\n", "", 0)
    assert list(Listing.objects.order_by("pk").values()) == before
    assert ListingStatusChange.objects.count() == 3
    assert Organisation.objects.count() == 2


def test_a_changed_line_updates_its_listing(tmp_path):
    run_import(tmp_path, jsonl(offer(), offer("hanoi-2")))
    listing = Listing.objects.get(external_id="hanoi-2026-0012")
    created_at = listing.created_at

    changed = offer(title="Quy trình mới", sectors=["205"], provinces=["hue", "ha-noi"], trl=7)
    out, _err, code = run_import(tmp_path, jsonl(changed, offer("hanoi-2")))

    assert (out, code) == (SUMMARY.format(0, 1, 1, 0) + "\n", 0)
    listing.refresh_from_db()
    assert (listing.title, listing.trl, listing.created_at) == ("Quy trình mới", 7, created_at)
    assert listing.content_updated_at > created_at
    assert list(listing.sectors.values_list("code", flat=True)) == ["205"]
    assert sorted(listing.provinces.values_list("slug", flat=True)) == ["ha-noi", "hue"]
    assert Listing.objects.count() == 2


def test_the_key_is_exchange_and_external_id(tmp_path):
    # the same external id at two exchanges is two listings
    out, _err, _code = run_import(tmp_path, jsonl(offer("X-1"), offer("X-1", exchange="hcmc")))

    assert out == SUMMARY.format(2, 0, 0, 0) + "\n"
    assert sorted(Listing.objects.values_list("exchange__code", flat=True)) == ["hanoi", "hcmc"]


def test_a_key_repeated_in_one_file_is_rejected_naming_the_earlier_line(tmp_path):
    content = jsonl(
        offer("A"),
        offer("B"),
        offer("A", exchange="hcmc"),  # another key: the same id at another exchange
        offer("A", title="Bản sửa"),
        offer(" A ", title="Bản sửa 2"),  # the same id once trimmed
    )

    out, err, code = run_import(tmp_path, content)

    assert (out, code) == (SUMMARY.format(3, 0, 0, 2) + "\n", 1)
    assert err.splitlines() == [
        "line 4: external_id: The external id “A” is already used on line 1 of this file; "
        "each listing may appear only once.",
        "line 5: external_id: The external id “A” is already used on line 1 of this file; "
        "each listing may appear only once.",
    ]
    assert Listing.objects.get(exchange__code="hanoi", external_id="A").title == offer()["title"]


def test_a_key_repeated_after_a_rejected_line_is_imported(tmp_path):
    # The earlier line saved nothing, so the later one is the listing's only line.
    out, err, _code = run_import(tmp_path, jsonl(offer("A", trl=0), offer("A")))

    assert out == SUMMARY.format(1, 0, 0, 1) + "\n"
    assert err == "line 1: trl: TRL is a whole number from 1 to 9.\n"


def test_exchange_option_fills_lines_without_exchange(tmp_path):
    line = offer()
    del line["exchange"]

    out, _err, code = run_import(
        tmp_path, jsonl(line, offer("B", exchange="hcmc")), "--exchange", "cantho"
    )

    assert (out, code) == (SUMMARY.format(2, 0, 0, 0) + "\n", 0)
    assert Listing.objects.get(external_id="hanoi-2026-0012").exchange.code == "cantho"
    assert Listing.objects.get(external_id="B").exchange.code == "hcmc"


def test_status_submitted_puts_listings_in_the_moderation_queue(tmp_path):
    run_import(tmp_path, jsonl(offer()), "--status", "submitted")

    listing = Listing.objects.get()
    assert (listing.status, listing.published_at) == ("submitted", None)

    # a curator approves it; the same file again leaves it alone
    listing.status = "published"
    listing.save()
    out, _err, _code = run_import(tmp_path, jsonl(offer()), "--status", "submitted")
    assert out == SUMMARY.format(0, 0, 1, 0) + "\n"
    assert Listing.objects.get().status == "published"

    # a changed line sends it back to moderation, recorded in its history
    out, _err, _code = run_import(tmp_path, jsonl(offer(title="Đã sửa")), "--status", "submitted")
    assert out == SUMMARY.format(0, 1, 0, 0) + "\n"
    listing.refresh_from_db()
    assert listing.status == "submitted"
    assert list(listing.status_changes.values_list("from_status", "to_status")) == [
        ("", "submitted"),
        ("published", "submitted"),
    ]


def test_a_changed_line_publishes_a_returned_listing(tmp_path):
    run_import(tmp_path, jsonl(offer()))
    Listing.objects.update(status="returned", return_reason="Thiếu mô tả")

    run_import(tmp_path, jsonl(offer(description="Mô tả đầy đủ hơn.")))

    listing = Listing.objects.get()
    assert (listing.status, listing.return_reason) == ("published", "")


# --- organisations --------------------------------------------------------------------------


def test_organisations_are_matched_by_tax_code_and_left_unchanged(tmp_path):
    existing = OrganisationFactory(
        tax_code="0101234567", name="Viện đã đăng ký", verified_at=timezone.now()
    )
    line = offer()
    line["organisation"]["tax_code"] = "0101 234 567"  # normalised before matching

    out, _err, _code = run_import(tmp_path, jsonl(line))

    assert out == SUMMARY.format(1, 0, 0, 0) + "\n"
    assert Listing.objects.get().organisation == existing
    existing.refresh_from_db()
    assert existing.name == "Viện đã đăng ký"
    assert Organisation.objects.count() == 1


def test_organisations_without_tax_code_match_by_name_and_province(tmp_path):
    existing = OrganisationFactory(
        tax_code=None, name="Hợp tác xã Nấm Rơm", province=province("hue")
    )
    org = {"name": "Hợp tác xã Nấm Rơm", "kind": "enterprise", "tax_code": None, "province": "hue"}
    other = {**org, "province": "da-nang"}

    out, _err, _code = run_import(
        tmp_path,
        jsonl(
            offer("A", organisation=org),
            offer("B", organisation=other),
            offer("C", organisation=other),
        ),
    )

    assert out == SUMMARY.format(3, 0, 0, 0) + "\n"
    assert Listing.objects.get(external_id="A").organisation == existing
    created = Listing.objects.get(external_id="B").organisation
    assert Listing.objects.get(external_id="C").organisation == created
    assert (created.tax_code, created.province.slug, created.home_exchange.code) == (
        None,
        "da-nang",
        "danang",
    )
    assert Organisation.objects.count() == 2


def test_a_line_without_tax_code_names_a_registered_organisation_that_has_one(tmp_path):
    # Given an organisation registered with its tax code, and an older namesake elsewhere
    OrganisationFactory(tax_code=None, name="Viện Nấm Học", province=province("da-nang"))
    registered = OrganisationFactory(
        tax_code="3301234567", name="Viện Nấm Học", province=province("hue")
    )
    org = {"name": "Viện Nấm Học", "kind": "research_institute", "province": "hue"}

    # When an exchange imports a line that names it without the tax code, twice
    run_import(tmp_path, jsonl(offer("A", organisation=org)))
    out, _err, _code = run_import(tmp_path, jsonl(offer("A", organisation=org)))

    # Then the listing belongs to the registered organisation and no duplicate is made
    assert out == SUMMARY.format(0, 0, 1, 0) + "\n"
    assert Listing.objects.get().organisation == registered
    assert Organisation.objects.filter(name="Viện Nấm Học").count() == 2


def test_organisation_interests_are_stored_for_new_organisations(tmp_path):
    line = offer()
    line["organisation"]["interests"] = {
        "sectors": ["102", "202"],
        "min_trl": 4,
        "spin_off": True,
        "ticket_vnd": {"min": 1000000000, "max": 5000000000},
        "provinces": ["ho-chi-minh"],
    }

    run_import(tmp_path, jsonl(line))

    organisation = Organisation.objects.get()
    assert (organisation.interest_min_trl, organisation.interest_spin_off) == (4, True)
    assert (organisation.interest_ticket_min_vnd, organisation.interest_ticket_max_vnd) == (
        1000000000,
        5000000000,
    )
    assert sorted(organisation.interest_sectors.values_list("code", flat=True)) == ["102", "202"]
    assert list(organisation.interest_provinces.values_list("slug", flat=True)) == ["ho-chi-minh"]


# --- bad lines --------------------------------------------------------------------------------


def test_bad_lines_are_reported_with_numbers_and_good_lines_kept(tmp_path):
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    bad_org = offer("bad-org")
    bad_org["organisation"]["tax_code"] = "12345"
    no_exchange = offer("no-exchange")
    del no_exchange["exchange"]
    no_id = offer()
    del no_id["external_id"]
    lines = [
        offer("good-1"),  # 1
        "{not json",  # 2
        "",  # 3: blank, ignored
        "[1, 2]",  # 4
        offer("bad-trl", trl=12, sectors=["999"]),  # 5
        need("late", deadline=past),  # 6
        bad_org,  # 7
        no_exchange,  # 8
        no_id,  # 9
        offer("bad-exchange", exchange="atlantis"),  # 10
        offer("good-2"),  # 11
        "   ",  # 12: blank
        offer("bad-price", price_vnd={"min": 9, "max": 1}),  # 13
        need("good-3"),  # 14
    ]
    content = "".join(
        (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
        for line in lines
    )

    out, err, code = run_import(tmp_path, content)

    assert code == 1
    assert out == SUMMARY.format(3, 0, 0, 9) + "\n"
    assert err.splitlines() == [
        "line 2: Invalid JSON: a property name in double quotes is expected at column 2.",
        "line 4: Each listing must be a JSON object.",
        "line 5: sectors: Unknown sector codes: 999.; trl: TRL is a whole number from 1 to 9.",
        "line 6: deadline: The deadline is in the past.",
        "line 7: organisation.tax_code: A tax code is 10 digits, or 10 digits + “-” + 3 digits"
        " for a branch.",
        "line 8: exchange: This field is required: give it on the line or with --exchange.",
        "line 9: external_id: This field is required for import.",
        "line 10: exchange: Unknown exchange code.",
        "line 13: price_vnd.max: The maximum must not be below the minimum.",
    ]
    assert sorted(Listing.objects.values_list("external_id", flat=True)) == [
        "good-1",
        "good-2",
        "good-3",
    ]


def test_invalid_utf8_and_oversized_lines_are_rejected(tmp_path):
    content = (
        jsonl(offer("good-1")).encode()
        + b'{"title": "\xff\xfe"}\n'
        + b'{"title": "'
        + b"a" * MAX_LINE_BYTES
        + b'"}\n'
        + jsonl(offer("good-2")).encode()
    )

    out, err, code = run_import(tmp_path, content)

    assert (out, code) == (SUMMARY.format(2, 0, 0, 2) + "\n", 1)
    assert err.splitlines() == [
        "line 2: Not valid UTF-8 (at byte 11).",
        "line 3: The line is longer than 1,048,576 bytes.",
    ]


def test_read_lines_never_holds_an_oversized_line_whole():
    stream = io.BytesIO(b"x" * (3 * MAX_LINE_BYTES) + b"\nnext\n")

    lines = list(read_lines(stream))

    assert [len(line) for line in lines] == [MAX_LINE_BYTES + 1, 5]


def test_hostile_text_is_kept_as_text_and_control_characters_removed(tmp_path):
    line = offer(
        title="<script>alert('x')</script> Nano\x00 bạc\x07",
        summary='<img src=x onerror="alert(1)">',
        keywords=["<b>nano</b>", "bạc\x1b"],
    )

    out, _err, _code = run_import(tmp_path, jsonl(line))

    assert out == SUMMARY.format(1, 0, 0, 0) + "\n"
    listing = Listing.objects.get()
    assert listing.title == "<script>alert('x')</script> Nano bạc"
    assert listing.summary == '<img src=x onerror="alert(1)">'
    assert listing.keywords == ["<b>nano</b>", "bạc"]


def test_a_5000_digit_number_is_reported_on_its_field(tmp_path):
    huge = "9" * 5000
    content = (
        jsonl(offer("A"))
        .replace('"trl": 6', f'"trl": {huge}')
        .replace('"min": 500000000', f'"min": -{huge}')
    )

    out, err, code = run_import(tmp_path, content)

    assert (out, code) == (SUMMARY.format(0, 0, 0, 1) + "\n", 1)
    assert err == (
        "line 1: trl: TRL is a whole number from 1 to 9.; "
        "price_vnd.min: Must be a whole number of đồng, 0 or more.\n"
    )


def test_json_syntax_errors_are_whole_sentences_with_the_column(tmp_path):
    lines = [
        '{"title": "a\tb"}',  # a raw tab inside a text
        '{"a" 1}',
        '{"a": 1 "b": 2}',
        '{"a": tru}',
        '{"a": 1} x',
        '{"a": "abc',
        '{"a": "\\x"}',
        '  {"a": tru}',  # columns count the line as it is, leading spaces included
        "[" * 100_000,
    ]

    _out, err, code = run_import(tmp_path, "\n".join(lines) + "\n")

    assert code == 1
    assert err.splitlines() == [
        "line 1: Invalid JSON: the control character at column 13 must be written as an "
        "escape, such as \\t for a tab or \\n for a line break.",
        "line 2: Invalid JSON: a colon “:” is expected at column 6.",
        "line 3: Invalid JSON: a comma “,” is expected at column 9.",
        "line 4: Invalid JSON: a value is missing or misspelt at column 7.",
        "line 5: Invalid JSON: more text follows the object at column 10; put each listing "
        "on a line of its own.",
        "line 6: Invalid JSON: the text that starts at column 7 has no closing quote.",
        "line 7: Invalid JSON: the escape with a backslash at column 8 is not valid.",
        "line 8: Invalid JSON: a value is missing or misspelt at column 9.",
        "line 9: Invalid JSON: the objects and lists are nested too deeply.",
    ]


def test_an_empty_list_is_not_an_ip_status(tmp_path):
    out, err, code = run_import(tmp_path, jsonl(offer(ip_status=[]), offer("B", ip_status={})))

    assert (out, code) == (SUMMARY.format(0, 0, 0, 2) + "\n", 1)
    assert err.splitlines() == [
        "line 1: ip_status: Unknown IP status.",
        "line 2: ip_status: Unknown IP status.",
    ]
    assert Listing.objects.count() == 0


def test_a_10_kb_title_is_rejected(tmp_path):
    out, err, code = run_import(tmp_path, jsonl(offer(title="A" * 10240), offer("ok")))

    assert (out, code) == (SUMMARY.format(1, 0, 0, 1) + "\n", 1)
    assert err == "line 1: title: At most 200 characters (this has 10240).\n"


def test_lone_surrogates_and_control_characters_in_ids_are_rejected(tmp_path):
    content = (
        jsonl(offer("ok")) + '{"kind": "offer", "title": "\\ud800"}\n' + jsonl(offer("a\u0000b"))
    )

    out, err, code = run_import(tmp_path, content)

    assert (out, code) == (SUMMARY.format(1, 0, 0, 2) + "\n", 1)
    assert err.splitlines() == [
        "line 2: The line contains an invalid Unicode character.",
        "line 3: external_id: Must not contain control characters.",
    ]


def test_changing_the_kind_of_a_listing_is_rejected(tmp_path):
    run_import(tmp_path, jsonl(offer("X")))
    line = need("X", exchange="hanoi")

    out, err, code = run_import(tmp_path, jsonl(line))

    assert (out, err, code) == (
        SUMMARY.format(0, 0, 0, 1) + "\n",
        "line 1: kind: The kind of a listing cannot change.\n",
        1,
    )


def test_an_archived_listing_is_not_edited_by_import(tmp_path):
    run_import(tmp_path, jsonl(offer()))
    Listing.objects.update(status="archived")

    unchanged_out, _err, _code = run_import(tmp_path, jsonl(offer()))
    out, err, code = run_import(tmp_path, jsonl(offer(title="Khác")))

    assert unchanged_out == SUMMARY.format(0, 0, 1, 0) + "\n"
    assert (out, err, code) == (
        SUMMARY.format(0, 0, 0, 1) + "\n",
        "line 1: An archived listing cannot be edited.\n",
        1,
    )


def test_a_url_too_long_for_its_column_is_rejected_alone(tmp_path):
    # a URL the format accepts but the column (200 characters) cannot hold
    url = "https://example.vn/" + "v" * 300
    content = jsonl(offer("A"), offer("B", video_url=url), offer("C"))

    out, err, code = run_import(tmp_path, content)

    assert (out, code) == (SUMMARY.format(2, 0, 0, 1) + "\n", 1)
    assert err == "line 2: video_url: At most 200 characters.\n"
    assert sorted(Listing.objects.values_list("external_id", flat=True)) == ["A", "C"]


def test_a_value_no_database_can_store_is_refused_by_the_codec_on_every_database(tmp_path):
    # PostgreSQL's jsonb refuses "\u0000" in IP numbers (SQLite would store it): the codec
    # refuses it first, with a clear reason, on both. (A refusal by the database itself is
    # rejected alone too: see the next test.)
    content = jsonl(offer("A"), offer("B", ip_numbers=["1-\u0000"]), offer("C"))

    out, err, code = run_import(tmp_path, content)

    assert (out, code) == (SUMMARY.format(2, 0, 0, 1) + "\n", 1)
    assert err == "line 2: ip_numbers: Must not contain control characters.\n"
    assert sorted(Listing.objects.values_list("external_id", flat=True)) == ["A", "C"]


def test_batches_roll_back_alone_and_retry_line_by_line(monkeypatch):
    # given a save that fails for batches holding line 3
    from listings import importing

    original = importing._Importer._save

    def failing(self, batch):
        result = original(self, batch)
        if any(line.number == 3 for line in batch):
            raise importing.DatabaseError("simulated failure")
        return result

    monkeypatch.setattr(importing._Importer, "_save", failing)
    lines = [json.dumps(offer(f"id-{n}")) for n in range(1, 6)]

    report = listings_import(lines=lines, default_exchange=None, batch_size=2)

    assert (report.created, report.rejected) == (4, 1)
    assert report.errors == [(3, "The listing could not be saved: simulated failure")]
    assert sorted(Listing.objects.values_list("external_id", flat=True)) == [
        "id-1",
        "id-2",
        "id-4",
        "id-5",
    ]


def test_dry_run_reports_without_saving():
    run = listings_import(
        lines=[json.dumps(offer("A")), "oops", json.dumps(offer("B"))],
        default_exchange=None,
        dry_run=True,
    )

    assert (run.created, run.rejected, run.outcomes) == (
        2,
        1,
        {1: "created", 2: "rejected", 3: "created"},
    )
    assert Listing.objects.count() == 0
    assert Organisation.objects.count() == 0


# --- the command's options, input and exit codes ---------------------------------------------


def test_stdin_is_read_with_dash(monkeypatch):
    data = jsonl(offer(), need()).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    out = io.StringIO()

    call_command("import_listings", "-", stdout=out, stderr=io.StringIO())

    assert out.getvalue() == SUMMARY.format(2, 0, 0, 0) + "\n"


def test_unknown_exchange_option_is_a_command_error(tmp_path):
    with pytest.raises(CommandError) as error:
        run_import(tmp_path, jsonl(offer()), "--exchange", "atlantis")

    assert str(error.value) == (
        "Unknown exchange code “atlantis”. Known codes: cantho, danang, dongnai, haiphong, "
        "hanoi, hcmc, hue, khanhhoa, nghean, thainguyen."
    )
    assert Listing.objects.count() == 0


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("import_listings", str(tmp_path / "absent.jsonl"))

    assert str(error.value) == f"File not found: {tmp_path / 'absent.jsonl'}"


def test_bad_status_is_refused(tmp_path):
    with pytest.raises(CommandError):
        run_import(tmp_path, jsonl(offer()), "--status", "draft")


def test_empty_file_imports_nothing(tmp_path):
    assert run_import(tmp_path, "") == (SUMMARY.format(0, 0, 0, 0) + "\n", "", 0)


def test_a_byte_order_mark_and_crlf_line_ends_are_accepted(tmp_path):
    content = "\ufeff" + jsonl(offer("A")).replace("\n", "\r\n") + jsonl(offer("B"))

    assert run_import(tmp_path, content)[0] == SUMMARY.format(2, 0, 0, 0) + "\n"


# --- export and the round trip ---------------------------------------------------------------


def test_export_writes_published_listings_in_a_deterministic_order():
    hanoi_org = OrganisationFactory(province=province("ha-noi"))
    ListingFactory(organisation=hanoi_org, external_id="b", title="B <i>nghiêng</i>")
    ListingFactory(organisation=hanoi_org, external_id="a")
    ListingFactory(organisation=hanoi_org, kind="need", external_id="z", ip_status="")
    ListingFactory(organisation=hanoi_org, external_id="c", status="draft")
    ListingFactory(organisation=hanoi_org, exchange=exchange("haiphong"), external_id="h")
    ListingFactory(organisation=hanoi_org, exchange=exchange("hcmc"), external_id="s")
    portal = ListingFactory(organisation=hanoi_org, external_id=None)

    lines = export("--exchange", "hanoi").splitlines()

    keys = [(json.loads(line)["exchange"], json.loads(line)["kind"]) for line in lines]
    ids = [json.loads(line)["external_id"] for line in lines]
    assert ids == ["h", "z", "a", "b", f"vntx-{portal.pk}"]
    assert keys[0] == ("haiphong", "offer")
    assert '"title":"B <i>nghiêng</i>"' in lines[3]  # UTF-8, compact, not escaped
    assert ", " not in lines[0].split('"title"')[0]
    assert [json.loads(line)["external_id"] for line in export("--kind", "need").splitlines()] == [
        "z"
    ]
    assert [
        json.loads(line)["external_id"] for line in export("--exchange", "hcmc").splitlines()
    ] == ["s"]


def test_export_of_unknown_exchange_is_a_command_error():
    with pytest.raises(CommandError, match="Unknown exchange code “atlantis”"):
        export("--exchange", "atlantis")


def test_round_trip_export_import_export_is_byte_identical(tmp_path):
    # given varied published listings made by factories
    institute = OrganisationFactory(
        name="Viện Sinh học Nhiệt đới", province=province("ho-chi-minh")
    )
    institute.interest_spin_off = True
    institute.interest_min_trl = 4
    institute.interest_ticket_min_vnd = 10**9
    institute.save()
    institute.interest_sectors.set(["102", "202"])
    cooperative = OrganisationFactory(
        name="HTX Nấm Rơm", tax_code=None, kind="enterprise", province=province("hue")
    )
    ListingFactory(
        organisation=institute,
        external_id="hcmc-1",
        title="Chế phẩm sinh học <b>xử lý</b> nước ao tôm",
        sectors=["401", "205"],
        provinces=["ho-chi-minh", "can-tho"],
        applications="Nuôi trồng thủy sản",
        video_url="https://example.vn/video",
        ip_numbers=["1-0023456"],
    )
    ListingFactory(organisation=institute, external_id=None, price_min_vnd=None, price_max_vnd=None)
    ListingFactory(
        organisation=cooperative,
        kind="need",
        ip_status="",
        external_id="hue-need-7",
        deadline=timezone.localdate() + timedelta(days=30),
        price_min_vnd=None,
        price_max_vnd=200_000_000,
        keywords=["nấm rơm", "rơm rạ"],
        cooperation=["technical_assistance", "equipment_sale"],
    )
    ListingFactory(organisation=cooperative, status="draft", external_id="hidden")
    first = export()
    assert len(first.splitlines()) == 3

    # when the database is emptied and the export imported back
    Listing.objects.all().delete()
    Organisation.objects.all().delete()
    out, err, code = run_import(tmp_path, first)

    # then exporting again gives the same bytes
    assert (out, err, code) == (SUMMARY.format(3, 0, 0, 0) + "\n", "", 0)
    assert export() == first
    # and importing the export once more changes nothing
    assert run_import(tmp_path, first)[0] == SUMMARY.format(0, 0, 3, 0) + "\n"
