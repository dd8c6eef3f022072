import json
from pathlib import Path

from django.core.management.base import BaseCommand

from matching import evaluation


class Command(BaseCommand):
    help = (
        "Measures the matching engine on the labelled set (precision@5, recall@3, recall@10, "
        "nDCG@10, MRR) for the whole engine, lexical text alone and vectors alone. Writes "
        "nothing: the set is imported in a transaction that is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--set", type=Path, default=evaluation.DEFAULT_SET)
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args, **options):
        report = evaluation.evaluate(options["set"])
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "counts": report.counts,
                        "transfers": {m: x.as_dict() for m, x in report.transfers.items()},
                        "partners": {m: x.as_dict() for m, x in report.partners.items()},
                    },
                    indent=2,
                )
            )
            return
        counts = report.counts
        self.stdout.write(
            f"Labelled set: {counts['offers']} offers, {counts['needs']} needs, "
            f"{counts['partners']} partner organisations"
        )
        for title, table in (
            ("Transfers (need → offers)", report.transfers),
            ("Spin-off partners (offer → organisations)", report.partners),
        ):
            self.stdout.write(f"\n{title}")
            columns = list(next(iter(table.values())).as_dict())
            self.stdout.write("mode      " + "".join(f"{c:>24}" for c in columns))
            for mode, metrics in table.items():
                values = metrics.as_dict()
                self.stdout.write(f"{mode:<10}" + "".join(f"{values[c]!s:>24}" for c in columns))
            misses = table["full"].misses
            if misses:
                self.stdout.write(f"no strong answer in the top 3 (full): {', '.join(misses)}")
