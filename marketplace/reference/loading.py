"""The sector table shipped from spec/sectors.tsv (Circular 24/2025/TT-BKHCN)."""

import csv
from pathlib import Path

SECTORS_TSV = Path(__file__).parent / "data" / "sectors.tsv"


def read_sectors() -> list[dict]:
    with SECTORS_TSV.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row.get("code")]


def sectors_load(Sector) -> None:  # noqa: N803 - historical model in migrations
    """Creates or updates every sector; fields first so that sectors can point at them."""
    rows = read_sectors()
    for row in sorted(rows, key=lambda r: (bool(r["parent"]), r["code"])):
        Sector.objects.update_or_create(
            code=row["code"],
            defaults={
                "parent_id": row["parent"] or None,
                "name_vi": row["name_vi"].strip(),
                "name_en": row["name_en"].strip(),
            },
        )
