"""Import of listings in the exchange format (spec/listing-format.md), in bulk.

`listings_import` reads JSON Lines: one listing a line, keyed by (exchange, external_id), so
that importing the same file twice changes nothing and a changed line updates its listing. A
bad line is reported with its number and the reason and never stops or rolls back the good
ones: lines are validated one by one through `listing_data_from_dict` (the one codec of the
format), then saved in batches, each batch in its own savepoint; when a batch fails in the
database, its lines are retried one by one, each in its own savepoint.

Organisations named on the lines are matched by tax code, or, without a tax code, by exact
(name, province); absent ones are created unverified, with the same derived fields as
`organisation_create` (folded name, home exchange from the province). Existing organisations
are never modified by an import: they belong to their members.

The management command `import_listings` and the spreadsheet upload of the staff pages both
call this function; the REST API and forms create listings one at a time through
listings.services. Writes are done in bulk without model-by-model saves (COPY on PostgreSQL;
see benchmarks/RESULTS.md for why), so no model `save()` or signal runs for imported rows:
the search index is fed by one queued task per committed batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import JSONField, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import Organisation
from marketplace.core.text import fold_diacritics
from marketplace.exchanges.models import Exchange, Province

from .formats import ListingData, ListingFormatError, Vocabularies, listing_data_from_dict
from .models import Listing, ListingStatusChange, Vocabulary
from .services import PUBLICATION_PERIOD

MAX_LINE_BYTES = 1024 * 1024
BATCH_SIZE = 500
IMPORT_STATUSES = (Listing.Status.PUBLISHED, Listing.Status.SUBMITTED)
S = Listing.Status

# Content fields copied from ListingData onto the model, and compared to decide "unchanged".
CONTENT_FIELDS = (
    "language",
    "title",
    "summary",
    "description",
    "keywords",
    "trl",
    "ip_status",
    "ip_numbers",
    "cooperation",
    "price_min_vnd",
    "price_max_vnd",
    "deadline",
    "applications",
    "advantages",
    "video_url",
)
UPDATE_FIELDS = (
    *CONTENT_FIELDS,
    "organisation",
    "status",
    "return_reason",
    "published_at",
    "expires_at",
    "featured_at",
    "content_updated_at",
    "updated_at",
)


@dataclass
class ImportReport:
    """What an import did. `errors` holds (line number, reason) in line order; `error_fields`
    the same problems keyed by field path, for callers that show them field by field;
    `outcomes` maps each non-blank line to created/updated/unchanged/rejected."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    error_fields: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    outcomes: dict[int, str] = field(default_factory=dict)
    listing_ids: list[int] = field(default_factory=list)  # created or updated: to (re)index

    @property
    def summary(self) -> str:
        """The summary line of the spec; a machine-read contract, so never translated."""
        return (
            f"created {self.created}, updated {self.updated}, "
            f"unchanged {self.unchanged}, rejected {self.rejected}"
        )


class _DryRun(Exception):
    """Raised to roll back a dry run once its report is complete."""


@dataclass
class _Line:
    number: int
    data: ListingData
    exchange: Exchange
    org_key: tuple
    interests: dict[str, Any] | None


@dataclass
class _Result:
    line: _Line
    outcome: str
    listing_id: int | None = None
    fields: dict[str, list[str]] | None = None


def format_reason(fields: dict[str, list[str]]) -> str:
    """ "title: At most 200 characters (this has 10240).; trl: ..." for one line."""
    return "; ".join(
        f"{path}: {' '.join(messages)}" if path else " ".join(messages)
        for path, messages in fields.items()
    )


