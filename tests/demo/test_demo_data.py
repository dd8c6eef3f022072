"""The demo's data files, and the proof that the demo writes listings through the product's
write path only: every line is a valid listing of the exchange format plus its plan, seeding
announces every listing with `listings_changed`, and demo/ touches listing rows only to date
them."""

import ast
import datetime as dt
import json
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_duration

from demo.listings import PATHS, PLAN_KEY, listing_lines
from demo.people import organisations_data
from demo.seed import demo_seed
from listings.formats import Vocabularies, listing_data_from_dict
from listings.models import Listing, Vocabulary
from listings.services import PUBLICATION_PERIOD

DEMO = Path(__file__).resolve().parents[2] / "demo"
OFFERS_BY_STATUS = {"draft": 12, "submitted": 21, "returned": 6, "published": 255,
                    "expired": 6, "archived": 6}  # fmt: skip
NEEDS_BY_STATUS = {"draft": 6, "submitted": 9, "returned": 3, "published": 137,
                   "expired": 3, "archived": 3}  # fmt: skip
# The keys of the listing exchange format (spec/listing-format.md), with the confidential
# part of the REST API.
FORMAT_KEYS = {"kind", "external_id", "exchange", "organisation", "language", "title",
               "summary", "description", "sectors", "keywords", "trl", "ip_status",
               "ip_numbers", "cooperation", "price_vnd", "provinces", "deadline",
               "applications", "advantages", "video_url", "confidential"}  # fmt: skip
PLAN_KEYS = {"status", "history", "content_updated", "renewed", "featured", "views", "reason",
             "deadline_in_days", "interest"}  # fmt: skip
ORGANISATIONS = {spec["key"]: spec for spec in organisations_data()}
BY_TAX_CODE = {spec["tax_code"]: spec for spec in ORGANISATIONS.values()}


def raw_lines() -> list[dict]:
    with (DEMO / "data" / "listings.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


# --- data/listings.jsonl --------------------------------------------------------------------


@pytest.mark.django_db
def test_every_line_is_a_valid_listing_of_the_exchange_format():
    vocab = Vocabularies()
    today = timezone.localdate()
    for record, plan in listing_lines():
        if "deadline_in_days" in plan:
            record["deadline"] = (today + timedelta(days=plan["deadline_in_days"])).isoformat()
        data = listing_data_from_dict(record, vocab=vocab, require_exchange=True, today=today)
        assert data.external_id and data.organisation and data.organisation.tax_code
        assert set(data.confidential) == {
            "confidential_details", "contact_name", "contact_email", "contact_phone"
        }  # fmt: skip
        assert data.kind == Listing.Kind.NEED or data.ip_status in Vocabulary.IpStatus.values


@pytest.mark.django_db(False)
def test_the_demo_key_is_the_only_extra_key():
    for obj in raw_lines():
        assert set(obj) - FORMAT_KEYS == {PLAN_KEY}, obj["external_id"]
        assert set(obj[PLAN_KEY]) <= PLAN_KEYS, obj["external_id"]
        assert "deadline" not in obj  # a fixed date would go stale: deadline_in_days


@pytest.mark.django_db(False)
def test_external_ids_are_unique_and_number_each_exchange():
    keys = [(record["exchange"], record["external_id"]) for record, _plan in listing_lines()]
    external_ids = [external_id for _code, external_id in keys]
    assert len(set(external_ids)) == len(external_ids) == 467
    numbers: dict[str, list[int]] = {}
    for code, external_id in keys:
        prefix, series, number = external_id.rsplit("-", 2)
        assert (prefix, series) == (code, "2026")
        numbers.setdefault(code, []).append(int(number))
    for code, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1)), code


