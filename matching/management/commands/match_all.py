from django.core.management.base import BaseCommand

from matching import services


class Command(BaseCommand):
    help = (
        "Recomputes every matching suggestion (technology transfers and spin-off partners); "
        "idempotent, the nightly job runs the same service."
    )

    def handle(self, *args, **options):
        report = services.suggestions_recompute_all()
        self.stdout.write(
            f"encoded {report.encoded}, transfers {report.transfers}, "
            f"partners {report.partners}, removed {report.removed}"
        )