def read_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """The lines of a binary stream with bounded memory: a line longer than MAX_LINE_BYTES is
    cut to MAX_LINE_BYTES + 1 bytes (enough for the importer to reject it) and the rest of it
    skipped, so a huge line never sits in memory whole."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line
                rest = stream.readline(MAX_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def _interests(value: Any, vocab: Vocabularies, errors: dict[str, list[str]]) -> dict | None:
    """Validates an organisation's partner interests (spec, "Organisation interests")."""
    if value is None:
        return None
    if not isinstance(value, dict):
        return None  # listing_data_from_dict has reported it

    def add(key: str, message: str) -> None:
        errors.setdefault(f"organisation.interests.{key}", []).append(message)

    result: dict[str, Any] = {}
    for key, allowed in (("sectors", vocab.sectors), ("provinces", vocab.provinces)):
        codes = value.get(key) or []
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            add(key, _("Must be a list of codes."))
            codes = []
        unknown = [c for c in codes if c not in allowed]
        if unknown:
            add(key, _("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown[:10])})
        result[key] = list(dict.fromkeys(codes))
    min_trl = value.get("min_trl")
    if min_trl is not None and (
        isinstance(min_trl, bool) or not isinstance(min_trl, int) or not 1 <= min_trl <= 9
    ):
        add("min_trl", _("TRL is a whole number from 1 to 9."))
        min_trl = None
    result["min_trl"] = min_trl
    spin_off = value.get("spin_off", False)
    if spin_off is None:
        spin_off = False
    if not isinstance(spin_off, bool):
        add("spin_off", _("Must be true or false."))
        spin_off = False
    result["spin_off"] = spin_off
    ticket = value.get("ticket_vnd")
    low = high = None
    if ticket is not None:
        if not isinstance(ticket, dict) or set(ticket) - {"min", "max"}:
            add("ticket_vnd", _("Must be null or an object with “min” and/or “max”."))
        else:
            bounds = []
            for key in ("min", "max"):
                raw = ticket.get(key)
                if raw is not None and (
                    isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 10**15
                ):
                    add(f"ticket_vnd.{key}", _("Must be a whole number of đồng, 0 or more."))
                    raw = None
                bounds.append(raw)
            low, high = bounds
            if low is not None and high is not None and low > high:
                add("ticket_vnd.max", _("The maximum must not be below the minimum."))
    result["ticket_min"], result["ticket_max"] = low, high
    return result


class _Importer:
    def __init__(self, *, default_exchange: str | None, status: str):
        if status not in IMPORT_STATUSES:
            raise ValidationError(_("Imported listings are published or submitted."))
        self.exchanges = {e.code: e for e in Exchange.objects.all()}
        if default_exchange is not None and default_exchange not in self.exchanges:
            raise ValidationError(
                _("Unknown exchange code “%(code)s”.") % {"code": default_exchange}
            )
        self.default_exchange = default_exchange
        self.status = status
        self.vocab = Vocabularies()
        self.provinces = {
            p.slug: p for p in Province.objects.only("pk", "slug", "default_exchange_id")
        }
        self.province_slugs = {p.pk: slug for slug, p in self.provinces.items()}
        self.today = timezone.localdate()
        self.report = ImportReport()

    # ---- reading and validating one line (no database writes) ----

    def _reject(self, number: int, fields: dict[str, list[str]]) -> None:
        report = self.report
        report.rejected += 1
        report.errors.append((number, format_reason(fields)))
        report.error_fields[number] = fields
        report.outcomes[number] = "rejected"

    def parse(self, number: int, raw: str | bytes) -> _Line | None:
        """A validated line, or None for a blank or rejected one (rejections are recorded)."""
        if isinstance(raw, bytes):
            if len(raw.rstrip(b"\r\n")) > MAX_LINE_BYTES:
                return self._too_long(number)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self._reject(
                    number,
                    {"": [_("Not valid UTF-8 (at byte %(position)d).") % {"position": exc.start}]},
                )
                return None
        else:
            text = raw
            if len(text) > MAX_LINE_BYTES // 4 and (
                len(text.rstrip("\r\n").encode("utf-8", "surrogatepass")) > MAX_LINE_BYTES
            ):
                return self._too_long(number)
        if number == 1:
            text = text.removeprefix("\ufeff")
        text = text.strip()
        if not text:
            return None
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError) as exc:
            detail = getattr(exc, "msg", None) or _("nested too deeply")
            self._reject(number, {"": [_("Invalid JSON: %(detail)s.") % {"detail": detail}]})
            return None
        if "\\ud" in text.lower() and _has_lone_surrogate(obj):
            self._reject(number, {"": [_("The line contains an invalid Unicode character.")]})
            return None
        return self.validate(number, obj)

    def _too_long(self, number: int) -> None:
        self._reject(
            number,
            {
                "": [
                    _("The line is longer than %(limit)s bytes.") % {"limit": f"{MAX_LINE_BYTES:,}"}
                ]
            },
        )

    def validate(self, number: int, obj: Any) -> _Line | None:
        errors: dict[str, list[str]] = {}
        data = interests = None
        if isinstance(obj, dict) and obj.get("exchange") is None:
            if self.default_exchange:
                obj = {**obj, "exchange": self.default_exchange}
            else:
                errors["exchange"] = [
                    _("This field is required: give it on the line or with --exchange.")
                ]
        try:
            data = listing_data_from_dict(obj, vocab=self.vocab, today=self.today)
        except ListingFormatError as exc:
            errors = {**exc.fields, **errors}
        if isinstance(obj, dict):
            external_id = obj.get("external_id")
            if external_id is None:
                errors.setdefault("external_id", []).append(_("This field is required for import."))
            elif isinstance(external_id, str) and any(
                ord(c) < 32 or c == "\x7f" for c in external_id
            ):
                errors.setdefault("external_id", []).append(
                    _("Must not contain control characters.")
                )
            organisation = obj.get("organisation")
            if organisation is None:
                errors.setdefault("organisation", []).append(
                    _("This field is required for import.")
                )
            interests = (
                _interests(organisation.get("interests"), self.vocab, errors)
                if isinstance(organisation, dict)
                else None
            )
            video_url = obj.get("video_url")
            if isinstance(video_url, str) and len(video_url) > 200:
                errors.setdefault("video_url", []).append(_("At most 200 characters."))
        if errors or data is None:
            self._reject(number, errors or {"": [_("Invalid listing.")]})
            return None
        org = data.organisation
        org_key = ("tax", org.tax_code) if org.tax_code else ("name", org.name, org.province)
        return _Line(
            number=number,
            data=data,
            exchange=self.exchanges[data.exchange],
            org_key=org_key,
            interests=interests,
        )

    # ---- saving a batch ----

    def flush(self, batch: list[_Line]) -> None:
        if not batch:
            return
        try:
            with transaction.atomic():
                results = self._save(batch)
        except (DatabaseError, ValidationError, ValueError):
            results = []
            for line in batch:
                try:
                    with transaction.atomic():
                        results += self._save([line])
                except (DatabaseError, ValidationError, ValueError) as exc:
                    message = _("The listing could not be saved: %(error)s") % {
                        "error": _error_text(exc)
                    }
                    results.append(_Result(line, "rejected", fields={"": [message]}))
        report = self.report
        for result in results:
            number = result.line.number
            if result.outcome == "rejected":
                self._reject(number, result.fields or {})
                continue
            report.outcomes[number] = result.outcome
            setattr(report, result.outcome, getattr(report, result.outcome) + 1)
            if result.outcome != "unchanged":
                report.listing_ids.append(result.listing_id)
        saved = [r.listing_id for r in results if r.outcome in ("created", "updated")]
        if saved:
            _queue_index(saved)

    def _organisations(self, batch: list[_Line]) -> dict[tuple, int]:
        """Organisation ids by key for the batch's lines, creating the missing ones."""
        found: dict[tuple, int] = {}
        tax_codes = {line.org_key[1] for line in batch if line.org_key[0] == "tax"}
        if tax_codes:
            for tax_code, pk in Organisation.objects.filter(tax_code__in=tax_codes).values_list(
                "tax_code", "pk"
            ):
                found[("tax", tax_code)] = pk
        named = {line.org_key for line in batch if line.org_key[0] == "name"}
        if named:
            rows = (
                Organisation.objects.filter(
                    name__in={key[1] for key in named},
                    province_id__in={self.provinces[key[2]].pk for key in named},
                )
                .order_by("pk")
                .values_list("name", "province_id", "pk")
            )
            for name, province_id, pk in rows:
                found.setdefault(("name", name, self.province_slugs[province_id]), pk)
        missing: dict[tuple, _Line] = {}
        for line in batch:
            if line.org_key not in found:
                missing.setdefault(line.org_key, line)
        if missing:
            created = Organisation.objects.bulk_create(
                [self._new_organisation(line) for line in missing.values()]
            )
            sector_rows, province_rows = [], []
            SectorLink = Organisation.interest_sectors.through
            ProvinceLink = Organisation.interest_provinces.through
            for (key, line), organisation in zip(missing.items(), created, strict=True):
                found[key] = organisation.pk
                interests = line.interests or {}
                sector_rows += [
                    SectorLink(organisation_id=organisation.pk, sector_id=code)
                    for code in interests.get("sectors", [])
                ]
                province_rows += [
                    ProvinceLink(
                        organisation_id=organisation.pk, province_id=self.provinces[slug].pk
                    )
                    for slug in interests.get("provinces", [])
                ]
            SectorLink.objects.bulk_create(sector_rows)
            ProvinceLink.objects.bulk_create(province_rows)
        return found

    def _new_organisation(self, line: _Line) -> Organisation:
        org = line.data.organisation
        province = self.provinces[org.province]
        interests = line.interests or {}
        return Organisation(
            kind=org.kind,
            name=org.name,
            name_folded=fold_diacritics(org.name),
            tax_code=org.tax_code,
            province_id=province.pk,
            home_exchange_id=province.default_exchange_id,
            interest_min_trl=interests.get("min_trl"),
            interest_spin_off=interests.get("spin_off", False),
            interest_ticket_min_vnd=interests.get("ticket_min"),
            interest_ticket_max_vnd=interests.get("ticket_max"),
        )

    def _existing(self, batch: list[_Line]) -> dict[tuple[int, str], Listing]:
        by_exchange: dict[int, set[str]] = {}
        for line in batch:
            by_exchange.setdefault(line.exchange.pk, set()).add(line.data.external_id)
        condition = Q()
        for exchange_id, external_ids in by_exchange.items():
            condition |= Q(exchange_id=exchange_id, external_id__in=external_ids)
        listings = {
            (listing.exchange_id, listing.external_id): listing
            for listing in Listing.objects.filter(condition).defer(
                "confidential_details", "contact_name", "contact_email", "contact_phone"
            )
        }
        if listings:
            by_pk = {listing.pk: listing for listing in listings.values()}
            for listing in by_pk.values():
                listing._sector_codes, listing._province_slugs = set(), set()
            for listing_id, code in Listing.sectors.through.objects.filter(
                listing_id__in=by_pk
            ).values_list("listing_id", "sector_id"):
                by_pk[listing_id]._sector_codes.add(code)
            for listing_id, province_id in Listing.provinces.through.objects.filter(
                listing_id__in=by_pk
            ).values_list("listing_id", "province_id"):
                by_pk[listing_id]._province_slugs.add(self.province_slugs[province_id])
        return listings

    def _save(self, batch: list[_Line]) -> list[_Result]:
        now = timezone.now()
        organisations = self._organisations(batch)
        existing = self._existing(batch)
        results: list[_Result] = []
        new: list[tuple[_Line, Listing]] = []
        changed: list[tuple[_Line, Listing]] = []
        history: list[ListingStatusChange] = []
        imported = _("Imported")
        at = connection.ops.adapt_datetimefield_value(now)
        for line in batch:
            data = line.data
            organisation_id = organisations[line.org_key]
            listing = existing.get((line.exchange.pk, data.external_id))
            if listing is None:
                listing = Listing(
                    kind=data.kind,
                    organisation_id=organisation_id,
                    exchange=line.exchange,
                    external_id=data.external_id,
                    status=self.status,
                    content_updated_at=now,
                    updated_at=now,
                )
                _apply(listing, data)
                if self.status == S.PUBLISHED:
                    listing.published_at = now
                    listing.expires_at = now + PUBLICATION_PERIOD
                new.append((line, listing))
                continue
            if listing.kind != data.kind:
                results.append(
                    _Result(
                        line,
                        "rejected",
                        fields={"kind": [_("The kind of a listing cannot change.")]},
                    )
                )
                continue
            if _unchanged(listing, data, organisation_id):
                results.append(_Result(line, "unchanged", listing.pk))
                continue
            if listing.status == S.ARCHIVED:
                results.append(
                    _Result(
                        line, "rejected", fields={"": [_("An archived listing cannot be edited.")]}
                    )
                )
                continue
            _apply(listing, data)
            listing.organisation_id = organisation_id
            listing.content_updated_at = listing.updated_at = now
            if listing.status != self.status:
                history.append((listing.pk, listing.status, self.status, imported, at))
                listing.status = self.status
                listing.return_reason = ""
                if self.status == S.PUBLISHED:
                    listing.published_at = listing.published_at or now
                    listing.expires_at = now + PUBLICATION_PERIOD
                else:
                    listing.featured_at = None
            changed.append((line, listing))

        if new:
            _create([listing for _line, listing in new], now)
            history += [(listing.pk, "", self.status, imported, at) for _line, listing in new]
        if changed:
            _update([listing for _line, listing in changed], UPDATE_FIELDS)
        self._relations(new, changed)
        _insert(
            ListingStatusChange,
            ("listing_id", "from_status", "to_status", "reason", "created_at"),
            history,
        )
        results += [_Result(line, "created", listing.pk) for line, listing in new]
        results += [_Result(line, "updated", listing.pk) for line, listing in changed]
        return results

    def _relations(self, new: list, changed: list) -> None:
        SectorLink = Listing.sectors.through
        ProvinceLink = Listing.provinces.through
        sectors_stale = [
            listing.pk
            for line, listing in changed
            if set(line.data.sectors) != listing._sector_codes
        ]
        provinces_stale = [
            listing.pk
            for line, listing in changed
            if set(line.data.provinces) != listing._province_slugs
        ]
        if sectors_stale:
            SectorLink.objects.filter(listing_id__in=sectors_stale).delete()
        if provinces_stale:
            ProvinceLink.objects.filter(listing_id__in=provinces_stale).delete()
        sectors_stale_set, provinces_stale_set = set(sectors_stale), set(provinces_stale)
        sector_rows, province_rows = [], []
        for line, listing in [*new, *changed]:
            fresh = not hasattr(listing, "_sector_codes")
            if fresh or listing.pk in sectors_stale_set:
                sector_rows += [(listing.pk, code) for code in line.data.sectors]
            if fresh or listing.pk in provinces_stale_set:
                province_rows += [
                    (listing.pk, self.provinces[slug].pk) for slug in line.data.provinces
                ]
        _insert(SectorLink, ("listing_id", "sector_id"), sector_rows)
        _insert(ProvinceLink, ("listing_id", "province_id"), province_rows)

    # ---- the whole run ----

    def run(self, lines: Iterable[str | bytes], batch_size: int) -> ImportReport:
        batch: list[_Line] = []
        keys: set[tuple[int, str]] = set()
        for number, raw in enumerate(lines, start=1):
            line = self.parse(number, raw)
            if line is None:
                continue
            key = (line.exchange.pk, line.data.external_id)
            if key in keys or len(batch) >= batch_size:
                # A key seen again in the same batch is saved after the earlier line, so that
                # the later line wins as it would one batch later.
                self.flush(batch)
                batch, keys = [], set()
            batch.append(line)
            keys.add(key)
        self.flush(batch)
        self.report.errors.sort()
        return self.report