@pytest.mark.django_db(False)
def test_the_plan_counts_are_what_the_summary_prints():
    statuses = {"offer": Counter(), "need": Counter()}
    for record, plan in listing_lines():
        statuses[record["kind"]][plan["status"]] += 1
    assert statuses == {"offer": OFFERS_BY_STATUS, "need": NEEDS_BY_STATUS}
    featured = Counter(
        record["exchange"] for record, plan in listing_lines() if plan.get("featured")
    )
    assert sum(featured.values()) == 12
    interest = [wish for _record, plan in listing_lines() for wish in plan.get("interest", [])]
    assert len(interest) == 62 and sum(1 for wish in interest if wish["nda"]) == 29


@pytest.mark.django_db(False)
def test_each_plan_tells_a_possible_story():
    for record, plan in listing_lines():
        path = PATHS[plan["status"]]
        ages = [parse_duration(age) for age in plan["history"]]
        assert len(ages) == len(path), record["external_id"]
        assert all(age > timedelta(0) for age in ages)
        assert ages == sorted(ages, reverse=True)  # oldest first
        content_updated = parse_duration(plan["content_updated"])
        assert content_updated <= ages[0]
        if plan["status"] in ("returned", "archived"):
            assert plan["reason"]
        else:
            assert "reason" not in plan
        if plan.get("featured") or plan.get("renewed") or plan.get("interest"):
            assert plan["status"] == "published"
        if plan["status"] == "expired":
            # Expired by the daily job on the day its year was up.
            assert ages[1] - ages[2] == PUBLICATION_PERIOD
        if plan["status"] == "published":
            start = content_updated if plan.get("renewed") else ages[1]
            assert start < PUBLICATION_PERIOD  # still online
        assert ("deadline_in_days" in plan) <= (record["kind"] == "need")


@pytest.mark.django_db(False)
def test_owners_and_readers_are_demo_organisations():
    for record, plan in listing_lines():
        spec = BY_TAX_CODE[record["organisation"]["tax_code"]]
        assert record["organisation"] == {
            "name": spec["name"],
            "kind": spec["kind"],
            "tax_code": spec["tax_code"],
            "province": spec["province"],
        }
        assert record["exchange"] == spec["home_exchange"]
        assert record["confidential"]["contact_email"] in {
            spec["owner"]["email"], spec.get("member", {}).get("email")
        }  # fmt: skip
        for wish in plan.get("interest", []):
            assert wish["organisation"] in ORGANISATIONS
            assert wish["organisation"] != spec["key"]
            assert wish["message"] and 1 <= wish["days_after"] <= 20


# --- The write path -------------------------------------------------------------------------

EVENTS: list[tuple[list[int], str]] = []


def record_listings_changed(ids: list[int], *, reason: str) -> None:
    EVENTS.append((list(ids), reason))


@pytest.mark.slow
@pytest.mark.django_db
def test_seeding_announces_every_listing_through_the_write_path(
    settings, django_capture_on_commit_callbacks
):
    settings.LISTINGS_CHANGED_HANDLERS = ["tests.demo.test_demo_data.record_listings_changed"]
    settings.ORGANISATIONS_CHANGED_HANDLERS = []
    EVENTS.clear()
    with django_capture_on_commit_callbacks(execute=True):
        demo_seed()
    ids = set(Listing.objects.values_list("pk", flat=True))
    assert len(ids) == 467
    by_reason: dict[str, set[int]] = {}
    for event_ids, reason in EVENTS:
        by_reason.setdefault(reason, set()).update(event_ids)
    assert set(by_reason) == {"created", "imported", "submitted", "returned", "approved",
                              "renewed", "archived", "expired", "featured", "updated"}  # fmt: skip
    statuses = dict(Listing.objects.values_list("pk", "status"))
    assert by_reason["created"] | by_reason["imported"] == ids
    assert {statuses[pk] for pk in by_reason["created"]} == {"draft", "submitted", "returned"}
    assert len(by_reason["approved"]) == 255 + 137 + 9 + 9  # published, expired, archived
    assert {statuses[pk] for pk in by_reason["expired"]} == {"expired"}
    # The past is written once, for every listing, and announced once.
    updated = [event_ids for event_ids, reason in EVENTS if reason == "updated"]
    assert len(updated) == 1 and set(updated[0]) == ids

    EVENTS.clear()
    with django_capture_on_commit_callbacks(execute=True):
        demo_seed()
    assert EVENTS == []  # a second run changes no listing


