"""The SQL of bulk writes, without model-by-model saves: COPY on PostgreSQL, multi-row
statements elsewhere. bulk_create's per-field preparation and client-side parameter binding
took most of an import's time, and bulk_update's CASE expressions grow with the batch
(benchmarks/RESULTS.md)."""

from __future__ import annotations

import json
from datetime import datetime

from django.db import connection
from django.db.models import JSONField, Model

from ..models import Listing


def insert_listings(listings: list[Listing], now: datetime) -> None:
    """Inserts new listings and sets their ids. On PostgreSQL: ids drawn from the sequence in
    one query, then one COPY; elsewhere bulk_create."""
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


def insert_rows(model: type[Model], columns: tuple[str, ...], rows: list[tuple]) -> None:
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


def update_listings(listings: list[Listing], names: tuple[str, ...]) -> None:
    """One UPDATE per listing, sent together (executemany)."""
    fields = [Listing._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    statement = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608 - names from the meta
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
        cursor.executemany(statement, rows)