def _queue_index(listing_ids: list[int]) -> None:
    """The batch's search documents, in bulk, once it commits (a dry run never commits)."""
    from search.tasks import index_listings

    transaction.on_commit(lambda: index_listings.delay(listing_ids), robust=True)


def _create(listings: list[Listing], now) -> None:
    """Inserts new listings. On PostgreSQL: ids drawn from the sequence in one query, then
    one COPY; elsewhere bulk_create. (bulk_create's per-field preparation and client-side
    parameter binding took most of an import's time.)"""
    if connection.vendor != "postgresql":
        Listing.objects.bulk_create(listings)
        return
    table = Listing._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, Listing._meta.pk.column, len(listings)],
        )
        ids = [row[0] for row in cursor.fetchall()]
    fields = Listing._meta.concrete_fields
    rows = []
    for listing, pk in zip(listings, ids, strict=True):
        listing.pk = pk
        listing._state.adding, listing._state.db = False, connection.alias
        row = []
        for model_field in fields:
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                setattr(listing, model_field.attname, now)
            value = getattr(listing, model_field.attname)
            if isinstance(model_field, JSONField) and value is not None:
                value = json.dumps(value, ensure_ascii=False)
            row.append(value)
        rows.append(row)
    _copy(table, [model_field.column for model_field in fields], rows)


