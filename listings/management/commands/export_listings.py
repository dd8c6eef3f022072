"""python manage.py export_listings [--exchange CODE] [--kind offer|need] > FILE

Writes published listings as JSON Lines in the exchange format (spec/listing-format.md), in a
deterministic order; a national exchange's export includes its local centres.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from listings.exporting import listings_export_lines
from listings.models import Listing
from marketplace.exchanges.models import Exchange

from ._streams import use_utf8_streams


class Command(BaseCommand):
    help = "Writes published listings as JSON Lines in the exchange format to standard output."

    def add_arguments(self, parser):
        parser.add_argument(
            "--exchange", help="exchange code (a national one includes its centres)"
        )
        parser.add_argument("--kind", choices=list(Listing.Kind.values))

    def handle(self, *args, exchange=None, kind=None, **options):
        use_utf8_streams()
        selected = None
        if exchange is not None:
            try:
                selected = Exchange.objects.get(code=exchange)
            except Exchange.DoesNotExist as exc:
                known = ", ".join(Exchange.objects.order_by("code").values_list("code", flat=True))
                raise CommandError(
                    _("Unknown exchange code “%(code)s”. Known codes: %(known)s.")
                    % {"code": exchange, "known": known}
                ) from exc
        write = self.stdout.write
        for line in listings_export_lines(exchange=selected, kind=kind):
            write(line)