LISTING_MODELS = {"Listing", "ListingStatusChange", "ListingInterest", "NdaAcceptance"}
DATED_COLUMNS = {"created_at", "updated_at", "published_at", "expires_at", "content_updated_at",
                 "featured_at", "views_count", "accepted_at"}  # fmt: skip
PUBLIC_PRODUCT_MODULES = {
    "listings.services", "listings.importing", "listings.formats", "listings.models",
    "listings.events", "listings.selectors", "marketplace.accounts.events",
    "marketplace.accounts.models",
    "marketplace.accounts.services", "marketplace.exchanges.models",
    "marketplace.exchanges.services", "marketplace.exchanges.reference",
    "marketplace.reference.models", "marketplace.reference.loading", "marketplace.core.text",
}  # fmt: skip


def _demo_modules():
    for path in sorted(DEMO.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _model_of(node: ast.AST) -> str | None:
    """ "Listing" for Listing.objects.filter(...).update(...), and the like."""
    while isinstance(node, ast.Call | ast.Attribute):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


@pytest.mark.django_db(False)
def test_demo_imports_only_public_services_of_the_product():
    for path, tree in _demo_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.split(".")[0] in ("listings", "marketplace", "search", "matching", "cms"):
                    assert name in PUBLIC_PRODUCT_MODULES, (path.name, name)
            if isinstance(node, ast.ImportFrom):
                assert not any(alias.name.startswith("_") for alias in node.names), path.name


@pytest.mark.django_db(False)
def test_demo_writes_listing_rows_only_through_the_services():
    """No bulk writes, saves or deletes of listings and their history in demo/; queryset
    updates of listing rows only in `_date_the_story`, and only of timestamps and counters."""
    dated = 0
    for path, tree in _demo_modules():
        functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
        for function in functions:
            for node in ast.walk(function):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                    continue
                method, model = node.func.attr, _model_of(node.func.value)
                where = f"{path.name}:{function.name}:{node.lineno}"
                if method == "save":  # accounts rows that have no service; never a listing
                    assert model in ("user", "address", "membership"), where
                if model not in LISTING_MODELS:
                    continue
                if method == "bulk_create":
                    assert model == "ListingInterest", where  # reader records, not listings
                    continue
                assert method not in ("bulk_update", "create", "get_or_create",
                                      "update_or_create", "delete", "raw"), where  # fmt: skip
                if method == "update":
                    assert function.name == "_date_the_story", where
                    assert {keyword.arg for keyword in node.keywords} <= DATED_COLUMNS, where
                    dated += 1
    assert dated >= 4
    source = "\n".join(path.read_text(encoding="utf-8") for path, _tree in _demo_modules())
    for private in ("bulk_sql", "insert_rows", "insert_listings", "update_listings", ".rules"):
        assert private not in source, private


@pytest.mark.django_db(False)
def test_nothing_in_the_product_imports_demo():
    root = DEMO.parent
    for top in ("marketplace", "listings", "search", "matching", "cms"):
        for path in (root / top).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and not node.level:
                    assert node.module.split(".")[0] != "demo", path
                elif isinstance(node, ast.Import):
                    assert all(alias.name.split(".")[0] != "demo" for alias in node.names), path


@pytest.mark.django_db(False)
def test_dates_are_relative_to_the_run():
    """Nothing in the data depends on the day it was written: no line carries a date."""
    for record, plan in listing_lines():
        for value in (*record.values(), *plan.values()):
            if isinstance(value, str):
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    continue
                pytest.fail(f"{record['external_id']} carries a date: {value}")