def _copy(table: str, columns: list[str], rows: list) -> None:
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,  # psycopg's errors as django.db's, as for queries
        cursor.cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Inserts link and history rows, whose values are already what the columns hold: COPY
    on PostgreSQL, multi-row INSERTs elsewhere; no model instances either way."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(model._meta.db_table, list(columns), rows)
        return
    quote = connection.ops.quote_name
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608 - names from the model's meta
        quote(model._meta.db_table), ", ".join(quote(column) for column in columns)
    )
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, min(1000, 999 // len(columns)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                head + ", ".join([placeholder] * len(chunk)),
                [value for row in chunk for value in row],
            )


def _update(listings: list[Listing], names: tuple[str, ...]) -> None:
    """One UPDATE per listing, sent together (executemany): bulk_update's CASE expressions
    grow with the batch and made the database compare every row with every other."""
    fields = [Listing._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - names from the model's meta
        quote(Listing._meta.db_table),
        ", ".join(f"{quote(field.column)} = %s" for field in fields),
        quote(Listing._meta.pk.column),
    )
    rows = [
        [field.get_db_prep_save(getattr(listing, field.attname), connection) for field in fields]
        + [listing.pk]
        for listing in listings
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _apply(listing: Listing, data: ListingData) -> None:
    for name in CONTENT_FIELDS:
        setattr(listing, name, getattr(data, name))


def _ip_status(kind: str, value: str) -> str:
    return (value or Vocabulary.IpStatus.NONE) if kind == Listing.Kind.OFFER else value


def _unchanged(listing: Listing, data: ListingData, organisation_id: int) -> bool:
    if listing.organisation_id != organisation_id:
        return False
    for name in CONTENT_FIELDS:
        if name == "ip_status":
            if _ip_status(listing.kind, listing.ip_status) != _ip_status(data.kind, data.ip_status):
                return False
        elif getattr(listing, name) != getattr(data, name):
            return False
    return listing._sector_codes == set(data.sectors) and listing._province_slugs == set(
        data.provinces
    )


def _has_lone_surrogate(obj: Any) -> bool:
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def listings_import(
    *,
    lines: Iterable[str | bytes],
    default_exchange: str | None,
    status: str = "published",
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Imports listings in the exchange format, one JSON object a line (str, or bytes that
    must be UTF-8). A line's exchange defaults to `default_exchange`. `status` is "published"
    or "submitted" (to the moderation queue) for new and changed listings. `dry_run` reports
    what would happen and saves nothing. Raises ValidationError for an unknown
    `default_exchange` or status; bad lines never raise, they are reported."""
    importer = _Importer(default_exchange=default_exchange, status=status)
    if not dry_run:
        return importer.run(lines, batch_size)
    try:
        with transaction.atomic():
            importer.run(lines, batch_size)
            raise _DryRun
    except _DryRun:
        pass
    importer.report.listing_ids = []
    return importer.report
